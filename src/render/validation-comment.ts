// The sticky comment when okctl.yaml is invalid, and when okctl refuses to act on it. Both take
// the plan comment's place (same marker): one comment per declaration per pull request.
import type { Diagnostic } from "../declaration/types.js";
import { MAX_REPORTED_PROBLEMS } from "./annotations.js";
import { alert, clip, codeSpan, escapeText } from "./escape.js";
import { describeCommit, renderTitle, type CommitRef } from "./header.js";
import { applyCommentMarker, driftIssueMarker, planCommentMarker, type MarkerKind } from "./marker.js";
import { renderCommandsLine } from "./next-steps.js";

/** Most diagnostics listed in a comment (and annotated on the check run), with the total. */
export const MAX_LISTED_DIAGNOSTICS = MAX_REPORTED_PROBLEMS;
const MAX_MESSAGE_SIZE = 1000;

function diagnosticLine(diagnostic: Diagnostic): string {
  const where = diagnostic.path ? ` ${codeSpan(diagnostic.path)}` : "";
  return `- **line ${diagnostic.line}, column ${diagnostic.column}**${where}: ${escapeText(clip(diagnostic.message, MAX_MESSAGE_SIZE))}`;
}

export function renderValidationComment(path: string, diagnostics: readonly Diagnostic[], commit: CommitRef): string {
  const count = diagnostics.length;
  const listed = diagnostics.slice(0, MAX_LISTED_DIAGNOSTICS).map(diagnosticLine);
  if (count > listed.length) listed.push(`- … and ${count - listed.length} more, not shown: fix these and push to see the rest.`);
  return [
    planCommentMarker(path),
    renderTitle("validation", path),
    `**Commit** ${describeCommit(commit)}`,
    "",
    alert("CAUTION", [`**This declaration is not valid** (${count} ${count === 1 ? "problem" : "problems"}). Nothing was planned and nothing will be applied.`]),
    "",
    ...listed,
    "",
    "Fix these and push: okctl validates and plans again. The `okctl plan` check run marks each problem on its line in the Files changed tab.",
    "",
    renderCommandsLine(),
    "",
  ].join("\n");
}

/** In the plan comment's place, or (kind "apply", at merge) in the apply result's. */
export function renderRefusalComment(path: string, reason: string, commit: CommitRef, kind: MarkerKind = "plan"): string {
  return [
    kind === "apply" ? applyCommentMarker(path) : kind === "drift" ? driftIssueMarker(path) : planCommentMarker(path),
    renderTitle(kind, path),
    `**Commit** ${describeCommit(commit)}`,
    "",
    alert("WARNING", ["**okctl will not plan or apply this declaration.**", "", escapeText(clip(reason, MAX_MESSAGE_SIZE))]),
    "",
    "No AWS calls were made. This is decided by the okctl server's access configuration, which nothing in a repository or pull request can change: ask your platform team if this is not expected.",
    "",
  ].join("\n");
}
