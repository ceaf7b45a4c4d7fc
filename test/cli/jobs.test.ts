// okctl jobs list|retry on the SQLite store (OKCTL_DATA_DIR); jobs.pg.test.ts runs it on PostgreSQL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listAndRetryDeadJob, okctl } from "./jobs-scenario.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("okctl jobs", () => {
  it("lists jobs with their failure, and retries a dead one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "okctl-jobs-"));
    dirs.push(dir);
    await listAndRetryDeadJob({ OKCTL_DATA_DIR: dir });
  });

  it("says so when there is no store, and creates none", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "okctl-jobs-")), "missing");
    dirs.push(dir);
    expect(await okctl(["jobs", "list"], { OKCTL_DATA_DIR: dir })).toMatchObject({ code: 1, stderr: expect.stringContaining(`no okctl store in ${dir}`) });
    expect(await okctl(["jobs", "frobnicate"], { OKCTL_DATA_DIR: dir })).toMatchObject({ code: 2 });
  });
});
