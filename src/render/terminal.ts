// Plan → terminal text, like Terraform: `+` create, `~` update, `-/+` replace, `-` destroy.
// Pure: it decides nothing, it only shows the plan value.
import type { ExecutorEvent } from "../apply/types.js";
import type { ApplyEvent } from "../apply/apply-plan.js";
import { outageChanges } from "../plan/outage.js";
import { isConflictError } from "../plan/conflicts.js";
import type { AttributeChange, Plan, ResourceChange } from "../plan/types.js";
import { formatDuration, formatValue } from "./terminal-values.js";
import { styleFor, type Style } from "./terminal-style.js";
import type { PlanCost } from "../cost/types.js";
import { costText } from "./cost.js";
import { neutralise } from "./controls.js";
import { oneLine } from "./escape.js";

export interface TerminalOptions {
  color?: boolean;
  /** The estimated monthly cost, printed under the summary. */
  cost?: PlanCost;
}

const HEADLINE: Record<Exclude<ResourceChange["action"], "no-op">, string> = {
  create: "will be created",
  update: "will be updated in place",
  replace: "must be replaced",
  delete: "will be destroyed",
  adopt: "will be adopted",
};

function symbolOf(action: ResourceChange["action"], style: Style): string {
  if (action === "create") return `  ${style.green("+")}`;
  if (action === "update") return `  ${style.yellow("~")}`;
  if (action === "replace") return `${style.red("-")}/${style.green("+")}`;
  if (action === "adopt") return ` ${style.yellow("<=")}`;
  return `  ${style.red("-")}`;
}

function attributeLine(change: ResourceChange, attribute: AttributeChange, style: Style): string {
  const name = oneLine(attribute.attribute);
  if (change.action === "create") return `      ${style.green("+")} ${name}: ${formatValue(attribute.after)}`;
  if (change.action === "delete") return `      ${style.red("-")} ${name}: ${formatValue(attribute.before)}`;
  const forces = attribute.forcesReplacement ? style.red(" # forces replacement") : "";
  return `      ${style.yellow("~")} ${name}: ${formatValue(attribute.before)} -> ${formatValue(attribute.after)}${forces}`;
}

function renderChange(change: ResourceChange, style: Style): string[] {
  if (change.action === "no-op") return [];
  // Names, ids and reasons can come from AWS (a Name tag) or a declaration: shown, never obeyed.
  const reason = change.reason ? `: ${neutralise(change.reason)}` : "";
  const physical = change.physicalId ? ` (${oneLine(change.physicalId)})` : "";
  return [
    `  # ${oneLine(change.id)} ${HEADLINE[change.action]}${reason}`,
    `${symbolOf(change.action, style)} ${style.bold(`${oneLine(change.kind)} ${oneLine(change.id)}`)} "${oneLine(change.name)}"${physical}`,
    ...change.attributes.map((attribute) => attributeLine(change, attribute, style)),
    "",
  ];
}

/** The closing line: the counts, or that nothing is to be done. */
export function summaryLine(plan: Plan): string {
  const { create, update, replace, delete: destroy, adopt = 0 } = plan.summary;
  if (adopt + create + update + replace + destroy === 0 && plan.errors.length === 0) return "No changes. AWS matches okctl.yaml.";
  return `Plan: ${adopt > 0 ? `${adopt} to adopt, ` : ""}${create} to create, ${update} to update, ${replace} to replace, ${destroy} to destroy.`;
}

export function renderPlanText(plan: Plan, options: TerminalOptions = {}): string {
  const style = styleFor(options.color);
  const lines: string[] = [];
  const outages = outageChanges(plan);
  if (outages.length > 0) {
    lines.push(style.red(style.bold("OUTAGE: applying this plan stops what runs on this platform:")));
    for (const outage of outages) lines.push(`  ${style.red("!!")} ${neutralise(outage.headline)}: ${neutralise(outage.impact)}`);
    lines.push("");
  }
  const shown = plan.changes.filter((change) => change.action !== "no-op");
  if (shown.length > 0) {
    lines.push(`okctl will perform the following actions on ${oneLine(plan.cluster)} (account ${oneLine(plan.accountId)}, ${oneLine(plan.region)}):`, "");
    for (const change of shown) lines.push(...renderChange(change, style));
  }
  // A conflict that blocks the plan is stated once, among the errors.
  const conflicts = plan.conflicts.filter((conflict) => !plan.errors.some((error) => isConflictError(error, conflict)));
  if (conflicts.length > 0) {
    lines.push("Owned by another repository, left alone:");
    for (const conflict of conflicts) lines.push(`  ${style.yellow("!")} ${neutralise(conflict.message)}`);
    lines.push("");
  }
  if (plan.notes.length > 0) {
    lines.push("Notes:");
    for (const note of plan.notes) lines.push(`  * ${oneLine(note.id)}: ${neutralise(note.message)}`);
    lines.push("");
  }
  if (plan.errors.length > 0) {
    lines.push(style.red("Errors (this plan cannot be applied):"));
    for (const error of plan.errors) lines.push(`  ${style.red("✗")} ${neutralise(error)}`);
    lines.push("");
  }
  lines.push(style.bold(summaryLine(plan)));
  if (options.cost) lines.push(...costText(options.cost));
  return `${lines.join("\n")}\n`;
}

const VERBS: Record<ApplyEvent["operation"], { doing: string; done: string; noun: string }> = {
  create: { doing: "Creating…", done: "Creation complete", noun: "Creation" },
  update: { doing: "Modifying…", done: "Modifications complete", noun: "Modification" },
  delete: { doing: "Destroying…", done: "Destruction complete", noun: "Destruction" },
  "destroy-old": { doing: "Destroying the old one (replace)…", done: "Old one destroyed", noun: "Destruction" },
  "create-new": { doing: "Creating the new one (replace)…", done: "New one created", noun: "Creation" },
};

function isApplyEvent(event: ExecutorEvent | ApplyEvent): event is ApplyEvent {
  return "operation" in event && "resourceId" in event;
}

/** One line of live progress for an executor or apply event. */
export function renderApplyEvent(event: ExecutorEvent | ApplyEvent): string {
  return neutralise(applyEventLine(event));
}

function applyEventLine(event: ExecutorEvent | ApplyEvent): string {
  const verbs = isApplyEvent(event) ? VERBS[event.operation] : { doing: "Started…", done: "Done", noun: "Step" };
  const subject = isApplyEvent(event) ? event.resourceId : event.id;
  const after = formatDuration(event.elapsedMs);
  switch (event.type) {
    case "started":
      return `${subject}: ${verbs.doing}`;
    case "waiting":
      return `${subject}: Still waiting: ${event.message ?? ""} [${after} elapsed]`;
    case "done":
      return `${subject}: ${verbs.done} after ${after}`;
    case "failed":
      return `${subject}: ${verbs.noun} failed after ${after}: ${event.error ?? "unknown error"}`;
    case "skipped":
      return `${subject}: Skipped, because ${event.message ?? "a dependency failed"}`;
  }
}
