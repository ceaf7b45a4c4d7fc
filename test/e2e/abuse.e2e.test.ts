// The real server over HTTP, against what others can send: a signed push body replayed with new
// delivery ids queues one merge job for the repository and commit; commands from someone without
// write permission get one reply per pull request, then only reactions.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useMoto } from "../support/aws.js";
import { fakeSha, issueCommentPayload, pushPayload, sendWebhook } from "../support/webhooks.js";
import { addDeclarationPullRequest, failureReport, latestCheckRun, startE2e, type E2e } from "./okctl-server.js";

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
    // No pull request merged it: the one merge job says so on the commit.
    await standin.waitFor(() => latestCheckRun(standin, after, "okctl apply"), { timeoutMs: 30_000, what: "the merge job's check run" });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // several worker polls
    const lines = app.logs().split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as { msg?: string; jobs?: string[]; kind?: string; jobId?: string });
    expect(lines.filter((line) => line.msg === "webhook recorded").map((line) => line.jobs)).toEqual([[`oslokommune/booking@${after.slice(0, 12)}`], [], []]);
    // One job (a slow machine may lose and retake its lease, but it stays one job).
    expect(new Set(lines.filter((line) => line.msg === "job started" && line.kind === "merge").map((line) => line.jobId)).size).toBe(1);
    expect(standin.unexpected()).toEqual([]);
  });
});

describe("commands from someone without write permission", () => {
  it("get one reply on the pull request, then a 👎 reaction each, whatever the command", async () => {
    const { standin, app } = e2e;
    const { pull } = addDeclarationPullRequest(standin);
    standin.repository.permissions.set("visitor", "read");
    for (const body of ["/okctl apply", "/okctl help", "/okctl plan", "/okctl apply"]) {
      const comment = standin.repository.addComment(pull.number, body, "visitor");
      const payload = issueCommentPayload({ body, user: "visitor", number: pull.number, commentId: comment.id, installationId: standin.installationId });
      expect((await sendWebhook({ url: app.webhookUrl, secret: app.webhookSecret, event: "issue_comment", payload })).status).toBe(200);
    }
    await standin.waitFor(() => standin.repository.reactions.length === 3, { timeoutMs: 30_000, what: "three reactions" });
    const replies = standin.appComments(pull.number);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain("needs write permission");
    expect(standin.repository.reactions.map((reaction) => reaction.content)).toEqual(["-1", "-1", "-1"]);
    expect(standin.unexpected()).toEqual([]);
  });
});
