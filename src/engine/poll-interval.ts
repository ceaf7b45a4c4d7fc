// OKCTL_AWS_POLL_INTERVAL_MS, apart from the engine: the server reads it when it starts, and
// importing apply-cluster.ts for it loaded the whole engine and the AWS SDK clients at start-up
// (idle memory 156 MB instead of about 80: they load with the first job).

/** The setting for ApplyClusterOptions.pollIntervalMs, read by the server and the command line. */
export const POLL_INTERVAL_ENV = "OKCTL_AWS_POLL_INTERVAL_MS";

/** OKCTL_AWS_POLL_INTERVAL_MS: undefined when unset; throws unless a positive whole number. */
export function pollIntervalFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[POLL_INTERVAL_ENV];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(value) || value <= 0) throw new Error(`${POLL_INTERVAL_ENV} must be a positive whole number of milliseconds, not "${raw}"`);
  return value;
}
