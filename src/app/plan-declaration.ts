// One declaration at one commit → a plan, or the reason there is none: invalid, refused (no AWS
// call made), or an AWS error. Shared by pull-request plans and merge-time applies.
import type { AccessEntry } from "../aws/access-config.js";
import { authorizeRepository } from "../aws/authorize.js";
import { publicRefusalMessage, type RefusalFacts } from "../aws/refusal-text.js";
import type { AwsClients } from "../aws/clients.js";
import { declaredDomains } from "../declaration/domains.js";
import { declaredIam } from "../declaration/principals.js";
import type { Declaration, Diagnostic } from "../declaration/types.js";
import { planWithSession, targetOf, type ClusterTarget } from "../engine/plan-cluster.js";
import { getRepositoryId, type Octokit } from "../github/index.js";
import type { Plan } from "../plan/types.js";
import { clusterKey } from "../store/cluster-key.js";
import { declarationAt } from "./declaration-at.js";
import type { AppDeps } from "./deps.js";

export type DeclarationPlan =
  | { kind: "invalid"; diagnostics: Diagnostic[] }
  | { kind: "missing" }
  | { kind: "refused"; reason: string; message: string }
  /** AWS trouble: AssumeRole refused (the access configuration or the role's trust), or a read refused. */
  | { kind: "failed"; message: string; cause: "assume-role" | "aws" }
  | { kind: "planned"; plan: Plan; entry: AccessEntry; clients: AwsClients; target: ClusterTarget; clusterKey: string; declaration: Declaration | undefined };

export interface PlanDeclarationInput {
  owner: string;
  repo: string;
  path: string;
  /** The commit to read the declaration at. */
  ref: string;
  /** The declaration was removed at `ref`: read it at this commit and plan its whole deletion. */
  removedSince?: string;
  fromFork: boolean;
  runId: string;
  /** The repository's numeric GitHub id (from the webhook payload); looked up on GitHub when absent. */
  repositoryId?: number;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The operator's message (which entry, which file, what to add) goes to the server's log; the
 * pull request gets the public one, which sends the team to its platform team.
 */
function logRefusal(deps: AppDeps, repository: string, refusal: RefusalFacts & { message: string }): void {
  deps.log.warn({ repository, reason: refusal.reason, detail: refusal.message }, "access refused");
}

function refused(deps: AppDeps, repository: string, refusal: RefusalFacts & { message: string }): DeclarationPlan {
  logRefusal(deps, repository, refusal);
  return { kind: "refused", reason: refusal.reason, message: publicRefusalMessage(refusal, repository) };
}

export async function planDeclaration(deps: AppDeps, octokit: Octokit, input: PlanDeclarationInput): Promise<DeclarationPlan> {
  const repository = `${input.owner}/${input.repo}`;
  const ref = input.removedSince ?? input.ref;
  // A fork or a repository without an entry is refused before anything is fetched.
  const allowed = authorizeRepository(deps.accessConfig, { repository, fromFork: input.fromFork });
  if (!allowed.ok) return refused(deps, repository, allowed);
  const found = await declarationAt(octokit, { owner: input.owner, repo: input.repo, path: input.path, ref });
  if (found.kind !== "valid") return found;
  const repositoryId = input.repositoryId ?? (await getRepositoryId(octokit, { owner: input.owner, repo: input.repo }));
  const target = targetOf(found.declaration, repository, String(repositoryId));
  const session = await deps.openSession(deps.accessConfig, {
    repository,
    repositoryId: target.repositoryId,
    accountId: target.accountId,
    region: target.region,
    // A removed declaration is read at the commit before: its names are the ones its deletion touches.
    domains: declaredDomains(found.declaration),
    iam: declaredIam(found.declaration),
    fromFork: input.fromFork,
    runId: input.runId,
  });
  if (!session.ok) {
    if (session.reason === "assume-role-failed") {
      logRefusal(deps, repository, session);
      return { kind: "failed", message: publicRefusalMessage(session, repository), cause: "assume-role" };
    }
    return refused(deps, repository, session);
  }
  const declaration = input.removedSince ? undefined : found.declaration;
  try {
    const plan = await planWithSession(session, target, declaration);
    return { kind: "planned", plan, entry: session.entry, clients: session.clients, target, clusterKey: clusterKey(target), declaration };
  } catch (error) {
    return { kind: "failed", message: `reading AWS failed: ${errorMessage(error)}`, cause: "aws" };
  }
}
