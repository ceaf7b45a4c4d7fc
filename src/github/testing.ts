// Test support for src/github/: a real ProbotOctokit without retries or throttling (so nock sees
// every request exactly once), and real webhook payloads from @octokit/webhooks-examples.
import { createRequire } from "node:module";
import { ProbotOctokit } from "probot";
import type { Octokit } from "./types.js";

export const API = "https://api.github.com";

export function testOctokit(): Octokit {
  return new ProbotOctokit({ auth: { token: "test" }, retry: { enabled: false }, throttle: { enabled: false } });
}

interface ExampleDefinition {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

const definitions = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as ExampleDefinition[];

/** A deep copy of a real example payload of `event` (with `action`, when given), to adapt. */
export function examplePayload<T = Record<string, unknown>>(event: string, action?: string): T {
  const definition = definitions.find((candidate) => candidate.name === event);
  const example = definition?.examples.find((candidate) => action === undefined || candidate.action === action);
  if (!example) throw new Error(`no @octokit/webhooks-examples payload for ${event}${action ? `.${action}` : ""}`);
  return structuredClone(example) as T;
}
