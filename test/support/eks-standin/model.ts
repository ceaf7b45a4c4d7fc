// AWS's published EKS API model (aws-sdk v2's apis/eks-2017-11-01.min.json): the stand-in routes
// requests by the operations' HTTP bindings and validates their input against the shapes — required
// members, types and, wherever the model declares them, enums, lengths, patterns and ranges.
// The min.json carries no enum traits for EKS; for the few members whose values EKS checks against
// an enum, the enum comes from the same published model as shipped in @aws-sdk/client-eks.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { AccessScopeType, AuthenticationMode, ResolveConflicts } from "@aws-sdk/client-eks";
import { checkShape, type ApiModel } from "../aws-model.js";

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

export interface Operation {
  name: string;
  http: { method?: string; requestUri: string };
  input?: Shape;
}

interface Model {
  operations: Record<string, Omit<Operation, "name">>;
  shapes: Record<string, Shape>;
}

const require = createRequire(import.meta.url);
const MODEL_PATH = require.resolve("aws-sdk/apis/eks-2017-11-01.min.json");
const model = JSON.parse(readFileSync(MODEL_PATH, "utf8")) as Model;

/** Member paths (operation → dotted member path) whose values the service checks against an enum. */
const ENUMS: Record<string, Record<string, readonly string[]>> = {
  AssociateAccessPolicy: { "accessScope.type": Object.values(AccessScopeType) },
  CreateAddon: { resolveConflicts: Object.values(ResolveConflicts) },
  UpdateAddon: { resolveConflicts: Object.values(ResolveConflicts) },
  CreateCluster: { "accessConfig.authenticationMode": Object.values(AuthenticationMode) },
  UpdateClusterConfig: { "accessConfig.authenticationMode": Object.values(AuthenticationMode) },
};

/** A member's shape with its `shape` reference resolved (the member's own location traits kept). */
function resolve(shape: Shape): Shape {
  if (!shape.shape) return shape;
  const target = model.shapes[shape.shape];
  if (!target) throw new Error(`EKS model: unknown shape ${shape.shape}`);
  return { ...resolve(target), ...shape, shape: undefined };
}

export interface Route {
  operation: Operation;
  method: string;
  pattern: RegExp;
  params: string[];
  /** Literal path segments: the more, the more specific the route. */
  literals: number;
}

function route(name: string, op: Omit<Operation, "name">): Route {
  const [path] = op.http.requestUri.split("?");
  const params: string[] = [];
  let literals = 0;
  const segments = (path ?? "").split("/").map((segment) => {
    const param = /^\{(\w+)(\+)?\}$/.exec(segment);
    if (!param) {
      literals += 1;
      return segment.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
    }
    params.push(param[1]!);
    return param[2] ? "(.+)" : "([^/]+)";
  });
  return { operation: { name, ...op }, method: op.http.method ?? "POST", pattern: new RegExp(`^${segments.join("/")}$`), params, literals };
}

export const ROUTES: readonly Route[] = Object.entries(model.operations).map(([name, op]) => route(name, op));

/** The operation a request is for, with its path parameters, or undefined. */
export function matchOperation(method: string, path: string): { operation: Operation; pathParams: Record<string, string> } | undefined {
  let best: { route: Route; match: RegExpExecArray } | undefined;
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (match && (!best || candidate.literals > best.route.literals)) best = { route: candidate, match };
  }
  if (!best) return undefined;
  const { route: found, match } = best;
  const pathParams = Object.fromEntries(found.params.map((param, index) => [param, decodeURIComponent(match[index + 1] ?? "")]));
  return { operation: found.operation, pathParams };
}

function scalarFromText(shape: Shape, text: string): unknown {
  const type = resolve(shape).type ?? "string";
  if (type === "integer" || type === "long") return /^-?\d+$/.test(text) ? Number(text) : text;
  if (type === "boolean") return text === "true" ? true : text === "false" ? false : text;
  return text;
}

/** The operation's input as the service sees it: path, query string, headers and JSON body merged. */
export function requestInput(
  operation: Operation,
  pathParams: Record<string, string>,
  query: URLSearchParams,
  headers: Record<string, string | string[] | undefined>,
  body: unknown,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const members = resolve(operation.input ?? { type: "structure", members: {} }).members ?? {};
  const json = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  for (const [name, member] of Object.entries(members)) {
    const wire = member.locationName ?? name;
    const shape = resolve(member);
    if (member.location === "uri") {
      if (pathParams[wire] !== undefined) input[name] = scalarFromText(shape, pathParams[wire]!);
    } else if (member.location === "querystring") {
      const values = query.getAll(wire);
      if (values.length === 0) continue;
      input[name] = shape.type === "list" ? values.flatMap((v) => v.split(",")).map((v) => scalarFromText(shape.member ?? {}, v)) : scalarFromText(shape, values[0]!);
    } else if (member.location === "header") {
      const value = headers[wire.toLowerCase()];
      if (typeof value === "string") input[name] = scalarFromText(shape, value);
    } else if (json[wire] !== undefined) {
      input[name] = json[wire];
    }
  }
  return input;
}

/** The model's validation errors for an operation's input (empty when valid). */
export function validateInput(operation: Operation, input: Record<string, unknown>): string[] {
  const errors: string[] = [];
  checkShape(model as unknown as ApiModel, operation.input ?? { type: "structure" }, input, "", ENUMS[operation.name] ?? {}, errors);
  return errors;
}

export { validationMessage } from "../aws-model.js";
