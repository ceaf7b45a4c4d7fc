// The plan comment on a pull request: marker, header, summary (with room for optional lines such
// as the cost), alerts, the changes (folded), the dependency diagram (folded), what happens next
// and the commands. A held plan starts with what happened and what to do, and keeps the plan
// reviewers approved readable, folded under it. Never longer than maxLength: the diagram goes
// first, then the reviewed plan, then the changes are cut at a resource boundary, with a note that
// says where the rest is (the check run's text, or past both limits the command that prints it).
import type { Plan } from "../plan/types.js";
import { alert, clip, codeSpan, details, escapeText, fencedBlock, sizeOf } from "./escape.js";
import { renderPlanContext, renderSummaryBlock, renderTitle, type CommitRef } from "./header.js";
import { countFitting } from "./fit.js";
import { checkRunCarriesFrom, localPlanAdvice } from "./full-plan.js";
import { planDiff, type PlanDiff } from "./markdown-diff.js";
import { planCommentMarker } from "./marker.js";
import { renderMermaid } from "./mermaid.js";
import { renderCommandsLine, renderNextSteps, type NextSteps } from "./next-steps.js";
import { renderPlanAlerts } from "./plan-alerts.js";
import type { PlanCost } from "../cost/types.js";
import { costDetailsMarkdown, costSummaryMarkdown } from "./cost.js";

/** GitHub's limit on a comment body. */
export const MAX_COMMENT_LENGTH = 65536;

/** The plan reviewers saw before merge, shown (folded) under a held plan that differs from it. */
export interface ReviewedPlan {
  plan: Plan;
  /** The commit it was computed for, when known. */
  commit?: CommitRef;
}

export interface PlanCommentInput {
  plan: Plan;
  declarationPath: string;
  commit: CommitRef;
  nextSteps: NextSteps;
  /** Optional lines under the summary line, visible without opening anything (e.g. the cost). Safe Markdown. */
  summaryLines?: readonly string[];
  /** The cluster's estimated monthly cost before and after: a summary line, and a folded table. */
  cost?: PlanCost;
  /** With nextSteps "held": the plan that was reviewed, kept readable under the new one. */
  reviewed?: ReviewedPlan;
  /** Upper bound on the body, measured in UTF-8 bytes (never less than characters). Default 65536. */
  maxLength?: number;
  /**
   * For a body that shows a plan elsewhere than on a pull request (the drift issue): its own
   * marker, title, opening (above the summary), changes heading, check run name and closing (in
   * place of what happens next and the commands).
   */
  frame?: PlanFrame;
}

export interface PlanFrame {
  marker: string;
  title: string;
  /** Safe Markdown above the summary; never left out for length. */
  opening?: string;
  changesTitle?: string;
  /** The check run that carries what is cut for length (default `okctl plan`). */
  checkRunName?: string;
  /** Safe Markdown in place of what happens next and the commands. */
  closing: string;
}

export interface RenderedComment {
  body: string;
  truncated: boolean;
}

export interface RenderedPlanComment extends RenderedComment {
  /** How many changed resources the comment shows, from the first (the check run carries the rest). */
  shownResources: number;
}

function join(parts: ReadonlyArray<string | undefined>): string {
  return parts.filter((part): part is string => part !== undefined && part !== "").join("\n\n");
}

function changesBlock(diff: PlanDiff, shown: number, unchanged: number, title = "Changes"): string | undefined {
  const total = diff.chunks.length;
  if (total === 0) return undefined;
  const count = shown === total ? `${total}` : `${shown} of ${total}`;
  const summary = `${title}: ${count} ${total === 1 ? "resource" : "resources"}${unchanged > 0 ? ` (${unchanged} unchanged)` : ""}`;
  const content = [diff.header, ...diff.chunks.slice(0, shown)].filter(Boolean).join("\n\n");
  return details(summary, shown > 0 ? fencedBlock("diff", content) : "_(left out for length)_");
}

function cutNote(leftOut: number, total: number, carried: boolean, advice: string, checkRun = "okctl plan"): string {
  const what = `**Cut for length:** ${leftOut} of ${total} changed ${total === 1 ? "resource is" : "resources are"} not shown here.`;
  if (carried) return alert("NOTE", [`${what} The ${codeSpan(checkRun)} check run on this commit carries the rest, after the first ${total - leftOut}.`]);
  return alert("WARNING", [`${what} The plan is also too long for the ${codeSpan(checkRun)} check run, which shows what fits.`, "", ...advice.split("\n")]);
}

function heldOpening(nextSteps: NextSteps, reviewed: ReviewedPlan | undefined): string | undefined {
  if (nextSteps.kind !== "held") return undefined;
  const why = nextSteps.reason ? ` ${escapeText(nextSteps.reason)}` : "";
  const until = nextSteps.expiresAt ? ` (until ${escapeText(nextSteps.expiresAt)})` : "";
  if (nextSteps.cause === "no-plan-to-approve") {
    return alert("WARNING", [
      `**Held: nothing was applied.** This repository needs an approved plan before a merge is applied, and okctl published no plan of this merge that anyone could approve.${why}`,
      "",
      "**To do:** `/okctl apply` cannot apply this merge. Open a pull request that changes this declaration, have someone with write permission approve its plan, and merge it.",
    ]);
  }
  if (nextSteps.cause === "approval-missing") {
    return alert("WARNING", [
      `**Held: nothing was applied.** The merge lacks the approval of this plan that okctl needs before it applies.${why}`,
      "",
      `**To do:** review the plan below; once someone with write permission has approved the pull request, comment \`/okctl apply\` on this pull request to apply it${until}. To change it instead, open a new pull request.`,
    ]);
  }
  if (nextSteps.on === "drift-issue") {
    return alert("WARNING", [
      `**Held: nothing was applied.** okctl planned again and got a plan different from the one this issue showed: AWS or the declaration changed since.${why}`,
      "",
      "**To do:** read the new plan below; if it is what you want, comment `/okctl apply` on this issue to apply it. To check again instead, comment `/okctl plan`.",
    ]);
  }
  return alert("WARNING", [
    `**Held: nothing was applied.** After the merge, okctl planned again and got a plan different from the one reviewed before merge${reviewed?.commit ? ` (${codeSpan(reviewed.commit.sha.slice(0, 7))})` : ""}: AWS or the declaration changed since.${why}`,
    "",
    `**To do:** read the new plan below and what changed since the reviewed one; if it is what you want, comment \`/okctl apply\` on this pull request to apply it${until}. To change it instead, open a new pull request.`,
  ]);
}

