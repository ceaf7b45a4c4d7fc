// okctl jobs list|retry on the PostgreSQL store: with OKCTL_DATABASE_URL set, the CLI opens the
// database the server uses (not the SQLite file in OKCTL_DATA_DIR), and never creates or migrates one.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { usePostgres } from "../support/postgres.js";
import { listAndRetryDeadJob, okctl } from "./jobs-scenario.js";

const db = usePostgres();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function tablesIn(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
    return rows.map((row) => row.table_name);
  } finally {
    await client.end();
  }
}

describe("okctl jobs on PostgreSQL", () => {
  it("lists and retries the jobs of the server's database, ignoring OKCTL_DATA_DIR", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "okctl-jobs-"));
    dirs.push(dataDir);
    await listAndRetryDeadJob({ OKCTL_DATABASE_URL: await db.freshSchema(), OKCTL_DATA_DIR: dataDir });
    expect(existsSync(join(dataDir, "okctl.sqlite"))).toBe(false);
  });

  it("says so when the database holds no okctl store, and creates none", async () => {
    const url = await db.freshSchema();
    const listed = await okctl(["jobs", "list"], { OKCTL_DATABASE_URL: url });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain(`no okctl store of this version in the PostgreSQL database at 127.0.0.1:${new URL(url).port}/`);
    expect(listed.stderr).toContain("Set OKCTL_DATABASE_URL to the server's database");
    expect(await tablesIn(url)).toEqual([]);
  });

  it("says which database it cannot reach, without the password", async () => {
    const url = new URL(db.url());
    url.username = "nobody";
    url.password = "s3cret-password";
    const retried = await okctl(["jobs", "retry", "1"], { OKCTL_DATABASE_URL: url.toString() });
    expect(retried.code).toBe(1);
    expect(retried.stderr).toContain(`cannot open the PostgreSQL store at 127.0.0.1:${url.port}/`);
    expect(retried.stderr).not.toContain("s3cret");
  });
});
