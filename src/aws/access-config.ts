// Reads the server-side access configuration (path from OKCTL_ACCESS_CONFIG): YAML → schema →
// rules → defaults. Every problem is collected with its line and column; nothing downstream sees
// raw input.
import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import type { Diagnostic } from "../declaration/types.js";
import { checkAccessConfigRules } from "./access-config-rules.js";
import { checkAccessConfigSchema, type SchemaProblem } from "./access-config-schema.js";
import type { AccessConfig, AccessEntry } from "./access-config-types.js";
import { positionAt, positionOf } from "./yaml-position.js";

export type { AccessConfig, AccessEntry, ApplyRequirement } from "./access-config-types.js";

export const ACCESS_CONFIG_ENV = "OKCTL_ACCESS_CONFIG";

export type AccessConfigResult = { ok: true; config: AccessConfig } | { ok: false; diagnostics: Diagnostic[] };

type RawEntry = Omit<AccessEntry, "allowDestroy" | "allowForkPullRequests" | "allowedPrincipals" | "workloadRoles" | "applyRequires"> & {
  allowDestroy?: boolean;
  allowForkPullRequests?: boolean;
  allowedPrincipals?: string[];
  workloadRoles?: string[];
  applyRequires?: AccessEntry["applyRequires"];
};

function withDefaults(file: string, raw: { repositories: RawEntry[] }): AccessConfig {
  return {
    file,
    repositories: raw.repositories.map((entry) => ({
      ...entry,
      allowDestroy: entry.allowDestroy ?? false,
      allowForkPullRequests: entry.allowForkPullRequests ?? false,
      allowedPrincipals: [...(entry.allowedPrincipals ?? [])],
      workloadRoles: [...(entry.workloadRoles ?? [])],
      applyRequires: entry.applyRequires ?? "approved",
    })),
  };
}

export function parseAccessConfig(text: string, file: string): AccessConfigResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      diagnostics: doc.errors.map((error) => ({
        file,
        ...positionAt(lineCounter, error.pos[0]),
        path: "",
        message: `YAML: ${error.message.split("\n")[0]}`,
      })),
    };
  }
  const toDiagnostic = (problem: SchemaProblem): Diagnostic => ({
    file,
    ...positionOf(doc, lineCounter, problem.path, problem.key),
    path: problem.key === undefined ? problem.path : `${problem.path}/${problem.key}`,
    message: problem.message,
  });
  const data: unknown = doc.toJS();
  const schemaProblems = checkAccessConfigSchema(data);
  if (schemaProblems.length > 0) return { ok: false, diagnostics: schemaProblems.map(toDiagnostic) };

  const raw = data as { repositories: RawEntry[] }; // the schema has just accepted this shape
  const lineOf = (pointer: string) => positionOf(doc, lineCounter, pointer).line;
  const ruleProblems = checkAccessConfigRules(raw.repositories, lineOf);
  if (ruleProblems.length > 0) return { ok: false, diagnostics: ruleProblems.map(toDiagnostic) };
  return { ok: true, config: withDefaults(file, raw) };
}

/** "file:line:column: message", one a line. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join("\n");
}

/** The server cannot run without a valid access configuration: a set-up error, not a refusal. */
export class AccessConfigError extends Error {
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message);
    this.name = "AccessConfigError";
  }
}

/** Reads and validates the file named by OKCTL_ACCESS_CONFIG; throws AccessConfigError if it can't. */
export async function loadAccessConfig(env: Readonly<Record<string, string | undefined>>): Promise<AccessConfig> {
  const file = env[ACCESS_CONFIG_ENV]?.trim();
  if (!file) {
    throw new AccessConfigError(
      `${ACCESS_CONFIG_ENV} is not set. Set it to the path of the access configuration (YAML) that maps repositories to the IAM roles okctl assumes; see docs/access.md.`,
    );
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new AccessConfigError(
      `Cannot read the access configuration ${file} (${ACCESS_CONFIG_ENV}): ${code}. Check that ${ACCESS_CONFIG_ENV} names a readable file; see docs/access.md.`,
    );
  }
  const result = parseAccessConfig(text, file);
  if (!result.ok) {
    throw new AccessConfigError(`The access configuration ${file} is invalid:\n${formatDiagnostics(result.diagnostics)}`, result.diagnostics);
  }
  return result.config;
}
