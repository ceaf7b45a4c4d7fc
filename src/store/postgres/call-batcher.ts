// Group commit for a server store's hot write: calls that arrive while earlier ones are still at the
// database go together, as ONE call (one round trip, one transaction, one commit) as soon as a
// slot frees. At low load nothing waits (a call finds a free slot and goes alone); under load the
// batches grow by themselves, up to `maxBatch`. Each caller still learns of its own write only
// after the write is committed. With one call in flight at a time (the default) the writes reach
// the database in the order they were called, as with the embedded store. When a batch fails, its
// calls are tried again one by one, in order, so one bad call rejects only its own caller (a batch
// is one statement: it commits all or nothing).

export interface CallBatcherOptions<I, R> {
  /** Sends several calls as one; resolves with one result per item, in order. */
  sendBatch(items: readonly I[]): Promise<readonly R[]>;
  /** Sends one call alone (a single call, and each call of a failed batch). */
  sendOne(item: I): Promise<R>;
  /** Calls (single or batched) at the database at once (default 1: in the order called). */
  maxInFlight?: number;
  /** Most calls in one batch (default 50). */
  maxBatch?: number;
}

export interface CallBatcher<I, R> {
  call(item: I): Promise<R>;
  /** Resolves once nothing is queued or in flight (before the pool closes). */
  drain(): Promise<void>;
}

interface Queued<I, R> {
  item: I;
  resolve(value: R): void;
  reject(error: unknown): void;
}

export function callBatcher<I, R>(options: CallBatcherOptions<I, R>): CallBatcher<I, R> {
  const maxInFlight = options.maxInFlight ?? 1;
  const maxBatch = options.maxBatch ?? 50;
  if (!(Number.isInteger(maxInFlight) && maxInFlight >= 1)) throw new Error(`maxInFlight must be a positive integer, got ${maxInFlight}`);
  if (!(Number.isInteger(maxBatch) && maxBatch >= 1)) throw new Error(`maxBatch must be a positive integer, got ${maxBatch}`);
  const queue: Queued<I, R>[] = [];
  let inFlight = 0;
  let drained: (() => void)[] = [];

  async function send(calls: Queued<I, R>[]): Promise<void> {
    if (calls.length === 1) {
      const [only] = calls as [Queued<I, R>];
      await options.sendOne(only.item).then(only.resolve, only.reject);
      return;
    }
    let results: readonly R[];
    try {
      results = await options.sendBatch(calls.map((queued) => queued.item));
      if (results.length !== calls.length) throw new Error(`a batch of ${calls.length} calls answered ${results.length} results`);
    } catch {
      // Nothing of the batch was committed: each call alone, so that only a bad one fails.
      for (const queued of calls) await options.sendOne(queued.item).then(queued.resolve, queued.reject);
      return;
    }
    calls.forEach((queued, i) => queued.resolve(results[i] as R));
  }

  function pump(): void {
    while (inFlight < maxInFlight && queue.length > 0) {
      const calls = queue.splice(0, maxBatch);
      inFlight++;
      void send(calls).finally(() => {
        inFlight--;
        pump();
        if (inFlight === 0 && queue.length === 0) {
          const waiting = drained;
          drained = [];
          for (const resolve of waiting) resolve();
        }
      });
    }
  }

  return {
    call: (item) =>
      new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        pump();
      }),
    drain: () => (inFlight === 0 && queue.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => drained.push(resolve))),
  };
}
