// Vitest global setup of the aws project: the run's moto servers, one per test worker, each behind
// the loopback EKS extension (see worker-aws.ts); tests reach their worker's through the standard
// AWS_ENDPOINT_URL setting (see test/support/aws.ts).
import type { TestProject } from "vitest/node";
import { provideWorkerAws } from "./worker-aws.js";

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return provideWorkerAws(project);
}
