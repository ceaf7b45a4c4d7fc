// Every request the GitHub stand-in receives is checked against GitHub's published REST API
// description (the operations extracted into github-rest-operations.json by
// scripts/extract-github-operations.mjs): path and query parameters, and the JSON body against the
// operation's request schema (required fields, enums, lengths, types, no stray types). What GitHub
// would refuse with 422 (or 400) is a request okctl must not make: the stand-in answers it as
// GitHub does and marks it unexpected, so the test that caused it fails.
import { createRequire } from "node:module";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { templatePatternSource } from "./github-standin-router.js";

type JsonSchema = Record<string, unknown>;

interface OperationParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
}

export interface RestOperation {
  operationId: string;
  parameters: OperationParameter[];
  requestBody?: { required: boolean; schema: JsonSchema };
}

interface OperationsFile {
  source: string;
  operations: Record<string, RestOperation>;
}

const file = createRequire(import.meta.url)("./github-rest-operations.json") as OperationsFile;

/** Where the operations come from (the description's package and version). */
export const REST_DESCRIPTION_SOURCE = file.source;

/** The operation of a stand-in route template (`{+x}` is `{x}` in the description), if GitHub has it. */
export function restOperation(template: string): RestOperation | undefined {
  return file.operations[template];
}

// Formats ("date-time", "uri") are not checked: GitHub's own checks of them are looser than a
// validator's, and okctl sends only timestamps it formats with toISOString.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();

function validator(key: string, schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

function describe(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).map((error) => {
    const path = `${where}${error.instancePath}`;
    const detail = error.keyword === "enum" ? ` (one of ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)})` : "";
    return `${path} ${error.message ?? error.keyword}${detail}`;
  });
}

/** Query and path values arrive as text: a number or boolean parameter is read as one. */
function typedParameter(value: string, schema: JsonSchema): unknown {
  const type = schema.type;
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

export interface RequestToValidate {
  /** The stand-in route template that matched, e.g. `POST /repos/{owner}/{repo}/check-runs`. */
  template: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
}

/** What GitHub's description says is wrong with the request (empty when it is valid). */
export function requestProblems(request: RequestToValidate): string[] {
  const operation = restOperation(request.template);
  if (!operation) return [`${request.template} is not an operation of GitHub's REST API description (${REST_DESCRIPTION_SOURCE})`];
  const problems: string[] = [];
  for (const parameter of operation.parameters) {
    const source = parameter.in === "path" ? request.params : request.query;
    const value = source[parameter.name];
    if (value === undefined) {
      if (parameter.required) problems.push(`${parameter.in} parameter ${parameter.name} is required`);
      continue;
    }
    const validate = validator(`${request.template} ${parameter.in} ${parameter.name}`, parameter.schema);
    if (!validate(typedParameter(value, parameter.schema))) problems.push(...describe(validate.errors, `${parameter.in} parameter ${parameter.name}`));
  }
  const known = new Set(operation.parameters.filter((p) => p.in === "query").map((p) => p.name));
  for (const name of Object.keys(request.query)) {
    if (!known.has(name)) problems.push(`query parameter ${name} is not one of ${request.template}'s`);
  }
  if (operation.requestBody) {
    if (request.body === undefined) {
      if (operation.requestBody.required) problems.push("the request body is required");
    } else {
      const validate = validator(`${request.template} body`, operation.requestBody.schema);
      if (!validate(request.body)) problems.push(...describe(validate.errors, "body"));
    }
  } else if (request.body !== undefined && request.template.startsWith("GET ")) {
    problems.push("a GET request has a body");
  }
  return problems;
}

/** The operation a concrete request path (without the API prefix) is an instance of, with its path parameters. */
export function matchOperation(method: string, pathname: string): { template: string; params: Record<string, string> } | undefined {
  for (const { template, method: operationMethod, pattern } of operationPatterns()) {
    if (operationMethod !== method.toUpperCase()) continue;
    const match = pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(match.groups ?? {})) params[key] = decodeURIComponent(value);
    return { template, params };
  }
  return undefined;
}

let patterns: { template: string; method: string; pattern: RegExp }[] | undefined;
function operationPatterns(): { template: string; method: string; pattern: RegExp }[] {
  patterns ??= Object.keys(file.operations)
    .map((template) => {
      const [method = "", path = ""] = template.split(" ");
      return { template, method, pattern: new RegExp(`^${templatePatternSource(path)}$`) };
    })
    // Literal segments first: /issues/comments/{id} before /issues/{issue_number}/comments.
    .sort((a, b) => b.template.replace(/\{[^}]+\}/g, "").length - a.template.replace(/\{[^}]+\}/g, "").length);
  return patterns;
}

/**
 * Checks every request `octokit` sends, as sent (URL and JSON body after Octokit's own encoding),
 * against GitHub's description, and fails it before it leaves when GitHub would refuse it. Requests
 * to operations the stand-in does not serve are let through (the stand-in names those itself).
 */
export function checkRequestsAgainstDescription<T extends { hook: { before(name: "request", hook: (options: { method: string; url: string; [key: string]: unknown }) => void): void }; request: { endpoint: { parse(options: object): { method: string; url: string; body?: unknown } } } }>(octokit: T): T {
  octokit.hook.before("request", (options) => {
    const parsed = octokit.request.endpoint.parse(options);
    const url = new URL(parsed.url);
    const pathname = url.pathname.replace(/^\/api\/v3(?=\/)/, "");
    const operation = matchOperation(parsed.method, pathname);
    if (!operation) return;
    const body = typeof parsed.body === "string" ? (JSON.parse(parsed.body) as unknown) : parsed.body;
    const problems = requestProblems({ ...operation, query: Object.fromEntries(url.searchParams), body });
    if (problems.length > 0) throw new Error(`GitHub would refuse ${operation.template}: ${problems.join("; ")}`);
  });
  return octokit;
}
