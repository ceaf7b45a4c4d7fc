// The top of every okctl comment: what it is about (declaration, cluster, account, region) and
// which commit it was computed for; and the plan's summary line.
import type { Plan, PlanSummary } from "../plan/types.js";
import { codeSpan, shortSha } from "./escape.js";

export type CommitKind = "test-merge" | "head" | "merge" | "default-branch";

export interface CommitRef {
  sha: string;
  kind: CommitKind;
}

const COMMIT_KIND_TEXT: Readonly<Record<CommitKind, string>> = {
  "test-merge": "GitHub's test merge of this pull request into its base branch",
  head: "the head of this pull request; no test merge commit was available",
  merge: "the merge commit on the default branch",
  "default-branch": "the head of the default branch",
};

/** `` `abc1234` (the head of this pull request …) `` */
export function describeCommit(commit: CommitRef): string {
  return `${codeSpan(shortSha(commit.sha))} (${COMMIT_KIND_TEXT[commit.kind]})`;
}

/** `### okctl <title>: `path`` */
export function renderTitle(title: string, declarationPath: string): string {
  return `### okctl ${title} for ${codeSpan(declarationPath)}`;
}

/** Cluster, account, region and commit on one line. */
export function renderPlanContext(plan: Pick<Plan, "cluster" | "accountId" | "region">, commit: CommitRef): string {
  return [
    `**Cluster** ${codeSpan(plan.cluster)}`,
    `**Account** ${codeSpan(plan.accountId)}`,
    `**Region** ${codeSpan(plan.region)}`,
    `**Commit** ${describeCommit(commit)}`,
  ].join(" · ");
}

export function hasChanges(summary: PlanSummary): boolean {
  return (summary.adopt ?? 0) + summary.create + summary.update + summary.replace + summary.delete > 0;
}

/** Exactly `Plan: N to create, N to update, N to replace, N to destroy.`, or `No changes.` */
export function summaryLine(summary: PlanSummary): string {
  if (!hasChanges(summary)) return "No changes.";
  const adopt = summary.adopt ? `${summary.adopt} to adopt, ` : "";
  return `Plan: ${adopt}${summary.create} to create, ${summary.update} to update, ${summary.replace} to replace, ${summary.delete} to destroy.`;
}

/**
 * The summary as a reviewer sees it before opening anything: the plan's counts in bold, then
 * optional lines (each already-safe Markdown, e.g. `Cost: $412 → $489 per month (+$77)`), one a line.
 */
export function renderSummaryBlock(summary: PlanSummary, extraLines: readonly string[] = []): string {
  return [`**${summaryLine(summary)}**`, ...extraLines.filter((line) => line.trim() !== "").map((line) => line.replace(/\r?\n/g, " "))].join("<br>\n");
}
