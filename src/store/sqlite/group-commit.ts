// Group commit for the embedded store's webhook path. better-sqlite3 is synchronous: every commit
// blocks the event loop for its lock, WAL write and (now and then) checkpoint, which under load
// cost the server a third of its acknowledgement throughput. Calls made while the event loop
// handles one round of I/O (deliveries arriving together) are instead written in ONE transaction,
// committed once, and only then answered: each caller still learns of its write after it is
// durable, and each call runs in a savepoint of its own, so one that throws undoes only its own
// writes and rejects only its own caller. (setImmediate from node:timers: a test's fake clock, which
// replaces the global one, must not hold a write back.)
import { setImmediate } from "node:timers";
import type Database from "better-sqlite3";

export interface GroupCommit<A extends unknown[], R> {
  /** Queues the call for the next commit (on the next turn of the event loop); resolves after it. */
  call(...args: A): Promise<R>;
  /** Commits what is queued now (before the store closes). */
  flush(): void;
}

type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Queued<A, R> {
  args: A;
  resolve(value: R): void;
  reject(error: unknown): void;
}

export function groupCommit<A extends unknown[], R>(db: Database.Database, work: (...args: A) => R): GroupCommit<A, R> {
  // Called inside the batch's transaction, a transaction function is a savepoint.
  const one = db.transaction((...args: A): R => work(...args));
  const batch = db.transaction((calls: readonly Queued<A, R>[]): Outcome<R>[] =>
    calls.map((queued) => {
      try {
        return { ok: true, value: one(...queued.args) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );
  let queue: Queued<A, R>[] = [];

  function flush(): void {
    const calls = queue;
    queue = [];
    if (calls.length === 0) return;
    let outcomes: Outcome<R>[];
    try {
      outcomes = batch.immediate(calls);
    } catch (error) {
      // The commit itself failed (the file is locked past the busy timeout, the disk is full): nothing was written.
      for (const queued of calls) queued.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => {
      const queued = calls[i] as Queued<A, R>;
      if (outcome.ok) queued.resolve(outcome.value);
      else queued.reject(outcome.error);
    });
  }

  return {
    call: (...args) =>
      new Promise<R>((resolve, reject) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ args, resolve, reject });
      }),
    flush,
  };
}
