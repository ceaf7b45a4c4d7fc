// Applies a plan with the repository's clients: the registered handlers, default wait budgets.
import type { AwsClients } from "../aws/clients.js";
import { sleepInScope } from "../bounds/call-scope.js";
import { applyPlan, type ApplyEvent, type ApplyResult } from "../apply/apply-plan.js";
import { DEFAULT_WAIT_TIMEOUTS } from "../apply/waits.js";
import type { Plan } from "../plan/types.js";
import { HANDLERS } from "../resources/registry.js";
import type { WaitTimeouts } from "../resources/types.js";

export interface ApplyClusterOptions {
  clients: AwsClients;
  /** The repository's numeric GitHub id: updates and deletes touch only what is tagged with it. */
  repositoryId: string;
  allowDestroy: boolean;
  onEvent?(event: ApplyEvent): void;
  signal?: AbortSignal;
  /** Stop after this many steps (crash simulation in tests). */
  stopAfter?: number;
  timeouts?: Partial<WaitTimeouts>;
  sleep?(ms: number): Promise<void>;
  /** Time between two looks at a resource that is settling (default: each kind's own, 5–15 s). */
  pollIntervalMs?: number;
}

// The setting lives in a module of its own: the server reads it at start without loading the engine.
export { POLL_INTERVAL_ENV, pollIntervalFromEnv } from "./poll-interval.js";

export function applyCluster(plan: Plan, options: ApplyClusterOptions): Promise<ApplyResult> {
  return applyPlan(plan, {
    handlers: HANDLERS,
    allowDestroy: options.allowDestroy,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.stopAfter !== undefined ? { stopAfter: options.stopAfter } : {}),
    context: {
      clients: options.clients,
      cluster: plan.cluster,
      region: plan.region,
      accountId: plan.accountId,
      repository: plan.repository,
      repositoryId: options.repositoryId,
      // In a job, a wait between polls counts as the job's progress and ends with the job.
      sleep: options.sleep ?? sleepInScope,
      timeouts: { ...DEFAULT_WAIT_TIMEOUTS, ...options.timeouts },
      ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  });
}
