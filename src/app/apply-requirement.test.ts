import { describe, expect, it } from "vitest";
import type { PullRequestReview, RepositoryPermission } from "../github/index.js";
import { approvalCandidates, approvalVerdict, decidingReviews, mergeAwaitingApproval, type ApprovalTarget } from "./apply-requirement.js";

const sha = (name: string) => name.padEnd(40, "0");
const PLANNED = sha("c0ffee"); // the commit the last published plan was made from
const SAME_PLAN = sha("5a3e"); // an earlier commit whose plan had the same hash (a README change since)
const OTHER_PLAN = sha("0the4"); // an earlier commit whose plan differed
const target: ApprovalTarget = { headSha: PLANNED, planHash: "hash-b" };
const planned = new Map([
  [PLANNED, "hash-b"],
  [SAME_PLAN, "hash-b"],
  [OTHER_PLAN, "hash-a"],
]);

let nextId = 1;
function review(reviewer: string | undefined, state: string, commitId: string | null = PLANNED): PullRequestReview {
  const id = nextId++;
  return { id, reviewer, state, commitId, submittedAt: new Date(Date.UTC(2026, 10, 30, 10, id)).toISOString() };
}

/** The whole check as the app runs it: candidates, then their permissions. */
function verdict(reviews: PullRequestReview[], permissions: Record<string, RepositoryPermission>, complete = true) {
  const candidates = approvalCandidates({ reviews, complete, target, planHashOf: planned });
  return approvalVerdict(candidates, new Map(Object.entries(permissions)));
}

describe("decidingReviews: each reviewer's latest review that decides, as GitHub counts them", () => {
  it("lets a later changes request or dismissal cancel an approval; comments change nothing", () => {
    const reviews = [
      review("alice", "APPROVED"),
      review("alice", "COMMENTED"),
      review("bob", "APPROVED"),
      review("bob", "CHANGES_REQUESTED"),
      review("carol", "DISMISSED"),
      review("dave", "COMMENTED"),
      review("erin", "PENDING"),
      review(undefined, "APPROVED"),
    ];
    expect(decidingReviews(reviews).map((r) => [r.reviewer, r.state])).toEqual([
      ["carol", "DISMISSED"],
      ["bob", "CHANGES_REQUESTED"],
      ["alice", "APPROVED"],
    ]);
  });

  it("counts reviewer logins case-insensitively, as GitHub does", () => {
    expect(decidingReviews([review("Alice", "APPROVED"), review("alice", "CHANGES_REQUESTED")]).map((r) => r.state)).toEqual(["CHANGES_REQUESTED"]);
  });
});

