// OKCTL_DATABASE_URL selects the PostgreSQL store; without it the SQLite file stays the default.
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { usePostgres } from "../../test/support/postgres.js";
import { describeDatabase, openStore } from "./config-from-env.js";
import { t0 } from "../store/store-fixtures.js";

const db = usePostgres();

describe("the store from the environment", () => {
  it("opens (and migrates) PostgreSQL when OKCTL_DATABASE_URL is set, and writes no SQLite file", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "okctl-env-"));
    try {
      const url = await db.freshSchema();
      const store = await openStore({ OKCTL_DATABASE_URL: url, OKCTL_DATA_DIR: dataDir });
      expect(await store.recordDelivery("d-1", "push", t0)).toBe(true);
      await store.close();
      const again = await openStore({ OKCTL_DATABASE_URL: url });
      expect(await again.recordDelivery("d-1", "push", t0)).toBe(false);
      await again.close();
      expect(existsSync(join(dataDir, "okctl.sqlite"))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("says which database it could not open, without the password", async () => {
    const url = new URL(db.url());
    url.username = "nobody";
    url.password = "s3cret-password";
    url.pathname = "/no_such_database";
    const failure = openStore({ OKCTL_DATABASE_URL: url.toString() });
    await expect(failure).rejects.toThrow(`cannot open the PostgreSQL store at 127.0.0.1:${url.port}/no_such_database (OKCTL_DATABASE_URL)`);
    await expect(failure).rejects.not.toThrow(/s3cret/);
    expect(describeDatabase("not a url")).not.toContain("not a url");
  });
});
