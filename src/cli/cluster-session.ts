// Shared by `okctl plan` and `okctl apply`: read and validate the declaration, load the access
// configuration, open the repository's AWS session, and plan. Every refusal is printed and turned
// into an exit code; nothing here throws for expected problems.
import { AccessConfigError, loadAccessConfig } from "../aws/access-config.js";
import type { AccessEntry } from "../aws/access-config.js";
import type { AwsClients } from "../aws/clients.js";
import { openRepositorySession } from "../aws/repository-session.js";
import { declaredDomains } from "../declaration/domains.js";
import { declaredIam } from "../declaration/principals.js";
import { planWithSession, targetOf } from "../engine/plan-cluster.js";
import type { Plan } from "../plan/types.js";
import { textReport } from "./report.js";
import { EXIT_INVALID, EXIT_USAGE, UsageError, type CliIo } from "./types.js";
import { readDeclaration } from "./validate-command.js";

export type ClusterSession =
  | { ok: true; plan: Plan; entry: AccessEntry; clients: AwsClients }
  | { ok: false; exitCode: number };

const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;

export function requireRepository(value: string | undefined): string {
  if (!value) throw new UsageError("--repository OWNER/NAME is required: it selects the access entry (and so the IAM role) okctl uses");
  if (!REPOSITORY.test(value)) throw new UsageError(`--repository must be OWNER/NAME, not "${value}"`);
  return value;
}

export async function openClusterSession(io: CliIo, file: string, repository: string): Promise<ClusterSession> {
  const report = await readDeclaration(file, io.cwd);
  if (!report.result.ok) {
    io.stderr.write(textReport([report], () => ""));
    return { ok: false, exitCode: report.readable ? EXIT_INVALID : EXIT_USAGE };
  }
  const { declaration } = report.result;
  let accessConfig;
  try {
    accessConfig = await loadAccessConfig(io.env);
  } catch (error) {
    if (!(error instanceof AccessConfigError)) throw error;
    io.stderr.write(`okctl: ${error.message}\n`);
    return { ok: false, exitCode: EXIT_USAGE };
  }
  const target = targetOf(declaration, repository);
  const session = await openRepositorySession(accessConfig, {
    repository,
    accountId: target.accountId,
    region: target.region,
    domains: declaredDomains(declaration),
    iam: declaredIam(declaration),
    runId: `cli-${Date.now().toString(36)}`,
  });
  if (!session.ok) {
    io.stderr.write(`okctl: refused (${session.reason}): ${session.message}\n`);
    return { ok: false, exitCode: EXIT_INVALID };
  }
  const plan = await planWithSession(session, target, declaration);
  return { ok: true, plan, entry: session.entry, clients: session.clients };
}
