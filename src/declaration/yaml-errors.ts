// Turns the yaml library's parse errors and warnings into one-line problems with positions.
import type { YAMLError } from "yaml";
import type { PositionedProblem } from "./problem.js";

const MESSAGES: Record<string, string> = {
  MULTIPLE_DOCS: "the file holds several YAML documents (separated by ---); okctl.yaml must be exactly one",
  TAG_RESOLVE_FAILED: "unknown YAML tag; okctl.yaml takes plain values only",
  BAD_ALIAS: "this alias is not valid YAML",
};

/** The library's message without the " at line L, column C:" suffix and code frame it adds. */
function firstLine(message: string): string {
  const cut = message.search(/ at line \d+, column \d+/);
  const text = (cut === -1 ? message : message.slice(0, cut)).split("\n")[0]!.trim();
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function yamlErrorProblem(error: YAMLError): PositionedProblem {
  const start = error.linePos?.[0];
  const known = /call stack/i.test(error.message) ? "the file nests too deeply" : MESSAGES[error.code];
  return {
    line: start?.line ?? 1,
    column: start?.col ?? 1,
    path: "",
    message: `YAML syntax: ${known ?? firstLine(error.message)}`,
  };
}
