// "What happens next" under a plan: decided by the caller, worded here.
import { codeSpan, escapeText } from "./escape.js";

export const ALLOW_DESTROY_LABEL = "okctl/allow-destroy";

/** What an apply answers to: a merged pull request, or a drift issue (`/okctl apply` on it). */
export type ApplySubject = "pull-request" | "drift-issue";

/** Why a merge's apply was held (see NextSteps "held"). */
export type HeldCause = "plan-changed" | "approval-missing" | "no-plan-to-approve";

export type NextSteps =
  /** Merging the PR applies the plan (once approved, when the access entry requires it). */
  | { kind: "merge-to-apply"; needsApproval?: boolean }
  /** Nothing to apply: AWS already matches. */
  | { kind: "no-changes" }
  /** The plan destroys or replaces resources and the PR lacks the label. */
  | { kind: "needs-label"; label?: string }
  /** The repository's access entry does not allow destroy. */
  | { kind: "not-allowed-to-destroy" }
  /**
   * After merge, not applied: the plan differed from the reviewed one ("plan-changed", the default),
   * the merge lacked the approval its access entry requires ("approval-missing"; waiting for
   * `/okctl apply`), or it needs one and okctl published no plan on the pull request that anyone
   * could have approved ("no-plan-to-approve": only a new pull request can apply it).
   */
  | {
      kind: "held";
      cause?: HeldCause;
      reason?: string;
      /** When the held apply expires, e.g. "2026-12-07 08:30 UTC" (not on a drift issue: there, `/okctl apply` always plans again). */
      expiresAt?: string;
      /** Where the apply was asked for: a merged pull request (the default), or `/okctl apply` on a drift issue. */
      on?: ApplySubject;
    }
  /** The plan has errors (or conflicts) that must be fixed first. */
  | { kind: "errors" };

export const COMMANDS: ReadonlyArray<{ command: string; description: string }> = [
  { command: "/okctl plan", description: "plan again" },
  { command: "/okctl apply", description: "apply a held plan (after merge)" },
  { command: "/okctl help", description: "show the commands" },
];

/** The "What happens next" section. */
export function renderNextSteps(next: NextSteps): string {
  const lines = ["#### What happens next", ""];
  switch (next.kind) {
    case "merge-to-apply":
      lines.push(
        (next.needsApproval
          ? "Once someone with write permission has approved this pull request at this commit, merge it and okctl applies this plan (merged without that approval, it is held). "
          : "Merge this pull request and okctl applies this plan. ") +
          "Progress shows on the merge commit's `okctl apply` check run, and the result is posted as a comment on this pull request.",
      );
      break;
    case "no-changes":
      lines.push("Nothing to apply: AWS already matches this declaration. Merging changes nothing in AWS.");
      break;
    case "needs-label": {
      const label = next.label ?? ALLOW_DESTROY_LABEL;
      lines.push(
        `This plan destroys or replaces resources. okctl applies it on merge only if this pull request carries the label ${codeSpan(label)}.`,
        `Add the label before merging if the destruction is intended; without it, nothing is applied.`,
      );
      break;
    }
    case "not-allowed-to-destroy":
      lines.push(
        "This plan destroys or replaces resources, and this repository's okctl access entry does not allow destroy: nothing will be applied on merge, even with a label.",
        "Change the declaration so that nothing is destroyed, or ask your platform team to allow destroy for this repository.",
      );
      break;
    case "held": {
      const here = next.on === "drift-issue" ? "this issue" : "this pull request";
      if (next.cause === "no-plan-to-approve") {
        lines.push(
          "**Held.** This repository needs an approved plan before a merge is applied, and okctl published no plan of this merge that anyone could approve, so it was not applied.",
          ...(next.reason ? ["", `Why: ${escapeText(next.reason)}`] : []),
          "",
          "`/okctl apply` cannot apply this merge: open a pull request that changes this declaration, have someone with write permission approve its plan, and merge it.",
        );
        break;
      }
      lines.push(
        next.cause === "approval-missing"
          ? "**Held.** This merge lacks the approval of the plan that okctl needs before it applies, so it was not applied."
          : next.on === "drift-issue"
            ? "**Held.** This plan is different from the one this issue showed (AWS or the declaration changed since), so it was not applied."
            : "**Held.** This plan is different from the one reviewed before merge (AWS or the declaration changed since), so it was not applied.",
        ...(next.reason ? ["", `Why: ${escapeText(next.reason)}`] : []),
        "",
        next.cause === "approval-missing"
          ? `Once the plan is approved, comment \`/okctl apply\` on ${here} to apply it; nothing is applied until then.`
          : `Comment \`/okctl apply\` on ${here} to apply this plan; nothing is applied until then.`,
        ...(next.expiresAt && next.on !== "drift-issue"
          ? [
              "",
              `This held apply expires on ${escapeText(next.expiresAt)} (7 days after it was held), and is dropped sooner if a later apply of this cluster succeeds or a later commit on the default branch changes this declaration. ` +
                "After that, `/okctl apply` applies nothing: to plan again, open a new pull request that changes this declaration, and merge it.",
            ]
          : []),
      );
      break;
    }
    case "errors":
      lines.push("This plan cannot be applied until the problems above are fixed. Push a fix and okctl plans again.");
      break;
  }
  return lines.join("\n");
}

/** One line listing the comment commands. */
export function renderCommandsLine(): string {
  return `<sub>Commands: ${COMMANDS.map(({ command, description }) => `\`${command}\` ${description}`).join(" · ")}</sub>`;
}
