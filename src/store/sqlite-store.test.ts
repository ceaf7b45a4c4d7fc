import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore, sqliteFileName } from "./sqlite-store.js";
import { migrate, migrations } from "./sqlite/migrations.js";
import { leaseOf, type Store } from "./store.js";
import { describeStoreContract } from "./store-contract.js";
import { at, t0 } from "./store-fixtures.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "okctl-store-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describeStoreContract("SQLite in memory", () => openSqliteStore({ memory: true }));
describeStoreContract("SQLite file", () => openSqliteStore({ dataDir: tempDir() }));

describe("SQLite store on disk", () => {
  it("creates the data directory and a WAL-mode okctl.sqlite in it", async () => {
    const dataDir = join(tempDir(), "nested", ".data");
    const store = openSqliteStore({ dataDir });
    await store.recordDelivery("d-1", "push", t0);
    await store.close();
    expect(existsSync(join(dataDir, sqliteFileName))).toBe(true);
    const db = new Database(join(dataDir, sqliteFileName), { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("keeps deliveries and jobs across a restart; a crashed worker's job is leased again after its lease", async () => {
    const dataDir = tempDir();
    const before = openSqliteStore({ dataDir });
    const { jobs } = await before.recordDeliveryAndEnqueue(
      { id: "d-1", event: "push", receivedAt: t0 },
      [{ kind: "apply", key: "octo/infra#7:okctl.yaml", payload: { mergeSha: "m1", planHash: "h1" }, queue: "acct/eu-west-1/prod" }],
    );
    expect(await before.leaseNextJob("crashed-worker", 30_000, at(1))).toMatchObject({ id: jobs[0]?.id });
    await before.close(); // the process dies mid-apply: no complete, no fail

    const after = openSqliteStore({ dataDir });
    expect(await after.recordDelivery("d-1", "push", at(2))).toBe(false);
    expect(await after.leaseNextJob("new-worker", 30_000, at(29_999))).toBeNull();
    const resumed = await after.leaseNextJob("new-worker", 30_000, at(30_001));
    expect(resumed).toMatchObject({ id: jobs[0]?.id, attempts: 2, leasedBy: "new-worker", payload: { mergeSha: "m1", planHash: "h1" } });
    await after.close();
  });

  it("indexes every column a foreign key points from (a delete checks it; retention deletes in batches)", async () => {
    const dataDir = tempDir();
    await openSqliteStore({ dataDir }).close();
    const db = new Database(join(dataDir, sqliteFileName), { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const foreignKeys = tables.flatMap((table) => (db.pragma(`foreign_key_list(${table})`) as { from: string }[]).map((key) => `${table}.${key.from}`));
    const leading = tables.flatMap((table) =>
      (db.pragma(`index_list(${table})`) as { name: string }[]).map((index) => `${table}.${(db.pragma(`index_info(${index.name})`) as { name: string }[])[0]?.name}`),
    );
    db.close();
    expect(foreignKeys.sort()).toEqual(["jobs.delivery_id", "jobs.superseded_by"]);
    expect(foreignKeys.filter((column) => !leading.includes(column))).toEqual([]);
  });

  it("applies each migration once, however often the store is opened", async () => {
    const dataDir = tempDir();
    await openSqliteStore({ dataDir }).close();
    await openSqliteStore({ dataDir }).close();
    const db = new Database(join(dataDir, sqliteFileName));
    const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").pluck().all();
    expect(versions).toEqual(migrations.map((migration) => migration.version));
    expect(migrate(db)).toEqual([]);
    const extra = { version: 99, name: "test column", sql: "ALTER TABLE deliveries ADD COLUMN note TEXT" };
    expect(migrate(db, [...migrations, extra])).toEqual([99]);
    expect(migrate(db, [...migrations, extra])).toEqual([]);
    db.close();
  });

  it("never leases one job to two stores sharing the file", async () => {
    const dataDir = tempDir();
    const stores: Store[] = [openSqliteStore({ dataDir }), openSqliteStore({ dataDir })];
    const [producer] = stores;
    for (let i = 0; i < 200; i++) await producer?.enqueueJob({ kind: "plan", key: `k${i}`, payload: i, queue: i % 3 === 0 ? `q${i % 4}` : undefined }, t0);
    const leased: string[] = [];
    await Promise.all(
      stores.map(async (store, n) => {
        for (let tick = 0; tick < 1_000; tick++) {
          const job = await store.leaseNextJob(`w${n}`, 60_000, at(tick));
          if (job === null) {
            if ((await store.listJobs({ state: ["pending", "leased"] })).length === 0) return;
            continue;
          }
          leased.push(job.id);
          await new Promise((resolve) => setImmediate(resolve));
          await store.completeJob(leaseOf(job), n, at(tick));
        }
      }),
    );
    expect(leased).toHaveLength(200);
    expect(new Set(leased).size).toBe(200);
    const byWorker = (await stores[0]!.listJobs({ state: "completed" })).map((job) => job.result);
    expect(new Set(byWorker)).toEqual(new Set([0, 1]));
    await Promise.all(stores.map((store) => store.close()));
  });

  it("commits deliveries arriving together in one transaction, answers each after it, and rolls back only one that fails", async () => {
    const dataDir = tempDir();
    const store = openSqliteStore({ dataDir });
    const other = new Database(join(dataDir, sqliteFileName), { readonly: true });
    const recorded = () => other.prepare("SELECT id FROM deliveries ORDER BY id").pluck().all();
    const job = (key: string, maxAttempts?: number) => [{ kind: "plan", key, payload: key, coalesceKey: `plan:${key}`, ...(maxAttempts === undefined ? {} : { maxAttempts }) }];
    const calls = [
      store.recordDeliveryAndEnqueue({ id: "d-1", event: "pull_request", receivedAt: t0 }, job("a")),
      store.recordDeliveryAndEnqueue({ id: "d-2", event: "pull_request", receivedAt: t0 }, job("b", 0)), // invalid: throws in its transaction
      store.recordDeliveryAndEnqueue({ id: "d-3", event: "pull_request", receivedAt: t0 }, job("c")),
    ];
    expect(recorded()).toEqual([]); // nothing is written before the commit...
    const first = await calls[0];
    expect(recorded()).toEqual(["d-1", "d-3"]); // ...and the first answer comes after all of it is
    expect(first).toMatchObject({ isNew: true, jobs: [{ key: "a" }] });
    await expect(calls[1]).rejects.toThrow(/maxAttempts/);
    expect(await calls[2]).toMatchObject({ isNew: true, jobs: [{ key: "c" }] });
    expect((await store.listJobs()).map((j) => j.key)).toEqual(["a", "c"]);
    // The failed delivery left nothing behind: recorded afresh, it is new.
    expect(await store.recordDeliveryAndEnqueue({ id: "d-2", event: "pull_request", receivedAt: t0 }, job("b"))).toMatchObject({ isNew: true });
    // Queued when the store closes: committed before it does.
    const last = store.recordDeliveryAndEnqueue({ id: "d-4", event: "push", receivedAt: t0 }, []);
    await store.close();
    expect(await last).toEqual({ isNew: true, jobs: [] });
    expect(recorded()).toEqual(["d-1", "d-2", "d-3", "d-4"]);
    other.close();
  });
});