describe("the approval requirement", () => {
  it("is met by a writer's approval of the commit the last plan was made from", () => {
    expect(verdict([review("alice", "APPROVED")], { alice: "write" })).toEqual({ met: true, approvedBy: "alice", commitId: PLANNED });
    expect(verdict([review("alice", "APPROVED")], { alice: "maintain" })).toMatchObject({ met: true });
    expect(verdict([review("alice", "APPROVED")], { alice: "admin" })).toMatchObject({ met: true });
  });

  it("is met by an approval of another commit whose plan had the same plan hash", () => {
    expect(verdict([review("alice", "APPROVED", SAME_PLAN)], { alice: "write" })).toEqual({ met: true, approvedBy: "alice", commitId: SAME_PLAN });
  });

  it("is not met by an approval of a commit whose plan differed, or that okctl never planned", () => {
    const other = verdict([review("alice", "APPROVED", OTHER_PLAN)], { alice: "write" });
    expect(other.met).toBe(false);
    if (other.met) return;
    expect(other.notCounted).toEqual([`@alice approved ${OTHER_PLAN.slice(0, 7)}, whose plan differs from the last plan`]);
    const unplanned = verdict([review("bob", "APPROVED", sha("beef")), review("carol", "APPROVED", null)], { bob: "write", carol: "write" });
    expect(unplanned).toMatchObject({
      met: false,
      notCounted: ["@carol approved a commit GitHub no longer has", `@bob approved ${sha("beef").slice(0, 7)}, a commit okctl did not plan`],
    });
  });

  it("is not met by an approval from someone with read or triage permission (or none)", () => {
    const result = verdict([review("reader", "APPROVED"), review("triager", "APPROVED"), review("stranger", "APPROVED")], { reader: "read", triager: "triage", stranger: "none" });
    expect(result).toMatchObject({
      met: false,
      notCounted: ["@stranger approved, but has no permission on the repository (write needed)", "@triager approved, but has triage permission (write needed)", "@reader approved, but has read permission (write needed)"],
    });
  });

  it("is not met once the approver requested changes or the approval was dismissed", () => {
    const changed = verdict([review("alice", "APPROVED"), review("alice", "CHANGES_REQUESTED")], { alice: "write" });
    expect(changed).toMatchObject({ met: false, notCounted: ["@alice requested changes"] });
    const dismissed = verdict([review("bob", "DISMISSED")], { bob: "write" });
    expect(dismissed).toMatchObject({ met: false, notCounted: ["@bob's review was dismissed"] });
  });

  it("counts a later approval after a changes request, and one writer among several reviewers is enough", () => {
    const result = verdict([review("alice", "CHANGES_REQUESTED"), review("reader", "APPROVED"), review("alice", "APPROVED")], { alice: "write", reader: "read" });
    expect(result).toEqual({ met: true, approvedBy: "alice", commitId: PLANNED });
  });

  it("asks for the permissions of the approvals that could count, latest first, once each", () => {
    const candidates = approvalCandidates({
      reviews: [review("alice", "APPROVED"), review("bob", "APPROVED", OTHER_PLAN), review("carol", "APPROVED", SAME_PLAN)],
      complete: true,
      target,
      planHashOf: planned,
    });
    expect(candidates.approvals.map((approval) => approval.reviewer)).toEqual(["carol", "alice"]);
  });

  it("is not met without any review, and says so", () => {
    expect(verdict([], {})).toEqual({ met: false, notCounted: [] });
  });

  it("fails closed when the reviews could not all be read", () => {
    expect(verdict([review("alice", "APPROVED")], { alice: "write" }, false)).toMatchObject({
      met: false,
      notCounted: [expect.stringContaining("more reviews than okctl reads")],
    });
  });
});

describe("mergeAwaitingApproval: a drift issue's /okctl apply is no way around a missing approval", () => {
  const repository = "oslokommune/booking";
  const ISSUE = 40;
  const held = (pullNumber: number, cause: string) => ({ repository, pullNumber, result: "held", summary: { cause, reason: "…" } });
  const succeeded = (pullNumber: number) => ({ repository, pullNumber, result: "succeeded", summary: {} });

  it("names the merge whose apply is held for its approval", () => {
    expect(mergeAwaitingApproval([held(7, "approval-missing"), succeeded(6)], repository, ISSUE)).toEqual({ pullNumber: 7, cause: "approval-missing" });
  });

  it("names a merge held because okctl published no plan for it to approve, with that cause", () => {
    expect(mergeAwaitingApproval([held(7, "no-plan-to-approve")], repository, ISSUE)).toEqual({ pullNumber: 7, cause: "no-plan-to-approve" });
  });

  it("looks past the drift issue's own applies, and matches the repository's name in any case", () => {
    expect(mergeAwaitingApproval([held(ISSUE, "approval-missing"), held(7, "approval-missing")], "OsloKommune/Booking", ISSUE)).toEqual({ pullNumber: 7, cause: "approval-missing" });
  });

  it("lets the issue apply when the latest merge was applied, held for a changed plan, or another repository's", () => {
    expect(mergeAwaitingApproval([succeeded(8), held(7, "approval-missing")], repository, ISSUE)).toBeUndefined();
    expect(mergeAwaitingApproval([held(7, "plan-changed")], repository, ISSUE)).toBeUndefined();
    expect(mergeAwaitingApproval([{ ...held(7, "approval-missing"), repository: "other/repo" }], repository, ISSUE)).toBeUndefined();
    expect(mergeAwaitingApproval([], repository, ISSUE)).toBeUndefined();
  });
});
