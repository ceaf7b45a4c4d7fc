// A drift report as terminal text (`okctl drift`): what differs, the declaration values that
// would match AWS, then the plan that brings AWS back, printed as `okctl plan` prints it. Pure.
import { utcMinute } from "./drift-sections.js";
import type { PlanCost } from "../cost/types.js";
import type { DriftReport, DriftedResource, MatchingValue } from "../drift/types.js";
import { canonicalJson } from "../plan/canonical.js";
import { whereInFile } from "./drift-sections.js";
import { renderPlanText } from "./terminal.js";
import { styleFor, type Style } from "./terminal-style.js";
import { formatValue } from "./terminal-values.js";

export interface DriftTextOptions {
  declarationPath: string;
  color?: boolean;
  cost?: PlanCost;
}

const CAUSE_TEXT: Readonly<Record<NonNullable<DriftReport["cause"]>["kind"], string>> = {
  "apply-failed": "was merged, but applying it failed",
  "apply-retrying": "was merged, but applying it has failed so far; okctl keeps trying",
  "apply-held": "was merged, but its apply is held",
  "not-applied": "was merged and has not been applied yet",
};

function resourceLines(resource: DriftedResource, style: Style): string[] {
  if (resource.drift === "missing") return [`  ${style.green("+")} ${style.bold(resource.id)}: declared, missing in AWS`];
  if (resource.drift === "unexpected") return [`  ${style.red("-")} ${style.bold(resource.id)}: in AWS (tagged as this cluster's), not declared`];
  return [
    `  ${style.yellow("~")} ${style.bold(resource.id)}${resource.physicalId ? ` (${resource.physicalId})` : ""}`,
    ...resource.attributes.map((attribute) => `      ${attribute.attribute}: declared ${formatValue(attribute.declared)}, in AWS ${formatValue(attribute.inAws)}`),
  ];
}

function matchingLine(value: MatchingValue): string {
  const where = `${value.display}${whereInFile(value)}`;
  if (value.op === "set") return `  ${where}: ${canonicalJson(value.value)}${value.declared !== undefined ? `   (now ${canonicalJson(value.declared)})` : ""}`;
  if (value.op === "remove") return `  remove ${value.display} (${value.line !== undefined ? `line ${value.line}: ` : ""}${value.item})`;
  return `  add to ${where}: ${canonicalJson(value.value)}`;
}

export function renderDriftText(report: DriftReport, options: DriftTextOptions): string {
  const style = styleFor(options.color);
  const where = `${report.cluster} (${options.declarationPath}, account ${report.accountId}, ${report.region})`;
  if (!report.drifted) {
    const lines = [style.green(`No drift: AWS matches the declaration of ${where}.`)];
    if (report.errors.length > 0) lines.unshift(renderPlanText(report.plan, { color: options.color ?? false }).trimEnd());
    return `${lines.join("\n")}\n`;
  }
  const count = `${report.resources.length} ${report.resources.length === 1 ? "resource differs" : "resources differ"}`;
  const lines = [style.bold(style.yellow(`Drift in ${where}: ${count} from the declaration.`))];
  if (report.cause) {
    const { cause } = report;
    lines.push(`Cause: pull request #${cause.pullRequest.number} (${cause.pullRequest.url}) ${CAUSE_TEXT[cause.kind]}${cause.detail ? `: ${cause.detail}` : ""}.${cause.retryAt ? ` Next try: ${utcMinute(cause.retryAt)}.` : ""} Not a change by hand.`);
  }
  lines.push("", ...report.resources.flatMap((resource) => resourceLines(resource, style)), "");
  if (report.matchingValues.length > 0) {
    lines.push("Values that would match AWS (to keep what is in AWS, change the declaration so):", ...report.matchingValues.map(matchingLine), "");
  }
  if (report.unmatchable.length > 0) {
    lines.push(
      report.matchingValues.length > 0 ? "Only applying the declaration brings these back:" : "The declaration cannot express this drift; only applying brings it back:",
      ...report.unmatchable.map((entry) => `  ${entry.resource}${entry.attribute ? ` ${entry.attribute}` : ""}: ${entry.reason}`),
      "",
    );
  }
  lines.push("What applying the declaration would do:", "", renderPlanText(report.plan, { color: options.color ?? false, ...(options.cost ? { cost: options.cost } : {}) }).trimEnd());
  return `${lines.join("\n")}\n`;
}
