// Every one of GitHub's own example deliveries (@octokit/webhooks-examples: every event an app may be
// subscribed to, in every action and shape) through the real server (`node dist/src/server.js`):
// - as GitHub sent them (for Codertocat/Hello-World, installation 1: an installation this app is not);
// - the three events okctl handles moved onto the stand-in's repository and installation, where
//   pull request #2 (the one they name) changes okctl.yaml; the repository has no access entry, so
//   its plan is refused with a comment and a neutral check run (no AWS needed);
// - the same moved to a repository the installation can't reach;
// - GitHub's new-comment examples as `/okctl` commands on that pull request.
// Each is answered 2xx while the server stays ready; the worker then runs every job to an end:
// completed where GitHub answers; where it answers 404, dead at once (an uninstalled app) or after
// two quick retries (a plan of a repository the installation can't reach), not retried for
// minutes, but for a merge, which waits for its next retry (a merge is never lost:
// src/app/retry-policy.ts) without holding up anything else; and every request okctl sent is one
// GitHub's REST API description allows.
import { createRequire } from "node:module";
import type { WebhookDefinition } from "@octokit/webhooks-examples";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOT_FOUND_ATTEMPTS } from "../../src/app/retry-policy.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import type { Job } from "../../src/store/store.js";
import { retarget } from "../support/webhooks-examples.js";
import { sendWebhook, type WebhookResponse } from "../support/webhooks.js";
import { addDeclarationPullRequest, failureReport, latestCheckRun, startE2e, type E2e } from "./okctl-server.js";

const OWNER = "octo-org";
const REPO = "hello-world";
const GONE_REPO = "gone";
const INSTALLATION = 7; // not the examples' 1
const EXAMPLE_PULL = 2; // the pull request GitHub's examples name
const HANDLED = new Set(["push", "pull_request", "issue_comment"]);
const IN_FLIGHT = 8;

type Payload = Record<string, unknown> & { installation?: { id: number; node_id?: string } };
interface Delivery {
  name: string;
  event: string;
  payload: Payload;
}

const definitions = createRequire(import.meta.url)("@octokit/webhooks-examples") as WebhookDefinition[];

function examplesOf(event: string): Payload[] {
  return (definitions.find((definition) => definition.name === event)?.examples ?? []) as unknown as Payload[];
}

/** The example for `OWNER/repo`, delivered to the app's installation (as every delivery to an app is; some examples were a repository webhook's). */
function moved(payload: Payload, repo: string): Payload {
  const copy = retarget(structuredClone(payload), OWNER, repo);
  copy.installation = { id: INSTALLATION, node_id: Buffer.from(`023:Integration::Installation${INSTALLATION}`).toString("base64") } as Payload["installation"];
  return copy;
}

/** Every example as GitHub sent it, then the handled events' examples moved to the stand-in's repository and to one it lacks. */
function deliveries(): Delivery[] {
  const all: Delivery[] = [];
  for (const definition of definitions) {
    (definition.examples as unknown as Payload[]).forEach((payload, i) => {
      const name = `${definition.name}#${i} ${String(payload.action ?? "")}`.trim();
      all.push({ name, event: definition.name, payload });
      if (!HANDLED.has(definition.name)) return;
      all.push({ name: `${name} → ${OWNER}/${REPO}`, event: definition.name, payload: moved(payload, REPO) });
      all.push({ name: `${name} → ${OWNER}/${GONE_REPO}`, event: definition.name, payload: moved(payload, GONE_REPO) });
    });
  }
  return all;
}


const COMMANDS = ["/okctl apply", "/okctl plan", "/okctl help"];

/**
 * GitHub's new-comment examples as `/okctl` commands on the stand-in's pull request by someone who
 * may write (none of the examples is one): the command job's requests, and the plan it asks for.
 */
