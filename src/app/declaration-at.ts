// An okctl.yaml at a commit: fetched from GitHub, then parsed and validated.
import { loadDeclaration } from "../declaration/load.js";
import type { Declaration, Diagnostic } from "../declaration/types.js";
import { fetchFile, type Octokit, type RepoRef } from "../github/index.js";

export type DeclarationAt =
  | { kind: "valid"; declaration: Declaration }
  | { kind: "invalid"; diagnostics: Diagnostic[] }
  | { kind: "missing" };

export async function declarationAt(octokit: Octokit, input: RepoRef & { path: string; ref: string }): Promise<DeclarationAt> {
  const file = await fetchFile(octokit, input);
  if ("missing" in file) return { kind: "missing" };
  if ("tooLarge" in file) {
    return {
      kind: "invalid",
      diagnostics: [{ file: input.path, line: 1, column: 1, path: "", message: `file is ${file.size} bytes; okctl.yaml may be at most 1 MiB` }],
    };
  }
  const loaded = loadDeclaration(file.content, input.path);
  return loaded.ok ? { kind: "valid", declaration: loaded.declaration } : { kind: "invalid", diagnostics: loaded.diagnostics };
}
