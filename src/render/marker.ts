// The hidden marker that lets okctl find its own sticky comment again: the first line of the body.
// `<!-- okctl:plan path=clusters/dev/okctl.yaml -->`. The path is percent-encoded where it could
// end or corrupt the HTML comment (`--`, `>`, whitespace, `%`), so it cannot break out of it.

export type MarkerKind = "plan" | "apply" | "drift";

export interface Marker {
  kind: MarkerKind;
  path: string;
}

function encodePath(path: string): string {
  return encodeURIComponent(path)
    .replace(/%2F/g, "/")
    .replace(/-/g, "%2D");
}

function marker(kind: MarkerKind, path: string): string {
  return `<!-- okctl:${kind} path=${encodePath(path)} -->`;
}

/** The marker of the plan comment (also used for validation and refusal) of one declaration. */
export function planCommentMarker(path: string): string {
  return marker("plan", path);
}

/** The marker of the apply-result comment of one declaration. */
export function applyCommentMarker(path: string): string {
  return marker("apply", path);
}

/** The marker of the drift issue of one declaration (its body's first line). */
export function driftIssueMarker(path: string): string {
  return marker("drift", path);
}

/**
 * The marker of the comment that closes a drift issue, with the closing's id (the store keeps it
 * while closing), so that a close done again after a crash finds its comment instead of posting twice.
 */
export function driftClearedMarker(closingId: string): string {
  return `<!-- okctl:drift-cleared id=${encodePath(closingId)} -->`;
}

/** The marker of okctl's one reply to a person without write permission on a pull request. */
export function commandReplyMarker(login: string): string {
  return `<!-- okctl:reply user=${encodePath(login.toLowerCase())} -->`;
}

const MARKER_LINE = /^<!-- okctl:(plan|apply|drift) path=([^\s]+) -->(?:\r?\n|$)/;

/** Reads the marker at the start of a comment body, if there is one. */
export function findMarker(body: string): Marker | undefined {
  const match = MARKER_LINE.exec(body);
  if (!match) return undefined;
  try {
    return { kind: match[1] as MarkerKind, path: decodeURIComponent(match[2] as string) };
  } catch {
    return undefined;
  }
}

/** True when `body` starts with exactly this marker line. */
export function hasMarker(body: string, markerLine: string): boolean {
  return body === markerLine || body.startsWith(`${markerLine}\n`) || body.startsWith(`${markerLine}\r\n`);
}
