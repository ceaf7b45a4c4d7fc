// A drift report in Markdown: the drift issue's body, the `okctl drift` check run's output, and
// the comment that closes the issue when AWS matches again. The plan part is the pull request
// plan's rendering (src/render/plan-comment.ts: summary, cost, alerts, changes, diagram, cut for
// length the same way) framed by the drift sections. Pure.
import type { PlanCost } from "../cost/types.js";
import type { DriftReport } from "../drift/types.js";
import { costDetailsMarkdown, costSummaryMarkdown } from "./cost.js";
import { clip, codeSpan, escapeText } from "./escape.js";
import { checkRunDiffText, localPlanAdvice, MAX_CHECK_OUTPUT } from "./full-plan.js";
import { describeCommit, renderPlanContext, renderSummaryBlock, type CommitRef } from "./header.js";
import { planDiff } from "./markdown-diff.js";
import { driftIssueMarker } from "./marker.js";
import { ALLOW_DESTROY_LABEL } from "./next-steps.js";
import { renderPlanAlerts } from "./plan-alerts.js";
import { renderPlanComment, type RenderedComment } from "./plan-comment.js";
import { driftOpening, driftTable, matchingSection } from "./drift-sections.js";
import type { CheckRunOutput } from "./check-run-output.js";

/** The name of the check run on the default branch's head. */
export const DRIFT_CHECK_NAME = "okctl drift";
const MAX_TITLE = 200;

export interface DriftIssueInput {
  report: DriftReport;
  declarationPath: string;
  /** The commit the declaration was read at (kind "default-branch"). */
  commit: CommitRef;
  /** The cluster's estimated monthly cost, as on a pull request's plan. */
  cost?: PlanCost;
  /** When the check ran, e.g. "2026-11-30 12:00 UTC". */
  checkedAt?: string;
  /** Safe Markdown at the very end (e.g. when the next check runs). */
  footer?: string;
  /** Upper bound on the issue body in UTF-8 bytes (default: GitHub's 65536). */
  maxLength?: number;
}

/** `okctl: drift in booking-dev (clusters/dev/okctl.yaml)`: the drift issue's title. */
export function driftIssueTitle(cluster: string, declarationPath: string): string {
  return clip(`okctl: drift in ${cluster} (${declarationPath})`, 256);
}

function destroys(report: DriftReport): boolean {
  return report.summary.delete + report.summary.replace > 0;
}

/** What the team can do, on the drift issue. */
function issueActions(report: DriftReport, declarationPath: string): string {
  const lines = ["#### What to do", ""];
  const destroyRule = destroys(report)
    ? ` This plan destroys or replaces resources: it also needs the label ${codeSpan(ALLOW_DESTROY_LABEL)} on this issue and \`allowDestroy\` in this repository's okctl access entry.`
    : "";
  if (report.cause?.kind === "apply-held") {
    lines.push(`- **Apply the held merge:** comment \`/okctl apply\` on pull request #${report.cause.pullRequest.number}.`);
  }
  if (report.cause?.kind === "apply-retrying") {
    lines.push(`- **Let the merge's apply finish:** okctl tries the apply of pull request #${report.cause.pullRequest.number} again by itself; fix what makes it fail (see above), and the next check after it succeeds closes this issue.`);
  }
  lines.push(
    `- **Bring AWS back to the declaration:** comment \`/okctl apply\` on this issue (write permission needed). It applies ${codeSpan(declarationPath)} as merged: the changes above.${destroyRule}`,
    `- **Keep what is in AWS:** change ${codeSpan(declarationPath)} in a pull request (the values above); once it is merged and applied, the next check closes this issue.`,
    "- `/okctl plan` on this issue checks again now.",
  );
  return lines.join("\n");
}

function footerOf(context: DriftIssueInput): string | undefined {
  const checked = context.checkedAt ? `Checked ${escapeText(context.checkedAt)}.` : "";
  const lines = [checked, context.footer ?? ""].filter((line) => line !== "");
  return lines.length > 0 ? `<sub>${lines.join(" ")}</sub>` : undefined;
}

function join(parts: ReadonlyArray<string | undefined>): string {
  return parts.filter((part): part is string => part !== undefined && part !== "").join("\n\n");
}

export interface RenderedDriftIssue extends RenderedComment {
  title: string;
}

