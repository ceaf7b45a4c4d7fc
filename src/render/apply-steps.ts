// What an apply did, per resource: the input type of the apply renderers, and its wording.
import type { Action } from "../plan/types.js";
import { clip, codeSpan, escapeText } from "./escape.js";
import { ACTION_VERB } from "./markdown-diff.js";

export type ApplyStepStatus = "done" | "failed" | "skipped" | "not-started" | "running";

export interface ApplyStep {
  /** Logical id of the resource. */
  id: string;
  action: Exclude<Action, "no-op">;
  status: ApplyStepStatus;
  durationMs?: number;
  /** The failure's message (failed), or why it was skipped. */
  error?: string;
}

export interface ApplyTally {
  done: number;
  failed: number;
  running: number;
  /** Skipped or not started: what remains to apply. */
  remaining: number;
}

export function tally(steps: readonly ApplyStep[]): ApplyTally {
  const count = (status: ApplyStepStatus) => steps.filter((step) => step.status === status).length;
  return { done: count("done"), failed: count("failed"), running: count("running"), remaining: count("skipped") + count("not-started") };
}

/** "850 ms", "12 s", "14 min 3 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
}

const STATUS_MARK: Readonly<Record<ApplyStepStatus, string>> = {
  done: "✅",
  failed: "❌",
  running: "⏳",
  skipped: "⏭️",
  "not-started": "⏸️",
};

const STATUS_TEXT: Readonly<Record<ApplyStepStatus, string>> = {
  done: "",
  failed: "failed",
  running: "running",
  skipped: "skipped (depends on a failed resource)",
  "not-started": "not started",
};

const MAX_ERROR_SIZE = 1000;

/** One Markdown list item for a step. */
export function stepLine(step: ApplyStep): string {
  const duration = step.durationMs !== undefined && step.status !== "skipped" && step.status !== "not-started" ? ` in ${formatDuration(step.durationMs)}` : "";
  const status = STATUS_TEXT[step.status];
  const error = step.error ? `: ${escapeText(clip(step.error, MAX_ERROR_SIZE))}` : "";
  return `- ${STATUS_MARK[step.status]} ${ACTION_VERB[step.action]} ${codeSpan(step.id)}${status ? ` ${status}` : ""}${duration}${error}`;
}

const PAST_TENSE: Readonly<Record<ApplyStep["action"], string>> = {
  create: "created",
  update: "updated",
  replace: "replaced",
  delete: "destroyed",
  adopt: "adopted",
};

/** "3 created, 1 updated" over the done steps; "nothing" when none. */
export function doneSummary(steps: readonly ApplyStep[]): string {
  const done = steps.filter((step) => step.status === "done");
  const parts = (["adopt", "create", "update", "replace", "delete"] as const)
    .map((action) => [action, done.filter((step) => step.action === action).length] as const)
    .filter(([, count]) => count > 0)
    .map(([action, count]) => `${count} ${PAST_TENSE[action]}`);
  return parts.length > 0 ? parts.join(", ") : "nothing";
}
