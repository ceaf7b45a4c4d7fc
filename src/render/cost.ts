// The plan's cost for a reviewer: one summary line for the closed view, and a folded table per
// resource. Pure.
import type { PlanCost } from "../cost/types.js";
import { codeSpan, details, escapeText } from "./escape.js";

function dollars(value: number, cents: boolean): string {
  const rounded = cents ? value : Math.round(value);
  return `$${rounded.toLocaleString("en-US", { minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: cents ? 2 : 0 })}`;
}
function signed(value: number): string {
  const rounded = Math.round(value);
  return rounded === 0 ? "±$0" : `${rounded > 0 ? "+" : "−"}${dollars(Math.abs(rounded), false)}`;
}

/** `Cost: $412 → $489 per month (+$77)`, or why there is no estimate. Plain text (no Markdown). */
export function costSummaryText(cost: PlanCost): string {
  if (!cost.available) return `Cost: unavailable (${cost.reason})`;
  const incomplete = cost.missing.length > 0 ? ` (without ${cost.missing.join(", ")}: no price found)` : "";
  if (cost.before === cost.after) return `Cost: ${dollars(cost.after, false)} per month (no change)${incomplete}`;
  return `Cost: ${dollars(cost.before, false)} → ${dollars(cost.after, false)} per month (${signed(cost.after - cost.before)})${incomplete}`;
}

/** The summary line for Markdown: bold label, escaped text. */
export function costSummaryMarkdown(cost: PlanCost): string {
  const text = costSummaryText(cost);
  return `**Cost:** ${escapeText(text.slice("Cost: ".length))}`;
}

/** The per-resource table, folded. Empty when there is nothing to show. */
export function costDetailsMarkdown(cost: PlanCost): string {
  if (!cost.available || cost.lines.length === 0) return "";
  const cell = (value: number | undefined, missing: boolean | undefined) => (missing ? "no price" : value === undefined ? "–" : dollars(value, true));
  const rows = cost.lines.map((line) =>
    `| ${codeSpan(line.resourceId)} | ${escapeText(line.description)} | ${cell(line.before, line.missing && line.before !== undefined)} | ${cell(line.after, line.missing && line.after !== undefined)} |`);
  const table = [
    "| resource | what | before | after |",
    "| --- | --- | ---: | ---: |",
    ...rows,
    `| **total** | | **${dollars(cost.before, true)}** | **${dollars(cost.after, true)}** |`,
  ].join("\n");
  const notes = cost.notes.map((note) => `- ${escapeText(note)}`).join("\n");
  return details(`Estimated monthly cost: ${dollars(cost.after, false)}`, `${table}\n\nOn-demand prices in ${escapeText(cost.region)} from the AWS Price List, 730 hours a month. Not included:\n${notes}`);
}

/** Terminal lines: the summary, then one line per resource. */
export function costText(cost: PlanCost): string[] {
  const lines = [costSummaryText(cost)];
  if (!cost.available) return lines;
  for (const line of cost.lines) {
    const side = (value: number | undefined) => (value === undefined ? "–" : line.missing ? "no price" : dollars(value, true));
    lines.push(`  ${line.resourceId}: ${side(line.before)} → ${side(line.after)}  ${line.description}`);
  }
  for (const note of cost.notes) lines.push(`  · ${note}`);
  return lines;
}
