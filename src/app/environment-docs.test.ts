// Every environment variable the code reads is in the Environment table of docs/github-app.md,
// and the caps and limits it states are the code's. Found by reading the sources, so a new
// setting cannot ship undocumented.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_WEBHOOK_BODY_BYTES } from "./bounded-body.js";
import { MAX_DECLARATIONS_PER_PULL_REQUEST } from "./jobs/plan-pull-request.js";
import { MAX_REPORTED_PROBLEMS } from "../render/annotations.js";
import { DEFAULT_RETENTION } from "./retention.js";
import { DEFAULT_JOB_DEADLINES_MS } from "../store/worker-types.js";

const root = join(import.meta.dirname, "..", "..");
/** Read by the command line only (documented in the README), or by Node itself. */
const NOT_SERVER_SETTINGS = new Set(["NO_COLOR", "FORCE_COLOR", "NODE_ENV"]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.includes("testing") ? [path] : [];
  });
}

function variablesRead(): Set<string> {
  const names = new Set<string>();
  const pattern = /\benv\.([A-Z][A-Z0-9_]+)|\benv\["([A-Z][A-Z0-9_]+)"\]|"((?:OKCTL|LOG|GHE|WEBHOOK|PRIVATE_KEY|APP)_[A-Z0-9_]+)"/g;
  for (const file of sources(join(root, "src"))) {
    for (const match of readFileSync(file, "utf8").matchAll(pattern)) names.add(match[1] ?? match[2] ?? match[3]!);
  }
  return names;
}

const environmentTable = (): string => {
  const doc = readFileSync(join(root, "docs", "github-app.md"), "utf8");
  const start = doc.indexOf("## Environment");
  return doc.slice(start, doc.indexOf("\n## ", start + 1));
};

describe("the Environment table", () => {
  it("documents every environment variable the server reads", () => {
    const read = [...variablesRead()].filter((name) => !NOT_SERVER_SETTINGS.has(name));
    expect(read.length).toBeGreaterThan(20);
    expect(read).toContain("OKCTL_JOB_RETENTION_DAYS");
    const table = environmentTable();
    expect(read.filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
  });

  it("states the caps and deadlines the code has", () => {
    const doc = readFileSync(join(root, "docs", "github-app.md"), "utf8");
    expect(doc).toContain(`${MAX_WEBHOOK_BODY_BYTES / 1024 / 1024} MB`);
    expect(doc).toContain(`the first ${MAX_REPORTED_PROBLEMS} problems`);
    expect(doc).toContain(`at most ${MAX_DECLARATIONS_PER_PULL_REQUEST} declarations`);
    expect(doc).toContain(`(\`${DEFAULT_RETENTION.deliveryDays}\`)`);
    expect(doc).toContain(`apply ${DEFAULT_JOB_DEADLINES_MS.apply! / 3_600_000} h`);
  });
});