/**
 * The drift issue: its title, and its body: marker, title, what happened (and why, when known),
 * what differs, the declaration values that would match AWS, then the plan that brings AWS back,
 * rendered as on a pull request (cost included), and what to do. Fits `maxLength` the way a plan
 * comment does.
 */
export function renderDriftIssue(input: DriftIssueInput): RenderedDriftIssue {
  const { report, declarationPath } = input;
  const context = input;
  const opening = join([driftOpening(report, declarationPath), report.drifted ? driftTable(report) : undefined, matchingSection(report, declarationPath)]);
  const closing = join([report.drifted ? issueActions(report, declarationPath) : "Nothing to do: AWS matches the declaration.", footerOf(context)]);
  const rendered = renderPlanComment({
    plan: report.plan,
    declarationPath,
    commit: context.commit,
    nextSteps: { kind: report.drifted ? "merge-to-apply" : "no-changes" },
    ...(context.cost ? { cost: context.cost } : {}),
    ...(context.maxLength !== undefined ? { maxLength: context.maxLength } : {}),
    frame: {
      marker: driftIssueMarker(declarationPath),
      title: `### okctl drift in ${codeSpan(report.cluster)} (${codeSpan(declarationPath)})`,
      opening,
      changesTitle: "Changes that applying the declaration would make",
      checkRunName: DRIFT_CHECK_NAME,
      closing,
    },
  });
  return { title: driftIssueTitle(report.cluster, declarationPath), body: rendered.body, truncated: rendered.truncated };
}

/** The comment that closes the drift issue: AWS matches again. */
export function renderDriftClearedComment(input: Pick<DriftIssueInput, "declarationPath" | "commit" | "checkedAt">): string {
  return join([
    `**No drift any more:** a check at ${describeCommit(input.commit)} found that AWS matches ${codeSpan(input.declarationPath)} as merged. Closing this issue; okctl opens a new one if AWS drifts again.`,
    input.checkedAt ? `<sub>Checked ${escapeText(input.checkedAt)}.</sub>` : undefined,
  ]) + "\n";
}

export interface DriftCheckRunInput extends Omit<DriftIssueInput, "maxLength" | "footer"> {
  /** The drift issue, when there is one: the summary links to it. */
  issueUrl?: string;
}

function driftTitle(report: DriftReport): string {
  if (report.errors.length > 0 && !report.drifted) return `Drift check: the plan has ${report.errors.length} ${report.errors.length === 1 ? "error" : "errors"}`;
  if (!report.drifted) return "No drift: AWS matches the declaration";
  const count = `${report.resources.length} ${report.resources.length === 1 ? "resource differs" : "resources differ"} from the declaration`;
  return clip(report.cause ? `Drift from pull request #${report.cause.pullRequest.number}: ${count}` : `Drift: ${count}`, MAX_TITLE);
}

/** The `okctl drift` check run's output: the same sections, the changes in its text. */
export function renderDriftCheckRunOutput(input: DriftCheckRunInput): CheckRunOutput {
  const { report } = input;
  const context = input;
  const { plan } = report;
  const { declarationPath } = context;
  const issue = context.issueUrl && /^https:\/\/[^\s()<>]+$/.test(context.issueUrl) ? `Details and what to do: [the drift issue](${context.issueUrl}).` : undefined;
  const summary = join([
    `Declaration ${codeSpan(declarationPath)}`,
    renderPlanContext(plan, context.commit),
    driftOpening(report, declarationPath),
    report.drifted ? driftTable(report) : undefined,
    matchingSection(report, declarationPath),
    report.drifted || report.errors.length > 0 ? renderSummaryBlock(plan.summary, context.cost ? [costSummaryMarkdown(context.cost)] : []) : undefined,
    ...renderPlanAlerts(plan),
    context.cost && context.cost.available && report.drifted ? costDetailsMarkdown(context.cost) : undefined,
    issue,
    context.checkedAt ? `<sub>Checked ${escapeText(context.checkedAt)}.</sub>` : undefined,
  ]);
  const diff = planDiff(plan.changes);
  const result: CheckRunOutput = { title: clip(driftTitle(report), MAX_TITLE), summary: clip(summary, MAX_CHECK_OUTPUT) };
  if (diff.chunks.length === 0) return result;
  const advice = localPlanAdvice(plan, declarationPath, context.commit.sha);
  const text = checkRunDiffText(diff, undefined, "", advice).text;
  return { ...result, text: clip(`Changes that applying the declaration would make:\n\n${text}`, MAX_CHECK_OUTPUT) };
}
