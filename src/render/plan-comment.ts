// The plan comment on a pull request: marker, header, summary line, alerts, the changes (folded),
// the dependency diagram (folded), what happens next and the commands. Never longer than
// maxLength: the diagram goes first, then the changes are cut at a resource boundary with a note.
import type { Plan } from "../plan/types.js";
import { clip, details, fencedBlock, sizeOf } from "./escape.js";
import { renderPlanContext, renderTitle, summaryLine, type CommitRef } from "./header.js";
import { countFitting } from "./fit.js";
import { changedResources, resourceDiff } from "./markdown-diff.js";
import { planCommentMarker } from "./marker.js";
import { renderMermaid } from "./mermaid.js";
import { renderCommandsLine, renderNextSteps, type NextSteps } from "./next-steps.js";
import { renderPlanAlerts } from "./plan-alerts.js";

/** GitHub's limit on a comment body. */
export const MAX_COMMENT_LENGTH = 65536;

export interface PlanCommentInput {
  plan: Plan;
  declarationPath: string;
  commit: CommitRef;
  nextSteps: NextSteps;
  /** Upper bound on the body, measured in UTF-8 bytes (never less than characters). Default 65536. */
  maxLength?: number;
}

export interface RenderedComment {
  body: string;
  truncated: boolean;
}

function join(parts: ReadonlyArray<string | undefined>): string {
  return parts.filter((part): part is string => part !== undefined && part !== "").join("\n\n");
}

function changesBlock(chunks: readonly string[], total: number, unchanged: number): string | undefined {
  if (total === 0) return undefined;
  const shown = chunks.length === total ? `${total}` : `${chunks.length} of ${total}`;
  const summary = `Changes: ${shown} ${total === 1 ? "resource" : "resources"}${unchanged > 0 ? ` (${unchanged} unchanged)` : ""}`;
  return details(summary, chunks.length > 0 ? fencedBlock("diff", chunks.join("\n\n")) : "_(left out for length)_");
}

function cutNote(leftOut: number): string {
  return `> [!NOTE]\n> **Cut for length:** ${leftOut} changed ${leftOut === 1 ? "resource is" : "resources are"} not shown in this comment. The \`okctl plan\` check run on this commit carries the full plan.`;
}

/** The plan comment body, and whether anything was left out to fit. */
export function renderPlanComment(input: PlanCommentInput): RenderedComment {
  const { plan, declarationPath, commit, nextSteps } = input;
  const maxLength = input.maxLength ?? MAX_COMMENT_LENGTH;
  const changed = changedResources(plan.changes);
  const unchanged = plan.changes.length - changed.length;
  const chunks = changed.map((change) => resourceDiff(change));
  const graph = renderMermaid(plan);
  const diagram = graph
    ? details(`Dependency graph${graph.drawn < graph.total ? ` (${graph.drawn} changed of ${graph.total} resources)` : ""}`, fencedBlock("mermaid", graph.source))
    : undefined;

  const head = [planCommentMarker(declarationPath), renderTitle("plan", declarationPath), renderPlanContext(plan, commit)].join("\n");
  const summary = `**${summaryLine(plan.summary)}**`;
  const alerts = renderPlanAlerts(plan).join("\n\n");
  const tail = join([renderNextSteps(nextSteps), renderCommandsLine()]);
  const compose = (note: string | undefined, changes: string | undefined, graphPart: string | undefined): string =>
    join([head, summary, alerts, note, changes, graphPart, tail]) + "\n";

  const full = compose(undefined, changesBlock(chunks, chunks.length, unchanged), diagram);
  if (sizeOf(full) <= maxLength) return { body: full, truncated: false };
  const withoutDiagram = compose(undefined, changesBlock(chunks, chunks.length, unchanged), undefined);
  if (sizeOf(withoutDiagram) <= maxLength) return { body: withoutDiagram, truncated: true };

  // Cut at a resource boundary: as many whole resources as fit beside the worst-case note.
  const frame = sizeOf(compose(cutNote(chunks.length), changesBlock([], chunks.length, unchanged), undefined)) + 64;
  const kept = countFitting(chunks, maxLength - frame, 2);
  const cut = compose(cutNote(chunks.length - kept), changesBlock(chunks.slice(0, kept), chunks.length, unchanged), undefined);
  if (sizeOf(cut) <= maxLength) return { body: cut, truncated: true };

  // Even the frame does not fit (a tiny maxLength, or enormous alerts): the essentials only.
  const minimal = join([head, summary, cutNote(chunks.length)]) + "\n";
  return { body: clip(minimal, maxLength), truncated: true };
}
