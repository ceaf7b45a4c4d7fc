// Test support for src/github/: a real ProbotOctokit without retries or throttling (so nock sees
// every request exactly once) that checks each request against GitHub's REST API description,
// and real webhook payloads from @octokit/webhooks-examples.
import { createRequire } from "node:module";
import { ProbotOctokit } from "probot";
import { checkRequestsAgainstDescription } from "../../test/support/github-request-validation.js";
import type { Octokit } from "./types.js";

export const API = "https://api.github.com";

/** Every request it sends is checked against GitHub's REST API description first (a request GitHub would refuse fails). */
export function testOctokit(): Octokit {
  return checkRequestsAgainstDescription(new ProbotOctokit({ auth: { token: "test" }, retry: { enabled: false }, throttle: { enabled: false } }));
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

type ReviewJson = import("@octokit/openapi-types").components["schemas"]["pull-request-review"];

/** A pull request review as GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews lists it (GitHub's REST API shape). */
export function reviewJson(input: { id: number; owner: string; repo: string; pullNumber: number; reviewer: string | null; state: string; commitId: string | null; submittedAt?: string }): ReviewJson {
  const html = `https://github.com/${input.owner}/${input.repo}/pull/${input.pullNumber}`;
  const pullUrl = `${API}/repos/${input.owner}/${input.repo}/pulls/${input.pullNumber}`;
  const user =
    input.reviewer === null
      ? null
      : {
          login: input.reviewer,
          id: 1000 + input.id,
          node_id: `MDQ6VXNlcj${input.id}`,
          avatar_url: `https://avatars.githubusercontent.com/u/${1000 + input.id}?v=4`,
          gravatar_id: "",
          url: `${API}/users/${input.reviewer}`,
          html_url: `https://github.com/${input.reviewer}`,
          followers_url: `${API}/users/${input.reviewer}/followers`,
          following_url: `${API}/users/${input.reviewer}/following{/other_user}`,
          gists_url: `${API}/users/${input.reviewer}/gists{/gist_id}`,
          starred_url: `${API}/users/${input.reviewer}/starred{/owner}{/repo}`,
          subscriptions_url: `${API}/users/${input.reviewer}/subscriptions`,
          organizations_url: `${API}/users/${input.reviewer}/orgs`,
          repos_url: `${API}/users/${input.reviewer}/repos`,
          events_url: `${API}/users/${input.reviewer}/events{/privacy}`,
          received_events_url: `${API}/users/${input.reviewer}/received_events`,
          type: "User",
          site_admin: false,
        };
  return {
    id: input.id,
    node_id: `PRR_kwDO${input.id}`,
    user,
    body: input.state === "APPROVED" ? "" : "Please look again.",
    state: input.state,
    html_url: `${html}#pullrequestreview-${input.id}`,
    pull_request_url: pullUrl,
    _links: { html: { href: `${html}#pullrequestreview-${input.id}` }, pull_request: { href: pullUrl } },
    ...(input.state === "PENDING" ? {} : { submitted_at: input.submittedAt ?? "2026-11-30T10:00:00Z" }),
    commit_id: input.commitId,
    author_association: "MEMBER",
  };
}
