// Apply requirements: with applyRequires "approved" (the default), a merge is applied only when a
// writer approved the commit the last plan was made from (or one with the same plan); otherwise it
// is held, with no AWS write, and says what is missing; `/okctl apply` checks again, and an
// approval given after the merge counts. With applyRequires "none", a merge applies as before.
import { beforeEach, describe, expect, it } from "vitest";
import { planFixture } from "../../src/store/store-fixtures.js";
import { useMoto } from "../support/aws.js";
import { recordAwsOperations } from "../support/aws-operations.js";
import { issueCommentPayload } from "../support/webhooks.js";
import { applyDirectly, parameterValue, vpcCount } from "./aws-state.js";
import { EXAMPLE, HEAD, MERGE, mergedPullJson, withLogLevel } from "./fixtures.js";
import { useApp, type AppHarness } from "./harness.js";
import { deliverMerge, expectApplyRuns, expectApproval, expectHeldApplyStillCurrent, expectMerge, openPullRequest, PLAN_MARKER } from "./scenarios.js";

const moto = useMoto();
const CHANGED = withLogLevel("debug");

/** The AWS writes `run` makes (AssumeRole aside: a session, not a change). */
async function awsWrites(run: () => Promise<void>): Promise<string[]> {
  const operations = await recordAwsOperations(moto.endpoint, run);
  return operations.filter((operation) => !operation.readOnly && operation.operation !== "Action=AssumeRole").map((operation) => operation.operation);
}

