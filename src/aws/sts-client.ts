// STS clients are built here only (like every SDK client, inside src/aws/). They honour the SDK's
// standard settings, including AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_STS.
import { STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";
import { awsTimeoutsFromEnv, boundCalls, boundedClientConfig, type AwsTimeouts } from "./bounded-calls.js";
import { countCalls } from "./call-metrics.js";

/** Without credentials: okctl's own identity, from the default AWS credential chain. */
export function createStsClient(options: {
  region: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  timeouts?: AwsTimeouts;
  /** A named profile of the shared AWS config files. */
  profile?: string;
}): STSClient {
  const timeouts = options.timeouts ?? awsTimeoutsFromEnv(process.env);
  const client = new STSClient({
    region: options.region,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...boundedClientConfig(timeouts, 5),
  });
  return countCalls(boundCalls(client, "STS", timeouts), "STS");
}
