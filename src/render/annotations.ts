// Validation diagnostics as check-run annotations on the exact lines of okctl.yaml. The Checks
// API takes at most 50 annotations per request: send them in chunks.
import type { Diagnostic } from "../declaration/types.js";
import { neutralise } from "./controls.js";
import { clip } from "./escape.js";

export const MAX_ANNOTATIONS_PER_REQUEST = 50;
/**
 * Most problems reported (annotations, check-run summary, comment): the first 50, with the total.
 * A hostile file with thousands of problems then costs one check-run request, not hundreds.
 */
export const MAX_REPORTED_PROBLEMS = 50;

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  /** Only when start and end are on the same line (an API rule). */
  start_column?: number;
  end_column?: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
}

/** One failure annotation per diagnostic, on `path` (the file in the repository), for the first MAX_REPORTED_PROBLEMS. */
export function diagnosticsToAnnotations(path: string, diagnostics: readonly Diagnostic[]): CheckAnnotation[] {
  return diagnostics.slice(0, MAX_REPORTED_PROBLEMS).map((diagnostic) => {
    const line = Math.max(1, diagnostic.line);
    const column = Math.max(1, diagnostic.column);
    return {
      path,
      start_line: line,
      end_line: line,
      start_column: column,
      end_column: column,
      annotation_level: "failure",
      // Plain text on GitHub, but read by people: controls and bidi overrides shown as escapes.
      message: clip(neutralise(diagnostic.message), 64 * 1024 - 1),
      title: clip(neutralise(diagnostic.path ? `okctl.yaml ${diagnostic.path}` : "okctl.yaml"), 255),
    };
  });
}

/** Splits annotations into request-sized chunks (50 by default). */
export function chunkAnnotations<T>(annotations: readonly T[], size = MAX_ANNOTATIONS_PER_REQUEST): T[][] {
  if (size < 1) throw new RangeError("chunk size must be at least 1");
  const chunks: T[][] = [];
  for (let index = 0; index < annotations.length; index += size) chunks.push(annotations.slice(index, index + size));
  return chunks;
}
