// The commonest YAML slip, found before the library's message about it: a key indented deeper
// than the key above it, whose value is on its own line (`name: x` then `    accountID: …`). The
// library reads the deeper line as part of the value above and reports that line, in terms of
// "compact mappings"; a person wants the line that is wrong and what to do about it.
import type { PositionedProblem } from "./problem.js";

interface Line {
  number: number;
  indent: number;
  text: string;
}

/** A `key: value` line whose value is on the same line (not a block scalar, not a nested block). */
function keyWithValue(text: string): string | undefined {
  const match = /^(?:- )?([^\s#:][^:#]*?):\s+([^\s#|>].*)$/.exec(text);
  return match ? match[1] : undefined;
}

function isKey(text: string): boolean {
  return /^(?:- )?[^\s#:-][^:#]*?:(\s|$)/.test(text);
}

function significantLines(source: string): Line[] {
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    const text = raw.trimStart();
    if (text === "" || text.startsWith("#") || text === "---" || text === "...") return;
    lines.push({ number: index + 1, indent: raw.length - text.length, text });
  });
  return lines;
}

/** The first over-indented key, when the file has one, and the line of the key above it. */
export function overIndentedKey(source: string): { problem: PositionedProblem; aboveLine: number } | undefined {
  const lines = significantLines(source);
  for (let index = 1; index < lines.length; index += 1) {
    const previous = lines[index - 1]!;
    const line = lines[index]!;
    const above = keyWithValue(previous.text);
    if (above === undefined || line.indent <= previous.indent || !isKey(line.text)) continue;
    const column = previous.indent + (previous.text.startsWith("- ") ? 2 : 0) + 1;
    const key = line.text.split(":")[0]!.replace(/^- /, "");
    const problem: PositionedProblem = {
      line: line.number,
      column: line.indent + 1,
      path: "",
      message:
        `"${key}" is indented more than "${above}" on line ${previous.number}: keys of one mapping start in the same column (${column}); ` +
        `indent it like "${above}", or give "${above}" no value on its line to nest "${key}" under it`,
    };
    return { problem, aboveLine: previous.number };
  }
  return undefined;
}
