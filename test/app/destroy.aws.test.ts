// Destructive plans apply only with both keys: the access entry's allowDestroy and the merged pull
// request's okctl/allow-destroy label. Without the label nothing is deleted and the pull request
// is told why and what to do.
import { beforeEach, describe, expect, it } from "vitest";
import { ALLOW_DESTROY_LABEL } from "../../src/render/markdown.js";
import { useMoto } from "../support/aws.js";
import { issueCommentPayload } from "../support/webhooks.js";
import { applyDirectly, parameterValue } from "./aws-state.js";
import { EXAMPLE, MERGE, mergedPullJson, withoutLogLevel } from "./fixtures.js";
import { useApp, type AppHarness } from "./harness.js";
import { APPLY_MARKER, deliverMerge, expectApplyRuns, expectApproval, expectMerge, expectHeldApplyStillCurrent, openPullRequest } from "./scenarios.js";

useMoto();
const currentApp = useApp({ access: { allowDestroy: true } });
let app: AppHarness;
beforeEach(async () => {
  app = currentApp();
  await applyDirectly(EXAMPLE);
});

describe("a merged pull request that deletes a resource", () => {
  it("without the label: nothing is deleted, the pull request says why and what to do; label + /okctl apply then deletes", async () => {
    const { comment } = await openPullRequest(app, 1, withoutLogLevel());
    expect(String(comment.bodies[0]?.body)).toContain("Plan: 0 to create, 0 to update, 0 to replace, 1 to destroy.");
    expect(String(comment.bodies[0]?.body)).toContain(`only if this pull request carries the label \`${ALLOW_DESTROY_LABEL}\``);

    expectMerge(app, 1, withoutLogLevel());
    const refusal = app.github.stickyUpsert(1, APPLY_MARKER);
    const check = app.github.createCheckRun(301);
    await deliverMerge(app, 1);
    await app.runJobs();

    app.github.verify();
    expect(await parameterValue("app/log-level")).toBe("info");
    const said = String(refusal.bodies[0]?.body);
    expect(said.startsWith(`${APPLY_MARKER}\n`)).toBe(true);
    expect(said.replaceAll("\\", "")).toContain(`does not carry the label "${ALLOW_DESTROY_LABEL}"`); // Markdown escapes aside
    expect(said).toContain("**Not applied.** Plan: 0 to create, 0 to update, 0 to replace, 1 to destroy.");
    expect(said).toContain('add the label and comment "/okctl apply"');
    expect(said).not.toContain("No AWS calls were made");
    expect(check.bodies[0]).toMatchObject({ name: "okctl apply", head_sha: MERGE(1), status: "completed", conclusion: "neutral" });
    expect((await app.store.listApplyAudit()).map((entry) => [entry.result, entry.summary])).toEqual([["refused", { reason: "label-missing" }]]);

    // What the comment says to do: add the label, then /okctl apply.
    app.github.permission("lead", "write");
    app.github.reaction(78);
    app.github.pull(1, mergedPullJson(1, [ALLOW_DESTROY_LABEL]));
    app.github.pullFiles(1, [{ filename: "okctl.yaml", status: "modified" }]);
    expectHeldApplyStillCurrent(app, 1, withoutLogLevel());
    app.github.file("okctl.yaml", MERGE(1), withoutLogLevel());
    expectApproval(app, 1);
    const { updateCheck, result } = expectApplyRuns(app, 1);
    await app.receive("issue_comment", issueCommentPayload({ body: "/okctl apply", user: "lead", number: 1, commentId: 78 }));
    await app.runJobs();

    app.github.verify();
    expect(updateCheck.bodies.at(-1)).toMatchObject({ status: "completed", conclusion: "success" });
    expect(String(result.bodies[0]?.body)).toContain("okctl:apply");
    expect(await parameterValue("app/log-level")).toBeUndefined();
  });

  it("with the label and an entry that allows destroy: deleted on merge", async () => {
    await openPullRequest(app, 1, withoutLogLevel(), [ALLOW_DESTROY_LABEL]);
    expectMerge(app, 1, withoutLogLevel(), [ALLOW_DESTROY_LABEL]);
    const { updateCheck } = expectApplyRuns(app, 1);
    await deliverMerge(app, 1);
    await app.runJobs();

    app.github.verify();
    expect(updateCheck.bodies.at(-1)).toMatchObject({ status: "completed", conclusion: "success" });
    expect(await parameterValue("app/log-level")).toBeUndefined();
    expect(await parameterValue("argocd/client_secret")).toBeDefined();
    expect((await app.store.listApplyAudit()).map((entry) => entry.result)).toEqual(["succeeded"]);
  });
});
