// Characters a reader must never receive as themselves from a hostile value (an AWS Name tag, an
// id, an error text, a declaration's value): C0 controls and DEL (ESC starts terminal escape
// sequences that move the cursor, clear the screen, set the title or hide text), C1 controls
// (U+009B is CSI on many terminals), and the bidi controls that reorder what is shown (U+202A–202E,
// U+2066–2069, U+200E/F, U+061C) with the line and paragraph separators. Each is shown as a
// visible escape (`\u202e`), which inside a JSON string still means the same character.

/** Every unsafe character but newline and tab (which neutralise keeps; oneLine in escape.ts does not). */
export const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE = new RegExp(UNSAFE_CHARACTERS.source, "g");

/** `\r` stays readable; the rest as `\uXXXX`. */
export function visibleEscape(char: string): string {
  if (char === "\n") return "\\n";
  if (char === "\r") return "\\r";
  if (char === "\t") return "\\t";
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** `text` with every unsafe character shown as an escape; newlines and tabs kept. */
export function neutralise(text: string): string {
  return text.replace(UNSAFE, visibleEscape);
}

// The only escape sequences okctl itself writes to a terminal (src/render/terminal-style.ts).
const OWN_STYLE = /\u001b\[(?:0|1|31|32|33)m/g;

/**
 * For the command line's output as it is written: okctl's own colour codes pass, every other
 * unsafe character is shown as an escape, whichever value it came in (a second line of defence
 * behind the renderers, which neutralise the values they print).
 */
export function terminalSafe(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(OWN_STYLE)) {
    out += neutralise(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + neutralise(text.slice(last));
}
