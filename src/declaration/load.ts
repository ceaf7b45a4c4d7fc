// The declaration loader: bytes → guard → YAML with positions → schema → semantic rules →
// defaults → derived layout. Every problem is reported at once; nothing here throws.
import { decodeDeclaration } from "./decode.js";
import { applyDefaults } from "./defaults.js";
import { deriveLayout } from "./derive.js";
import type { PositionedProblem, Problem } from "./problem.js";
import { adoptionProblems } from "./rules/adopt.js";
import { semanticProblems } from "./rules/index.js";
import { schemaErrors } from "./schema.js";
import { coversPath, schemaProblems } from "./schema-messages.js";
import type { DeclarationInput } from "./schema-types.generated.js";
import { locate, type SourceIndex } from "./source-index.js";
import type { Diagnostic, LoadResult } from "./types.js";
import { parseYamlTree } from "./yaml-tree.js";

function toDiagnostics(file: string, problems: readonly PositionedProblem[]): Diagnostic[] {
  return problems
    .map(({ line, column, path, message }) => ({ file, line, column, path, message }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

function positioned(index: SourceIndex, problems: readonly Problem[]): PositionedProblem[] {
  return problems.map((p) => ({ ...locate(index, p.path, p.anchor), path: p.path, message: p.message }));
}

function load(content: string | Uint8Array, file: string): LoadResult {
  const decoded = decodeDeclaration(content);
  if (!decoded.ok) return { ok: false, diagnostics: toDiagnostics(file, [decoded.problem]) };
  const tree = parseYamlTree(decoded.text);
  if (!tree.ok) return { ok: false, diagnostics: toDiagnostics(file, tree.problems) };
  const fromSchema = schemaProblems(schemaErrors(tree.value), tree.index);
  // A rule's finding on a node the schema already rejected would only repeat it.
  const fromRules = semanticProblems(tree.value).filter((p) => !coversPath(fromSchema, p.path));
  const problems = [...tree.problems, ...positioned(tree.index, [...fromSchema, ...fromRules])];
  if (problems.length > 0) return { ok: false, diagnostics: toDiagnostics(file, problems) };
  // The schema and the rules have accepted the data: it is a DeclarationInput.
  const declaration = applyDefaults(tree.value as unknown as DeclarationInput);
  const layout = deriveLayout(declaration);
  // What can only be checked against the resources the declaration describes (defaults applied).
  const afterDefaults = positioned(tree.index, adoptionProblems(declaration, layout));
  if (afterDefaults.length > 0) return { ok: false, diagnostics: toDiagnostics(file, afterDefaults) };
  return { ok: true, declaration, layout };
}

/**
 * Reads an okctl.yaml. Never throws: broken or hostile input gives diagnostics with positions.
 * `file` is only used to label the diagnostics.
 */
export function loadDeclaration(content: string | Uint8Array, file: string): LoadResult {
  try {
    return load(content, file);
  } catch (error) {
    const message =
      error instanceof RangeError
        ? "the file is nested too deeply to read"
        : `okctl could not check this file (a bug in okctl, please report it): ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, diagnostics: [{ file, line: 1, column: 1, path: "", message }] };
  }
}
