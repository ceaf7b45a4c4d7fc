// A job's run publishes to GitHub and writes to the store only while it holds the job's lease.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { API, testOctokit } from "../github/testing.js";
import { createComment, getPullRequest } from "../github/index.js";
import { openSqliteStore } from "../store/sqlite-store.js";
import { LeaseLostError, leaseOf, type Store } from "../store/store.js";
import { at, t0 } from "../store/store-fixtures.js";
import type { AppDeps } from "./deps.js";
import { fencedDeps } from "./fenced-deps.js";

let store: Store;
let clock = t0;
beforeEach(() => {
  nock.disableNetConnect();
  store = openSqliteStore({ memory: true });
  clock = t0;
});
afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await store.close();
});

function appDeps(): AppDeps {
  return {
    store,
    accessConfig: { repositories: [] } as unknown as AppDeps["accessConfig"], // unused here
    octokitFor: async () => testOctokit(),
    openSession: async () => {
      throw new Error("no AWS here");
    },
    now: () => clock,
    log: { info() {}, warn() {}, error() {} },
  };
}

const pullRequest = { number: 7, state: "open", head: { sha: "h", ref: "f", repo: { full_name: "octo/infra" } }, base: { sha: "b", ref: "main", repo: { full_name: "octo/infra" } }, labels: [], draft: false, merged: false, mergeable: null, merge_commit_sha: null, user: { login: "a" } };

describe("a job's fenced dependencies", () => {
  it("publish and write while the lease is held, and nothing once another worker took the job", async () => {
    await store.enqueueJob({ kind: "plan", key: "k", payload: null }, t0);
    const lease = leaseOf((await store.leaseNextJob("w1", 1_000, t0))!);
    const deps = fencedDeps(appDeps(), lease);
    const octokit = await deps.octokitFor(1);

    const posted = nock(API).post("/repos/octo/infra/issues/7/comments").reply(201, { id: 1, body: "plan", user: { login: "okctl[bot]" } });
    await createComment(octokit, { owner: "octo", repo: "infra", issueNumber: 7, body: "plan" });
    expect(posted.isDone()).toBe(true);
    await deps.store.rememberPullRequestCluster({ repository: "octo/infra", pullNumber: 7, declarationPath: "okctl.yaml", clusterKey: "c", open: true });

    // The worker stalls past its lease; another takes the job over.
    clock = at(1_000);
    expect(await store.leaseNextJob("w2", 1_000, clock)).toMatchObject({ leasedBy: "w2" });
    const late = nock(API).post("/repos/octo/infra/issues/7/comments").reply(201, { id: 2, body: "late", user: { login: "okctl[bot]" } });
    await expect(createComment(octokit, { owner: "octo", repo: "infra", issueNumber: 7, body: "late" })).rejects.toBeInstanceOf(LeaseLostError);
    expect(late.isDone()).toBe(false);
    await expect(deps.store.rememberPullRequestCluster({ repository: "octo/infra", pullNumber: 8, declarationPath: "okctl.yaml", clusterKey: "c", open: true })).rejects.toBeInstanceOf(LeaseLostError);
    expect((await store.openPullRequestsForCluster("c")).map((pr) => pr.pullNumber)).toEqual([7]);
    // Reading is harmless and still allowed.
    nock(API).get("/repos/octo/infra/pulls/7").reply(200, pullRequest);
    expect((await getPullRequest(octokit, { owner: "octo", repo: "infra", pullNumber: 7 })).number).toBe(7);
  });

  it("publishes nothing once the lease has expired, even before anyone took it over", async () => {
    await store.enqueueJob({ kind: "plan", key: "k", payload: null }, t0);
    const lease = leaseOf((await store.leaseNextJob("w1", 1_000, t0))!);
    const octokit = await fencedDeps(appDeps(), lease).octokitFor(1);
    clock = at(1_000);
    const late = nock(API).post("/repos/octo/infra/issues/7/comments").reply(201, { id: 2 });
    await expect(createComment(octokit, { owner: "octo", repo: "infra", issueNumber: 7, body: "late" })).rejects.toBeInstanceOf(LeaseLostError);
    expect(late.isDone()).toBe(false);
  });
});
