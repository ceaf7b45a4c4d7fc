// The PostgreSQL store: the whole Store contract, then what only a server store shared by
// replicas must do: migrations when replicas start together, and leases across connections.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { usePostgres } from "../../test/support/postgres.js";
import { leaseOf, type Store } from "./store.js";
import { describeStoreContract } from "./store-contract.js";
import { at, t0 } from "./store-fixtures.js";
import { openPostgresStore } from "./postgres-store.js";
import { migrate, migrations } from "./postgres/migrations.js";
import { jobLockNames } from "./postgres/sql.js";

const db = usePostgres();

describeStoreContract("PostgreSQL", async () => openPostgresStore({ connectionString: await db.freshSchema(), poolSize: 4 }));

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe("PostgreSQL store", () => {
  it("indexes every column a foreign key points from (a delete checks it; retention deletes in batches)", async () => {
    const url = await db.freshSchema();
    await (await openPostgresStore({ connectionString: url, poolSize: 1 })).close();
    const unindexed = await withClient(url, async (client) =>
      (
        await client.query<{ column: string; indexed: boolean }>(`
          SELECT c.conrelid::regclass::text || '.' || a.attname AS column,
            EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]) AS indexed
          FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`)
      ).rows,
    );
    expect(unindexed.map((row) => row.column).sort()).toEqual(["jobs.delivery_id", "jobs.superseded_by"]);
    expect(unindexed.filter((row) => !row.indexed)).toEqual([]);
  });

  it("migrates once when several replicas start at the same moment", async () => {
    const url = await db.freshSchema();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore({ connectionString: url, poolSize: 2 })));
    const versions = await withClient(url, async (client) => (await client.query("SELECT version FROM schema_migrations ORDER BY version")).rows.map((row) => row.version));
    expect(versions).toEqual(migrations.map((migration) => migration.version));
    await stores[0]!.recordDelivery("d-1", "push", t0);
    expect(await stores[3]!.recordDelivery("d-1", "push", t0)).toBe(false);
    await Promise.all(stores.map((store) => store.close()));

    const pool = new pg.Pool({ connectionString: url });
    expect(await migrate(pool)).toEqual([]);
    const extra = { version: 99, name: "test column", sql: "ALTER TABLE deliveries ADD COLUMN note TEXT" };
    const racing = await Promise.all([migrate(pool, [...migrations, extra]), migrate(pool, [...migrations, extra])]);
    expect(racing.flat()).toEqual([99]);
    await pool.end();
  });

  it("keeps deliveries and jobs when a replica goes away; another takes a crashed lease after it expires", async () => {
    const url = await db.freshSchema();
    const before = await openPostgresStore({ connectionString: url });
    const { jobs } = await before.recordDeliveryAndEnqueue({ id: "d-1", event: "push", receivedAt: t0 }, [
      { kind: "apply", key: "octo/infra#7:okctl.yaml", payload: { mergeSha: "m1" }, queue: "cluster:prod" },
    ]);
    expect(await before.leaseNextJob("crashed", 30_000, at(1))).toMatchObject({ id: jobs[0]?.id });
    await before.close();
    const after = await openPostgresStore({ connectionString: url });
    expect(await after.recordDelivery("d-1", "push", at(2))).toBe(false);
    expect(await after.leaseNextJob("other", 30_000, at(29_999))).toBeNull();
    expect(await after.leaseNextJob("other", 30_000, at(30_001))).toMatchObject({ id: jobs[0]?.id, attempts: 2, leaseTakenOver: true, payload: { mergeSha: "m1" } });
    await after.close();
  });

  it("stores text PostgreSQL cannot hold (U+0000) from hostile input without failing", async () => {
    const store = await openPostgresStore({ connectionString: await db.freshSchema() });
    const job = await store.enqueueJob({ kind: "plan", key: "a\u0000b", payload: { text: "x\u0000y" } }, t0);
    expect(await store.getJob(job.id)).toMatchObject({ key: "a\uFFFDb", payload: { text: "x\u0000y" } });
    await store.close();
  });

  it("leases every job exactly once, one job per queue at a time, across replicas leasing at once", async () => {
    const url = await db.freshSchema();
    const replicas: Store[] = await Promise.all(Array.from({ length: 3 }, () => openPostgresStore({ connectionString: url, poolSize: 4 })));
    const [producer] = replicas;
    const count = 120;
    for (let i = 0; i < count; i++) {
      await producer!.enqueueJob({ kind: "apply", key: `k${i}`, payload: i, queue: i % 2 === 0 ? `cluster-${i % 3}` : undefined }, t0);
    }
    const leased: string[] = [];
    const runningPerQueue = new Map<string, number>();
    const order = new Map<string, number[]>();
    let overlaps = 0;
    // Four workers per replica, all leasing at once, each "working" a little before completing.
    await Promise.all(
      replicas.flatMap((store, r) =>
        Array.from({ length: 4 }, async (_, w) => {
          for (let idle = 0; idle < 200; ) {
            const job = await store.leaseNextJob(`r${r}w${w}`, 60_000, at(1));
            if (job === null) {
              if ((await store.listJobs({ state: ["pending", "leased"] })).length === 0) return;
              idle++;
              await new Promise((resolve) => setTimeout(resolve, 2));
              continue;
            }
            leased.push(job.id);
            if (job.queue !== null) {
              const running = (runningPerQueue.get(job.queue) ?? 0) + 1;
              if (running > 1) overlaps++;
              runningPerQueue.set(job.queue, running);
              order.set(job.queue, [...(order.get(job.queue) ?? []), job.payload as number]);
            }
            await new Promise((resolve) => setTimeout(resolve, 1));
            if (job.queue !== null) runningPerQueue.set(job.queue, (runningPerQueue.get(job.queue) ?? 1) - 1);
            expect(await store.completeJob(leaseOf(job), r, at(2))).toBe(true);
          }
        }),
      ),
    );
    expect(leased).toHaveLength(count);
    expect(new Set(leased).size).toBe(count);
    expect(overlaps).toBe(0);
    for (const [, payloads] of order) expect(payloads).toEqual([...payloads].sort((a, b) => a - b));
    const byReplica = new Set((await producer!.listJobs({ state: "completed" })).map((job) => job.result));
    expect(byReplica.size).toBeGreaterThan(1);
    await Promise.all(replicas.map((store) => store.close()));
  });

  it("leases under the same advisory lock names as enqueueing takes (jobLockNames and the lease function agree)", async () => {
    const url = await db.freshSchema();
    const store = await openPostgresStore({ connectionString: url, poolSize: 2 });
    const queued = { kind: "apply", key: "a", payload: null, queue: "acct/eu-west-1/prod" };
    const coalesced = { kind: "plan", key: "p", payload: null, coalesceKey: "plan:octo/infra#1" };
    for (const job of [queued, coalesced]) {
      const enqueued = await store.enqueueJob(job, t0);
      // Another replica enqueueing in the job's queue or coalesce key holds these locks until it commits.
      const held = await withClient(url, async (client) => {
        await client.query("BEGIN");
        for (const name of jobLockNames(job)) await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [name]);
        const whileHeld = await store.leaseNextJob("w1", 60_000, at(1));
        await client.query("COMMIT");
        return whileHeld;
      });
      expect(held).toBeNull();
      expect(await store.leaseNextJob("w1", 60_000, at(2))).toMatchObject({ id: enqueued.id });
      await store.completeJob(leaseOf((await store.getJob(enqueued.id))!), null, at(3));
    }
    await store.close();
  });

  it("keeps enqueueing and leasing on its open connections after a later migration adds a column to jobs (rolling deploy)", async () => {
    const url = await db.freshSchema();
    const oldReplica = await openPostgresStore({ connectionString: url, poolSize: 1 });
    const job = { kind: "plan", key: "p", payload: null };
    await oldReplica.enqueueJob(job, t0);
    await oldReplica.completeJob(leaseOf((await oldReplica.leaseNextJob("old", 60_000, at(1)))!), null, at(2));
    // The new version's migration, applied while the old replica's connection has its statements prepared.
    await withClient(url, (client) => client.query("ALTER TABLE jobs ADD COLUMN added_later TEXT"));
    const second = await oldReplica.enqueueJob({ ...job, key: "q" }, at(3));
    expect(await oldReplica.leaseNextJob("old", 60_000, at(4))).toMatchObject({ id: second.id, state: "leased" });
    expect(await oldReplica.recordDeliveryAndEnqueue({ id: "d-1", event: "push", receivedAt: at(5) }, [{ ...job, key: "r" }])).toMatchObject({ isNew: true });
    await oldReplica.close();
  });

  it("supersedes correctly when replicas enqueue the same coalesce key at once", async () => {
    const url = await db.freshSchema();
    const replicas = await Promise.all([openPostgresStore({ connectionString: url }), openPostgresStore({ connectionString: url })]);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => replicas[i % 2]!.enqueueJob({ kind: "plan", key: "pr-1", payload: i, coalesceKey: "plan:pr-1" }, at(i))),
    );
    expect(await replicas[0]!.listJobs({ state: "pending" })).toHaveLength(1);
    expect(await replicas[0]!.listJobs({ state: "superseded" })).toHaveLength(19);
    await Promise.all(replicas.map((store) => store.close()));
  });

  it("blocks a takeover while a fenced write of the current holder is in flight", async () => {
    const url = await db.freshSchema();
    const store = await openPostgresStore({ connectionString: url });
    await store.enqueueJob({ kind: "apply", key: "k", payload: null }, t0);
    const lease = leaseOf((await store.leaseNextJob("w1", 1_000, t0))!);
    // Hold the job's row the way a fenced write does, in a transaction left open.
    await withClient(url, async (client) => {
      await client.query("BEGIN");
      await client.query("SELECT 1 FROM jobs WHERE id = $1 FOR SHARE", [Number(lease.jobId)]);
      expect(await store.leaseNextJob("w2", 1_000, at(5_000))).toBeNull(); // skipped, not waited for
      await client.query("COMMIT");
    });
    expect(await store.leaseNextJob("w2", 1_000, at(5_000))).toMatchObject({ leasedBy: "w2", leaseTakenOver: true });
    await store.close();
  });
});
