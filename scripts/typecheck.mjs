#!/usr/bin/env node
// Type-checks the project (tsconfig.json) and its tests (tsconfig.test.json: every .ts file under
// src/, test/ and bench/) as two tsc processes side by side: each checks on one thread, so on two
// cores they end sooner than one after the other (on 2 idle cores: the build alone 25–27 s, both side
// by side 43–48 s, one after the other 52–58 s). `--emit` makes the first one the build (dist/), as
// `npm test` wants; without it nothing is written (`npm run typecheck`). Each one's errors are
// printed whole once it ends (never interleaved); the exit code is 1 when either found an error.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const emit = process.argv.includes("--emit");
const pretty = process.stdout.isTTY ? ["--pretty"] : [];

const runs = [
  ["tsconfig.json", ...(emit ? [] : ["--noEmit"])],
  ["tsconfig.test.json"],
].map(([project, ...flags]) => check(project, flags));

const failed = (await Promise.all(runs)).filter((ok) => !ok).length;
process.exitCode = failed > 0 ? 1 : 0;

/** Runs tsc on one project; resolves to whether it passed, after printing what it said. */
function check(project, flags) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, "-p", project, ...flags, ...pretty], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const output = [];
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.on("error", (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on("close", (code, signal) => {
      const ok = code === 0;
      if (!ok) process.stderr.write(`tsc -p ${project} failed (${signal ?? `exit code ${code}`}):\n`);
      process.stderr.write(Buffer.concat(output));
      resolve(ok);
    });
  });
}
