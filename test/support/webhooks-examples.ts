// Real example payloads from @octokit/webhooks-examples, cloned and moved to another repository.
import { createRequire } from "node:module";
import type { WebhookDefinition } from "@octokit/webhooks-examples";

const EXAMPLE_OWNER = "Codertocat";
const EXAMPLE_REPO = "Hello-World";

let definitions: WebhookDefinition[] | undefined;

function allDefinitions(): WebhookDefinition[] {
  // The package's main file is a JSON document; require keeps this working under plain Node ESM.
  definitions ??= createRequire(import.meta.url)("@octokit/webhooks-examples") as WebhookDefinition[];
  return definitions;
}

/**
 * A deep copy of the first api.github.com example of `event` (with `action`, if given, and
 * matching `where`) that was delivered to an app installation, or of the first match when none was.
 */
export function exampleWebhook(
  event: string,
  action?: string,
  where: (example: Record<string, unknown>) => boolean = () => true,
): Record<string, unknown> {
  const definition = allDefinitions().find((d) => d.name === event);
  if (!definition) throw new Error(`no @octokit/webhooks-examples definition for "${event}"`);
  const examples = (definition.examples as unknown as Record<string, unknown>[]).filter(
    (e) => (action === undefined || e.action === action) && where(e),
  );
  const chosen = examples.find((e) => e.installation !== undefined) ?? examples[0];
  if (!chosen) throw new Error(`no @octokit/webhooks-examples example for "${event}.${action ?? ""}"`);
  return structuredClone(chosen);
}

/**
 * Moves a payload to `owner/repo`: every URL and `full_name` naming the example repository, the
 * repository's name and owner. Other users (senders, authors) keep the example's login.
 */
export function retarget<T>(payload: T, owner: string, repo: string): T {
  const text = JSON.stringify(payload).replaceAll(`${EXAMPLE_OWNER}/${EXAMPLE_REPO}`, `${owner}/${repo}`);
  const moved = JSON.parse(text) as T & { repository?: RepositoryLike };
  if (moved.repository) renameRepository(moved.repository, owner, repo);
  return moved;
}

export interface RepositoryLike {
  id: number;
  name: string;
  full_name: string;
  owner: { login: string; [key: string]: unknown };
  default_branch?: string;
  [key: string]: unknown;
}

/**
 * The numeric id a test repository has: stable per owner/name (GitHub's examples carry different
 * ids for one repository), so that the app sees one repository across events.
 */
export function testRepositoryId(fullName: string): number {
  let h = 2166136261;
  for (const ch of fullName.toLowerCase()) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return 100_000 + (h % 900_000_000);
}

export function renameRepository(repository: RepositoryLike, owner: string, repo: string): void {
  const text = JSON.stringify(repository)
    .replaceAll(`/${repository.full_name}`, `/${owner}/${repo}`)
    .replaceAll(`:${repository.full_name}.git`, `:${owner}/${repo}.git`);
  Object.assign(repository, JSON.parse(text) as RepositoryLike);
  repository.id = testRepositoryId(`${owner}/${repo}`);
  repository.name = repo;
  repository.full_name = `${owner}/${repo}`;
  if (repository.owner.login !== owner) {
    repository.owner = JSON.parse(
      JSON.stringify(repository.owner).replaceAll(`/${repository.owner.login}`, `/${owner}`),
    ) as RepositoryLike["owner"];
    repository.owner.login = owner;
  }
}

/** Sets the default branch the way GitHub reports it (`master_branch` is its legacy alias). */
export function setDefaultBranch(repository: RepositoryLike, branch: string): void {
  repository.default_branch = branch;
  if ("master_branch" in repository) repository.master_branch = branch;
}

/** A user object shaped like the example's, for another login. */
export function userLike(template: Record<string, unknown>, login: string, id: number): Record<string, unknown> {
  const previous = String(template.login);
  const user = JSON.parse(JSON.stringify(template).replaceAll(`/${previous}`, `/${login}`)) as Record<string, unknown>;
  return { ...user, login, id, node_id: Buffer.from(`04:User${id}`).toString("base64") };
}

/** A stable positive id derived from a login, so the same user always gets the same id. */
export function userId(login: string): number {
  let hash = 7;
  for (const ch of login) hash = (hash * 31 + ch.charCodeAt(0)) % 1_000_000_007;
  return 1000 + hash;
}
