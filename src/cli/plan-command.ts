// okctl plan: what applying okctl.yaml would change in AWS, printed like Terraform's plan.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { renderPlanText } from "../render/terminal.js";
import { openForReading, planInSession, READ_OPTIONS } from "./cluster-session.js";
import { useColor } from "./color.js";
import { parseOptions } from "./parse-options.js";
import { EXIT_INVALID, EXIT_OK, type CliIo, type Command } from "./types.js";
import { planCost } from "../cost/plan-cost.js";
import { lazyPriceSource } from "../aws/price-source.js";

const USAGE = `Usage: okctl plan [-f FILE] [--repository OWNER/NAME] [--repository-id ID] [--profile NAME] [--format text|json] [--out FILE]

Reads the AWS resources of the cluster that FILE (default ./okctl.yaml) declares and prints what
apply would do. With the access configuration (OKCTL_ACCESS_CONFIG, as on the server) it reads with
the IAM role assigned to OWNER/NAME. Without it, it reads with your own AWS credentials (the default
credential chain, or --profile), after checking they are in the declared account; it only reads.

Options:
  -f, --file FILE            The declaration (default okctl.yaml).
  --repository OWNER/NAME    The repository the declaration belongs to (required with the access
                             configuration; otherwise read from the git remote origin if left out).
  --repository-id ID         Its numeric GitHub id (what okctl's ownership tags name); without it,
                             okctl asks GitHub (GITHUB_TOKEN, if set, for private repositories).
  --profile NAME             Without the access configuration: the AWS profile to use.
  --format text|json         text (default): like Terraform; json: the plan value itself.
  --out FILE                 Also write the plan as JSON to FILE.
  -h, --help                 Show this help.

Exit codes: 0 planned; 1 invalid declaration, refused, the plan has errors, or AWS failed (e.g. a call that timed out); 2 usage error.
`;

const OPTIONS = { ...READ_OPTIONS, out: { type: "string" } } as const;

export const planCommand: Command = {
  name: "plan",
  summary: "Show what applying okctl.yaml would change in AWS",
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseOptions(args, OPTIONS, false);
    const session = await openForReading(io, values);
    if (!session.ok) return session.exitCode;
    const plan = await planInSession(session);
    if (values.out) await writeFile(resolve(io.cwd, values.out), `${JSON.stringify(plan, null, 2)}\n`);
    const color = values.format === "text" && useColor(io, io.stdout);
    if (values.format === "json") {
      io.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    } else {
      // The cost estimate: the AWS Price List with the caller's own credentials ("unavailable" without).
      const cost = await planCost(plan, lazyPriceSource());
      io.stdout.write(renderPlanText(plan, { color, cost }));
    }
    return plan.errors.length > 0 ? EXIT_INVALID : EXIT_OK;
  },
};
