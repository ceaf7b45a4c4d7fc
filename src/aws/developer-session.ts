// A developer's own AWS session, for a local, read-only `okctl plan` or `okctl outputs`: the
// default credential chain (or a named profile), checked with GetCallerIdentity to be in the
// declared account before anything else is read. Never used to apply.
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { createAwsClients, type AwsClients } from "./clients.js";
import { createStsClient } from "./sts-client.js";

export interface DeveloperSessionInput {
  /** The declaration's metadata.accountID. */
  accountId: string;
  region: string;
  /** `--profile`: a named profile; otherwise the default chain (AWS_PROFILE, env, SSO, …). */
  profile?: string;
}

export type DeveloperSession =
  | { ok: true; clients: AwsClients; identityArn: string }
  | { ok: false; reason: "no-credentials" | "account-mismatch"; message: string };

function describeError(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return [e.name, e.message].filter(Boolean).join(": ") || String(error);
}

export async function openDeveloperSession(input: DeveloperSessionInput): Promise<DeveloperSession> {
  const profile = input.profile ? { profile: input.profile } : {};
  const sts = createStsClient({ region: input.region, ...profile });
  let identity;
  try {
    identity = await sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    const which = input.profile ? `the profile ${input.profile}` : "the default AWS credential chain";
    return { ok: false, reason: "no-credentials", message: `no usable AWS credentials from ${which} (${describeError(error)})` };
  } finally {
    sts.destroy();
  }
  const arn = identity.Arn ?? "(unknown identity)";
  if (identity.Account !== input.accountId) {
    return {
      ok: false,
      reason: "account-mismatch",
      message: `your AWS credentials (${arn}) are for account ${identity.Account ?? "(unknown)"}, but okctl.yaml declares account ${input.accountId}; use credentials for that account (e.g. --profile)`,
    };
  }
  return { ok: true, clients: createAwsClients({ region: input.region, ...profile }), identityArn: arn };
}
