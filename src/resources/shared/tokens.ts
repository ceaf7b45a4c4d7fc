// Deterministic idempotency tokens: the same resource with the same replace-forcing properties
// gets the same token, so a retried create after a crash is recognised by AWS, and a replacement
// (different replace-forcing properties) gets a new one.
import { createHash } from "node:crypto";
import { TAG_REPOSITORY, TAG_REPOSITORY_ID } from "../../declaration/tags.js";
import type { Json } from "../types.js";

export interface TokenInput {
  cluster: string;
  /** Logical id, e.g. "eks-nodegroup/generic". */
  id: string;
  /** The owning repository, as tokenOwner gives it (its id: a new repository with an old name gets other tokens). */
  repository: string;
  /** The values of the replace-forcing properties. */
  identity: Json;
}

/** Canonical JSON: object keys sorted, so equal values always serialise the same way. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The owner a token names: the resource's repository id tag (its name tag only on a resource from before ids, else `fallback`). */
export function tokenOwner(tags: Record<string, string>, fallback: string): string {
  return tags[TAG_REPOSITORY_ID] ?? tags[TAG_REPOSITORY] ?? fallback;
}

/** 32 hex characters: fits ACM's IdempotencyToken (max 32, \w+), EKS and Route 53 tokens. */
export function idempotencyToken(input: TokenInput): string {
  return createHash("sha256")
    .update(canonicalJson([input.cluster, input.id, input.repository, input.identity]))
    .digest("hex")
    .slice(0, 32);
}
