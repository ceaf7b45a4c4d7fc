// Reading resolved properties with the types a handler expects, failing clearly otherwise.
import type { Json } from "../types.js";

export function stringProp(properties: Record<string, Json>, key: string): string {
  const value = properties[key];
  if (typeof value !== "string") throw new Error(`property ${key} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

export function numberProp(properties: Record<string, Json>, key: string): number {
  const value = properties[key];
  if (typeof value !== "number") throw new Error(`property ${key} must be a number, got ${JSON.stringify(value)}`);
  return value;
}

export function booleanProp(properties: Record<string, Json>, key: string): boolean {
  const value = properties[key];
  if (typeof value !== "boolean") throw new Error(`property ${key} must be a boolean, got ${JSON.stringify(value)}`);
  return value;
}

export function stringListProp(properties: Record<string, Json>, key: string): string[] {
  const value = properties[key];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === "string")) {
    throw new Error(`property ${key} must be a list of strings, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function stringRecordProp(properties: Record<string, Json>, key: string): Record<string, string> {
  const value = properties[key];
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`property ${key} must be an object, got ${JSON.stringify(value)}`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== "string") throw new Error(`property ${key}.${k} must be a string`);
    out[k] = v;
  }
  return out;
}
