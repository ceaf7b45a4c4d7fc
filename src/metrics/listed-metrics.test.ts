// Every metric an operator is promised (docs/operations.md): deliveries by event and outcome, jobs
// by kind and state, queue depth and oldest waiting job per queue, job durations (histograms), AWS
// and GitHub calls and errors by operation, dead jobs, lease takeovers. Served by the okctl app on
// Probot's server as `npm start` runs it, and moved by what they count. (Job runs, dead jobs, lease
// takeovers and GitHub requests are driven in src/app/operations.test.ts.)
import { readFileSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { pino } from "pino";
import { Probot, Server } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateTestPrivateKey } from "../../test/support/app-process.js";
import { pushPayload, sendWebhook } from "../../test/support/webhooks.js";
import { okctlApp } from "../app/okctl-app.js";
import { countCalls } from "../aws/call-metrics.js";
import { openSqliteStore } from "../store/sqlite-store.js";
import type { Store } from "../store/store.js";
import { registry } from "./metrics.js";

const SECRET = "listed-metrics-secret";
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every metric the operations guide lists, with its Prometheus type. */
const LISTED = {
  okctl_webhook_deliveries_total: "counter",
  okctl_jobs: "gauge",
  okctl_queue_waiting_jobs: "gauge",
  okctl_queue_running_jobs: "gauge",
  okctl_queue_oldest_waiting_seconds: "gauge",
  okctl_job_duration_seconds: "histogram",
  okctl_jobs_dead_total: "counter",
  okctl_job_lease_takeovers_total: "counter",
  okctl_aws_calls_total: "counter",
  okctl_aws_call_errors_total: "counter",
  okctl_github_requests_total: "counter",
  okctl_github_request_errors_total: "counter",
  okctl_store_up: "gauge",
} as const;

