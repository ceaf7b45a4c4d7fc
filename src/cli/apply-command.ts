// okctl apply: plan, show the plan, ask (or take --yes), and apply with live progress.
import { isDestructive, destructiveChanges } from "../plan/destructive.js";
import { applyCluster, pollIntervalFromEnv } from "../engine/apply-cluster.js";
import { renderApplyEvent, renderPlanText } from "../render/terminal.js";
import { openClusterSession, requireRepository } from "./cluster-session.js";
import { parseRepositoryId } from "./repository-id.js";
import { confirm } from "./confirm.js";
import { useColor } from "./color.js";
import { parseOptions } from "./parse-options.js";
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo, type Command } from "./types.js";

const USAGE = `Usage: okctl apply [-f FILE] --repository OWNER/NAME [--repository-id ID] [--allow-destroy] [--yes]

Plans like \`okctl plan\`, prints the plan, and applies it after confirmation, printing each step as
it starts, waits and finishes. Applying again after an interruption picks up where it stopped.

Options:
  -f, --file FILE            The declaration (default okctl.yaml).
  --repository OWNER/NAME    The repository the declaration belongs to (required).
  --repository-id ID         Its numeric GitHub id (what okctl's ownership tags name); without it,
                             okctl asks GitHub (GITHUB_TOKEN, if set, for private repositories).
  --allow-destroy            Allow deleting and replacing resources. The repository's access entry
                             must also allow it (allowDestroy: true).
  --yes                      Do not ask for confirmation.
  -h, --help                 Show this help.

Exit codes: 0 applied (or nothing to do); 1 refused, invalid, or a step failed; 2 usage error.
`;

const OPTIONS = {
  file: { type: "string", short: "f", default: "okctl.yaml" },
  repository: { type: "string" },
  "repository-id": { type: "string" },
  "allow-destroy": { type: "boolean", default: false },
  yes: { type: "boolean", default: false },
} as const;

function destroyRefusal(names: string[], entryAllows: boolean, flag: boolean): string | undefined {
  if (entryAllows && flag) return undefined;
  const list = names.map((name) => `  - ${name}`).join("\n");
  const missing = [
    ...(flag ? [] : ["pass --allow-destroy"]),
    ...(entryAllows ? [] : ["an okctl administrator must set allowDestroy: true on this repository's access entry"]),
  ].join(", and ");
  return `okctl: refusing to apply: the plan deletes or replaces resources:\n${list}\nNothing was changed. To go ahead, ${missing}.\n`;
}

export const applyCommand: Command = {
  name: "apply",
  summary: "Apply okctl.yaml to AWS: plan, confirm, and converge",
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseOptions(args, OPTIONS, false);
    const repository = requireRepository(values.repository);
    const pollIntervalMs = pollIntervalFromEnv(io.env);
    const session = await openClusterSession(io, values.file, repository, parseRepositoryId(values["repository-id"]));
    if (!session.ok) return session.exitCode;
    const { plan } = session;
    io.stdout.write(renderPlanText(plan, { color: useColor(io, io.stdout) }));
    if (plan.errors.length > 0) return EXIT_INVALID;
    const { create, update, replace, delete: destroy } = plan.summary;
    if (create + update + replace + destroy === 0) return EXIT_OK;
    if (isDestructive(plan)) {
      const refusal = destroyRefusal(destructiveChanges(plan).map((change) => `${change.action} ${change.id}`), session.entry.allowDestroy, values["allow-destroy"]);
      if (refusal) {
        io.stderr.write(refusal);
        return EXIT_INVALID;
      }
    }
    if (!values.yes) {
      const answer = await confirm(io, "\nDo you want to apply this plan?");
      if (answer === "no-terminal") {
        io.stderr.write("okctl: no terminal to confirm on: pass --yes to apply without confirmation.\n");
        return EXIT_USAGE;
      }
      if (answer === "no") {
        io.stdout.write("Apply cancelled. Nothing was changed.\n");
        return EXIT_INVALID;
      }
    }
    const result = await applyCluster(plan, {
      clients: session.clients,
      repositoryId: session.repositoryId,
      allowDestroy: values["allow-destroy"] && session.entry.allowDestroy,
      onEvent: (event) => io.stdout.write(`${renderApplyEvent(event)}\n`),
      ...(pollIntervalMs !== undefined ? { pollIntervalMs } : {}),
    });
    if (result.outcome === "refused") {
      io.stderr.write(`okctl: ${result.message}\n`);
      return EXIT_INVALID;
    }
    const counts = { done: 0, failed: 0, skipped: 0, notStarted: 0 };
    for (const step of result.steps) {
      if (step.status === "done") counts.done += 1;
      else if (step.status === "failed") counts.failed += 1;
      else if (step.status === "skipped") counts.skipped += 1;
      else counts.notStarted += 1;
    }
    io.stdout.write(
      result.ok
        ? `\nApply complete: ${counts.done} steps done.\n`
        : `\nApply failed: ${counts.done} done, ${counts.failed} failed, ${counts.skipped + counts.notStarted} not run. Fix the cause and run okctl apply again: it continues from what exists.\n`,
    );
    return result.ok ? EXIT_OK : EXIT_INVALID;
  },
};
