// The drift schedule over restarts and replicas, on the real store with a fake clock and a fake
// GitHub: each round is laid out once, each declaration checked once per round, whoever asks
// and however often a job is run again after a crash; the next round starts afresh.
import { describe, expect, it } from "vitest";
import { parseAccessConfig } from "../../aws/access-config.js";
import type { Octokit } from "../../github/index.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { leaseOf, type Job, type Store } from "../../store/store.js";
import type { AppDeps } from "../deps.js";
import { runDriftRepositoryJob, runDriftRoundJob } from "../jobs/drift.js";
import type { DriftRepositoryPayload, DriftRoundPayload } from "./jobs.js";
import { scheduleDriftRounds } from "./scheduler.js";

const HOUR = 3_600_000;
const INTERVAL = 24 * HOUR;
const ACCESS = `repositories:
  - repository: octo/*
    roleArn: arn:aws:iam::123456789012:role/okctl-deploy
    accounts: ["123456789012"]
    regions: [eu-west-1]
    allowedDomains: [example.org]
    eksClusterRoleArn: arn:aws:iam::123456789012:role/okctl-eks-cluster
    eksNodeRoleArn: arn:aws:iam::123456789012:role/okctl-eks-node
`;
const silent = { info() {}, warn() {}, error() {} };

/** GitHub as the drift jobs read it: two repositories of octo (one with two okctl.yaml), one elsewhere. */
function fakeGitHub(calls: string[]): Octokit {
  const repos = ["octo/infra", "octo/web", "other/thing"].map((fullName) => {
    const [owner, name] = fullName.split("/");
    return { owner: { login: owner }, name, full_name: fullName, default_branch: "main", html_url: `https://github.com/${fullName}`, archived: false, disabled: false };
  });
  const trees: Record<string, string[]> = { infra: ["dev/okctl.yaml", "prod/okctl.yaml", "README.md"], web: ["okctl.yaml"] };
  const octokit = {
    paginate: {
      iterator: async function* () {
        calls.push("list repositories");
        yield { data: repos };
      },
    },
    rest: {
      apps: { listReposAccessibleToInstallation: () => undefined },
      git: {
        getRef: async ({ repo }: { repo: string }) => (calls.push(`ref ${repo}`), { data: { object: { sha: `${repo}-sha` } } }),
        getTree: async ({ repo }: { repo: string }) => (calls.push(`tree ${repo}`), { data: { truncated: false, tree: trees[repo]!.map((path) => ({ path, type: "blob" })) } }),
      },
    },
  };
  return octokit as unknown as Octokit;
}

function setUp(start: Date) {
  let now = start;
  const store = openSqliteStore({ memory: true });
  const calls: string[] = [];
  const parsed = parseAccessConfig(ACCESS, "access.yaml");
  if (!parsed.ok) throw new Error("bad test access configuration");
  const deps = {
    store,
    accessConfig: parsed.config,
    octokitFor: async () => fakeGitHub(calls),
    listInstallations: async () => [1],
    openSession: async () => {
      throw new Error("no AWS here");
    },
    now: () => now,
    log: silent,
  } as unknown as AppDeps;
  return { store, deps, calls, at: (ms: number) => (now = new Date(start.getTime() + ms)), now: () => now };
}

async function leaseKind(store: Store, kind: string, now: Date, workerId = "w1"): Promise<Job> {
  const job = await store.leaseNextJob(workerId, 60_000, now);
  if (job?.kind !== kind) throw new Error(`expected a ${kind} job to run at ${now.toISOString()}, got ${job?.kind ?? "none"}`);
  return job;
}

