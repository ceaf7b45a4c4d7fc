// Pure formatting of validation results: `FILE:LINE:COL: message` lines with a summary, or JSON.
import type { Diagnostic, LoadResult } from "../declaration/types.js";
import { styleFor } from "../render/terminal-style.js";
import type { ShowDocument } from "./show.js";

export interface FileReport {
  file: string;
  /** false when the file could not be read at all (`unreadable` says why; no diagnostics). */
  readable: boolean;
  /** Why the file could not be read: "no such file", "it is a directory", … */
  unreadable?: string;
  result: LoadResult;
  /** With --show: the defaulted declaration and derived layout of a valid file. */
  show?: ShowDocument;
}

function diagnosticsOf(report: FileReport): Diagnostic[] {
  return report.result.ok ? [] : report.result.diagnostics;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The closing line; empty when the only thing to say is that the one file could not be read. */
export function summaryLine(reports: readonly FileReport[]): string {
  const readable = reports.filter((r) => r.readable);
  const unreadable = reports.length - readable.length;
  const invalid = readable.filter((r) => !r.result.ok);
  const problems = invalid.reduce((sum, r) => sum + diagnosticsOf(r).length, 0);
  let checked = "";
  if (readable.length > 0 && invalid.length === 0) {
    checked = readable.length === 1 ? `${readable[0]!.file} is valid` : `all ${readable.length} files are valid`;
  } else if (readable.length === 1) checked = `${count(problems, "problem")} in ${readable[0]!.file}`;
  else if (readable.length > 1) checked = `${count(problems, "problem")} in ${invalid.length} of ${count(readable.length, "file")}`;
  if (unreadable === 0) return checked;
  if (readable.length === 0 && unreadable === 1) return "";
  const unread = `${count(unreadable, "file")} could not be read`;
  return checked ? `${checked}; ${unread}` : unread;
}

export interface TextReportOptions {
  color?: boolean;
  /** With --show: the output is one YAML stream, every other line a YAML comment. */
  showYaml?: (show: ShowDocument, file: string) => string;
}

export function textReport(reports: readonly FileReport[], options: TextReportOptions = {}): string {
  const style = styleFor(options.color);
  const lines: string[] = [];
  const comment = options.showYaml ? (line: string) => `# ${line}` : (line: string) => line;
  for (const report of reports) {
    if (report.show && options.showYaml) lines.push(options.showYaml(report.show, report.file));
    if (!report.readable) lines.push(comment(`${style.bold(`${report.file}:`)} ${style.red(report.unreadable ?? "cannot be read")}`));
    lines.push(...diagnosticsOf(report).map((d) => comment(`${style.bold(`${d.file}:${d.line}:${d.column}:`)} ${d.message}`)));
  }
  const summary = summaryLine(reports);
  const ok = reports.every((r) => r.result.ok);
  if (summary) lines.push(comment(ok ? style.green(summary) : style.red(summary)));
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

export function jsonReport(reports: readonly FileReport[]): string {
  const files = reports.map((r) => ({
    file: r.file,
    valid: r.result.ok,
    ...(r.readable ? {} : { readable: false, error: r.unreadable ?? "cannot be read" }),
    diagnostics: diagnosticsOf(r),
    ...(r.show ? r.show : {}),
  }));
  const body = {
    valid: reports.every((r) => r.result.ok),
    problems: files.reduce((sum, f) => sum + f.diagnostics.length, 0),
    summary: summaryLine(reports) || `${reports[0]?.file ?? "the file"} could not be read`,
    files,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
