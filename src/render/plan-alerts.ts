// The loud part of a plan comment: destructive actions, conflicts, errors and notes as GitHub
// alert blocks. Lists are capped so that a plan destroying thousands of resources still fits.
import { outageChanges, type Outage } from "../plan/outage.js";
import type { Plan, ResourceChange } from "../plan/types.js";
import { alert, clip, codeSpan, escapeText } from "./escape.js";
import { ACTION_SYMBOL } from "./markdown-diff.js";

/** Most items listed in one alert; the rest are counted. */
export const MAX_ALERT_ITEMS = 30;
const MAX_MESSAGE_SIZE = 1000;

function capped<T>(items: readonly T[], line: (item: T) => string, max = MAX_ALERT_ITEMS): string[] {
  const lines = items.slice(0, max).map((item) => `- ${line(item)}`);
  if (items.length > max) lines.push(`- … and ${items.length - max} more (see the changes below and the check run)`);
  return lines;
}

function message(text: string): string {
  return escapeText(clip(text, MAX_MESSAGE_SIZE));
}

function destructiveLine(change: ResourceChange): string {
  const forcing = change.attributes.filter((attribute) => attribute.forcesReplacement).map((attribute) => codeSpan(attribute.attribute));
  const why = change.action === "replace"
    ? forcing.length > 0 ? `: ${forcing.join(", ")} forces replacement` : change.reason ? `: ${message(change.reason)}` : ""
    : "";
  const verb = change.action === "replace" ? "replace" : "destroy";
  return `\`${ACTION_SYMBOL[change.action as "replace" | "delete"]}\` ${verb} ${change.kind} ${codeSpan(change.id)}${why}`;
}

function outageLine(outage: Outage): string {
  return `**${message(outage.headline)}**: ${message(outage.impact)}`;
}

/** The alert blocks of a plan, in order of gravity (outages first); empty when there is nothing to flag. */
export function renderPlanAlerts(plan: Plan): string[] {
  const blocks: string[] = [];
  const outages = outageChanges(plan);
  if (outages.length > 0) {
    blocks.push(alert("CAUTION", [
      `**Outage:** applying this plan stops what runs on this platform (${outages.length} outage-class ${outages.length === 1 ? "change" : "changes"}):`,
      ...capped(outages, outageLine),
    ]));
  }
  if (plan.errors.length > 0) {
    blocks.push(alert("CAUTION", [
      `**This plan cannot be applied** (${plan.errors.length} ${plan.errors.length === 1 ? "error" : "errors"}):`,
      ...capped(plan.errors, message),
    ]));
  }
  const destructive = plan.changes.filter((change) => change.action === "delete" || change.action === "replace");
  if (destructive.length > 0) {
    const destroys = destructive.filter((change) => change.action === "delete").length;
    blocks.push(alert("CAUTION", [
      `**Destructive changes:** ${destroys} to destroy, ${destructive.length - destroys} to replace (destroyed, then created again). Data and AWS identifiers of these resources are lost:`,
      ...capped(destructive, destructiveLine),
    ]));
  }
  if (plan.conflicts.length > 0) {
    blocks.push(alert("WARNING", [
      `**Conflicts:** ${plan.conflicts.length} ${plan.conflicts.length === 1 ? "resource belongs" : "resources belong"} to another repository; okctl will not touch ${plan.conflicts.length === 1 ? "it" : "them"}:`,
      ...capped(plan.conflicts, (conflict) => `${conflict.kind} ${codeSpan(conflict.id)} (${codeSpan(conflict.physicalId)}), owned by ${codeSpan(conflict.ownerRepository)}: ${message(conflict.message)}`),
    ]));
  }
  if (plan.notes.length > 0) {
    blocks.push(alert("IMPORTANT", [
      "**To do by hand, or to know:**",
      ...capped(plan.notes, (note) => `${codeSpan(note.id)}: ${message(note.message)}`),
    ]));
  }
  return blocks;
}
