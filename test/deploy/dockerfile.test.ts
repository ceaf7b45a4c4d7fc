// The container image (Dockerfile). No Docker engine runs here, so the image is not built in tests:
// these check what the Dockerfile says, and that what it copies into the runtime stage is enough to
// run okctl (every package the compiled server imports is a production dependency).
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../", import.meta.url).pathname;

interface Instruction { keyword: string; args: string }
interface Stage { name: string; instructions: Instruction[] }

/** Dockerfile → stages of instructions (continuation lines joined, comments dropped). */
export function parseDockerfile(text: string): Stage[] {
  const logical = text.replace(/\\\r?\n/g, " ").split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword = "", ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    if (instruction.keyword === "FROM") {
      stages.push({ name: /\bAS\s+(\S+)/i.exec(instruction.args)?.[1] ?? String(stages.length), instructions: [instruction] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

const stages = parseDockerfile(readFileSync(join(ROOT, "Dockerfile"), "utf8"));
const runtime = stages.at(-1)!;
const args = (keyword: string, stage = runtime): string[] => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

describe("Dockerfile", () => {
  it("is multi-stage, and the runtime stage takes only production dependencies and the compiled code", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(args("FROM")[0]).toMatch(/^node:20\b/);
    expect(args("RUN").join(" ")).not.toMatch(/npm (ci|install)/); // nothing installed in the runtime stage
    const copies = args("COPY");
    const fromStage = (path: string) => copies.find((c) => c.includes(path))?.match(/--from=(\S+)/)?.[1];
    const depsStage = stages.find((s) => s.name === fromStage("node_modules"));
    expect(args("RUN", depsStage).join(" ")).toMatch(/npm ci\b.*--omit=dev/);
    expect(stages.find((s) => s.name === fromStage("dist/src"))?.instructions.some((i) => /npm run build/.test(i.args))).toBe(true);
    expect(copies.some((c) => /^src\b|\s\.\/src$/.test(c) && !c.includes("--from"))).toBe(false);
  });

  it("runs as a non-root user, listens on all interfaces, has a health check and the store's volume", () => {
    const user = args("USER").at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const env = args("ENV").join(" ");
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    const dataDir = /\bOKCTL_DATA_DIR=(\S+)/.exec(env)?.[1];
    expect(dataDir).toBeDefined();
    expect(args("VOLUME").join(" ")).toContain(dataDir);
    expect(args("HEALTHCHECK").join(" ")).toContain("/healthz");
    expect(args("CMD").join(" ")).toContain("dist/src/server.js");
  });

  it("the runtime stage has every package the compiled server imports (dependencies, not devDependencies)", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const imported = packagesReachedFrom([join(ROOT, "dist/src/server.js"), join(ROOT, "dist/src/cli/main.js")]);
    expect(imported.size).toBeGreaterThan(5);
    const missing = [...imported].filter((name) => !(name in pkg.dependencies));
    expect(missing).toEqual([]);
  });
});

/** The packages that the modules reachable from the entry points import (static and dynamic imports). */
function packagesReachedFrom(entries: string[]): Set<string> {
  const builtins = new Set(builtinModules);
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s*["']([^"']+)["']/gm)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      if (specifier.startsWith(".")) {
        const target = resolve(dirname(file), specifier);
        if (existsSync(target) && target.endsWith(".js")) queue.push(target);
        continue;
      }
      if (specifier.startsWith("node:") || builtins.has(specifier)) continue;
      packages.add(specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!);
    }
  }
  return packages;
}
