// Checks raw access configuration data against schemas/access-config.schema.json and turns the
// schema's errors into messages that say how to fix the file.
import { createRequire } from "node:module";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";

const require = createRequire(import.meta.url);
// The schema is the single source of the structure; loaded as data (JSON, not a module).
const schema: object = require("../../schemas/access-config.schema.json");

const validate = new Ajv2020({ allErrors: true, strict: true, verbose: true }).compile(schema);

export interface SchemaProblem {
  /** JSON pointer of the offending node. */
  path: string;
  /** For unknown keys: the key, so that the diagnostic points at it. */
  key?: string;
  message: string;
}

const FIELD_HINTS: Record<string, string> = {
  repository: 'must be "owner/name" or a glob such as "owner/*" or "owner/team-*" (letters, digits, "-", "_", "." and "*")',
  roleArn: "must be an IAM role ARN, e.g. arn:aws:iam::123456789012:role/okctl-deploy (or arn:aws:iam::{accountId}:role/okctl-deploy)",
  eksClusterRoleArn: "must be an IAM role ARN, e.g. arn:aws:iam::123456789012:role/okctl-eks-cluster (or arn:aws:iam::{accountId}:role/okctl-eks-cluster)",
  eksNodeRoleArn: "must be an IAM role ARN, e.g. arn:aws:iam::123456789012:role/okctl-eks-node (or arn:aws:iam::{accountId}:role/okctl-eks-node)",
  externalId: "may contain only letters, digits and + = , . @ : / - (2 to 1224 characters)",
  accounts: 'must be a 12-digit AWS account id in quotes, e.g. "123456789012"',
  regions: "must be an AWS region such as eu-west-1",
  allowedPrincipals: "must be an IAM role or user ARN pattern, e.g. arn:aws:iam::111122223333:role/platform-* (* any characters, ? one, {accountId} the declaration's account)",
  workloadRoles: "must be an IAM role ARN pattern, e.g. arn:aws:iam::{accountId}:role/booking-* (* any characters, ? one, {accountId} the declaration's account)",
  allowedDomains: 'must be a DNS name with at least two labels ("booking.oslo.systems") or a "*." wildcard ("*.booking.oslo.systems")',
};

const MIN_ITEMS_EXAMPLES: Record<string, string> = {
  regions: "[eu-west-1]",
  allowedDomains: '["booking.oslo.systems", "*.booking.oslo.systems"]',
};

/** The nearest named field of a pointer: "/repositories/0/accounts/1" → "accounts". */
function fieldOf(pointer: string): string {
  const named = pointer.split("/").filter((s) => s !== "" && !/^\d+$/.test(s));
  return named[named.length - 1] ?? "";
}

function describe(error: ErrorObject): SchemaProblem {
  const path = error.instancePath;
  const field = fieldOf(path);
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return { path, key, message: `unknown key "${key}"; allowed keys are: ${allowed.join(", ")}` };
    }
    case "required":
      return { path, message: `missing required key "${String(error.params.missingProperty)}"` };
    case "type":
      if (field === "accounts" && typeof error.data === "number")
        return { path, message: `${FIELD_HINTS.accounts} (unquoted, YAML reads it as a number and drops leading zeros)` };
      if (path === "" && (error.data === null || error.data === undefined))
        return { path, message: "the access configuration is empty; it needs a `repositories:` list" };
      return { path, message: `must be ${error.params.type === "object" ? "a mapping" : error.params.type === "array" ? "a list" : `a ${String(error.params.type)}`}` };
    case "pattern":
    case "minLength":
    case "maxLength":
      return { path, message: FIELD_HINTS[field] ?? `${error.message ?? "is invalid"}` };
    case "enum":
      return { path, message: `must be one of: ${(error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(", ")}${field === "applyRequires" ? ' ("approved": an approving review by someone with write permission of the planned commit; "none": no review needed)' : ""}` };
    case "minItems":
      return { path, message: `must list at least one entry (e.g. ${MIN_ITEMS_EXAMPLES[field] ?? '["123456789012"]'})` };
    case "uniqueItems":
      return { path, message: `lists the same value twice (items ${Number(error.params.j) + 1} and ${Number(error.params.i) + 1})` };
    default:
      return { path, message: error.message ?? "is invalid" };
  }
}

/** Every schema problem of `data`, or none. */
export function checkAccessConfigSchema(data: unknown): SchemaProblem[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map(describe);
}
