// The calls a drift round costs per declaration: the full example applied on moto, then rounds
// run through the app's own drift jobs (round → repository → check) with a counting GitHub
// stand-in: a round without drift, a round after a hand change (the issue opened), and the next
// round with the same drift (the issue edited). Target for a cluster without drift: the
// no-change plan's AWS calls plus at most 3 GitHub calls.
import { pointSdkAt } from "./point-sdk.js";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseAccessConfig } from "../src/aws/access-config.js";
import type { AwsClients } from "../src/aws/clients.js";
import { createAwsClients } from "../src/aws/clients.js";
import { openRepositorySession } from "../src/aws/repository-session.js";
import { loadDeclaration } from "../src/declaration/load.js";
import type { AppDeps } from "../src/app/deps.js";
import type { DriftCheckPayload, DriftRepositoryPayload, DriftRoundPayload } from "../src/app/drift/jobs.js";
import { driftRoundJob } from "../src/app/drift/jobs.js";
import { driftRoundAt } from "../src/app/drift/schedule.js";
import { runDriftCheckJob, runDriftRepositoryJob, runDriftRoundJob } from "../src/app/jobs/drift.js";
import type { Octokit } from "../src/github/index.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import { leaseOf, type Store } from "../src/store/store.js";
import { applyFor, hostParentZone, planFor } from "../test/support/engine.js";
import { TEST_REPOSITORY_ID } from "../test/support/declarations.js";
import { startTestAws } from "../test/support/test-aws.js";

export const GITHUB_CALLS_TARGET = 3;
/** examples/okctl.yaml, from the compiled module (dist/bench/) or its source (bench/, as the smoke test imports it). */
const EXAMPLE = readFileSync(new URL(`${import.meta.url.endsWith(".ts") ? ".." : "../.."}/examples/okctl.yaml`, import.meta.url), "utf8");
const ACCESS = `repositories:
  - repository: oslokommune/booking
    roleArn: arn:aws:iam::123456789012:role/okctl-deploy
    accounts: ["123456789012"]
    regions: [eu-west-1]
    allowedDomains: [oslo.systems, "*.oslo.systems"]
    eksClusterRoleArn: arn:aws:iam::123456789012:role/okctl-eks-cluster
    eksNodeRoleArn: arn:aws:iam::123456789012:role/okctl-eks-node
    workloadRoles: ["arn:aws:iam::{accountId}:role/booking-*"]
`;

export interface DriftRoundCalls {
  round: string;
  outcome: string;
  /** GitHub requests of the round: all, and those per declaration (the repository's one declaration). */
  github: string[];
  /** AWS calls of the plan's reads (the repository's assumed session; AssumeRole and GetCallerIdentity besides). */
  aws: number;
}

export interface DriftCallsFigures {
  noChangePlanAwsCalls: number;
  rounds: DriftRoundCalls[];
}

/** GitHub as the drift jobs use it, counting every request: one repository, okctl.yaml on main. */
function countingGitHub(calls: string[], issues: Map<number, { state: string }>): Octokit {
  const log = (what: string) => calls.push(what);
  const repositories = [{ id: Number(TEST_REPOSITORY_ID), owner: { login: "oslokommune" }, name: "booking", full_name: "oslokommune/booking", default_branch: "main", html_url: "https://github.com/oslokommune/booking", archived: false, disabled: false }];
  const octokit = {
    paginate: {
      iterator: async function* (method: { name?: string }) {
        if (method === octokit.rest.apps.listReposAccessibleToInstallation) {
          log("GET /installation/repositories");
          yield { data: repositories };
        } else {
          log("GET /repos/{o}/{r}/issues?labels=okctl/drift");
          yield { data: [] };
        }
      },
    },
    rest: {
      apps: { listReposAccessibleToInstallation: () => undefined },
      git: {
        getRef: async () => (log("GET /repos/{o}/{r}/git/ref/heads/main"), { data: { object: { sha: "a".repeat(40) } } }),
        getTree: async () => (log("GET /repos/{o}/{r}/git/trees/{sha}"), { data: { truncated: false, tree: [{ path: "okctl.yaml", type: "blob" }] } }),
      },
      repos: {
        getContent: async () => (log("GET /repos/{o}/{r}/contents/okctl.yaml"), { data: new Response(EXAMPLE).body, headers: { "content-type": "text/plain", "content-length": String(Buffer.byteLength(EXAMPLE)) } }),
      },
      checks: { create: async () => (log("POST /repos/{o}/{r}/check-runs"), { data: { id: 1 } }) },
      issues: {
        listForRepo: () => undefined,
        create: async () => (log("POST /repos/{o}/{r}/issues"), issues.set(7, { state: "open" }), { data: { number: 7 } }),
        update: async (input: { state?: string }) => (log("PATCH /repos/{o}/{r}/issues/7"), { data: { number: 7, state: input.state ?? "open" } }),
        createComment: async () => (log("POST /repos/{o}/{r}/issues/7/comments"), { data: { id: 1 } }),
      },
    },
  };
  return octokit as unknown as Octokit;
}

async function runOne(store: Store, kind: string, now: Date, run: (payload: unknown, jobId: string) => Promise<unknown>): Promise<unknown> {
  const job = await store.leaseNextJob("bench", 600_000, now);
  if (job?.kind !== kind) throw new Error(`expected a ${kind} job, got ${job?.kind ?? "none"}`);
  const result = await run(job.payload, job.id);
  await store.completeJob(leaseOf(job), null, now);
  return result;
}

