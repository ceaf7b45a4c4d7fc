// The container image (Dockerfile). No Docker engine runs here, so the image is not built in tests:
// these check what the Dockerfile says, and that what it copies into the runtime stage is enough to
// run okctl (every package the compiled server imports is a production dependency).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { externalImports } from "./module-closure.js";

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
    const imported = new Set(externalImports().map((i) => i.packageName));
    expect(imported.size).toBeGreaterThan(5);
    const missing = [...imported].filter((name) => !(name in pkg.dependencies));
    expect(missing).toEqual([]);
  });
});
