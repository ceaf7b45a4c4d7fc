// AWS's published API models (aws-sdk v2's apis/<service>-<version>.min.json), for the loopback
// stand-ins that serve what moto lacks: validate a request's input against the operation's shapes —
// required members, types and, wherever the model declares them, enums, lengths, patterns and ranges —
// and word the errors as AWS does.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export interface Shape {
  type?: string;
  shape?: string;
  members?: Record<string, Shape>;
  member?: Shape;
  key?: Shape;
  value?: Shape;
  required?: string[];
  location?: "uri" | "querystring" | "header" | "headers" | "statusCode";
  locationName?: string;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  idempotencyToken?: boolean;
}

export interface ApiModel {
  metadata: { protocol: string; targetPrefix?: string; jsonVersion?: string; signingName?: string };
  operations: Record<string, { http?: { method?: string; requestUri: string }; input?: Shape; output?: Shape }>;
  shapes: Record<string, Shape>;
}

const require = createRequire(import.meta.url);

/** Loads `apis/<file>.min.json` from the aws-sdk v2 package, e.g. "pricing-2017-10-15". */
export function loadApiModel(file: string): ApiModel {
  return JSON.parse(readFileSync(require.resolve(`aws-sdk/apis/${file}.min.json`), "utf8")) as ApiModel;
}

/** A member's shape with its `shape` reference resolved (the member's own traits kept). */
export function resolveShape(model: ApiModel, shape: Shape): Shape {
  if (!shape.shape) return shape;
  const target = model.shapes[shape.shape];
  if (!target) throw new Error(`API model: unknown shape ${shape.shape}`);
  return { ...resolveShape(model, target), ...shape, shape: undefined };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return "null";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `'${text.length > 100 ? `${text.slice(0, 100)}…` : text}'`;
}

/** Every way `value` breaks `shape`, as AWS words its validation errors. */
export function checkShape(model: ApiModel, shape: Shape, value: unknown, path: string, enums: Record<string, readonly string[]>, errors: string[]): void {
  const s = resolveShape(model, shape);
  const type = s.type ?? "string";
  const fail = (constraint: string): void => {
    errors.push(`Value ${describe(value)} at '${path}' failed to satisfy constraint: ${constraint}`);
  };
  switch (type) {
    case "structure": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("Member must be a structure");
      const record = value as Record<string, unknown>;
      for (const required of s.required ?? []) {
        if (record[required] === undefined || record[required] === null) {
          errors.push(`Value null at '${path ? `${path}.` : ""}${required}' failed to satisfy constraint: Member must not be null`);
        }
      }
      for (const [name, member] of Object.entries(s.members ?? {})) {
        if (record[name] !== undefined && record[name] !== null) checkShape(model, member, record[name], path ? `${path}.${name}` : name, enums, errors);
      }
      return;
    }
    case "list": {
      if (!Array.isArray(value)) return fail("Member must be a list");
      if (s.min !== undefined && value.length < s.min) fail(`Member must have length greater than or equal to ${s.min}`);
      if (s.max !== undefined && value.length > s.max) fail(`Member must have length less than or equal to ${s.max}`);
      value.forEach((item, index) => checkShape(model, s.member ?? {}, item, `${path}.${index + 1}.member`, enums, errors));
      return;
    }
    case "map": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("Member must be a map");
      const entries = Object.entries(value as Record<string, unknown>);
      if (s.min !== undefined && entries.length < s.min) fail(`Member must have length greater than or equal to ${s.min}`);
      if (s.max !== undefined && entries.length > s.max) fail(`Member must have length less than or equal to ${s.max}`);
      for (const [key, item] of entries) {
        checkShape(model, s.key ?? {}, key, `${path}.key`, enums, errors);
        checkShape(model, s.value ?? {}, item, `${path}.${key}`, enums, errors);
      }
      return;
    }
    case "integer":
    case "long":
    case "float":
    case "double": {
      if (typeof value !== "number" || Number.isNaN(value)) return fail(`Member must be a number`);
      if ((type === "integer" || type === "long") && !Number.isInteger(value)) return fail("Member must be an integer");
      if (s.min !== undefined && value < s.min) fail(`Member must have value greater than or equal to ${s.min}`);
      if (s.max !== undefined && value > s.max) fail(`Member must have value less than or equal to ${s.max}`);
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") fail("Member must be a boolean");
      return;
    case "timestamp":
      if (typeof value !== "number" && typeof value !== "string") fail("Member must be a timestamp");
      return;
    default: {
      if (typeof value !== "string") return fail("Member must be a string");
      const allowed = s.enum ?? enums[path];
      if (allowed && !allowed.includes(value)) fail(`Member must satisfy enum value set: [${allowed.join(", ")}]`);
      if (s.min !== undefined && value.length < s.min) fail(`Member must have length greater than or equal to ${s.min}`);
      if (s.max !== undefined && value.length > s.max) fail(`Member must have length less than or equal to ${s.max}`);
      if (s.pattern !== undefined && !new RegExp(s.pattern, "u").test(value)) fail(`Member must satisfy regular expression pattern: ${s.pattern}`);
    }
  }
}

/** The model's validation errors for an operation's input (empty when valid). */
export function validateOperationInput(model: ApiModel, operation: string, input: unknown, enums: Record<string, readonly string[]> = {}): string[] {
  const op = model.operations[operation];
  if (!op) return [`Unknown operation ${operation}`];
  const errors: string[] = [];
  checkShape(model, op.input ?? { type: "structure" }, input, "", enums, errors);
  return errors;
}

/** AWS's wording for a set of validation errors. */
export function validationMessage(errors: readonly string[]): string {
  return `${errors.length} validation error${errors.length === 1 ? "" : "s"} detected: ${errors.join("; ")}`;
}
