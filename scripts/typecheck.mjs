#!/usr/bin/env node
// `npm run typecheck`: type-checks the project (tsconfig.json) and its tests (tsconfig.test.json:
// every .ts file under src/, test/ and bench/) as two tsc processes side by side: each checks on
// one thread, so on two cores they end sooner than one after the other. Nothing is written. Each
// one's errors are printed whole once it ends; the exit code is 1 when either found an error.
import { report, runTsc } from "./tsc.mjs";

const passed = await Promise.all([runTsc("tsconfig.json", ["--noEmit"]).then(report), runTsc("tsconfig.test.json").then(report)]);
process.exitCode = passed.every(Boolean) ? 0 : 1;
