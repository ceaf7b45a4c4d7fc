// Shared by `okctl plan`, `okctl apply` and `okctl outputs`: read and validate the declaration,
// then open an AWS session for it — the repository's deploy role through the access configuration
// (OKCTL_ACCESS_CONFIG), or, for read-only commands without it, the developer's own credentials
// checked to be in the declared account. Every refusal is printed and turned into an exit code;
// nothing here throws for expected problems.
import { AccessConfigError, loadAccessConfig } from "../aws/access-config.js";
import type { AccessEntry } from "../aws/access-config.js";
import type { AwsClients } from "../aws/clients.js";
import { openDeveloperSession } from "../aws/developer-session.js";
import { authorize } from "../aws/authorize.js";
import { openRepositorySession } from "../aws/repository-session.js";
import { declaredDomains } from "../declaration/domains.js";
import { declaredIam } from "../declaration/principals.js";
import type { Declaration } from "../declaration/types.js";
import { existingEksRoles } from "../engine/existing-eks-roles.js";
import { planCluster, targetOf, type ClusterTarget } from "../engine/plan-cluster.js";
import type { Plan } from "../plan/types.js";
import { useColor } from "./color.js";
import { textReport } from "./report.js";
import { repositoryFromGit } from "./repository-from-git.js";
import { EXIT_INVALID, EXIT_USAGE, UsageError, type CliIo } from "./types.js";
import { readDeclaration } from "./validate-command.js";
import { lookUpRepositoryId, parseRepositoryId } from "./repository-id.js";

/** An open session: the server's (with the repository's access entry) or the developer's own. */
export type AwsSession =
  | { ok: true; local: false; declaration: Declaration; target: ClusterTarget; clients: AwsClients; entry: AccessEntry }
  | { ok: true; local: true; declaration: Declaration; target: ClusterTarget; clients: AwsClients; identityArn: string };

export type ClusterSession =
  | { ok: true; plan: Plan; entry: AccessEntry; clients: AwsClients; repositoryId: string }
  | { ok: false; exitCode: number };

export interface SessionOptions {
  file: string;
  repository: string | undefined;
  /** Without the access configuration, use the developer's own credentials (read-only commands). */
  allowLocal: boolean;
  /** `--profile` for the developer's own credentials. */
  profile?: string | undefined;
  /** `--repository-id`: the repository's numeric GitHub id; looked up on GitHub when undefined. */
  repositoryId?: number | undefined;
}

const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;

export function requireRepository(value: string | undefined): string {
  if (!value) throw new UsageError("--repository OWNER/NAME is required: it selects the access entry (and so the IAM role) okctl uses");
  if (!REPOSITORY.test(value)) throw new UsageError(`--repository must be OWNER/NAME, not "${value}"`);
  return value;
}

/** True when the server's access configuration is set: then every command uses the deploy role. */
export function hasAccessConfig(io: CliIo): boolean {
  return Boolean(io.env.OKCTL_ACCESS_CONFIG);
}

async function localRepository(io: CliIo, given: string | undefined): Promise<string> {
  if (given) return requireRepository(given);
  const fromGit = await repositoryFromGit(io.cwd);
  if (!fromGit) throw new UsageError("--repository OWNER/NAME is required: okctl could not read it from the git remote origin");
  return fromGit;
}

