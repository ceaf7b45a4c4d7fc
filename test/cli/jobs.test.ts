// okctl jobs list|retry: the operator's view of the server's store (OKCTL_DATA_DIR).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { leaseOf } from "../../src/store/lease.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";

class Sink extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function okctl(args: string[], dataDir: string) {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await main(args, { stdout, stderr, env: { OKCTL_DATA_DIR: dataDir }, cwd: tmpdir() });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("okctl jobs", () => {
  it("lists jobs with their failure, and retries a dead one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "okctl-jobs-"));
    dirs.push(dir);
    const store = openSqliteStore({ dataDir: dir });
    const now = new Date("2030-01-01T00:00:00Z");
    const dead = await store.enqueueJob({ kind: "merge", key: "octo/infra@abc", payload: null, maxAttempts: 1 }, now);
    await store.enqueueJob({ kind: "plan", key: "octo/infra#2", payload: null, runAfter: new Date("2030-01-02T00:00:00Z") }, now);
    const leased = await store.leaseNextJob("w", 60_000, now);
    await store.failJob(leaseOf(leased!), "GitHub unreachable: Server Error", { now });
    await store.close();

    const listed = await okctl(["jobs", "list", "--state", "dead"], dir);
    expect(listed).toMatchObject({ code: 0, stderr: "" });
    expect(listed.stdout).toBe(`${dead.id}\tdead\tmerge\tocto/infra@abc\tattempt 1/1 at 2030-01-01T00:00:00.000Z  GitHub unreachable: Server Error\n`);
    expect((await okctl(["jobs", "list"], dir)).stdout.split("\n").filter(Boolean)).toHaveLength(2);

    expect(await okctl(["jobs", "retry", dead.id], dir)).toMatchObject({ code: 0, stdout: `job ${dead.id} is pending again\n` });
    expect(await okctl(["jobs", "retry", dead.id], dir)).toMatchObject({ code: 1, stderr: `job ${dead.id} is pending: only a dead job can be retried\n` });
    const reopened = openSqliteStore({ dataDir: dir });
    expect(await reopened.getJob(dead.id)).toMatchObject({ state: "pending", attempts: 0 });
    await reopened.close();
  });

  it("says so when there is no store, and creates none", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "okctl-jobs-")), "missing");
    dirs.push(dir);
    expect(await okctl(["jobs", "list"], dir)).toMatchObject({ code: 1, stderr: expect.stringContaining(`no okctl store in ${dir}`) });
    expect(await okctl(["jobs", "frobnicate"], dir)).toMatchObject({ code: 2 });
  });
});