/** The plan reviewers approved, folded, with its own changes. */
function reviewedBlock(reviewed: ReviewedPlan, name: string): string {
  const diff = planDiff(reviewed.plan.changes);
  const inner = [
    ...(reviewed.commit ? [renderPlanContext(reviewed.plan, reviewed.commit)] : []),
    renderSummaryBlock(reviewed.plan.summary),
    diff.chunks.length > 0 ? fencedBlock("diff", [diff.header, ...diff.chunks].filter(Boolean).join("\n\n")) : "No changes.",
  ].join("\n\n");
  return details(`${name} (not applied)`, inner);
}

/** The plan comment body, whether anything was left out to fit, and how many resources it shows. */
export function renderPlanComment(input: PlanCommentInput): RenderedPlanComment {
  const { plan, declarationPath, commit, nextSteps } = input;
  const maxLength = input.maxLength ?? MAX_COMMENT_LENGTH;
  const diff = planDiff(plan.changes);
  const total = diff.chunks.length;
  const unchanged = plan.changes.length - total;
  const graph = renderMermaid(plan);
  const diagram = graph.kind === "graph"
    ? details(`Dependency graph: ${graph.graph.changed} changed${graph.graph.drawn > graph.graph.changed ? `, ${graph.graph.drawn - graph.graph.changed} unchanged ${graph.graph.drawn - graph.graph.changed === 1 ? "neighbour" : "neighbours"} (grey)` : ""}`, fencedBlock("mermaid", graph.graph.source))
    : undefined;
  const graphNote = graph.kind === "too-large" ? `<sub>The dependency graph is left out: ${graph.changed} changed resources are too many to draw readably in a comment.</sub>` : undefined;

  const { frame } = input;
  const held = frame ? frame.opening : heldOpening(nextSteps, input.reviewed);
  const head = [
    frame ? frame.marker : planCommentMarker(declarationPath),
    frame ? frame.title : renderTitle(held ? "plan (held)" : "plan", declarationPath),
    renderPlanContext(plan, commit),
  ].join("\n");
  const summary = renderSummaryBlock(plan.summary, [...(input.cost ? [costSummaryMarkdown(input.cost)] : []), ...(input.summaryLines ?? [])]);
  const costTable = input.cost ? costDetailsMarkdown(input.cost) : undefined;
  const alerts = renderPlanAlerts(plan).join("\n\n");
  const tail = frame ? frame.closing : join([renderNextSteps(nextSteps), renderCommandsLine()]);
  const onDriftIssue = nextSteps.kind === "held" && nextSteps.on === "drift-issue";
  const reviewedName = onDriftIssue ? "The plan this issue showed" : "The plan reviewed before merge";
  const reviewed = !frame && input.reviewed && nextSteps.kind === "held" ? reviewedBlock(input.reviewed, reviewedName) : undefined;
  const changesTitle = frame?.changesTitle ?? (held ? "Changes of the new plan" : "Changes");
  const compose = (note: string | undefined, shown: number, graphPart: string | undefined, reviewedPart: string | undefined): string =>
    join([head, held, summary, alerts, note, changesBlock(diff, shown, unchanged, changesTitle), costTable, graphPart, reviewedPart, tail]) + "\n";
  const fits = (body: string): boolean => sizeOf(body) <= maxLength;

  const full = compose(undefined, total, diagram ?? graphNote, reviewed);
  if (fits(full)) return { body: full, truncated: false, shownResources: total };
  const withoutDiagram = compose(undefined, total, undefined, reviewed);
  if (fits(withoutDiagram)) return { body: withoutDiagram, truncated: true, shownResources: total };
  const reviewedLink = reviewed
    ? `<sub>${reviewedName} is left out for length: ${onDriftIssue ? "it is in the issue's edit history" : "its comment's earlier version is in this comment's edit history"}.</sub>`
    : undefined;
  const withoutReviewed = compose(undefined, total, undefined, reviewedLink);
  if (fits(withoutReviewed)) return { body: withoutReviewed, truncated: true, shownResources: total };

  // Cut at a resource boundary: as many whole resources as fit beside the worst-case note.
  const advice = localPlanAdvice(plan, declarationPath, commit.sha);
  const noteFor = (kept: number): string => cutNote(total - kept, total, checkRunCarriesFrom(diff, kept), advice, frame?.checkRunName);
  const frameSize = sizeOf(compose(cutNote(total, total, false, advice, frame?.checkRunName), 0, undefined, reviewedLink)) + sizeOf(diff.header) + 64;
  const kept = countFitting(diff.chunks, maxLength - frameSize, 2);
  const cut = compose(noteFor(kept), kept, undefined, reviewedLink);
  if (fits(cut)) return { body: cut, truncated: true, shownResources: kept };

  // Even the frame does not fit (a tiny maxLength, or enormous alerts): the essentials only.
  const minimal = join([head, held, summary, noteFor(0)]) + "\n";
  return { body: clip(minimal, maxLength), truncated: true, shownResources: 0 };
}
