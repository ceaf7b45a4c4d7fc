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
});
