// Lookups that several kinds' reads need in the same plan (the parent zone, our hosted zones, the
// EKS cluster) are made once per read and shared: each is keyed, and the first caller's promise is
// handed to the others, whether it is still running, resolved or rejected.
export interface SharedReads {
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export function createSharedReads(): SharedReads {
  const started = new Map<string, Promise<unknown>>();
  return {
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      let promise = started.get(key);
      if (!promise) {
        promise = load();
        started.set(key, promise);
      }
      return promise as Promise<T>;
    },
  };
}

/** `load()` once per read when the context shares reads; on every call when it does not. */
export function sharedRead<T>(ctx: { shared?: SharedReads }, key: string, load: () => Promise<T>): Promise<T> {
  return ctx.shared ? ctx.shared.once(key, load) : load();
}

/**
 * Maps `items` with at most `limit` calls of `fn` in flight, keeping the order: per-item AWS calls
 * (tags of every certificate, every parameter) in bursts small enough not to be throttled.
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

/** How many per-item read calls of one kind run at once. */
export const PER_ITEM_READ_CONCURRENCY = 8;
