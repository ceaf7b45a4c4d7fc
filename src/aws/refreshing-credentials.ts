// A credential provider for temporary credentials that fetches new ones before the old expire.
// An EKS apply outlives a one-hour chained role session; every client of an apply shares one
// provider, so one refresh serves them all.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";

export const REFRESH_BEFORE_MS = 5 * 60_000;

export interface RefreshingOptions {
  /** Milliseconds since the epoch; replaced by a fake clock in tests. */
  now?: () => number;
  /** Refresh this long before Expiration (default 5 minutes). */
  refreshBeforeMs?: number;
}

/**
 * Starts from `initial` and calls `fetch` when the credentials are within `refreshBeforeMs` of
 * expiring. Concurrent callers share one fetch. If a refresh fails while the current credentials
 * are still valid they are used and the next call tries again; once expired, the failure is thrown.
 */
export function refreshingCredentials(
  initial: AwsCredentialIdentity,
  fetch: () => Promise<AwsCredentialIdentity>,
  options: RefreshingOptions = {},
): AwsCredentialIdentityProvider {
  const now = options.now ?? Date.now;
  const window = options.refreshBeforeMs ?? REFRESH_BEFORE_MS;
  let current = initial;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;

  const needsRefresh = (c: AwsCredentialIdentity) => c.expiration !== undefined && c.expiration.getTime() - now() <= window;
  const expired = (c: AwsCredentialIdentity) => c.expiration !== undefined && c.expiration.getTime() <= now();

  const refresh = (): Promise<AwsCredentialIdentity> => {
    inFlight ??= fetch()
      .then((fresh) => (current = fresh))
      .finally(() => (inFlight = undefined));
    return inFlight;
  };

  return async () => {
    if (!needsRefresh(current)) return current;
    try {
      return await refresh();
    } catch (error) {
      if (!expired(current)) return current;
      throw error;
    }
  };
}
