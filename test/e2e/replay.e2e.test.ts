// A signed push body replayed with new delivery ids (a replay, or GitHub's "redeliver" after a
// new id): the real server over HTTP queues one merge job for the repository and commit.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useMoto } from "../support/aws.js";
import { fakeSha, pushPayload, sendWebhook } from "../support/webhooks.js";
import { failureReport, latestCheckRun, startE2e, type E2e } from "./okctl-server.js";

const { endpoint: motoEndpoint } = useMoto();
let e2e: E2e;

beforeEach(async () => {
  e2e = await startE2e(motoEndpoint);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") console.error(failureReport(e2e));
  await e2e?.stop();
});

describe("a replayed push", () => {
  it("is one merge, whatever the delivery ids", async () => {
    const { standin, app } = e2e;
    const after = fakeSha("pushed-directly");
    standin.repository.putFiles(after, { "okctl.yaml": "apiVersion: okctl.io/v1alpha1\n" });
    const payload = pushPayload({ before: fakeSha("base"), after, commits: [{ id: after, modified: ["okctl.yaml"] }], installationId: standin.installationId });
    for (const deliveryId of ["replay-1", "replay-2", "replay-3"]) {
      const response = await sendWebhook({ url: app.webhookUrl, secret: app.webhookSecret, event: "push", payload, deliveryId });
      expect(response.status).toBe(200);
    }
    // No pull request merged it: the one merge job says so once on the commit.
    await standin.waitFor(() => latestCheckRun(standin, after, "okctl apply"), { timeoutMs: 30_000, what: "the merge job's check run" });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // several worker polls
    expect(standin.checkRuns(after)).toHaveLength(1);
    expect(standin.requests.filter((request) => request.route === "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls")).toHaveLength(1);
    expect(app.logs().match(/"webhook recorded"/g)).toHaveLength(3);
    expect(standin.unexpected()).toEqual([]);
  });
});
