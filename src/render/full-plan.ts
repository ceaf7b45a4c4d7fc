// Where the whole plan can be read when GitHub's limits cut it: the comment shows what fits, the
// `okctl plan` check run's text carries the rest, and past both the developer prints it locally
// with the exact command given here. Shared by the comment and the check-run renderers, so that
// what one says about the other is true.
import type { Plan } from "../plan/types.js";
import { codeSpan, fencedBlock, sizeOf } from "./escape.js";
import { countFitting } from "./fit.js";
import type { PlanDiff } from "./markdown-diff.js";

/** The Checks API's limit on output.summary and output.text. */
export const MAX_CHECK_OUTPUT = 65535;
/** Room kept in the check run's text for its fence and its notes. */
const CHECK_TEXT_FRAME = 1200;
const SEPARATOR = "\n\n";

/** A word the shell reads as itself: quoted unless it is plainly safe. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./@:=+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `okctl plan -f clusters/dev/okctl.yaml --repository acme/shop`: prints the whole plan locally. */
export function localPlanCommand(plan: Pick<Plan, "repository">, declarationPath: string): string {
  return `okctl plan -f ${shellWord(declarationPath)} --repository ${shellWord(plan.repository)}`;
}

/** The Markdown telling where the whole plan is when GitHub's limits cut it everywhere. */
export function localPlanAdvice(plan: Pick<Plan, "repository">, declarationPath: string, commitSha: string): string {
  return [
    `To read the whole plan, check out commit ${codeSpan(commitSha)} and run, with the repository's AWS access (see the README's command line section):`,
    "",
    fencedBlock("sh", localPlanCommand(plan, declarationPath)),
    "",
    "Add `--format json` for the plan value itself.",
  ].join("\n");
}

/** How many of the diff's chunks, from `from` on, the check run's text holds (with the tag note). */
export function checkRunHolds(diff: PlanDiff, from: number): number {
  const budget = MAX_CHECK_OUTPUT - CHECK_TEXT_FRAME - (diff.header ? sizeOf(diff.header) + SEPARATOR.length : 0);
  return countFitting(diff.chunks.slice(from), budget, SEPARATOR.length);
}

/** True when the check run's text can carry every chunk from `from` on. */
export function checkRunCarriesFrom(diff: PlanDiff, from: number): boolean {
  return checkRunHolds(diff, from) === diff.chunks.length - from;
}

export interface CheckRunText {
  text: string;
  /** The index of the first chunk it shows and how many. */
  from: number;
  shown: number;
}

/**
 * The check run's text: the whole diff when it fits; otherwise the chunks from `commentShows` on
 * (the comment shows the first ones); past that, as much as fits and where to get the rest.
 */
export function checkRunDiffText(diff: PlanDiff, commentShows: number | undefined, tail: string, advice: string): CheckRunText {
  const total = diff.chunks.length;
  const from = checkRunCarriesFrom(diff, 0) || commentShows === undefined ? 0 : Math.min(commentShows, total);
  const shown = checkRunHolds(diff, from);
  const notes: string[] = [];
  if (from > 0) notes.push(`# The first ${from} of ${total} changed resources are in the pull request's plan comment; the other ${total - from} follow.`);
  const body = [diff.header, ...notes, ...diff.chunks.slice(from, from + shown)];
  if (from + shown < total) body.push(`# … ${total - from - shown} more changed resources do not fit in GitHub's limits: see below.`);
  else if (tail) body.push(tail);
  const fence = fencedBlock("diff", body.filter(Boolean).join(SEPARATOR));
  const text = from + shown < total ? `${fence}\n\n${advice}` : fence;
  return { text, from, shown };
}
