// The comment on a pull request that changes more okctl.yaml files than okctl plans at once.
import { codeSpan } from "./escape.js";
import { planCommentMarker } from "./marker.js";

/** Its own sticky comment: no declaration path can be this one (paths end in okctl.yaml). */
export const DECLARATIONS_CAPPED_MARKER = planCommentMarker("(declarations not planned)");

export function renderDeclarationsCapped(total: number, planned: number, skipped: readonly string[]): string {
  const listed = skipped.slice(0, 20).map((path) => `- ${codeSpan(path)}`);
  if (skipped.length > listed.length) listed.push(`- … and ${skipped.length - listed.length} more`);
  return [
    DECLARATIONS_CAPPED_MARKER,
    `### okctl planned ${planned} of the ${total} declarations this pull request changes`,
    "",
    `okctl plans at most ${planned} \`okctl.yaml\` files per pull request. These were not planned, and will not be applied when it is merged:`,
    "",
    ...listed,
    "",
    "Split the change into pull requests of at most " + planned + " declarations each.",
    "",
  ].join("\n");
}
