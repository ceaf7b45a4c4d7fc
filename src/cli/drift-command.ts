// okctl drift: does AWS still match the declaration? The same session and plan as `okctl plan`,
// read as a drift report. For other CI systems: exit 0 no drift, 2 drift, 1 anything else.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { lazyPriceSource } from "../aws/price-source.js";
import { planCost } from "../cost/plan-cost.js";
import { driftReport } from "../drift/report.js";
import { renderDriftText } from "../render/drift-text.js";
import { openForReading, planInSession, READ_OPTIONS } from "./cluster-session.js";
import { useColor } from "./color.js";
import { parseOptions } from "./parse-options.js";
import { EXIT_INVALID, EXIT_OK, UsageError, type CliIo, type Command } from "./types.js";

/** Exit codes of `okctl drift` (not the other commands': 2 is drift here, not a usage error). */
export const DRIFT_EXIT = { none: EXIT_OK, error: EXIT_INVALID, drift: 2 } as const;

const USAGE = `Usage: okctl drift [-f FILE] [--repository OWNER/NAME] [--repository-id ID] [--profile NAME] [--format text|json]

Checks whether AWS still matches the declaration in FILE (default ./okctl.yaml): plans it, as
\`okctl plan\` does, and reports each resource and attribute that differs (what is declared, what
AWS has), the declaration values that would match AWS, and what applying would change. Reads with
the repository's IAM role when the access configuration (OKCTL_ACCESS_CONFIG) is set, otherwise
with your own AWS credentials (read-only, checked to be in the declared account).

Options:
  -f, --file FILE            The declaration (default okctl.yaml), as merged on the default branch.
  --repository OWNER/NAME    The repository the declaration belongs to (required with the access
                             configuration; otherwise read from the git remote origin if left out).
  --repository-id ID         Its numeric GitHub id (what okctl's ownership tags name); without it,
                             okctl asks GitHub (GITHUB_TOKEN, if set, for private repositories).
  --profile NAME             Without the access configuration: the AWS profile to use.
  --format text|json         text (default); json: the drift report, with the plan in it.
  -h, --help                 Show this help.

Exit codes: 0 no drift; 2 drift; 1 anything else (invalid declaration or options, refused, the plan
has errors, or AWS failed).
`;

const OPTIONS = READ_OPTIONS;

/** The declaration's text, for the line of each value that would match AWS (none if it went away since). */
async function sourceOf(io: CliIo, file: string): Promise<{ source?: string }> {
  try {
    return { source: await readFile(resolve(io.cwd, file), "utf8") };
  } catch {
    return {};
  }
}

async function check(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, OPTIONS, false);
  const session = await openForReading(io, values);
  // Every failure is 1 here, even a usage error or an unreadable file (2 means drift).
  if (!session.ok) return DRIFT_EXIT.error;
  const plan = await planInSession(session);
  const report = driftReport(plan, { declaration: session.declaration, ...(await sourceOf(io, values.file)) });
  if (values.format === "json") {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const cost = report.drifted ? await planCost(plan, lazyPriceSource()) : undefined;
    io.stdout.write(renderDriftText(report, { declarationPath: values.file, color: useColor(io, io.stdout), ...(cost ? { cost } : {}) }));
  }
  if (report.errors.length > 0) {
    io.stderr.write(`okctl drift: the plan has ${report.errors.length === 1 ? "an error" : `${report.errors.length} errors`}: the drift shown may be incomplete.\n`);
    return DRIFT_EXIT.error;
  }
  return report.drifted ? DRIFT_EXIT.drift : DRIFT_EXIT.none;
}

export const driftCommand: Command = {
  name: "drift",
  summary: "Check whether AWS still matches okctl.yaml (exit 0 no drift, 2 drift, 1 error)",
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    try {
      return await check(args, io);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error; // main() prints it and exits 1
      io.stderr.write(`okctl drift: ${error.message}\n\n${USAGE}`);
      return DRIFT_EXIT.error;
    }
  },
};
