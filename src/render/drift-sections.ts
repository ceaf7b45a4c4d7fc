// The parts of a drift report every Markdown form shares (the drift issue, the `okctl drift`
// check run): what happened (with its cause when known), what differs, the declaration values
// that would match AWS, and what only applying brings back. Pure.
import type { DriftCause, DriftReport, DriftedResource, MatchingValue } from "../drift/types.js";
import { canonicalJson } from "../plan/canonical.js";
import { alert, clip, codeSpan, escapeText } from "./escape.js";
import { formatValue } from "./values.js";

/** Most rows of the "what differs" table and items of each list; the rest are counted. */
export const MAX_DRIFT_ROWS = 40;
/** Longest value shown in a table cell. */
const MAX_CELL_VALUE = 120;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function pullRequestLink(cause: DriftCause): string {
  const url = /^https:\/\/[^\s()<>]+$/.test(cause.pullRequest.url) ? cause.pullRequest.url : undefined;
  const label = `#${cause.pullRequest.number}`;
  const title = cause.pullRequest.title ? ` (${escapeText(clip(cause.pullRequest.title, 200))})` : "";
  return `${url ? `[${label}](${url})` : label}${title}`;
}

const CAUSE_TEXT: Readonly<Record<DriftCause["kind"], string>> = {
  "apply-failed": "was merged, but applying it failed",
  "apply-retrying": "was merged, but applying it has failed so far; okctl keeps trying",
  "apply-held": "was merged, but its apply is held (the plan at merge differed from the one reviewed) and waits for `/okctl apply` on the pull request",
  "not-applied": "was merged and has not been applied yet",
};

/** "2026-12-07 08:30 UTC" from an ISO 8601 time (as given when it is not one). */
export function utcMinute(iso: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? `${iso.slice(0, 16).replace("T", " ")} UTC` : iso;
}

/** One line: how many resources differ. */
export function driftCountLine(report: DriftReport): string {
  return `${plural(report.resources.length, "resource")} in AWS ${report.resources.length === 1 ? "differs" : "differ"} from the declaration as merged.`;
}

/** The alert that opens a drift report: drift, and why when known (not blaming hand changes then). */
export function driftOpening(report: DriftReport, declarationPath: string): string {
  if (!report.drifted) {
    return alert("NOTE", [`**No drift:** AWS matches ${codeSpan(declarationPath)} as merged.`]);
  }
  const cause = report.cause;
  if (cause) {
    const retry = cause.retryAt ? ` Next try: ${escapeText(utcMinute(cause.retryAt))}.` : "";
    const detail = (cause.detail ? ` ${escapeText(clip(cause.detail, 500))}` : "") + retry;
    const commit = cause.commitSha ? ` (merge commit ${codeSpan(cause.commitSha.slice(0, 7))})` : "";
    return alert("WARNING", [
      `**Drift from an unapplied merge:** ${driftCountLine(report)} Pull request ${pullRequestLink(cause)}${commit} ${CAUSE_TEXT[cause.kind]}.${detail}`,
      "",
      "This is not a change made by hand: AWS still holds what was there before that merge.",
    ]);
  }
  return alert("WARNING", [
    `**Drift:** ${driftCountLine(report)} They were changed outside okctl: by hand (the AWS console or CLI) or by another tool.`,
  ]);
}

/** A code span in a table cell: GitHub splits cells at every `|`, even in code, unless escaped. */
function tableCode(text: string, max?: number): string {
  return codeSpan(text, max).replace(/\|/g, "\\|");
}

function cell(value: Parameters<typeof formatValue>[0]): string {
  return tableCode(formatValue(value, MAX_CELL_VALUE), MAX_CELL_VALUE + 40);
}

function resourceRows(resource: DriftedResource): string[] {
  const name = tableCode(resource.id);
  if (resource.drift === "missing") return [`| ${name} | | declared | **missing** (deleted?) |`];
  if (resource.drift === "unexpected") return [`| ${name} | | not declared | **present**, tagged as this cluster's |`];
  return resource.attributes.map((attribute) => {
    const forces = attribute.forcesReplacement ? " (applying replaces it)" : "";
    return `| ${name} | ${tableCode(attribute.attribute)}${forces} | ${cell(attribute.declared)} | ${cell(attribute.inAws)} |`;
  });
}

/** The table of what differs: resource, attribute, what is declared, what AWS has. */
export function driftTable(report: DriftReport): string {
  const rows = report.resources.flatMap(resourceRows);
  const shown = rows.slice(0, MAX_DRIFT_ROWS);
  const more = rows.length > shown.length ? [`| … ${rows.length - shown.length} more rows | | | (all in the changes below) |`] : [];
  return ["#### What differs", "", "| resource | attribute | declared | in AWS |", "| --- | --- | --- | --- |", ...shown, ...more].join("\n");
}

/** ` (line 27)`, ` (not in the file: add it under line 20)`, or "" without the declaration's text. Plain text. */
export function whereInFile(value: MatchingValue): string {
  if (value.line === undefined) return "";
  return value.inFile === false ? ` (not in the file: add it under line ${value.line})` : ` (line ${value.line})`;
}

function matchingLine(value: MatchingValue): string {
  const where = `${codeSpan(value.display)}${whereInFile(value)}`;
  if (value.op === "set") {
    const was = value.declared !== undefined ? ` (now ${codeSpan(canonicalJson(value.declared), MAX_CELL_VALUE)})` : "";
    return `- ${where}: ${codeSpan(canonicalJson(value.value), 1000)}${was}`;
  }
  if (value.op === "remove") return `- remove ${codeSpan(value.display)} (${value.line !== undefined ? `line ${value.line}: ` : ""}${codeSpan(value.item)})`;
  return `- add to ${where}: ${codeSpan(canonicalJson(value.value), 1000)}`;
}

function capped(lines: string[], what: string): string[] {
  if (lines.length <= MAX_DRIFT_ROWS) return lines;
  return [...lines.slice(0, MAX_DRIFT_ROWS), `- … and ${lines.length - MAX_DRIFT_ROWS} more ${what} (\`okctl drift --format json\` lists them all)`];
}

/** The declaration values that would match AWS, and what only applying brings back; undefined without drift. */
export function matchingSection(report: DriftReport, declarationPath: string): string | undefined {
  if (!report.drifted) return undefined;
  const parts = ["#### Values that would match AWS", ""];
  if (report.matchingValues.length > 0) {
    parts.push(
      `To keep what is in AWS instead, change ${codeSpan(declarationPath)} in a pull request (values in JSON, which YAML reads as is):`,
      "",
      ...capped(report.matchingValues.map(matchingLine), "values"),
    );
  } else {
    parts.push("The declaration cannot express this drift: only applying brings AWS back.");
  }
  if (report.unmatchable.length > 0) {
    const lines = report.unmatchable.map((entry) => `- ${codeSpan(entry.resource)}${entry.attribute ? ` ${codeSpan(entry.attribute)}` : ""}: ${escapeText(clip(entry.reason, 300))}`);
    if (report.matchingValues.length > 0) parts.push("", "Only applying the declaration brings these back:", "", ...capped(lines, "items"));
    else parts.push("", ...capped(lines, "items"));
  }
  return parts.join("\n");
}
