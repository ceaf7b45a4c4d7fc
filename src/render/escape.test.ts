import { describe, expect, it } from "vitest";
import { clip, codeSpan, escapeText, fencedBlock, oneLine, sizeOf } from "./escape.js";
import { plainMarkdown, splitFences } from "./markdown-structure.js";

describe("codeSpan", () => {
  it("uses a fence longer than any backtick run inside, padded next to a backtick", () => {
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("`x``")).toBe("``` `x`` ```");
    expect(plainMarkdown(`see ${codeSpan("</details> ``` @everyone")} here`)).toBe("see ⟨code⟩ here");
  });

  it("keeps the span on one line and cuts it when long", () => {
    expect(codeSpan("a\nb")).toBe("`a\\nb`");
    expect(sizeOf(codeSpan("y".repeat(10_000)))).toBeLessThan(400);
  });
});

describe("fencedBlock", () => {
  it("cannot be closed by the content", () => {
    const hostile = "line\n```\n</details>\n````\nend";
    const block = fencedBlock("diff", hostile);
    expect(splitFences(`before\n${block}\nafter`)).toEqual({ outside: "before\nafter", blocks: [{ info: "diff", content: hostile }] });
  });
});

describe("escapeText", () => {
  it("neutralises HTML, Markdown punctuation, mentions and line breaks", () => {
    const text = escapeText("<b>*hi*</b> @team [x](y)\n# not a heading");
    expect(text).not.toMatch(/[<>\n]/);
    expect(text).toContain("@\u200bteam");
    expect(text).toContain("\\*hi\\*");
    expect(text).toContain("\\[x\\]\\(y\\)");
  });
});

describe("clip and oneLine", () => {
  it("cuts on a code point boundary within the byte budget", () => {
    const cut = clip("é".repeat(100), 11);
    expect(sizeOf(cut)).toBeLessThanOrEqual(11);
    expect(cut.endsWith("…")).toBe(true);
    expect(clip("short", 10)).toBe("short");
  });

  it("shows control characters as escapes", () => {
    expect(oneLine("a\r\n\tb\u0001")).toBe("a\\r\\n\\tb\\u0001");
  });
});
