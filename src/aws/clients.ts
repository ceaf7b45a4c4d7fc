// The only place that builds AWS SDK clients. Every client honours the SDK's standard settings,
// including AWS_ENDPOINT_URL (that is how tests reach moto), and counts its API calls.
import { ACMClient } from "@aws-sdk/client-acm";
import { EC2Client } from "@aws-sdk/client-ec2";
import { EKSClient } from "@aws-sdk/client-eks";
import { Route53Client } from "@aws-sdk/client-route-53";
import { SSMClient } from "@aws-sdk/client-ssm";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";
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
}

export function createAwsClients(options: ClientOptions): AwsClients {
  const config = {
    region: options.region,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    maxAttempts: options.maxAttempts ?? 5,
  };
  const calls = new ApiCallCounter();
  return {
    ec2: countCalls(new EC2Client(config), "EC2", calls),
    eks: countCalls(new EKSClient(config), "EKS", calls),
    // Route 53 is a global service; its API lives in us-east-1.
    route53: countCalls(new Route53Client({ ...config, region: "us-east-1" }), "Route53", calls),
    acm: countCalls(new ACMClient(config), "ACM", calls),
    ssm: countCalls(new SSMClient(config), "SSM", calls),
    calls,
  };
}
