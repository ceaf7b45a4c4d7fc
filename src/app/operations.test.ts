// /healthz, /readyz and /metrics as an operator's probes and Prometheus see them.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { API, testOctokit } from "../github/testing.js";
import { instrumentOctokit } from "../metrics/github.js";
import { registry } from "../metrics/metrics.js";
import { metricsObserver } from "../metrics/worker-observer.js";
import { openSqliteStore } from "../store/sqlite-store.js";
import type { Store } from "../store/store.js";
import { at, t0 } from "../store/store-fixtures.js";
import { startWorker, PermanentJobError } from "../store/worker.js";
import { operationsHandler, type OperationsOptions } from "./operations.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(options: Partial<OperationsOptions> & { store: Store }): Promise<string> {
  const handler = operationsHandler({ now: () => at(60_000), accessConfigLoaded: () => true, stopping: () => false, ...options });
  const server: Server = createServer((req, res) => {
    void handler(req, res).then((answered) => {
      if (!answered) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function memoryStore(): Store {
  const store = openSqliteStore({ memory: true });
  cleanups.push(() => store.close());
  return store;
}

/** The value of one sample in Prometheus text, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((pair) => line.includes(pair))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

describe("operations endpoints", () => {
  it("answers /healthz while alive, and /readyz only while the store answers and the server is not stopping", async () => {
    const store = memoryStore();
    let stopping = false;
    const url = await serve({ store, stopping: () => stopping });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { ready: true }]);
    stopping = true;
    const draining = await fetch(`${url}/readyz`);
    expect([draining.status, await draining.json()]).toEqual([503, { ready: false, problems: ["stopping"] }]);
    stopping = false;
    await store.close();
    const broken = await fetch(`${url}/readyz`);
    expect(broken.status).toBe(503);
    expect(((await broken.json()) as { problems: string[] }).problems[0]).toMatch(/^store: /);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`, { method: "POST" })).status).toBe(405);
  });

  it("is not ready before the access configuration is loaded", async () => {
    const url = await serve({ store: memoryStore(), accessConfigLoaded: () => false });
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ ready: false, problems: ["access configuration not loaded"] });
  });

  it("serves jobs by kind and state and each queue's depth and oldest waiting job, from the store", async () => {
    const store = memoryStore();
    await store.enqueueJob({ kind: "apply", key: "a1", payload: null, queue: "cluster:123/eu-west-1/prod" }, t0);
    await store.enqueueJob({ kind: "apply", key: "a2", payload: null, queue: "cluster:123/eu-west-1/prod" }, at(30_000));
    await store.leaseNextJob("w1", 60_000, at(40_000));
    const url = await serve({ store });
    const response = await fetch(`${url}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(sample(text, "okctl_jobs", { kind: "apply", state: "leased" })).toBe(1);
    expect(sample(text, "okctl_jobs", { kind: "apply", state: "pending" })).toBe(1);
    expect(sample(text, "okctl_queue_waiting_jobs", { queue: "cluster:123/eu-west-1/prod" })).toBe(1);
    expect(sample(text, "okctl_queue_running_jobs", { queue: "cluster:123/eu-west-1/prod" })).toBe(1);
    expect(sample(text, "okctl_queue_oldest_waiting_seconds", { queue: "cluster:123/eu-west-1/prod" })).toBe(30);
    expect(sample(text, "okctl_store_up")).toBe(1);
    expect(sample(text, "okctl_process_resident_memory_bytes")).toBeGreaterThan(0);
    // A queue that emptied disappears.
    await store.enqueueJob({ kind: "plan", key: "p", payload: null }, at(50_000));
    const later = await (await fetch(`${url}/metrics`)).text();
    expect(sample(later, "okctl_queue_waiting_jobs", { queue: "" })).toBe(1);
  });

  it("asks for the bearer token when OKCTL_METRICS_TOKEN is set", async () => {
    const url = await serve({ store: memoryStore(), metricsToken: "t0ken" });
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: "Bearer t0ken" } })).status).toBe(200);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it("counts GitHub requests and errors by route template, and job runs, dead jobs and lease takeovers", async () => {
    nock.disableNetConnect();
    cleanups.push(() => {
      nock.cleanAll();
      nock.enableNetConnect();
    });
    const before = await registry.metrics();
    const route = "/repos/{owner}/{repo}/issues/{issue_number}/comments";
    const count = (text: string, name: string, labels: Record<string, string>) => sample(text, name, labels) ?? 0;
    const octokit = instrumentOctokit(testOctokit());
    nock(API).post("/repos/octo/infra/issues/7/comments").reply(201, { id: 1 });
    nock(API).post("/repos/octo/infra/issues/8/comments").reply(502, { message: "bad gateway" });
    await octokit.rest.issues.createComment({ owner: "octo", repo: "infra", issue_number: 7, body: "x" });
    await expect(octokit.rest.issues.createComment({ owner: "octo", repo: "infra", issue_number: 8, body: "x" })).rejects.toThrow();

    const store = memoryStore();
    await store.enqueueJob({ kind: "apply", key: "taken-over", payload: null }, t0);
    await store.leaseNextJob("vanished", 1_000, t0);
    await store.enqueueJob({ kind: "plan", key: "poison", payload: null }, t0);
    const worker = startWorker({
      store,
      workerId: "w",
      pollMs: 5,
      now: () => at(5_000),
      observer: metricsObserver,
      handlers: {
        apply: async () => null,
        plan: async () => {
          throw new PermanentJobError("never works");
        },
      },
    });
    await worker.runUntilIdle();
    await worker.stop();

    const after = await registry.metrics();
    const delta = (name: string, labels: Record<string, string>) => count(after, name, labels) - count(before, name, labels);
    expect(delta("okctl_github_requests_total", { method: "POST", route })).toBe(2);
    expect(delta("okctl_github_request_errors_total", { method: "POST", route, status: "502" })).toBe(1);
    expect(delta("okctl_job_lease_takeovers_total", { kind: "apply" })).toBe(1);
    expect(delta("okctl_jobs_dead_total", { kind: "plan" })).toBe(1);
    expect(delta("okctl_job_duration_seconds_count", { kind: "apply", outcome: "completed" })).toBe(1);
    expect(delta("okctl_job_duration_seconds_count", { kind: "plan", outcome: "dead" })).toBe(1);
  });
});
