// The loud part of a plan comment: destructive actions, conflicts, errors and notes as GitHub
// alert blocks. Lists are capped so that a plan destroying thousands of resources still fits.
import { conflictAdvice, isConflictError } from "../plan/conflicts.js";
import { outageChanges, type Outage } from "../plan/outage.js";
import { UNPROVEN_OWNER } from "../plan/ownership.js";
import type { Conflict, Plan, PlanNote, ResourceChange } from "../plan/types.js";
import { alert, clip, codeSpan, escapeText, fencedBlock } from "./escape.js";
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

/**
 * A note over several lines (the manual DNS delegation's record set): its text lines as text, its
 * indented lines (what to copy) as a code block, all inside the list item.
 */
function noteItem(note: PlanNote): string {
  const lines = clip(note.message, MAX_MESSAGE_SIZE * 4).split(/\r?\n/);
  const parts: string[] = [];
  let code: string[] = [];
  const flush = (): void => {
    if (code.length === 0) return;
    const indent = Math.min(...code.map((line) => line.length - line.trimStart().length));
    parts.push(...fencedBlock("text", code.map((line) => line.slice(indent)).join("\n")).split("\n"));
    code = [];
  };
  for (const line of lines) {
    if (/^\s/.test(line) && line.trim() !== "") code.push(line);
    else {
      flush();
      if (line.trim() !== "") parts.push(escapeText(line));
    }
  }
  flush();
  const [first = "", ...rest] = parts;
  return [`${codeSpan(note.id)}: ${first}`, ...rest.map((line) => `  ${line}`)].join("\n");
}

/** A conflict in one line: who owns it and, when it blocks the plan, how to get out of its way. */
function conflictLine(conflict: Conflict, blockingError: string | undefined): string {
  if (conflict.ownerRepository === UNPROVEN_OWNER) return message(blockingError ?? conflict.message);
  const what = `${conflict.kind} ${codeSpan(conflict.id)} (${codeSpan(conflict.physicalId)}) belongs to ${codeSpan(conflict.ownerRepository)}`;
  if (blockingError === undefined) return `${what}: okctl leaves it alone.`;
  return `${what}: okctl will neither change it nor create a second one. ${escapeText(conflictAdvice(conflict.kind, conflict.ownerRepository))}`;
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
  // A clash with a resource that is not this repository's is stated once: as a problem when it
  // blocks the plan (a declared resource's id is taken), else in the conflicts alert.
  const blocking = plan.conflicts.filter((conflict) => plan.errors.some((error) => isConflictError(error, conflict)));
  const errors = plan.errors.filter((error) => !blocking.some((conflict) => isConflictError(error, conflict)));
  if (errors.length > 0 || blocking.length > 0) {
    const count = errors.length + blocking.length;
    blocks.push(alert("CAUTION", [
      `**This plan cannot be applied** (${count} ${count === 1 ? "problem" : "problems"}):`,
      ...capped(blocking, (conflict) => conflictLine(conflict, plan.errors.find((error) => isConflictError(error, conflict)))),
      ...capped(errors, message),
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
  const others = plan.conflicts.filter((conflict) => !blocking.includes(conflict));
  if (others.length > 0) {
    blocks.push(alert("WARNING", [
      `**Not this repository's:** ${others.length} ${others.length === 1 ? "resource" : "resources"} found with this cluster's names or tags:`,
      ...capped(others, (conflict) => conflictLine(conflict, undefined)),
    ]));
  }
  if (plan.notes.length > 0) {
    blocks.push(alert("IMPORTANT", [
      "**To do by hand, or to know:**",
      ...capped(plan.notes, noteItem),
    ]));
  }
  return blocks;
}
