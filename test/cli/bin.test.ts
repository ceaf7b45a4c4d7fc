// The installed command: spawns bin/okctl.js, which runs the compiled dist/. `npm test` builds
// first; when dist/ is missing (a bare `npx vitest`), it is built here.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./capture.js";

function okctl(...args: string[]) {
  return spawnSync(process.execPath, [join(REPO_ROOT, "bin/okctl.js"), ...args], { cwd: REPO_ROOT, encoding: "utf8" });
}

describe("bin/okctl.js", () => {
  beforeAll(() => {
    if (existsSync(join(REPO_ROOT, "dist/src/cli/main.js"))) return;
    try {
      execFileSync(process.execPath, [join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: REPO_ROOT, stdio: "pipe" });
    } catch {
      // tsc emits despite type errors elsewhere; the tests below fail clearly if it did not.
    }
  }, 120_000);

  it("validates the shipped examples with exit code 0", () => {
    const result = okctl("validate", "examples/okctl.yaml", "examples/minimal.yaml");
    expect(result.stdout).toBe("all 2 files are valid\n");
    expect(result.status).toBe(0);
  });

  it("reports an invalid file with positions and exit code 1", () => {
    const result = okctl("validate", "test/fixtures/declarations/hostile/duplicate-keys.yaml");
    expect(result.stdout).toBe(
      'test/fixtures/declarations/hostile/duplicate-keys.yaml:6:3: duplicate key "name" (first at line 4); each key may appear only once\n' +
        "1 problem in test/fixtures/declarations/hostile/duplicate-keys.yaml\n",
    );
    expect(result.status).toBe(1);
  });

  it("prints the schema", () => {
    const result = okctl("schema");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).$id).toBe("https://okctl.io/schemas/okctl.schema.json");
  });
});
