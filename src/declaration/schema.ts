// The declaration's JSON Schema (schemas/okctl.schema.json) and its compiled validator.
import { createRequire } from "node:module";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";

const require = createRequire(import.meta.url);

/** The JSON Schema of okctl.yaml, as data: the one source of the declaration's structure. */
export const DECLARATION_SCHEMA: Record<string, unknown> = require("../../schemas/okctl.schema.json");

// allErrors: report every problem in one run. verbose: errors carry the failing schema and data,
// which the messages use. No useDefaults: defaults are applied by ./defaults.ts, on a copy.
const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
// Understood by VS Code and the YAML language server; here it phrases pattern failures.
ajv.addKeyword({ keyword: "patternErrorMessage", schemaType: "string" });

const validate = ajv.compile(DECLARATION_SCHEMA);

/** Validates data against the schema; returns ajv's errors ([] when valid). */
export function schemaErrors(data: unknown): ErrorObject[] {
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
