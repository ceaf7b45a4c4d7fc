#!/usr/bin/env node
// `npm test`: builds dist/ (the end-to-end tests run the compiled server and command line), then
// runs the tests with vitest and, side by side with them, the type check of every TypeScript file
// of the tests, the benchmarks and the sources (tsconfig.test.json; vitest only strips types).
// The type check takes a core for half a minute that the test run, much of it spent waiting on
// moto and on server processes, can spare: side by side the whole ends sooner than one after the
// other. Its errors are printed once the tests end; the exit code is 1 when the build, the type
// check or a test failed. Arguments are passed to `vitest run`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { report, root, runTsc } from "./tsc.mjs";

if (!report(await runTsc("tsconfig.json"))) {
  process.exitCode = 1;
} else {
  const typeCheck = runTsc("tsconfig.test.json");
  const vitestPackage = createRequire(import.meta.url).resolve("vitest/package.json");
  const tests = new Promise((resolve) => {
    const child = spawn(process.execPath, [join(dirname(vitestPackage), "vitest.mjs"), "run", ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
    child.on("error", (error) => {
      process.stderr.write(`vitest did not start: ${error.message}\n`);
      resolve(false);
    });
    child.on("close", (code) => resolve(code === 0));
  });
  const testsPassed = await tests;
  // Printed after the tests' own report, which vitest writes as it goes.
  const typesPassed = report(await typeCheck);
  process.exitCode = testsPassed && typesPassed ? 0 : 1;
}
