// Runs every benchmark module compiled next to this file (dist/bench/*.js) and prints each
// section. A benchmark module exports `run<Name>Benchmark(): Promise<figures>` and, optionally,
// one `format…(figures): string`; it must not do anything when merely imported (guard its
// command-line entry with an `import.meta.url === pathToFileURL(process.argv[1])` check).
// `node dist/bench/index.js [name…]` runs only the modules whose file names contain a given name.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Modules here that are not benchmark modules (bare-app starts a server when imported). */
const NOT_BENCHMARKS = new Set(["index", "bare-app", "point-sdk", "calls-by-kind", "process-cpu"]);

type Exports = Record<string, unknown>;
type Fn = (...args: unknown[]) => unknown;

export interface BenchmarkSection {
  module: string;
  name: string;
  text: string;
  figures?: unknown;
  error?: string;
}

/** The benchmark modules in `dir`: compiled (.js), or their sources with `extension` ".ts". */
export function benchmarkModules(dir: string, only: string[] = [], extension = ".js"): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(extension) && !f.endsWith(`.test${extension}`) && !NOT_BENCHMARKS.has(f.slice(0, -extension.length)))
    .filter((f) => only.length === 0 || only.some((name) => f.includes(name)))
    .sort();
}

function runners(exports: Exports): [string, Fn][] {
  return Object.entries(exports).filter((e): e is [string, Fn] => /^run\w*Benchmark$/.test(e[0]) && typeof e[1] === "function");
}

function formatter(exports: Exports): Fn | undefined {
  const formats = Object.entries(exports).filter(([name, value]) => name.startsWith("format") && typeof value === "function");
  return formats.length === 1 ? (formats[0]?.[1] as Fn) : undefined;
}

export async function runBenchmarks(dir: string, only: string[] = []): Promise<BenchmarkSection[]> {
  const sections: BenchmarkSection[] = [];
  for (const file of benchmarkModules(dir, only)) {
    const exports = (await import(pathToFileURL(join(dir, file)).href)) as Exports;
    const format = formatter(exports);
    for (const [name, run] of runners(exports)) {
      const started = performance.now();
      try {
        const figures = await run();
        const text = format ? String(format(figures)) : JSON.stringify(figures, null, 2);
        sections.push({ module: file, name, figures, text: `${text}\n(${((performance.now() - started) / 1000).toFixed(1)} s)` });
      } catch (error) {
        sections.push({ module: file, name, text: `FAILED: ${(error as Error).stack ?? String(error)}`, error: String(error) });
      }
      const last = sections.at(-1) as BenchmarkSection;
      console.log(`\n## ${last.name} (${last.module})\n${last.text}`);
    }
  }
  return sections;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sections = await runBenchmarks(dirname(fileURLToPath(import.meta.url)), process.argv.slice(2));
  if (sections.length === 0) console.log("no benchmark modules found");
  process.exitCode = sections.some((s) => s.error !== undefined) ? 1 : 0;
}
