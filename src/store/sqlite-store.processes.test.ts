// Several processes on one okctl.sqlite: leases are taken in IMMEDIATE transactions, so no two
// processes ever lease the same job. The store is transpiled to JavaScript for the child processes.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "./sqlite-store.js";
import { t0 } from "./store-fixtures.js";

const storeDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(storeDir, "../..");
const run = promisify(execFile);

const childScript = `
import { existsSync, writeFileSync } from "node:fs";
import { openSqliteStore } from "./src/store/sqlite-store.js";
const [dataDir, workerId] = process.argv.slice(2);
const store = openSqliteStore({ dataDir, busyTimeoutMs: 20000 });
// Start together: report ready, then wait for the go file.
writeFileSync(dataDir + "/ready-" + workerId, "");
while (!existsSync(dataDir + "/go")) await new Promise((resolve) => setTimeout(resolve, 1));
const now = new Date(${t0.getTime()});
const leased = [];
for (;;) {
  const job = await store.leaseNextJob(workerId, 600000, now);
  if (job === null) {
    if ((await store.listJobs({ state: "pending" })).length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 1));
    continue;
  }
  leased.push(job.id);
  await new Promise((resolve) => setTimeout(resolve, 1)); // "work", so the others get a turn
  if (!(await store.completeJob({ jobId: job.id, workerId, token: job.leaseToken }, workerId, now))) throw new Error("lost job " + job.id);
}
await store.close();
process.stdout.write(JSON.stringify(leased));
`;

let workDir = "";

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("child processes did not start");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Transpiles src/store (without tests) into workDir, beside a link to node_modules. */
function buildStore(): void {
  workDir = mkdtempSync(join(tmpdir(), "okctl-store-procs-"));
  symlinkSync(join(repoRoot, "node_modules"), join(workDir, "node_modules"), "dir");
  writeFileSync(join(workDir, "package.json"), JSON.stringify({ type: "module" }));
  const files = readdirSync(storeDir, { recursive: true, encoding: "utf8" }).filter(
    (file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.includes("store-contract"),
  );
  for (const file of files) {
    const source = readFileSync(join(storeDir, file), "utf8");
    const output = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    const target = join(workDir, relative(repoRoot, join(storeDir, file)).replace(/\.ts$/, ".js"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output.outputText);
  }
  writeFileSync(join(workDir, "child.mjs"), childScript);
}

describe("SQLite store shared by processes", () => {
  beforeAll(buildStore);
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it("leases every job exactly once across three processes", async () => {
    const dataDir = join(workDir, "data");
    const store = openSqliteStore({ dataDir });
    const count = 150;
    for (let i = 0; i < count; i++) {
      await store.enqueueJob({ kind: "plan", key: `k${i}`, payload: i, queue: i % 2 === 0 ? `cluster-${i % 6}` : undefined }, t0);
    }
    const ids = ["p1", "p2", "p3"];
    const children = ids.map((id) => run(process.execPath, [join(workDir, "child.mjs"), dataDir, id], { cwd: workDir }));
    await waitFor(() => ids.every((id) => existsSync(join(dataDir, `ready-${id}`))));
    writeFileSync(join(dataDir, "go"), "");
    const perChild = (await Promise.all(children)).map(({ stdout }) => JSON.parse(stdout) as string[]);
    const leased = perChild.flat();
    expect(leased).toHaveLength(count);
    expect(new Set(leased).size).toBe(count);
    expect(perChild.filter((jobs) => jobs.length > 0).length).toBeGreaterThan(1); // they did contend
    expect(await store.listJobs({ state: "completed" })).toHaveLength(count);
    await store.close();
  });
});
