// Test support: a small reading of CommonMark's block and span rules, enough to check that
// user text stays inside the code blocks and spans it was put in.

export interface FencedBlock {
  info: string;
  content: string;
}

/** Splits a document into fenced code blocks and the Markdown outside them. */
export function splitFences(markdown: string): { outside: string; blocks: FencedBlock[] } {
  const lines = markdown.split("\n");
  const outside: string[] = [];
  const blocks: FencedBlock[] = [];
  let open: { fence: string; info: string; lines: string[] } | undefined;
  for (const line of lines) {
    if (open) {
      const close = /^ {0,3}(`{3,})\s*$/.exec(line);
      if (close && (close[1] as string).length >= open.fence.length) {
        blocks.push({ info: open.info, content: open.lines.join("\n") });
        open = undefined;
      } else open.lines.push(line);
      continue;
    }
    const start = /^ {0,3}(`{3,})([^`]*)$/.exec(line);
    if (start) open = { fence: start[1] as string, info: (start[2] as string).trim(), lines: [] };
    else outside.push(line);
  }
  if (open) throw new Error(`unclosed fenced block: ${open.fence}${open.info}`);
  return { outside: outside.join("\n"), blocks };
}

/** Removes inline code spans (a backtick run closed by a run of the same length). */
export function withoutCodeSpans(text: string): string {
  return text.replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, "⟨code⟩");
}

/** The Markdown that is neither in a fenced block nor in a code span. */
export function plainMarkdown(markdown: string): string {
  return withoutCodeSpans(splitFences(markdown).outside);
}
