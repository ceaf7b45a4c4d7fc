// Shared helpers for the declaration tests.
import { readFileSync } from "node:fs";
import { loadDeclaration } from "../../src/declaration/load.js";
import type { Declaration, Diagnostic } from "../../src/declaration/types.js";

export const FIXTURES = new URL("../fixtures/declarations/", import.meta.url);

export function fixture(name: string): Buffer {
  return readFileSync(new URL(name, FIXTURES));
}

/** Diagnostics as "LINE:COL PATH MESSAGE" lines, easy to compare in full. */
export function problemLines(content: string | Uint8Array, file = "okctl.yaml"): string[] {
  const result = loadDeclaration(content, file);
  if (result.ok) return [];
  return result.diagnostics.map((d: Diagnostic) => `${d.line}:${d.column} ${d.path} ${d.message}`);
}

export function loadValid(content: string | Uint8Array): Declaration {
  const result = loadDeclaration(content, "okctl.yaml");
  if (!result.ok) throw new Error(`expected a valid declaration, got:\n${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join("\n")}`);
  return result.declaration;
}

/** The required fields, then `extra` YAML appended at the top level. */
export function withRequired(extra = ""): string {
  return `apiVersion: okctl.io/v1alpha1
kind: Cluster
metadata:
  name: booking-dev
  accountID: "123456789012"
clusterRootDomain: booking-dev.oslo.systems
${extra}`;
}
