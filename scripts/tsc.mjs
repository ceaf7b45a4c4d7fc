// Runs tsc on one project of this repository as a child process, its output held until it ends
// (so that it is printed whole, never interleaved with another process's); shared by
// scripts/typecheck.mjs and scripts/test.mjs.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const pretty = process.stdout.isTTY ? ["--pretty"] : [];

/** Runs tsc on `project` with `flags`: whether it passed and what it said (printed by `report`). */
export function runTsc(project, flags = []) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, "-p", project, ...flags, ...pretty], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const output = [];
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.on("error", (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on("close", (code, signal) => resolve({ project, ok: code === 0, exit: signal ?? `exit code ${code}`, output: Buffer.concat(output) }));
  });
}

/** Prints what one tsc run said (to stderr); returns whether it passed. */
export function report(result) {
  if (!result.ok) process.stderr.write(`tsc -p ${result.project} failed (${result.exit}):\n`);
  process.stderr.write(result.output);
  return result.ok;
}
