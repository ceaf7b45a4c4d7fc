// `/okctl …` comment commands: parsed purely from the comment body.

export type OkctlCommand = { name: "plan" } | { name: "apply" } | { name: "help" } | { name: "unknown"; text: string };

const PREFIX = /^\/okctl(?:\s+(\S+))?/;

/** The command in a comment, or undefined when the comment is not addressed to okctl. */
export function parseCommand(body: string): OkctlCommand | undefined {
  const line = body.trimStart().split(/\r?\n/, 1)[0]?.trim() ?? "";
  const match = PREFIX.exec(line);
  if (!match || (line.length > 6 && !/\s/.test(line[6]!))) return undefined; // "/okctlx" is not ours
  const word = (match[1] ?? "help").toLowerCase();
  if (word === "plan" || word === "apply" || word === "help") return { name: word };
  return { name: "unknown", text: line.slice(0, 100) };
}
