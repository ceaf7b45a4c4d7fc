import { describe, expect, it } from "vitest";
import { callBatcher } from "./call-batcher.js";

/** A database stand-in: records what was sent, answers when told to. */
function fakeDatabase() {
  const sent: { kind: "batch" | "one"; items: number[]; answer(): void; fail(error: Error): void }[] = [];
  const send = (kind: "batch" | "one", items: number[]) =>
    new Promise<number[]>((resolve, reject) => sent.push({ kind, items, answer: () => resolve(items.map((n) => n * 10)), fail: reject }));
  return {
    sent,
    sendBatch: (items: readonly number[]) => send("batch", [...items]),
    sendOne: async (item: number) => ((await send("one", [item]))[0] as number),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("callBatcher", () => {
  it("sends a call alone when nothing is in flight, and batches the calls that arrive meanwhile, in order", async () => {
    const db = fakeDatabase();
    const batcher = callBatcher({ sendBatch: db.sendBatch, sendOne: db.sendOne });
    const results = [1, 2, 3, 4].map((n) => batcher.call(n));
    await settle();
    expect(db.sent.map((s) => [s.kind, s.items])).toEqual([["one", [1]]]);
    db.sent[0]?.answer();
    await settle();
    expect(db.sent.map((s) => [s.kind, s.items])).toEqual([["one", [1]], ["batch", [2, 3, 4]]]);
    db.sent[1]?.answer();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40]);
  });

  it("caps a batch at maxBatch and keeps at most maxInFlight calls at the database", async () => {
    const db = fakeDatabase();
    const batcher = callBatcher({ sendBatch: db.sendBatch, sendOne: db.sendOne, maxBatch: 2, maxInFlight: 2 });
    const results = [1, 2, 3, 4, 5].map((n) => batcher.call(n));
    await settle();
    expect(db.sent.map((s) => s.items)).toEqual([[1], [2]]);
    db.sent[1]?.answer();
    await settle();
    expect(db.sent.map((s) => s.items)).toEqual([[1], [2], [3, 4]]);
    db.sent[0]?.answer();
    db.sent[2]?.answer();
    await settle();
    expect(db.sent.map((s) => s.items)).toEqual([[1], [2], [3, 4], [5]]);
    db.sent[3]?.answer();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50]);
  });

  it("tries each call of a failed batch alone, in order: only the bad one is rejected", async () => {
    const db = fakeDatabase();
    const batcher = callBatcher({ sendBatch: db.sendBatch, sendOne: db.sendOne });
    const results = Promise.allSettled([1, 2, 3].map((n) => batcher.call(n)));
    await settle();
    db.sent[0]?.answer();
    await settle();
    db.sent[1]?.fail(new Error("batch refused"));
    for (const [i, item] of [2, 3].entries()) {
      await settle();
      expect(db.sent[2 + i]).toMatchObject({ kind: "one", items: [item] });
      if (item === 2) db.sent[2 + i]?.fail(new Error("bad delivery"));
      else db.sent[2 + i]?.answer();
    }
    expect(await results).toEqual([
      { status: "fulfilled", value: 10 },
      { status: "rejected", reason: new Error("bad delivery") },
      { status: "fulfilled", value: 30 },
    ]);
  });

  it("treats a batch answered with the wrong number of results as failed", async () => {
    const batcher = callBatcher<number, number>({ sendBatch: async () => [1], sendOne: async (n) => n * 10, maxInFlight: 1 });
    const first = batcher.call(0);
    const rest = [1, 2].map((n) => batcher.call(n));
    expect(await Promise.all([first, ...rest])).toEqual([0, 10, 20]);
  });

  it("drains: resolves once nothing is queued or in flight", async () => {
    const db = fakeDatabase();
    const batcher = callBatcher({ sendBatch: db.sendBatch, sendOne: db.sendOne });
    await batcher.drain();
    const calls = [1, 2].map((n) => batcher.call(n));
    let drained = false;
    void batcher.drain().then(() => (drained = true));
    await settle();
    db.sent[0]?.answer();
    await settle();
    expect(drained).toBe(false);
    db.sent[1]?.answer();
    await Promise.all(calls);
    await settle();
    expect(drained).toBe(true);
  });

  it("refuses a maxInFlight or maxBatch below one", () => {
    const db = fakeDatabase();
    expect(() => callBatcher({ ...db, maxInFlight: 0 })).toThrow(/maxInFlight/);
    expect(() => callBatcher({ ...db, maxBatch: 0 })).toThrow(/maxBatch/);
  });
});
