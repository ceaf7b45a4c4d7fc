// Making user-controlled strings (paths, names, values, messages) safe inside Markdown.
// Every string that did not come from this folder goes through one of these before it is
// placed in a comment: as a code span, inside a fenced block, or as escaped text.
import { neutralise, visibleEscape } from "./controls.js";

/** Size as GitHub may count it: UTF-8 bytes, which is never less than characters or UTF-16 units. */
export function sizeOf(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Cuts `text` to at most `max` UTF-8 bytes, on a code point boundary, marking the cut. */
export function clip(text: string, max: number): string {
  if (sizeOf(text) <= max) return text;
  const suffix = "…";
  let out = "";
  let size = 0;
  const budget = Math.max(0, max - sizeOf(suffix));
  for (const char of text) {
    const charSize = sizeOf(char);
    if (size + charSize > budget) break;
    out += char;
    size += charSize;
  }
  return max >= sizeOf(suffix) ? out + suffix : out;
}

/**
 * Line breaks and other control characters (C0, DEL, C1, bidi; see controls.ts) shown as visible
 * escapes, so text stays on one line and reads in the order it is stored.
 */
export function oneLine(text: string): string {
  return neutralise(text).replace(/[\n\t]/g, visibleEscape);
}

/** `@name` would notify someone: a zero-width space after the `@` keeps the text, drops the ping. */
function noMentions(text: string): string {
  return text.replace(/@/g, "@\u200b");
}

/** Longest code span, in bytes, before it is cut. */
export const MAX_SPAN_SIZE = 300;

/**
 * An inline code span that holds `text` literally: its fence is longer than any run of backticks
 * inside, and padded when the text starts or ends with a backtick. Kept on one line.
 */
export function codeSpan(text: string, max = MAX_SPAN_SIZE): string {
  const flat = clip(oneLine(text), max);
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat === "" ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Markdown/HTML-neutral text on one line: punctuation backslash-escaped, `<>&` as entities, no mentions. */
export function escapeText(text: string): string {
  const escaped = oneLine(text)
    .replace(/[\\`*_{}\[\]()#+\-!|~]/g, (char) => `\\${char}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
  return noMentions(escaped);
}

/**
 * A fenced code block around `lines`. The fence is longer than any backtick run in the content,
 * so no line of it can close the block; HTML inside a code block is not interpreted by Markdown.
 */
export function fencedBlock(info: string, rawContent: string): string {
  const content = neutralise(rawContent);
  const longest = Math.max(2, ...[...content.matchAll(/`{3,}/g)].map((match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${info}\n${content}\n${fence}`;
}

/** A `<details>` block; the summary is ours (never user text). */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? " open" : ""}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** A GitHub alert block (`> [!WARNING]` …) from lines of already-safe Markdown (each may hold several). */
export function alert(kind: "NOTE" | "IMPORTANT" | "WARNING" | "CAUTION", lines: readonly string[]): string {
  return [`> [!${kind}]`, ...lines.flatMap((line) => line.split("\n")).map((line) => (line === "" ? ">" : `> ${line}`))].join("\n");
}

/** Short form of a commit SHA. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
