import { describe, expect, it } from "vitest";
import { TEST_REPOSITORY_ID } from "../../test/support/declarations.js";
import { fakeSha, issueCommentPayload, pullRequestPayload, pushPayload, ZERO_SHA } from "../../test/support/webhooks.js";
import { jobsForIssueComment, jobsForPullRequest, jobsForPush } from "./webhook-jobs.js";

/** The repository's numeric id, carried from the payload into every job (ownership goes by it). */
const ID = Number(TEST_REPOSITORY_ID);

describe("jobsForPullRequest", () => {
  it.each(["opened", "synchronize", "reopened", "ready_for_review"] as const)("plans on %s, coalesced per pull request", (action) => {
    const [job, ...rest] = jobsForPullRequest(pullRequestPayload({ action, number: 7, headSha: fakeSha("h") }));
    expect(rest).toEqual([]);
    expect(job).toMatchObject({ kind: "plan", key: "oslokommune/booking#7", coalesceKey: "plan:oslokommune/booking#7" });
    expect(job?.payload).toMatchObject({ installationId: 1, owner: "oslokommune", repo: "booking", repositoryId: ID, pullNumber: 7, trigger: "pull_request" });
    // The job reads the pull request when it runs; the delivery's copy is not kept.
    expect(job?.payload).not.toHaveProperty("pullRequest");
    expect(job?.dedupeKey).toMatch(new RegExp(`^plan:oslokommune/booking#7@${fakeSha("h")}\\[\\]`));
  });

  it("dedupes plans by pull request, head and labels (label order aside), not by delivery", () => {
    const key = (options: Parameters<typeof pullRequestPayload>[0]) => jobsForPullRequest(pullRequestPayload({ number: 7, ...options }))[0]?.dedupeKey;
    expect(key({ headSha: fakeSha("h"), labels: ["a", "b"] })).toBe(key({ action: "synchronize", headSha: fakeSha("h"), labels: ["b", "a"] }));
    expect(key({ headSha: fakeSha("h") })).not.toBe(key({ headSha: fakeSha("h2") }));
    expect(key({ headSha: fakeSha("h") })).not.toBe(key({ headSha: fakeSha("h"), labels: ["okctl/allow-destroy"] }));
    expect(key({ headSha: fakeSha("h") })).not.toBe(key({ number: 8, headSha: fakeSha("h") }));
    // A reopened pull request is planned again even at the same head.
    expect(key({ headSha: fakeSha("h") })).not.toBe(key({ action: "reopened", headSha: fakeSha("h") }));
  });

  it.each(["closed", "labeled"] as const)("does nothing on %s", (action) => {
    expect(jobsForPullRequest(pullRequestPayload({ action }))).toEqual([]);
  });

  it.each(["labeled", "unlabeled"] as const)("plans again when okctl/allow-destroy is %s (what happens next changes), not for other labels", (action) => {
    const withLabel = (name: string, state = "open") => {
      const event = pullRequestPayload({ action: "labeled", number: 7, labels: action === "labeled" ? [name] : [] });
      Object.assign(event, { action, label: { id: 1, node_id: "LA_1", url: "", name, color: "d73a4a", default: false, description: null } });
      event.pull_request.state = state as "open";
      return event;
    };
    expect(jobsForPullRequest(withLabel("okctl/allow-destroy")).map((job) => [job.kind, job.key])).toEqual([["plan", "oslokommune/booking#7"]]);
    expect(jobsForPullRequest(withLabel("bug"))).toEqual([]);
    expect(jobsForPullRequest(withLabel("okctl/allow-destroy", "closed"))).toEqual([]);
  });

  it("waits for a draft to be ready for review", () => {
    expect(jobsForPullRequest(pullRequestPayload({ draft: true }))).toEqual([]);
  });
});

describe("jobsForPush", () => {
  it("queues a merge job per repository when the default branch's okctl.yaml changes, at any depth", () => {
    for (const path of ["okctl.yaml", "clusters/prod/okctl.yaml"]) {
      const [job, ...rest] = jobsForPush(pushPayload({ after: fakeSha("a"), commits: [{ modified: [path] }] }));
      expect(rest).toEqual([]);
      expect(job).toMatchObject({ kind: "merge", queue: "repository:oslokommune/booking", key: `oslokommune/booking@${fakeSha("a").slice(0, 12)}` });
      expect(job?.payload).toMatchObject({ repositoryId: ID, after: fakeSha("a"), defaultBranch: "main", commits: [{ modified: [path], added: [], removed: [] }] });
      expect(job?.dedupeKey).toBe(`merge:oslokommune/booking@${fakeSha("a")}`);
    }
  });

  it("counts a removed declaration (its cluster is planned for deletion)", () => {
    expect(jobsForPush(pushPayload({ commits: [{ removed: ["okctl.yaml"] }] }))).toHaveLength(1);
  });

  it.each([
    ["no okctl.yaml in a complete payload", pushPayload({ commits: [{ modified: ["README.md", "okctl.yaml.bak", "docs/okctl.yml"] }] })],
    ["another branch", pushPayload({ ref: "refs/heads/feature", commits: [{ modified: ["okctl.yaml"] }] })],
    ["a tag", pushPayload({ ref: "refs/tags/v1", commits: [{ modified: ["okctl.yaml"] }] })],
    ["the default branch deleted", pushPayload({ after: ZERO_SHA, commits: [] })],
  ])("does nothing for %s", (_name, payload) => {
    expect(jobsForPush(payload)).toEqual([]);
  });

  it("asks the API (a job) when the payload may not list every change", () => {
    const forced = { ...pushPayload({ commits: [{ modified: ["README.md"] }] }), forced: true };
    expect(jobsForPush(forced)).toHaveLength(1);
    const long = pushPayload({ commits: Array.from({ length: 20 }, () => ({ modified: ["README.md"] })) });
    expect(jobsForPush(long)).toHaveLength(1);
  });
});

describe("jobsForIssueComment", () => {
  it("queues a command for an /okctl comment on a pull request", () => {
    const [job, ...rest] = jobsForIssueComment(issueCommentPayload({ body: "/okctl plan", user: "lead", number: 4, commentId: 9 }));
    expect(rest).toEqual([]);
    expect(job).toMatchObject({ kind: "command", key: "oslokommune/booking#4:comment-9" });
    expect(job?.payload).toEqual({ installationId: 1, owner: "oslokommune", repo: "booking", repositoryId: ID, pullNumber: 4, commentId: 9, commenter: "lead", command: "/okctl plan" });
  });

  it.each([
    ["a comment on an issue", issueCommentPayload({ body: "/okctl plan", isPullRequest: false })],
    ["a comment that is not a command", issueCommentPayload({ body: "looks good, /okctl plan later" })],
  ])("ignores %s", (_name, payload) => {
    expect(jobsForIssueComment(payload)).toEqual([]);
  });

  it("ignores bots, okctl's own comments included", () => {
    const payload = issueCommentPayload({ body: "/okctl help" });
    payload.comment.user = { ...payload.comment.user!, login: "okctl[bot]", type: "Bot" };
    expect(jobsForIssueComment(payload)).toEqual([]);
  });
});
