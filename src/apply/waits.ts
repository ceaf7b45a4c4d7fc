// Default poll budgets for the slow AWS operations, per wait kind (ApplyContext.timeouts).
import type { WaitTimeouts } from "../resources/types.js";

const MINUTE = 60_000;

export const DEFAULT_WAIT_TIMEOUTS: WaitTimeouts = {
  eksCluster: 40 * MINUTE,
  eksNodegroup: 30 * MINUTE,
  natGateway: 15 * MINUTE,
  certificate: 45 * MINUTE,
  route53Change: 10 * MINUTE,
  other: 5 * MINUTE,
};
