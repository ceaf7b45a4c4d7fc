// What the app's jobs need from the outside world, passed in (never read from globals): the store,
// the access configuration, GitHub and AWS sessions, a clock and a logger.
import type { AccessConfig } from "../aws/access-config.js";
import type { OpenSessionRequest } from "../aws/repository-session.js";
import type { RepositorySessionResult } from "../aws/repository-session.js";
import type { ApplyClusterOptions } from "../engine/apply-cluster.js";
import type { Octokit } from "../github/index.js";
import type { Store } from "../store/store.js";
import type { ReadPrices } from "../cost/plan-cost.js";

export interface AppLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface AppDeps {
  store: Store;
  accessConfig: AccessConfig;
  /** The installation-authenticated GitHub client. */
  octokitFor(installationId: number): Promise<Octokit>;
  /** The app's installations (not suspended), for drift rounds; absent: no rounds. */
  listInstallations?(): Promise<number[]>;
  /** Authorize, then assume the repository's role (src/aws/repository-session.ts). */
  openSession(config: AccessConfig, request: OpenSessionRequest): Promise<RepositorySessionResult>;
  now(): Date;
  log: AppLogger;
  /** The app's bot login ("<slug>[bot]"), so only our own comments are treated as ours. */
  botLogin?: string;
  /** Overrides for the engine's waits (tests). */
  applyOptions?: Pick<ApplyClusterOptions, "timeouts" | "sleep" | "pollIntervalMs">;
  /** Prices for the plan's cost estimate (AWS Price List, okctl's own identity); absent: no estimate. */
  readPrices?: ReadPrices;
  /** Minimum time between live check-run updates during an apply. */
  progressIntervalMs?: number;
}
