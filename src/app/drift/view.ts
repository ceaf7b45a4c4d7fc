// How one drift check shows, from the drift report (src/drift) and its Markdown (src/render/drift-markdown.ts):
// the issue's title and body, the `okctl drift` check run, the comment that closes the issue.
import type { PlanCost } from "../../cost/types.js";
import type { Declaration } from "../../declaration/types.js";
import { driftReport, type DriftCause, type DriftReport } from "../../drift/report.js";
import type { Plan } from "../../plan/types.js";
import type { CheckRunOutput } from "../../render/check-run-output.js";
import { renderDriftCheckRunOutput, renderDriftClearedComment, renderDriftIssue } from "../../render/drift-markdown.js";
import type { CommitRef } from "../../render/header.js";
import { formatUtc } from "../held-apply-drop.js";

export { DRIFT_LABEL } from "./label.js";
export { driftIssueMarker as driftMarker } from "../../render/marker.js";
export type { DriftCause } from "../../drift/report.js";

export interface DriftView {
  report: DriftReport;
  declarationPath: string;
  commit: CommitRef;
  checkedAt: Date;
  cost?: PlanCost;
}

export function driftView(input: { plan: Plan; declaration: Declaration; declarationPath: string; commit: CommitRef; checkedAt: Date; cause?: DriftCause; cost?: PlanCost }): DriftView {
  const report = driftReport(input.plan, { declaration: input.declaration, ...(input.cause ? { cause: input.cause } : {}) });
  return { report, declarationPath: input.declarationPath, commit: input.commit, checkedAt: input.checkedAt, ...(input.cost ? { cost: input.cost } : {}) };
}

function context(view: DriftView) {
  return { report: view.report, declarationPath: view.declarationPath, commit: view.commit, checkedAt: formatUtc(view.checkedAt), ...(view.cost ? { cost: view.cost } : {}) };
}

export function driftIssue(view: DriftView): { title: string; body: string } {
  const { title, body } = renderDriftIssue(context(view));
  return { title, body };
}

export function driftCheckOutput(view: DriftView, issueUrl?: string): CheckRunOutput {
  return renderDriftCheckRunOutput({ ...context(view), ...(issueUrl ? { issueUrl } : {}) });
}

/** The comment that closes the issue, starting with its marker line. */
export function driftClearedComment(view: DriftView, marker: string): string {
  return `${marker}\n${renderDriftClearedComment(context(view))}`;
}
