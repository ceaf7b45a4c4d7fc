// Every benchmark `npm run bench` runs (bench/index.ts: each exported run…Benchmark function of
// each benchmark module) is called by a smoke test in this directory, so that a benchmark cannot be
// added, or a runner renamed, without one. The runners are read from the modules' source (an
// exported function or const named run…Benchmark, as index.ts's pattern), not imported: importing
// them all costs seconds.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { benchmarkModules } from "../../bench/index.js";

const BENCH_DIR = fileURLToPath(new URL("../../bench/", import.meta.url));
const SMOKE_DIR = fileURLToPath(new URL(".", import.meta.url));

function smokeTestSources(): string {
  return readdirSync(SMOKE_DIR)
    .filter((file) => file.endsWith(".test.ts") && file !== basename(fileURLToPath(import.meta.url)))
    .map((file) => readFileSync(join(SMOKE_DIR, file), "utf8"))
    .join("\n");
}

describe("the benchmark smoke tests", () => {
  it("call every benchmark runner that npm run bench runs", () => {
    const modules = benchmarkModules(BENCH_DIR, [], ".ts");
    expect(modules).toEqual(expect.arrayContaining(["webhooks.ts", "queue.ts", "drift-calls.ts"]));
    const sources = smokeTestSources();
    const uncovered: string[] = [];
    for (const module of modules) {
      const source = readFileSync(join(BENCH_DIR, module), "utf8");
      const names = [...source.matchAll(/^export (?:async function|function|const|let) (run\w*Benchmark)\b/gm)].map((match) => match[1] as string);
      expect(names, `${module} is listed as a benchmark but exports no run…Benchmark function`).not.toEqual([]);
      uncovered.push(...names.filter((name) => !new RegExp(`\\b${name}\\(`).test(sources)).map((name) => `${module}: ${name}`));
    }
    expect(uncovered, "benchmarks without a smoke test in test/bench/").toEqual([]);
  });
});