function commandDeliveries(e2e: E2e): Delivery[] {
  const { repository } = e2e.standin;
  return examplesOf("issue_comment").filter((example) => example.action === "created").map((example, i) => {
    const payload = moved(example, REPO) as Payload & { issue: Record<string, unknown>; comment: Record<string, unknown> & { user: { login: string } } };
    const body = COMMANDS[i % COMMANDS.length]!;
    const login = payload.comment.user.login;
    repository.permissions.set(login, "write");
    const pull = `${OWNER}/${REPO}/pull/${EXAMPLE_PULL}`;
    payload.issue.number = EXAMPLE_PULL;
    payload.issue.pull_request = { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${EXAMPLE_PULL}`, html_url: `https://github.com/${pull}`, diff_url: `https://github.com/${pull}.diff`, patch_url: `https://github.com/${pull}.patch`, merged_at: null };
    Object.assign(payload.comment, { id: repository.addComment(EXAMPLE_PULL, body, login).id, body });
    return { name: `issue_comment#${i} created → ${body} on ${OWNER}/${REPO}#${EXAMPLE_PULL}`, event: "issue_comment", payload };
  });
}

/** Sends every delivery, IN_FLIGHT at a time, each with its own delivery id. */
async function sendAll(e2e: E2e, list: readonly Delivery[]): Promise<{ delivery: Delivery; response: WebhookResponse | Error }[]> {
  const results: { delivery: Delivery; response: WebhookResponse | Error }[] = [];
  let next = 0;
  const sender = async (): Promise<void> => {
    while (next < list.length) {
      const delivery = list[next++]!;
      const response = await sendWebhook({ url: e2e.app.webhookUrl, secret: e2e.app.webhookSecret, event: delivery.event, payload: delivery.payload, deliveryId: `example-${next}` }).catch((error: Error) => error);
      results.push({ delivery, response });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
  return results;
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let e2e: E2e | undefined;

beforeAll(async () => {
  e2e = await startE2e("http://127.0.0.1:9", {
    standin: { owner: OWNER, repo: REPO, installationId: INSTALLATION, defaultBranch: "master" },
    // Retries 0.1 s, 0.2 s, … later instead of 5 s, 10 s, …
    env: { OKCTL_JOB_RETRY_DELAY_MS: "100" },
    beforeStart: (standin) => {
      const scenario = addDeclarationPullRequest(standin, EXAMPLE_PULL);
      standin.repository.setBranch("master", scenario.baseSha);
      // The commits the push examples put on master: the stand-in's repository has them (without okctl.yaml).
      for (const push of examplesOf("push")) if (typeof push.after === "string" && !/^0+$/.test(push.after)) standin.repository.putFiles(push.after, { "README.md": "# Hello World\n" });
    },
  });
});

afterAll(async () => {
  await e2e?.stop();
});

describe("GitHub's own example webhooks through the real server", () => {
  it("answers every one 2xx while ready, runs the jobs of reachable ones to completion and fails the others soon, with only valid GitHub requests", async (ctx) => {
    const server = e2e!;
    ctx.onTestFailed(() => console.error(failureReport(server)));
    const commands = commandDeliveries(server);
    const list = [...deliveries(), ...commands];
    expect(list.length).toBeGreaterThan(300);

    let sending = true;
    const notReady: string[] = [];
    const readiness = (async () => {
      while (sending) {
        const status = await fetch(`${server.app.url}/readyz`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status, (error: Error) => error.message);
        if (status !== 200) notReady.push(String(status));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const results = await sendAll(server, list);
    sending = false;
    await readiness;

    const refused = results.filter(({ response }) => response instanceof Error || response.status < 200 || response.status > 299);
    expect(refused.map(({ delivery, response }) => `${delivery.name}: ${response instanceof Error ? response.message : `${response.status} ${response.body}`}`)).toEqual([]);
    expect(results).toHaveLength(list.length);
    expect(notReady).toEqual([]);

    // Every job was stored before its delivery was answered: wait until each has run to its end,
    // but a merge, which waits for its next retry (none leased, none pending but tried merges).
    const store = openSqliteStore({ dataDir: server.app.dataDir });
    try {
      const jobs = await until(async () => {
        const all = await store.listJobs();
        const settled = (job: Job): boolean => (job.state === "pending" ? job.kind === "merge" && job.attempts > 0 : job.state !== "leased");
        return all.length > 0 && all.every(settled) ? all : undefined;
      }, "every job to have run to its end, but a merge waiting for its retry");
      const describeJob = (job: Job): string => `${job.kind} ${job.key}: ${job.state} after ${job.attempts} attempt(s) ${job.lastError ?? ""}`;
      const repositoryOf = (job: Job): string => job.key.split(/[#@]/)[0]!;
      // Each kind's outcomes, "kind state" and a dead job's attempts (how many plans ran depends on
      // timing: a pending plan is superseded by a newer one; so does how often a retry ran).
      const outcome = (job: Job): string => `${job.kind} ${job.state}${job.state === "dead" ? ` ${job.attempts}` : ""}`;
      const outcomes = (repository: string): string[] => [...new Set(jobs.filter((job) => repositoryOf(job) === repository && job.state !== "superseded").map(outcome))].sort();
      expect(new Set(jobs.map(repositoryOf))).toEqual(new Set([`${OWNER}/${REPO}`, `${OWNER}/${GONE_REPO}`, "Codertocat/Hello-World"]));

      // The handled examples on the stand-in's repository: plans and a merge that ran to completion
      // (the plan refused, with a comment and a neutral check run: the repository has no access entry).
      const reachable = jobs.filter((job) => repositoryOf(job) === `${OWNER}/${REPO}`);
      expect(reachable.filter((job) => job.state !== "completed" && job.state !== "superseded").map(describeJob)).toEqual([]);
      expect(new Set(reachable.filter((job) => job.state === "completed").map((job) => job.kind))).toEqual(new Set(["plan", "merge", "command"]));
      const pull = server.standin.repository.pulls.get(EXAMPLE_PULL)!;
      expect(latestCheckRun(server.standin, pull.headSha, "okctl plan")).toMatchObject({ status: "completed", conclusion: "neutral" });
      // One plan comment, kept up to date by every plan; a reply to each `/okctl apply` (before the merge) and `/okctl help`.
      const replies = server.standin.appComments(EXAMPLE_PULL).map((comment) => comment.body.split("\n")[0]!.replace(/^okctl applies after merge.*/, "apply: not merged yet"));
      const asked = (body: string): number => commands.filter((command) => (command.payload.comment as { body: string }).body === body).length;
      expect(asked("/okctl apply") * asked("/okctl help")).toBeGreaterThan(0);
      const expected = ["<!-- okctl:plan path=okctl.yaml -->", ...Array<string>(asked("/okctl apply")).fill("apply: not merged yet"), ...Array<string>(asked("/okctl help")).fill("### okctl commands")];
      expect(replies.sort()).toEqual(expected.sort());

      // An installation the app is not (the examples' own: uninstalled): every job dead on its first attempt.
      expect(outcomes("Codertocat/Hello-World")).toEqual(["merge dead 1", "plan dead 1"]);
      // A repository the installation can't reach: the plan dead on its third attempt (two retries
      // wait out GitHub's replication lag); the merge waits for its next retry.
      expect(outcomes(`${OWNER}/${GONE_REPO}`)).toEqual(["merge pending", `plan dead ${NOT_FOUND_ATTEMPTS}`]);
      for (const job of jobs.filter((candidate) => repositoryOf(candidate) !== `${OWNER}/${REPO}` && candidate.state !== "superseded")) {
        expect(job.lastError, describeJob(job)).toMatch(job.state === "dead" ? /^PermanentJobError: GitHub answered 404 / : /^GitHub unreachable: Not Found/);
      }

      // What okctl asked GitHub: every request valid; the only refusals are the 404s of what it can't reach.
      const unexpected = server.standin.unexpected().map((r) => `${r.method} ${r.path} → ${r.status}: ${r.reason ?? ""}`);
      expect(unexpected.filter((line) => !/→ 404: /.test(line) || !(line.includes("/app/installations/1/") || line.includes(`/repos/${OWNER}/${GONE_REPO}/`)))).toEqual([]);
    } finally {
      await store.close();
    }

    // Still ready after all of it.
    expect((await fetch(`${server.app.url}/readyz`)).status).toBe(200);
  });
});
