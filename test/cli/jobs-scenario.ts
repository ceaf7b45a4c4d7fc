// The `okctl jobs` scenario both stores must pass (jobs.test.ts on SQLite, jobs.pg.test.ts on
// PostgreSQL): the server's store holds a dead and a pending job; the CLI, given the server's
// environment, lists them with their failure and retries the dead one.
import { tmpdir } from "node:os";
import { Writable } from "node:stream";
import { expect } from "vitest";
import { openStore } from "../../src/app/config-from-env.js";
import { main } from "../../src/cli/main.js";
import { leaseOf } from "../../src/store/lease.js";

class Sink extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export async function okctl(args: string[], env: NodeJS.ProcessEnv) {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await main(args, { stdout, stderr, env, cwd: tmpdir() });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Fills the store the server would open with `env`, then lists and retries through the CLI. */
export async function listAndRetryDeadJob(env: NodeJS.ProcessEnv): Promise<void> {
  const store = await openStore(env);
  const now = new Date("2030-01-01T00:00:00Z");
  const dead = await store.enqueueJob({ kind: "merge", key: "octo/infra@abc", payload: null, maxAttempts: 1 }, now);
  await store.enqueueJob({ kind: "plan", key: "octo/infra#2", payload: null, runAfter: new Date("2030-01-02T00:00:00Z") }, now);
  const leased = await store.leaseNextJob("w", 60_000, now);
  await store.failJob(leaseOf(leased!), "GitHub unreachable: Server Error", { now });
  await store.close();

  const listed = await okctl(["jobs", "list", "--state", "dead"], env);
  expect(listed).toMatchObject({ code: 0, stderr: "" });
  expect(listed.stdout).toBe(`${dead.id}\tdead\tmerge\tocto/infra@abc\tattempt 1/1 at 2030-01-01T00:00:00.000Z  GitHub unreachable: Server Error\n`);
  expect((await okctl(["jobs", "list"], env)).stdout.split("\n").filter(Boolean)).toHaveLength(2);

  expect(await okctl(["jobs", "retry", dead.id], env)).toMatchObject({ code: 0, stdout: `job ${dead.id} is pending again\n` });
  expect(await okctl(["jobs", "retry", dead.id], env)).toMatchObject({ code: 1, stderr: `job ${dead.id} is pending: only a dead job can be retried\n` });
  const reopened = await openStore(env);
  expect(await reopened.getJob(dead.id)).toMatchObject({ state: "pending", attempts: 0 });
  await reopened.close();
}
