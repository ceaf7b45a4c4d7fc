// One role per repository: okctl's own identity (the default AWS credential chain) assumes the
// repository's deploy role, checks which account the session acts in, and builds the clients the
// engine uses. Call authorize() first: it decides, without AWS, whether this may happen at all.
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  type AssumeRoleCommandInput,
  type STSClient,
} from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";
import type { AccessEntry } from "./access-config-types.js";
import { createAwsClients, type AwsClients } from "./clients.js";
import { entryForAccount } from "./entry-account.js";
import { refreshingCredentials } from "./refreshing-credentials.js";
import { roleSessionName, SESSION_TAG_KEYS, sessionTags } from "./session-identity.js";
import { createStsClient } from "./sts-client.js";
import { CallTimeoutError } from "../bounds/call-scope.js";

export const SESSION_DURATION_SECONDS = 3600;

export interface AssumeRepositoryRoleInput {
  entry: AccessEntry;
  /** "owner/name". */
  repository: string;
  /** The repository's numeric GitHub id, as a string: the session tag the deploy role's conditions key on. */
  repositoryId: string;
  /** Identifies the plan or apply run; part of the role session name. */
  runId: string;
  /** The declaration's metadata.accountID. */
  accountId: string;
  /** The declaration's metadata.region. */
  region: string;
  /** okctl's own STS client; by default one on the default credential chain. */
  stsClient?: STSClient;
  /** Clock for the credential refresh (tests). */
  now?: () => number;
}

export type AssumeRepositoryRoleResult =
  | {
      ok: true;
      clients: AwsClients;
      /** Refreshes itself before the session expires. Never log what it returns. */
      credentials: AwsCredentialIdentityProvider;
      sessionName: string;
      /** The assumed session's ARN, from GetCallerIdentity. */
      identityArn: string;
    }
  | { ok: false; reason: "account-mismatch" | "assume-role-failed"; message: string; declared?: readonly string[]; awsError?: string };

/** A call that timed out or was aborted: AWS said nothing, so nothing was refused. */
function isUnanswered(error: unknown): boolean {
  return error instanceof CallTimeoutError || (error as { name?: string } | null)?.name === "AbortError";
}

function describeError(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return [e.name, e.message].filter(Boolean).join(": ") || String(error);
}

/** An AWS error's name (AccessDenied, …), without its message. */
function errorName(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === "string" && /^[A-Za-z.]{1,64}$/.test(name) ? name : undefined;
}

async function assume(sts: STSClient, input: AssumeRoleCommandInput): Promise<AwsCredentialIdentity> {
  const { Credentials: c } = await sts.send(new AssumeRoleCommand(input));
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("AssumeRole returned no credentials");
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
    ...(c.Expiration ? { expiration: c.Expiration } : {}),
  };
}

export async function assumeRepositoryRole(input: AssumeRepositoryRoleInput): Promise<AssumeRepositoryRoleResult> {
  const { repository, runId, accountId, region } = input;
  const entry = entryForAccount(input.entry, accountId);
  if (!entry.accounts.includes(accountId) || !entry.regions.includes(region)) {
    // A bug in the caller, not a refusal: authorize() must have allowed this before any AWS call.
    throw new Error(`assumeRepositoryRole called for ${accountId}/${region}, which the entry "${entry.repository}" does not allow; call authorize() first`);
  }
  const sessionName = roleSessionName(repository, runId);
  const request: AssumeRoleCommandInput = {
    RoleArn: entry.roleArn,
    RoleSessionName: sessionName,
    DurationSeconds: SESSION_DURATION_SECONDS,
    Tags: sessionTags(repository, input.repositoryId),
    TransitiveTagKeys: [...SESSION_TAG_KEYS],
    ...(entry.externalId ? { ExternalId: entry.externalId } : {}),
  };
  const sts = input.stsClient ?? createStsClient({ region });
  const failed = (what: string, error: unknown): AssumeRepositoryRoleResult => ({
    ok: false,
    reason: "assume-role-failed",
    ...(errorName(error) ? { awsError: errorName(error) } : {}),
    message:
      `okctl could not ${what} role ${entry.roleArn} for ${repository} (${describeError(error)}). An okctl administrator ` +
      `should check that the role exists, that its trust policy allows okctl's identity sts:AssumeRole and sts:TagSession` +
      `${entry.externalId ? " with the configured external id" : ""}; see docs/access.md.`,
  });

  let initial: AwsCredentialIdentity;
  try {
    initial = await assume(sts, request);
  } catch (error) {
    if (isUnanswered(error)) throw error; // not a refusal: AWS did not answer (the job retries; the CLI names the call)
    return failed("assume", error);
  }
  const credentials = refreshingCredentials(initial, () => assume(sts, request), input.now ? { now: input.now } : {});

  let identity: { Account?: string; Arn?: string };
  try {
    identity = await createStsClient({ region, credentials }).send(new GetCallerIdentityCommand({}));
  } catch (error) {
    if (isUnanswered(error)) throw error;
    return failed("verify the identity of the assumed", error);
  }
  if (identity.Account !== accountId) {
    return {
      ok: false,
      reason: "account-mismatch",
      declared: [accountId],
      message:
        `The assumed role ${entry.roleArn} is in account ${identity.Account ?? "(unknown)"} but okctl.yaml declares ` +
        `${accountId} (metadata.accountID). Fix metadata.accountID, or ask an okctl administrator to point the access ` +
        `entry "${entry.repository}" at a role in account ${accountId}.`,
    };
  }
  return {
    ok: true,
    clients: createAwsClients({ region, credentials }),
    credentials,
    sessionName,
    identityArn: identity.Arn ?? "",
  };
}
