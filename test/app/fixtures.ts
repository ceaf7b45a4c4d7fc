// Declarations and pull-request shapes for the app's Probot tests.
import { readFileSync } from "node:fs";
import { fakeSha, pullRequestPayload, pushPayload, type PullRequestPayloadOptions } from "../support/webhooks.js";

/** examples/okctl.yaml: 38 resources when the parent zone oslo.systems is hosted. */
export const EXAMPLE = readFileSync(new URL("../../examples/okctl.yaml", import.meta.url), "utf8");

/** The example with app/log-level set to another value (one update once applied). */
export function withLogLevel(value: string): string {
  const changed = EXAMPLE.replace("value: info", `value: ${value}`);
  if (changed === EXAMPLE) throw new Error("examples/okctl.yaml no longer sets app/log-level to info");
  return changed;
}

/** The example without its app/log-level parameter (a delete once applied). */
export function withoutLogLevel(): string {
  const changed = EXAMPLE.replace(/  - name: app\/log-level\n.*\n.*\n/, "");
  if (changed === EXAMPLE || changed.includes("log-level")) throw new Error("could not remove app/log-level from examples/okctl.yaml");
  return changed;
}

/** The 1-based line of the first line containing `text`. */
export function lineOf(yaml: string, text: string): number {
  const index = yaml.split("\n").findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`no line contains ${text}`);
  return index + 1;
}

/** A pull request as the REST API returns it (the webhook's pull_request object has its shape). */
export function pullJson(options: PullRequestPayloadOptions): Record<string, unknown> {
  return pullRequestPayload(options).pull_request as unknown as Record<string, unknown>;
}

export const HEAD = (pull: number, push = 1) => fakeSha(`head-${pull}-${push}`);
export const MERGE = (pull: number) => fakeSha(`merge-${pull}`);
export const BASE = fakeSha("base");
/** GitHub's test merge commit of an open pull request. */
export const TEST_MERGE = (pull: number) => fakeSha(`test-merge-${pull}`);

/** The push to main that merging `pull` makes. */
export function mergePush(pull: number, before = BASE, files: { modified?: string[]; removed?: string[] } = { modified: ["okctl.yaml"] }) {
  return pushPayload({ before, after: MERGE(pull), commits: [{ message: `Merge pull request #${pull}`, ...files }], pusher: "maintainer" });
}

/** The merged pull request, as GET /commits/{sha}/pulls lists it. */
export function mergedPullJson(pull: number, labels: string[] = []): Record<string, unknown> {
  return pullJson({ number: pull, action: "closed", merged: true, mergeCommitSha: MERGE(pull), headSha: HEAD(pull), baseSha: BASE, labels });
}

/** `yaml` (the example, whose parameters list comes last) with one more String parameter. */
export function withParameter(yaml: string, name: string, value: string): string {
  // Comment lines after the list (the example's commented adopt entries) stay after it.
  const trailing = /(?:\n(?:#.*|\s*))*$/.exec(yaml.trimEnd())?.[0] ?? "";
  const body = yaml.trimEnd().slice(0, yaml.trimEnd().length - trailing.length);
  if (!/parameters:[^\n]*\n(?:  .*\n|\s*\n)*$/.test(body + "\n")) throw new Error("expected the parameters list at the end of the declaration");
  return `${body}\n  - name: ${name}\n    type: String\n    value: ${value}\n${trailing.trimStart() ? `${trailing}\n` : ""}`;
}
