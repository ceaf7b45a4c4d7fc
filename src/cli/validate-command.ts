// okctl validate [FILE…]: checks okctl.yaml files and prints every problem with its position.
import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { fileTooLargeMessage, MAX_DECLARATION_BYTES } from "../declaration/decode.js";
import { loadDeclaration } from "../declaration/load.js";
import type { LoadResult } from "../declaration/types.js";
import { useColor } from "./color.js";
import { parseOptions } from "./parse-options.js";
import { jsonReport, textReport, type FileReport } from "./report.js";
import { showDocument, showYaml } from "./show.js";
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, type CliIo, type Command } from "./types.js";

const USAGE = `Usage: okctl validate [options] [FILE…]

Checks okctl.yaml files (default: ./okctl.yaml) against the format and its rules, and prints
every problem as FILE:LINE:COL: message, then a summary line.

Options:
  --format text|json     Output format (default text). json: { valid, problems, summary, files }.
  --show                 Also print each valid file with every default applied, its derived
                         subnet layout, and the tags its resources will carry: one YAML
                         document per file, problems and the summary as YAML comments.
  --repository OWNER/NAME  The value of the okctl.io/repository tag shown by --show.
  -h, --help             Show this help.

Exit codes: 0 all files valid; 1 a file is invalid; 2 usage error, or a file could not be read
(reported as FILE: no such file). Colours on a terminal; NO_COLOR turns them off, FORCE_COLOR on.
`;

const OPTIONS = {
  format: { type: "string", default: "text" },
  show: { type: "boolean", default: false },
  repository: { type: "string" },
} as const;

function unreadable(file: string, message: string): LoadResult {
  return { ok: false, diagnostics: [{ file, line: 1, column: 1, path: "", message }] };
}

/** Reads at most 1 MiB (+1 byte); larger files are reported without reading them. */
export async function readDeclaration(file: string, cwd: string): Promise<FileReport> {
  try {
    const handle = await open(resolve(cwd, file), "r");
    try {
      const { size } = await handle.stat();
      if (size > MAX_DECLARATION_BYTES) return { file, readable: true, result: unreadable(file, fileTooLargeMessage(size)) };
      const buffer = Buffer.alloc(size);
      const { bytesRead } = await handle.read(buffer, 0, size, 0);
      return { file, readable: true, result: loadDeclaration(buffer.subarray(0, bytesRead), file) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    return { file, readable: false, unreadable: why, result: { ok: false, diagnostics: [] } };
  }
}

export const validateCommand: Command = {
  name: "validate",
  summary: "Check okctl.yaml files and report every problem with its line and column",
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseOptions(args, OPTIONS, true);
    const format = values.format;
    if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json, not "${format}"`);
    const repository = values.repository;
    if (repository !== undefined && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) {
      throw new UsageError(`--repository must be OWNER/NAME, not "${repository}"`);
    }
    const files = positionals.length > 0 ? positionals : ["okctl.yaml"];
    const reports: FileReport[] = [];
    for (const file of files) {
      const report = await readDeclaration(file, io.cwd);
      if (values.show && report.result.ok) report.show = showDocument(report.result.declaration, report.result.layout, repository);
      reports.push(report);
    }
    const color = format === "text" && useColor(io, io.stdout);
    io.stdout.write(format === "json" ? jsonReport(reports) : textReport(reports, { color, ...(values.show ? { showYaml } : {}) }));
    if (reports.some((r) => !r.readable)) return EXIT_USAGE;
    return reports.every((r) => r.result.ok) ? EXIT_OK : EXIT_INVALID;
  },
};