describe("drift rounds over restarts and replicas", () => {
  it("lay each round out once and check each declaration once per round, however often a job runs again", async () => {
    const start = new Date("2030-01-01T00:00:00Z");
    const { store, deps, calls, at, now } = setUp(start);

    // Two replicas start: each schedules the round; one round job.
    const replicas = [scheduleDriftRounds({ store, intervalMs: INTERVAL, now, log: silent }), scheduleDriftRounds({ store, intervalMs: INTERVAL, now, log: silent })];
    for (const replica of replicas) await replica.tick();
    expect(await store.listJobs({ kind: "drift-round" })).toHaveLength(1);

    // The round job lays out the two repositories of the access configuration over the day; it
    // dies before finishing (its lease expires) and runs again: still two repository jobs.
    const round = await leaseKind(store, "drift-round", at(1_000));
    expect(await runDriftRoundJob(deps, round.payload as unknown as DriftRoundPayload)).toEqual({ repositories: 2 });
    const again = await leaseKind(store, "drift-round", at(70_000), "w2"); // taken over
    expect(again.id).toBe(round.id);
    await runDriftRoundJob(deps, again.payload as unknown as DriftRoundPayload);
    await store.completeJob(leaseOf(again), null, now());
    const repositories = await store.listJobs({ kind: "drift-repository" });
    expect(repositories.map((job) => [job.key, job.runAfter.getTime() - start.getTime()])).toEqual([
      ["drift octo/infra", 1_000],
      ["drift octo/web", 1_000 + Math.floor((INTERVAL - 1_000) / 2)], // spread over what is left of the round
    ]);

    // octo/infra's job enqueues its two checks, dies, and runs again: still two checks.
    const infra = await leaseKind(store, "drift-repository", at(80_000));
    await runDriftRepositoryJob(deps, infra.payload as unknown as DriftRepositoryPayload);
    const infraAgain = await leaseKind(store, "drift-repository", at(150_000), "w2");
    await runDriftRepositoryJob(deps, infraAgain.payload as unknown as DriftRepositoryPayload);
    await store.completeJob(leaseOf(infraAgain), null, now());
    expect((await store.listJobs({ kind: "drift" })).map((job) => job.key)).toEqual(["drift octo/infra:dev/okctl.yaml", "drift octo/infra:prod/okctl.yaml"]);
    expect(calls.filter((call) => call === "tree infra")).toHaveLength(1); // the head did not move: its paths are kept

    // One check done; the process restarts (a new scheduler ticks): nothing is laid out again.
    const dev = await leaseKind(store, "drift", at(160_000));
    await store.completeJob(leaseOf(dev), { outcome: "no-drift" }, now());
    await scheduleDriftRounds({ store, intervalMs: INTERVAL, now, log: silent }).tick();
    expect(await store.listJobs({ kind: "drift-round" })).toHaveLength(1);
    const prod = await leaseKind(store, "drift", at(170_000));
    await store.completeJob(leaseOf(prod), null, now());

    // octo/web's turn comes halfway through the day.
    expect(await store.leaseNextJob("w1", 60_000, at(INTERVAL / 4))).toBeNull();
    const web = await leaseKind(store, "drift-repository", at(INTERVAL / 2 + 1_000));
    await runDriftRepositoryJob(deps, web.payload as unknown as DriftRepositoryPayload);
    await store.completeJob(leaseOf(web), null, now());
    const webCheck = await leaseKind(store, "drift", now());
    await store.completeJob(leaseOf(webCheck), null, now());
    expect(await store.listJobs({ kind: "drift" })).toHaveLength(3); // each declaration once in the round

    // The next day: a new round, and each declaration is checked again.
    at(INTERVAL + 5_000);
    await replicas[0]!.tick();
    await replicas[1]!.tick();
    expect(await store.listJobs({ kind: "drift-round" })).toHaveLength(2);
    const next = await leaseKind(store, "drift-round", now());
    await runDriftRoundJob(deps, next.payload as unknown as DriftRoundPayload);
    await store.completeJob(leaseOf(next), null, now());
    const infraNext = await leaseKind(store, "drift-repository", now());
    await runDriftRepositoryJob(deps, infraNext.payload as unknown as DriftRepositoryPayload);
    expect(await store.listJobs({ kind: "drift", state: "pending" })).toHaveLength(2);
    for (const replica of replicas) replica.stop();
    await store.close();
  });

  it("never delay a pull request's plan: plans are leased first, and one drift check runs at a time", async () => {
    const { store, deps, at, now } = setUp(new Date("2030-01-01T00:00:00Z"));
    const scheduler = scheduleDriftRounds({ store, intervalMs: INTERVAL, now: deps.now, log: silent });
    await scheduler.tick();
    scheduler.stop();
    const round = await leaseKind(store, "drift-round", at(1_000));
    await runDriftRoundJob(deps, round.payload as unknown as DriftRoundPayload);
    await store.completeJob(leaseOf(round), null, now());
    const infra = await leaseKind(store, "drift-repository", now());
    await runDriftRepositoryJob(deps, infra.payload as unknown as DriftRepositoryPayload);
    await store.completeJob(leaseOf(infra), null, now());
    // Two drift checks wait; a pull request's plan arrives after them and is leased first.
    const plan = await store.enqueueJob({ kind: "plan", key: "octo/infra#5", payload: null }, at(2_000));
    expect((await store.leaseNextJob("w1", 60_000, at(3_000)))?.id).toBe(plan.id);
    const first = await leaseKind(store, "drift", now());
    // While one check runs, the other waits (the drift queue), leaving the other slots to pull requests.
    expect(await store.leaseNextJob("w2", 60_000, at(4_000))).toBeNull();
    const another = await store.enqueueJob({ kind: "plan", key: "octo/web#6", payload: null }, now());
    expect((await store.leaseNextJob("w2", 60_000, at(5_000)))?.id).toBe(another.id);
    await store.completeJob(leaseOf(first), null, now());
    expect((await leaseKind(store, "drift", at(6_000))).key).toBe("drift octo/infra:prod/okctl.yaml");
    await store.close();
  });

  it("leaves a round whose time is over to the next one (the app was down all along)", async () => {
    const { store, deps, at } = setUp(new Date("2030-01-01T00:00:00Z"));
    const scheduler = scheduleDriftRounds({ store, intervalMs: INTERVAL, now: deps.now, log: silent });
    await scheduler.tick();
    scheduler.stop();
    const round = await leaseKind(store, "drift-round", at(INTERVAL + 1));
    expect(await runDriftRoundJob(deps, round.payload as unknown as DriftRoundPayload)).toEqual({ skipped: "the round is over" });
    expect(await store.listJobs({ kind: "drift-repository" })).toEqual([]);
    await store.close();
  });
});