describe("applyRequires: approved (the default)", () => {
  const currentApp = useApp();
  let app: AppHarness;
  beforeEach(() => {
    app = currentApp();
  });

  /** `/okctl apply` from a writer on pull request 1 (changing okctl.yaml to `content`), up to the apply job's plan at the merge commit. */
  function expectApplyCommandUpToThePlan(content: string): void {
    app.github.permission("lead", "write");
    app.github.reaction(77);
    app.github.pull(1, mergedPullJson(1));
    app.github.pullFiles(1, [{ filename: "okctl.yaml", status: "modified" }]);
    expectHeldApplyStillCurrent(app, 1, content);
    app.github.file("okctl.yaml", MERGE(1), content);
  }

  /**
   * Merges pull request 1 (changing okctl.yaml to `content`, planned at HEAD(1)) with `reviews`;
   * expects the hold on its plan comment and merge commit.
   */
  async function mergeWithout(content: string, reviews: Parameters<AppHarness["github"]["reviews"]>[1], permissions: Record<string, string> = {}) {
    await openPullRequest(app, 1, content);
    expectMerge(app, 1, content, [], null);
    app.github.reviews(1, reviews);
    for (const [login, permission] of Object.entries(permissions)) app.github.permission(login, permission);
    app.github.listComments(1);
    const [planComment] = app.github.commentsOn(1);
    const comment = app.github.updateComment(planComment!.id);
    const check = app.github.createCheckRun(301);
    const writes = await awsWrites(async () => {
      await deliverMerge(app, 1);
      await app.runJobs();
    });
    app.github.verify();
    // Markdown escapes and mention breaks aside.
    return { writes, comment: String(comment.bodies[0]?.body).replaceAll("\\", "").replaceAll("\u200b", ""), check: check.bodies[0] };
  }

  describe("on a running cluster (log-level info; the pull request sets debug)", () => {
    beforeEach(async () => {
      await applyDirectly(EXAMPLE);
    });

    it("holds a merge okctl never planned (no plan to approve): it says only a new pull request can apply it, not /okctl apply", async () => {
      expectMerge(app, 1, CHANGED, [], null);
      app.github.listComments(1);
      const comment = app.github.createComment(1);
      const check = app.github.createCheckRun(301);
      const writes = await awsWrites(async () => {
        await deliverMerge(app, 1);
        await app.runJobs();
      });
      app.github.verify();
      expect(writes).toEqual([]);
      const body = String(comment.bodies[0]?.body).replaceAll("\\", "");
      expect(body).toContain("**Held: nothing was applied.** This repository needs an approved plan before a merge is applied, and okctl published no plan of this merge that anyone could approve.");
      expect(body).toContain("`/okctl apply` cannot apply this merge. Open a pull request that changes this declaration");
      expect(body).not.toContain("once someone with write permission has approved the pull request");
      expect(String((check.bodies[0]?.output as { title?: string }).title)).toMatch(/^Held: no approved plan\. /);
      expect((await app.store.listApplyAudit()).map((entry) => [entry.result, entry.summary])).toEqual([["held", expect.objectContaining({ cause: "no-plan-to-approve" })]]);
    });

    it("holds a merge without approval: no AWS write, the pull request and the merge commit say what is missing; approved after the merge, /okctl apply applies it", async () => {
      const held = await mergeWithout(CHANGED, [{ reviewer: "colleague", state: "COMMENTED", commitId: HEAD(1) }]);

      expect(held.writes).toEqual([]);
      expect(await parameterValue("app/log-level")).toBe("info");
      expect(held.comment.startsWith(`${PLAN_MARKER}\n`)).toBe(true);
      expect(held.comment).toContain("**Held: nothing was applied.** The merge lacks the approval of this plan");
      expect(held.comment).toContain(`it needs an approving review, by someone with write permission, of commit ${HEAD(1).slice(0, 7)} (the commit the last plan was made from)`);
      expect(held.comment).toContain("There is no approving review.");
      expect(held.comment).toContain("comment `/okctl apply`");
      expect(held.comment).not.toContain("The plan reviewed before merge"); // the same plan: not shown twice
      expect(held.check).toMatchObject({ name: "okctl apply", head_sha: MERGE(1), status: "completed", conclusion: "neutral" });
      expect(String((held.check?.output as { title?: string }).title)).toMatch(/^Held: approval missing\. Plan: 0 to create, 1 to update/);
      expect(String((held.check?.output as { summary?: string }).summary)).toContain("applyRequires: approved");
      expect((await app.store.listApplyAudit()).map((entry) => [entry.result, entry.summary])).toEqual([["held", expect.objectContaining({ cause: "approval-missing" })]]);

      // A writer approves the planned commit after the merge; /okctl apply checks again and applies.
      expectApplyCommandUpToThePlan(CHANGED);
      expectApproval(app, 1, HEAD(1));
      const { updateCheck } = expectApplyRuns(app, 1);
      await app.receive("issue_comment", issueCommentPayload({ body: "/okctl apply", user: "lead", number: 1, commentId: 77 }));
      await app.runJobs();

      app.github.verify();
      expect(updateCheck.bodies.at(-1)).toMatchObject({ status: "completed", conclusion: "success" });
      expect(await parameterValue("app/log-level")).toBe("debug");
      expect((await app.store.listApplyAudit()).map((entry) => [entry.result, entry.mergedBy])).toEqual([
        ["succeeded", "lead"],
        ["held", "maintainer"],
      ]);
    });
  });

  it("does not count an approval by a reader, one of a commit whose plan differs, or one followed by a changes request; /okctl apply holds again", async () => {
    const OLDER = HEAD(1, 0); // a commit okctl planned earlier, with another plan
    await app.store.savePublishedPlan({
      repository: "oslokommune/booking",
      pullNumber: 1,
      declarationPath: "okctl.yaml",
      headSha: OLDER,
      planHash: "an-older-plan",
      plan: planFixture("an-older-plan"),
      publishedAt: new Date(Date.now() - 60_000),
    });
    const held = await mergeWithout(
      EXAMPLE,
      [
        { reviewer: "reader", state: "APPROVED", commitId: HEAD(1) },
        { reviewer: "early", state: "APPROVED", commitId: OLDER },
        { reviewer: "changer", state: "APPROVED", commitId: HEAD(1) },
        { reviewer: "changer", state: "CHANGES_REQUESTED", commitId: HEAD(1) },
      ],
      { reader: "read" },
    );

    expect(held.writes).toEqual([]);
    expect(held.comment).toContain(
      `Reviews that do not count: @changer requested changes; @early approved ${OLDER.slice(0, 7)}, whose plan differs from the last plan; @reader approved, but has read permission (write needed).`,
    );

    // /okctl apply without a new approval: checked again, held again, nothing applied.
    expectApplyCommandUpToThePlan(EXAMPLE);
    app.github.reviews(1, [{ reviewer: "reader", state: "APPROVED", commitId: HEAD(1) }]);
    app.github.permission("reader", "read");
    app.github.listComments(1);
    const [planComment] = app.github.commentsOn(1);
    const again = app.github.updateComment(planComment!.id);
    app.github.createCheckRun(302);
    await app.receive("issue_comment", issueCommentPayload({ body: "/okctl apply", user: "lead", number: 1, commentId: 77 }));
    await app.runJobs();

    app.github.verify();
    expect(String(again.bodies[0]?.body)).toContain("**Held: nothing was applied.** The merge lacks the approval");
    expect(await vpcCount()).toBe(0);
    expect((await app.store.listApplyAudit()).map((entry) => entry.result)).toEqual(["held", "held"]);
  });
});

describe("applyRequires: none", () => {
  const currentApp = useApp({ access: { applyRequires: "none" } });

  it("applies the reviewed plan at merge without reading reviews", async () => {
    const app = currentApp();
    await openPullRequest(app, 1, EXAMPLE);
    expectMerge(app, 1, EXAMPLE, [], null);
    const { updateCheck } = expectApplyRuns(app, 1);
    await deliverMerge(app, 1);
    await app.runJobs();

    app.github.verify();
    expect(app.github.requests.filter((request) => request.endsWith("/reviews") || request.includes("/collaborators/"))).toEqual([]);
    expect(updateCheck.bodies.at(-1)).toMatchObject({ status: "completed", conclusion: "success" });
    expect(await parameterValue("app/log-level")).toBe("info");
  });
});