/** The value of the sample of `name` with exactly `labels` (in any order) in Prometheus text; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  for (const line of text.split("\n")) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const pairs = [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]);
    if (JSON.stringify(pairs.sort()) === wanted) return Number(match[3]);
  }
  return 0;
}

/** The okctl app with its own webhook endpoint and /metrics on Probot's server, on a free port; no worker. */
async function startServer(store: Store): Promise<string> {
  const log = pino({ level: "silent" });
  const server = new Server({
    host: "127.0.0.1",
    port: 0,
    webhookPath: "/api/github/webhooks/probot",
    log,
    Probot: Probot.defaults({ appId: 1, privateKey: generateTestPrivateKey(), secret: SECRET, log }),
  });
  await server.load(
    okctlApp({
      store,
      accessConfig: { file: "access.yaml", repositories: [] },
      openSession: () => Promise.reject(new Error("no AWS in this test")),
      now: () => new Date(),
      worker: false,
      webhookEndpoint: { path: "/api/github/webhooks", secret: SECRET },
      operations: { stopping: () => false, metricsToken: undefined },
    }),
  );
  const http = await server.start();
  cleanups.push(() => server.stop());
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

/** A loopback stand-in for SSM that answers every call with ParameterNotFound. */
async function failingSsm(): Promise<string> {
  const server: HttpServer = createServer((req, res) => {
    req.resume().on("end", () => {
      res.writeHead(400, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "r-1" });
      res.end(JSON.stringify({ __type: "ParameterNotFound", message: "no such parameter" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the metrics the operations guide lists", () => {
  it("are all registered, with their types", async () => {
    const served = new Map((await registry.getMetricsAsJSON()).map((metric) => [metric.name, String(metric.type)]));
    for (const [name, type] of Object.entries(LISTED)) expect([name, served.get(name)]).toEqual([name, type]);
  });

  it("are the ones docs/operations.md documents, and its alerting rules use only metrics that exist", async () => {
    const guide = readFileSync(new URL("../../docs/operations.md", import.meta.url), "utf8");
    const own = (await registry.getMetricsAsJSON()).map((metric) => metric.name).filter((name) => !/^okctl_(process|nodejs)_/.test(name));
    const documented = new Set([...guide.matchAll(/^\| `(okctl_\w+)`(?:, `(okctl_\w+)`)? \|/gm)].flatMap((row) => row.slice(1).filter(Boolean)));
    expect(own.filter((name) => !documented.has(name))).toEqual([]);
    expect([...documented].filter((name) => !own.includes(name))).toEqual([]);
    const alerts = /## Alerts[\s\S]*?```yaml\n([\s\S]*?)```/.exec(guide)?.[1];
    const rules = (parse(alerts ?? "") as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap((group) => group.rules);
    expect(rules.map((rule) => rule.alert)).toEqual(expect.arrayContaining(["OkctlDeadJobs", "OkctlApplyQueueStuck", "OkctlWebhookErrors"]));
    const served = new Set(own.flatMap((name) => [name, `${name}_bucket`, `${name}_sum`, `${name}_count`]));
    for (const rule of rules) {
      for (const [name] of rule.expr.matchAll(/okctl_\w+/g)) expect([rule.alert, name, served.has(name)]).toEqual([rule.alert, name, true]);
    }
  });

  it("count deliveries by event and outcome, and serve the store's jobs and queues", async () => {
    let storeDown = false;
    const sqlite = openSqliteStore({ memory: true });
    cleanups.push(() => sqlite.close());
    const store: Store = {
      ...sqlite,
      recordDeliveryAndEnqueue: (delivery, jobs) => (storeDown ? Promise.reject(new Error("database down")) : sqlite.recordDeliveryAndEnqueue(delivery, jobs)),
    };
    const url = await startServer(store);
    const before = await registry.metrics();
    const send = (event: string, payload: unknown, extra: { deliveryId?: string; signature?: string } = {}) =>
      sendWebhook({ url: `${url}/api/github/webhooks`, secret: SECRET, event, payload, ...extra }).then((response) => response.status);
    const merge = pushPayload({ commits: [{ modified: ["okctl.yaml"], message: "Merge pull request #1" }] });

    expect(await send("push", merge, { deliveryId: "d-merge" })).toBe(200); // recorded: a merge job
    expect(await send("push", merge, { deliveryId: "d-merge" })).toBe(200); // duplicate
    expect(await send("push", pushPayload({ commits: [{ modified: ["README.md"] }] }))).toBe(200); // ignored: no okctl.yaml
    expect(await send("ping", { zen: "Keep it logically awesome." })).toBe(200); // ignored: not handled
    expect(await send("push", merge, { signature: "sha256=0000" })).toBe(400); // rejected
    storeDown = true;
    expect(await send("push", pushPayload({ after: "f".repeat(40), commits: [{ modified: ["okctl.yaml"] }] }))).toBe(500); // failed

    const text = await (await fetch(`${url}/metrics`)).text();
    const delta = (name: string, labels: Record<string, string>) => sample(text, name, labels) - sample(before, name, labels);
    expect({
      recorded: delta("okctl_webhook_deliveries_total", { event: "push", outcome: "recorded" }),
      duplicate: delta("okctl_webhook_deliveries_total", { event: "push", outcome: "duplicate" }),
      ignored: delta("okctl_webhook_deliveries_total", { event: "push", outcome: "ignored" }),
      ignoredPing: delta("okctl_webhook_deliveries_total", { event: "ping", outcome: "ignored" }),
      rejected: delta("okctl_webhook_deliveries_total", { event: "push", outcome: "rejected" }),
      failed: delta("okctl_webhook_deliveries_total", { event: "push", outcome: "failed" }),
    }).toEqual({ recorded: 1, duplicate: 1, ignored: 1, ignoredPing: 1, rejected: 1, failed: 1 });
    expect(sample(text, "okctl_jobs", { kind: "merge", state: "pending" })).toBe(1);
    expect(sample(text, "okctl_queue_waiting_jobs", { queue: "repository:oslokommune/booking" })).toBe(1);
    expect(sample(text, "okctl_queue_running_jobs", { queue: "repository:oslokommune/booking" })).toBe(0);
    expect(text).toMatch(/^okctl_queue_oldest_waiting_seconds\{queue="repository:oslokommune\/booking"\} \d/m);
    expect(sample(text, "okctl_store_up")).toBe(1);
  });

  it("count AWS calls by service and operation, and failures by error name", async () => {
    const client = countCalls(
      new SSMClient({ region: "eu-west-1", endpoint: await failingSsm(), maxAttempts: 1, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } }),
      "ssm",
    );
    cleanups.push(() => client.destroy());
    const before = await registry.metrics();
    await expect(client.send(new GetParameterCommand({ Name: "/okctl/x" }))).rejects.toMatchObject({ name: "ParameterNotFound" });
    const after = await registry.metrics();
    const delta = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    expect(delta("okctl_aws_calls_total", { service: "ssm", operation: "GetParameter" })).toBe(1);
    expect(delta("okctl_aws_call_errors_total", { service: "ssm", operation: "GetParameter", error: "ParameterNotFound" })).toBe(1);
  });
});
