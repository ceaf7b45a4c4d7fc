// The only place that builds AWS SDK clients. Every client honours the SDK's standard settings,
// including AWS_ENDPOINT_URL (that is how tests reach moto), counts its API calls, and is bounded:
// timeouts, the running job's abort signal, errors that name a stalled call (bounded-calls.ts).
import { ACMClient } from "@aws-sdk/client-acm";
import { EC2Client } from "@aws-sdk/client-ec2";
import { EKSClient } from "@aws-sdk/client-eks";
import { Route53Client } from "@aws-sdk/client-route-53";
import { SSMClient } from "@aws-sdk/client-ssm";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";
import { awsTimeoutsFromEnv, boundCalls, boundedClientConfig, type AwsTimeouts } from "./bounded-calls.js";
import { countCalls } from "./call-metrics.js";

export interface AwsClients {
  ec2: EC2Client;
  eks: EKSClient;
  route53: Route53Client;
  acm: ACMClient;
  ssm: SSMClient;
  /** Counts API calls made through these clients, by "Service.Operation". */
  calls: ApiCallCounter;
}

export class ApiCallCounter {
  readonly byOperation = new Map<string, number>();
  get total(): number {
    let sum = 0;
    for (const n of this.byOperation.values()) sum += n;
    return sum;
  }
  record(operation: string): void {
    this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
  }
}

export interface ClientOptions {
  region: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** A named profile of the shared AWS config files (a developer's own credentials: `--profile`). */
  profile?: string;
  /** Max attempts for throttled/retryable calls (SDK default 3). */
  maxAttempts?: number;
  /** Connection and request timeouts (default: from OKCTL_AWS_*_TIMEOUT_MS, else 5 s and 15 s). */
  timeouts?: AwsTimeouts;
}

export function createAwsClients(options: ClientOptions): AwsClients {
  const timeouts = options.timeouts ?? awsTimeoutsFromEnv(process.env);
  const config = {
    region: options.region,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...boundedClientConfig(timeouts, options.maxAttempts ?? 5),
  };
  const calls = new ApiCallCounter();
  const bound = <T>(client: T, service: string): T => countCalls(boundCalls(client, service, timeouts), service, calls);
  return {
    ec2: bound(new EC2Client(config), "EC2"),
    eks: bound(new EKSClient(config), "EKS"),
    // Route 53 is a global service; its API lives in us-east-1.
    route53: bound(new Route53Client({ ...config, region: "us-east-1" }), "Route53"),
    acm: bound(new ACMClient(config), "ACM"),
    ssm: bound(new SSMClient(config), "SSM"),
    calls,
  };
}
