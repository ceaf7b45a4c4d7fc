// The reply to `/okctl help`, to unknown commands, and the polite refusal of a command.
import { codeSpan, escapeText } from "./escape.js";
import { ALLOW_DESTROY_LABEL, COMMANDS } from "./next-steps.js";

export function renderHelpComment(): string {
  return [
    "### okctl commands",
    "",
    "Comment on a pull request that changes an `okctl.yaml` (you need write permission on this repository):",
    "",
    ...COMMANDS.map(({ command, description }) => `- \`${command}\`: ${description}`),
    "",
    "okctl plans every `okctl.yaml` a pull request changes, keeps one comment per declaration up to date, and applies the plan when the pull request is merged.",
    `Plans that destroy or replace resources are applied only when the pull request carries the label ${codeSpan(ALLOW_DESTROY_LABEL)} and the repository is allowed to destroy.`,
    "",
  ].join("\n");
}

/** The reply to someone without write permission who tried a command. */
export function renderCommandRefusedComment(username: string, command: string): string {
  return [
    `Sorry ${escapeText(`@${username}`)}, ${codeSpan(command)} needs write permission on this repository, and okctl found none for you.`,
    "Ask a maintainer to run it.",
    "",
  ].join("\n");
}

/** The reply to `/okctl apply` when a held apply was dropped (expired, or overtaken): why, and how to apply now. */
export function renderHeldApplyDroppedComment(reason: string, planAgain: string): string {
  return [`**Not applied.** ${escapeText(reason)}`, "", escapeText(planAgain), ""].join("\n");
}
