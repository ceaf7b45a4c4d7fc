// The one entry point for acting in AWS for a repository: authorize from the access configuration
// (no AWS call), then assume the repository's role and check its account.
import type { STSClient } from "@aws-sdk/client-sts";
import type { AccessConfig, AccessEntry } from "./access-config-types.js";
import { authorize, type AuthorizeRefusal, type AuthorizeRequest } from "./authorize.js";
import { assumeRepositoryRole, type AssumeRepositoryRoleResult } from "./credentials.js";

export interface OpenSessionRequest extends AuthorizeRequest {
  /** The repository's numeric GitHub id (a session tag; ownership goes by it). */
  repositoryId: string;
  runId: string;
  stsClient?: STSClient;
  now?: () => number;
}

export type RepositorySessionResult =
  | (Extract<AssumeRepositoryRoleResult, { ok: true }> & { entry: AccessEntry })
  | { ok: false; reason: AuthorizeRefusal | "account-mismatch" | "assume-role-failed"; message: string; declared?: readonly string[]; awsError?: string };

export async function openRepositorySession(config: AccessConfig, request: OpenSessionRequest): Promise<RepositorySessionResult> {
  const decision = authorize(config, request);
  if (!decision.ok) return decision;
  const { entry } = decision;
  const assumed = await assumeRepositoryRole({
    entry,
    repository: request.repository,
    repositoryId: request.repositoryId,
    runId: request.runId,
    accountId: request.accountId,
    region: request.region,
    ...(request.stsClient ? { stsClient: request.stsClient } : {}),
    ...(request.now ? { now: request.now } : {}),
  });
  return assumed.ok ? { ...assumed, entry } : assumed;
}
