// Fail closed, against the real server process: a credential or setting that is present but
// empty, missing or invalid stops the start with a non-zero exit that says what to fix (the port
// never answers); the registration flow only runs with no credentials at all, never in production;
// the store's directory and files are the owner's alone; with LOG_FORMAT=json every line is JSON.
import { chmodSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAppUntilExit, startAppProcess } from "../support/app-process.js";
import { serverDir, type ServerDir } from "../support/server-start.js";

let dir: ServerDir;
beforeEach(() => {
  dir = serverDir();
});
afterEach(() => dir.remove());

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

function expectEveryLineJson(output: string): void {
  const lines = output.split("\n").filter((line) => line.trim() !== "");
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
}

describe("a start with a bad setting", () => {
  const cases: [string, Record<string, string | undefined>, RegExp][] = [
    ["an empty PRIVATE_KEY", { PRIVATE_KEY: "" }, /PRIVATE_KEY is set but empty/],
    ["a PRIVATE_KEY that is no key", { PRIVATE_KEY: "not a key" }, /PRIVATE_KEY is not a PEM private key/],
    ["a PRIVATE_KEY_PATH that does not exist", { PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: "/nonexistent/okctl.pem" }, /PRIVATE_KEY_PATH names a file that cannot be read \(ENOENT\)/],
    ["an empty APP_ID", { APP_ID: "" }, /APP_ID is set but empty/],
    ["a key without APP_ID", { APP_ID: undefined }, /APP_ID is required/],
    ["an empty WEBHOOK_SECRET", { WEBHOOK_SECRET: "" }, /WEBHOOK_SECRET is set but empty/],
    ["an empty OKCTL_DATA_DIR", { OKCTL_DATA_DIR: "" }, /OKCTL_DATA_DIR is set but empty/],
    ["an empty OKCTL_ACCESS_CONFIG", { OKCTL_ACCESS_CONFIG: "" }, /OKCTL_ACCESS_CONFIG is not set/],
    ["a missing access configuration", { OKCTL_ACCESS_CONFIG: "/nonexistent/access.yaml" }, /Cannot read the access configuration/],
    ["an empty OKCTL_JOB_LEASE_MS", { OKCTL_JOB_LEASE_MS: "" }, /OKCTL_JOB_LEASE_MS must be a positive whole number/],
    ["no credentials with NODE_ENV=production", { NODE_ENV: "production", APP_ID: undefined, PRIVATE_KEY: undefined, WEBHOOK_SECRET: undefined }, /never runs in production/],
  ];
  it.each(cases)("exits non-zero, never listening, with %s", async (_, env, message) => {
    const exit = await runAppUntilExit(dir.options(env));
    expect(exit.code, exit.output).toBe(1);
    expect(exit.answeredPing).toBe(false);
    expect(exit.output).toMatch(message);
    expectEveryLineJson(exit.output);
  });

  it("names every problem at once", async () => {
    const exit = await runAppUntilExit({ ...dir.options({ PRIVATE_KEY: "", WEBHOOK_SECRET: "", LOG_FORMAT: "pretty" }) });
    expect(exit.code).toBe(1);
    expect(exit.output).toMatch(/PRIVATE_KEY is set but empty/);
    expect(exit.output).toMatch(/WEBHOOK_SECRET is set but empty/);
  });
});

describe("the registration flow", () => {
  it("runs when none of APP_ID, PRIVATE_KEY, PRIVATE_KEY_PATH is set, outside production", async () => {
    const app = await startAppProcess(dir.options({ APP_ID: undefined, PRIVATE_KEY: undefined, WEBHOOK_SECRET: undefined }));
    try {
      const page = await fetch(`${app.url}/`);
      expect(await page.text()).toMatch(/Register GitHub App/i);
    } finally {
      await app.stop();
    }
  });
});

describe("the store's files", () => {
  it("creates the data directory 0700 and the store's files 0600", async () => {
    const app = await startAppProcess(dir.options());
    try {
      expect(mode(app.dataDir)).toBe("700");
      expect(mode(join(app.dataDir, "okctl.sqlite"))).toBe("600");
      expect(mode(join(app.dataDir, "okctl.sqlite-wal"))).toBe("600");
    } finally {
      await app.stop();
    }
  });

  it("tightens a looser data directory and database on start, with a warning", async () => {
    const dataDir = join(dir.dir, "data");
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, "okctl.sqlite"), "");
    chmodSync(join(dataDir, "okctl.sqlite"), 0o644);
    const app = await startAppProcess(dir.options());
    try {
      expect(mode(dataDir)).toBe("700");
      expect(mode(join(dataDir, "okctl.sqlite"))).toBe("600");
      const warnings = app.logs().split("\n").filter((line) => line.includes("readable by others")).map((line) => JSON.parse(line) as { level: number });
      expect(warnings).toHaveLength(2);
      expect(warnings.every((w) => w.level === 40)).toBe(true);
    } finally {
      await app.stop();
    }
  });
});

describe("LOG_FORMAT=json", () => {
  it("makes every line the process writes JSON, from start to shutdown", async () => {
    const app = await startAppProcess(dir.options({ LOG_FORMAT: "json" }));
    await fetch(`${app.url}/ping`);
    await fetch(`${app.webhookUrl}`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    const exit = await app.kill("SIGTERM");
    expect(exit.code).toBe(0);
    expect(app.logs()).toMatch(/SIGTERM received/);
    expectEveryLineJson(app.logs());
    await app.stop();
  });

  it("keeps Node's own warnings and a crash (an uncaught exception) JSON too, with a start-up warning", async () => {
    // A preload: the first SIGUSR2 emits a process warning, the second throws (an uncaught exception).
    const preload = join(dir.dir, "hostile-preload.mjs");
    writeFileSync(preload, [
      "let signals = 0;",
      'process.on("SIGUSR2", () => {',
      '  if (++signals === 1) return process.emitWarning("okctl-test: a deprecated thing was used", "DeprecationWarning");',
      '  throw new Error("okctl-test: crash");',
      "});",
    ].join("\n"));
    const dataDir = join(dir.dir, "loose-data");
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const app = await startAppProcess(dir.options({ LOG_FORMAT: "json", OKCTL_DATA_DIR: dataDir, NODE_OPTIONS: `--import ${preload}` }));
    process.kill(app.pid(), "SIGUSR2"); // a warning while the server runs
    for (let waited = 0; !app.logs().includes("okctl-test: a deprecated thing") && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    const exit = await app.kill("SIGUSR2"); // then a crash
    expect(exit.code).toBe(1);
    const lines = app.logs().split("\n").filter((line) => line.trim() !== "");
    expectEveryLineJson(app.logs());
    const records = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(records.find((r) => r.msg.includes("was readable by others"))).toMatchObject({ level: 40 });
    expect(records.find((r) => r.msg.includes("okctl-test: a deprecated thing"))).toMatchObject({ level: 40 });
    expect(records.find((r) => r.msg.includes("uncaught exception"))).toMatchObject({ level: 60 });
    await app.stop();
  });
});