export async function openAwsSession(io: CliIo, options: SessionOptions): Promise<AwsSession | { ok: false; exitCode: number }> {
  const local = options.allowLocal && !hasAccessConfig(io);
  if (!local && options.profile) throw new UsageError("--profile is for your own credentials; with OKCTL_ACCESS_CONFIG set okctl uses the repository's deploy role");
  const repository = local ? await localRepository(io, options.repository) : requireRepository(options.repository);
  const report = await readDeclaration(options.file, io.cwd);
  if (!report.result.ok) {
    io.stderr.write(textReport([report], { color: useColor(io, io.stderr) }));
    return { ok: false, exitCode: report.readable ? EXIT_INVALID : EXIT_USAGE };
  }
  const { declaration } = report.result;
  const where = { accountId: declaration.metadata.accountID, region: declaration.metadata.region };
  if (local) {
    const session = await openDeveloperSession({ ...where, ...(options.profile ? { profile: options.profile } : {}) });
    if (!session.ok) return refused(io, session);
    const repositoryId = await repositoryIdFor(io, repository, options.repositoryId);
    if (repositoryId === undefined) return { ok: false, exitCode: EXIT_USAGE };
    io.stderr.write(`okctl: no OKCTL_ACCESS_CONFIG: reading AWS read-only as ${session.identityArn}\n`);
    const target = targetOf(declaration, repository, repositoryId);
    return { ok: true, local: true, declaration, target, clients: session.clients, identityArn: session.identityArn };
  }
  let accessConfig;
  try {
    accessConfig = await loadAccessConfig(io.env);
  } catch (error) {
    if (!(error instanceof AccessConfigError)) throw error;
    io.stderr.write(`okctl: ${error.message}\n`);
    return { ok: false, exitCode: EXIT_USAGE };
  }
  const request = { repository, ...where, domains: declaredDomains(declaration), iam: declaredIam(declaration), runId: `cli-${Date.now().toString(36)}` };
  // What the access configuration refuses is refused before asking GitHub for the id or AWS for a role.
  const decision = authorize(accessConfig, request);
  if (!decision.ok) return refused(io, decision);
  const repositoryId = await repositoryIdFor(io, repository, options.repositoryId);
  if (repositoryId === undefined) return { ok: false, exitCode: EXIT_USAGE };
  const session = await openRepositorySession(accessConfig, { ...request, repositoryId });
  if (!session.ok) return refused(io, session);
  return { ok: true, local: false, declaration, target: targetOf(declaration, repository, repositoryId), clients: session.clients, entry: session.entry };
}

function refused(io: CliIo, refusal: { reason: string; message: string }): { ok: false; exitCode: number } {
  io.stderr.write(`okctl: refused (${refusal.reason}): ${refusal.message}\n`);
  return { ok: false, exitCode: EXIT_INVALID };
}

/** --repository-id, or GitHub's answer; undefined (the reason printed) when neither gives it. */
async function repositoryIdFor(io: CliIo, repository: string, given: number | undefined): Promise<string | undefined> {
  if (given !== undefined) return String(given);
  const found = await lookUpRepositoryId(repository, io.env);
  if (found.ok) return String(found.id);
  io.stderr.write(`okctl: ${found.message}\n`);
  return undefined;
}

/** The command-line options of the read-only commands (`plan`, `outputs`, `drift`), for parseOptions. */
export const READ_OPTIONS = {
  file: { type: "string", short: "f", default: "okctl.yaml" },
  repository: { type: "string" },
  "repository-id": { type: "string" },
  profile: { type: "string" },
  format: { type: "string", default: "text" },
} as const;

/** The options `plan` and `outputs` share: a read-only command, text or JSON. */
export interface ReadCommandValues {
  file: string;
  repository?: string | undefined;
  "repository-id"?: string | undefined;
  profile?: string | undefined;
  format: string;
}

export async function openForReading(io: CliIo, values: ReadCommandValues): Promise<AwsSession | { ok: false; exitCode: number }> {
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format must be text or json, not "${values.format}"`);
  return openAwsSession(io, {
    file: values.file,
    repository: values.repository,
    repositoryId: parseRepositoryId(values["repository-id"]),
    allowLocal: true,
    profile: values.profile,
  });
}

/** Plans with the session: the access entry's EKS roles, or (locally) the ones already in AWS. */
export async function planInSession(session: AwsSession): Promise<Plan> {
  const roles = session.local ? await existingEksRoles(session.clients, session.target.cluster) : session.entry;
  return planCluster({
    target: session.target,
    declaration: session.declaration,
    clients: session.clients,
    eksClusterRoleArn: roles.eksClusterRoleArn,
    eksNodeRoleArn: roles.eksNodeRoleArn,
  });
}

/** For `okctl apply`: the access configuration is required; a developer's credentials never apply. */
export async function openClusterSession(io: CliIo, file: string, repository: string, repositoryId: number | undefined): Promise<ClusterSession> {
  if (!hasAccessConfig(io)) {
    io.stderr.write(
      "okctl: apply needs the access configuration (OKCTL_ACCESS_CONFIG): okctl applies only with the repository's deploy role, never with your own credentials. Use `okctl plan` to see the changes, and merge the pull request to apply them.\n",
    );
    return { ok: false, exitCode: EXIT_USAGE };
  }
  const session = await openAwsSession(io, { file, repository, repositoryId, allowLocal: false });
  if (!session.ok) return session;
  if (session.local) throw new Error("unreachable: apply never opens a local session");
  return { ok: true, plan: await planInSession(session), entry: session.entry, clients: session.clients, repositoryId: session.target.repositoryId };
}
