// Pure formatting of validation results: `FILE:LINE:COL: message` lines with a summary, or JSON.
import type { Diagnostic, LoadResult } from "../declaration/types.js";
import type { ShowDocument } from "./show.js";

export interface FileReport {
  file: string;
  /** false when the file could not be read at all (its one diagnostic says why). */
  readable: boolean;
  result: LoadResult;
  /** With --show: the defaulted declaration and derived layout of a valid file. */
  show?: ShowDocument;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

function diagnosticsOf(report: FileReport): Diagnostic[] {
  return report.result.ok ? [] : report.result.diagnostics;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function summaryLine(reports: readonly FileReport[]): string {
  const invalid = reports.filter((r) => !r.result.ok);
  const problems = invalid.reduce((sum, r) => sum + diagnosticsOf(r).length, 0);
  if (invalid.length === 0) {
    return reports.length === 1 ? `${reports[0]!.file} is valid` : `all ${reports.length} files are valid`;
  }
  if (reports.length === 1) return `${count(problems, "problem")} in ${reports[0]!.file}`;
  return `${count(problems, "problem")} in ${invalid.length} of ${count(reports.length, "file")}`;
}

export function textReport(reports: readonly FileReport[], showYaml: (show: ShowDocument, file: string) => string): string {
  const lines: string[] = [];
  for (const report of reports) {
    if (report.show) lines.push(showYaml(report.show, report.file));
    lines.push(...diagnosticsOf(report).map(formatDiagnostic));
  }
  lines.push(summaryLine(reports));
  return `${lines.join("\n")}\n`;
}

export function jsonReport(reports: readonly FileReport[]): string {
  const files = reports.map((r) => ({
    file: r.file,
    valid: r.result.ok,
    diagnostics: diagnosticsOf(r),
    ...(r.show ? r.show : {}),
  }));
  const body = {
    valid: reports.every((r) => r.result.ok),
    problems: files.reduce((sum, f) => sum + f.diagnostics.length, 0),
    summary: summaryLine(reports),
    files,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