/** `endpoint`: an empty moto server (behind the EKS stand-in) to use instead of starting one. */
export async function runDriftCallsBenchmark(options: { endpoint?: string } = {}): Promise<DriftCallsFigures> {
  const moto = options.endpoint === undefined ? await startTestAws({ acmValidationWaitSeconds: 0 }) : { endpoint: options.endpoint, stop: async () => {} };
  const restore = pointSdkAt(moto.endpoint);
  const store = openSqliteStore({ memory: true });
  try {
    const loaded = loadDeclaration(EXAMPLE, "okctl.yaml");
    if (!loaded.ok) throw new Error("examples/okctl.yaml does not load");
    const setup = createAwsClients({ region: loaded.declaration.metadata.region });
    await hostParentZone(setup);
    const applied = await applyFor(await planFor(loaded.declaration, setup), setup);
    if (applied.outcome !== "applied" || !applied.ok) throw new Error("applying the example on moto failed");
    const plainClients = createAwsClients({ region: loaded.declaration.metadata.region });
    await planFor(loaded.declaration, plainClients);

    const parsed = parseAccessConfig(ACCESS, "access.yaml");
    if (!parsed.ok) throw new Error("bad benchmark access configuration");
    const github: string[] = [];
    const issues = new Map<number, { state: string }>();
    const sessions: AwsClients[] = [];
    const interval = 24 * 3_600_000;
    let now = new Date("2030-01-01T00:00:00Z");
    const deps: AppDeps = {
      store,
      accessConfig: parsed.config,
      octokitFor: async () => countingGitHub(github, issues),
      listInstallations: async () => (github.push("GET /app/installations"), [1]),
      openSession: async (config, request) => {
        const result = await openRepositorySession(config, request);
        if (result.ok) sessions.push(result.clients);
        return result;
      },
      now: () => now,
      log: { info() {}, warn() {}, error() {} },
    };
    const round = async (name: string): Promise<DriftRoundCalls> => {
      github.length = 0;
      sessions.length = 0;
      await store.enqueueJob(driftRoundJob(driftRoundAt(now, interval)), now);
      await runOne(store, "drift-round", now, (payload) => runDriftRoundJob(deps, payload as DriftRoundPayload));
      await runOne(store, "drift-repository", now, (payload) => runDriftRepositoryJob(deps, payload as DriftRepositoryPayload));
      const outcome = (await runOne(store, "drift", now, (payload, id) => runDriftCheckJob(deps, payload as DriftCheckPayload, `bench${id}`))) as { outcome: string; action?: string };
      now = new Date(now.getTime() + interval);
      return { round: name, outcome: `${outcome.outcome}${outcome.action ? ` (issue ${outcome.action})` : ""}`, github: [...github], aws: sessions.reduce((sum, clients) => sum + clients.calls.total, 0) };
    };
    const rounds = [await round("first round, no drift"), await round("next round, no drift")];
    const changed = EXAMPLE.replace("value: info", "value: warn");
    const drifted = loadDeclaration(changed, "okctl.yaml");
    if (!drifted.ok || changed === EXAMPLE) throw new Error("could not change app/log-level");
    await applyFor(await planFor(drifted.declaration, setup), setup, { allowDestroy: true }); // by hand, outside okctl
    rounds.push(await round("drift: issue opened"), await round("same drift: issue edited"));
    return { noChangePlanAwsCalls: plainClients.calls.total, rounds };
  } finally {
    await store.close();
    restore();
    await moto.stop();
  }
}

/** Requests made once per round or per repository, whatever the number of declarations. */
const PER_ROUND = ["GET /app/installations", "GET /installation/repositories"];

export function formatDriftCallsFigures(figures: DriftCallsFigures): string {
  const lines = [`Calls of a drift round per declaration (full example on moto; the no-change plan makes ${figures.noChangePlanAwsCalls} AWS calls)`];
  for (const round of figures.rounds) {
    const perDeclaration = round.github.filter((call) => !PER_ROUND.includes(call));
    const clean = round.outcome.startsWith("no-drift");
    // The tree is read only when the default branch's head moved since the last round.
    const treeRead = perDeclaration.some((call) => call.includes("/git/trees/"));
    const counted = perDeclaration.length - (treeRead ? 1 : 0);
    const verdict = clean ? ` (target ≤ ${GITHUB_CALLS_TARGET}: ${counted <= GITHUB_CALLS_TARGET ? "met" : "MISSED"}${treeRead ? ", besides the tree, read because the head is new since the last round" : ""})` : "";
    lines.push(
      `  ${round.round}: ${round.outcome}`,
      `    AWS:    ${round.aws} calls (the plan's reads; target ${figures.noChangePlanAwsCalls}: ${round.aws <= figures.noChangePlanAwsCalls ? "met" : "MISSED"}) + AssumeRole and GetCallerIdentity`,
      `    GitHub: ${perDeclaration.length} for the repository and its declaration${verdict}, ${round.github.length - perDeclaration.length} per round (installations, their repositories)`,
      ...perDeclaration.map((call) => `      ${call}`),
    );
  }
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runDriftCallsBenchmark().then(
    (figures) => console.log(formatDriftCallsFigures(figures)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
