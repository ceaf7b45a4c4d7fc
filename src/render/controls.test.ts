// Control and bidi characters from hostile values (AWS Name tags, ids, error texts, declaration
// values) never reach a comment or a terminal as themselves: they are shown as visible escapes.
import { describe, expect, it } from "vitest";
import { neutralise, terminalSafe, UNSAFE_CHARACTERS } from "./controls.js";
import { codeSpan, escapeText, fencedBlock, oneLine } from "./escape.js";

const BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"];
const C1 = ["\u0080", "\u0085", "\u008d", "\u009b", "\u009d", "\u009f"];
const C0 = ["\u0000", "\u0007", "\u0008", "\u000b", "\u000c", "\r", "\u001b", "\u007f"];
const hostile = `vpc-1${"\u001b]0;pwned\u0007"}${"\u001b[2J"}${"\u009b31m"}admin${"\u202e"}gpj.exe${"\u2066"}x${"\u2069"}`;

/** Any character that may move the cursor, recolour, retitle or reorder what a reader sees. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe("neutralise", () => {
  it("shows every C0 (but newline and tab), DEL, C1 and bidi control as a visible escape", () => {
    for (const char of [...BIDI, ...C1, ...C0, "\u2028", "\u2029"]) {
      const shown = neutralise(`a${char}b`);
      expect(shown).not.toMatch(RAW);
      expect(shown).toMatch(/^a\\(u[0-9a-f]{4}|r)b$/);
    }
    expect(neutralise("line 1\n\tline 2 — ünïcødé 👍🏽 \u200d")).toBe("line 1\n\tline 2 — ünïcødé 👍🏽 \u200d");
    expect(neutralise(hostile)).toBe("vpc-1\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31madmin\\u202egpj.exe\\u2066x\\u2069");
    expect(UNSAFE_CHARACTERS.test("\u202e")).toBe(true);
  });

  it("keeps okctl's own colours on a terminal and nothing else that starts with ESC", () => {
    const ours = "\u001b[32m+\u001b[0m \u001b[1mvpc\u001b[0m \u001b[31m-\u001b[0m \u001b[33m~\u001b[0m";
    expect(terminalSafe(ours)).toBe(ours);
    const shown = terminalSafe(`${ours} ${hostile} \u001b[8mhidden\u001b[0m`);
    expect(shown.startsWith(ours)).toBe(true);
    expect(shown).toContain("\\u001b[8mhidden");
    expect(shown.replaceAll(/\u001b\[(0|1|31|32|33)m/g, "")).not.toMatch(RAW);
  });
});

describe("Markdown escaping", () => {
  it("neutralises bidi and C1 controls in text, code spans and fenced blocks", () => {
    for (const out of [oneLine(hostile), escapeText(hostile), codeSpan(hostile), fencedBlock("diff", `+ name: ${hostile}\n- x`)]) {
      expect(out).not.toMatch(RAW);
      expect(out).toContain("\\u202e");
    }
    expect(fencedBlock("diff", "+ a\n- b")).toBe("```diff\n+ a\n- b\n```");
  });
});
