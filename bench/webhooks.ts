// Webhook acknowledgement benchmark: the okctl server side by side with a bare Probot app (no
// handlers, Probot's own `run`), each a child process on loopback, each sent the same
// HMAC-signed deliveries at the same concurrency, in alternating rounds. Figures: p50/p99 acknowledgement latency,
// throughput, okctl/bare throughput ratio, idle and peak RSS.
//
// Scenario (default "push"): pushes to the default branch whose commits change no okctl.yaml
// (README.md and src/app.ts), each with its own delivery id and SHAs — the commonest delivery, and
// one okctl must acknowledge without any GitHub or AWS call. "pull_request" sends
// pull_request.synchronize for a repository WITHOUT an access entry: its 50 pull requests are open
// on the GitHub stand-in, each changing an okctl.yaml, so okctl refuses each one later, in the
// background (the worker runs in the same process, as it does in production), with a comment and
// a neutral check. Without them on the stand-in every job's first GET answered 404, and the
// worker's time went to failing, logging and retrying jobs that production never sees.
// After the measured rounds the benchmark waits for okctl's queue to empty and reports that
// background work: its jobs and job runs by outcome (from okctl's GET /metrics) and every request
// the GitHub stand-in answered, by route and status, so a run whose worker failed is plain to see.
import { Agent } from "node:http";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startAppProcess, type AppProcess } from "../test/support/app-process.js";
import { ownCpuMs, processCpuMs, processesCpuMs } from "./process-cpu.js";
import { startGithubStandin, type GithubStandin } from "../test/support/github-standin.js";
import { parsePrometheusText, sumByLabels, type MetricSample } from "../test/support/prometheus-text.js";
import { fakeSha, pullRequestPayload, pushPayload } from "../test/support/webhooks.js";
import { runLoad, summariseRuns, type Delivery, type LoadFigures, type LoadRun } from "../test/support/webhooks-load.js";

export const BARE_APP_SCRIPT = "dist/bench/bare-app.js";
export const OKCTL_SERVER_SCRIPT = "dist/src/server.js";

export interface WebhookBenchmarkOptions {
  /** The okctl server entry; when it does not exist the bare app runs in its place. */
  okctlScript?: string;
  bareScript?: string;
  deliveries?: number;
  concurrency?: number;
  /** Per server, over all rounds; the load stops early when it runs out. */
  timeLimitMs?: number;
  /**
   * The deliveries are sent in this many rounds, alternating bare and okctl, so that a change in
   * the machine's load during the run affects both alike (default 10).
   */
  rounds?: number;
  scenario?: "push" | "pull_request";
  /** LOG_LEVEL for both servers. */
  logLevel?: string;
  /** Extra environment for the okctl server (e.g. AWS_ENDPOINT_URL of a moto server). */
  okctlEnv?: Record<string, string>;
  /** Deliveries each server gets before the measured rounds, to warm it up (default 100). */
  warmup?: number;
  /** How long each server idles after its start before its idle RSS is read (default 1000 ms). */
  idleMs?: number;
  /**
   * The pull_request scenario's deliveries are spread over this many pull requests (default 50).
   * Each one's plan job ends in two GitHub writes, which Probot paces at one a second.
   */
  pullRequests?: number;
  /** How long to wait after the rounds for okctl's queue to empty (default 10 000 ms). */
  settleTimeoutMs?: number;
  /**
   * okctl's database server on this machine, to count its CPU during okctl's rounds: its processes'
   * command name (e.g. "postgres") and its main process, whose descendants they are (other servers
   * of the same name on the machine are not counted); default none (SQLite writes in okctl's own process).
   */
  databaseProcess?: DatabaseProcess;
}

/**
 * CPU per acknowledged delivery, in ms, over a server's rounds and the pause after each (the
 * background work a round started is counted with it): the load generator with the GitHub stand-in
 * (this process), the server, and okctl's database server when it has one. Undefined without /proc.
 */
export interface DatabaseProcess {
  command: string;
  pid: number;
}

export interface CpuPerDelivery {
  load: number;
  server: number;
  database?: number;
}

export interface ServerFigures extends LoadFigures {
  label: string;
  script: string;
  idleRssKb: number;
  /** GitHub stand-in requests made while (and just after) the load ran. */
  githubRequests: number;
  cpuPerDelivery?: CpuPerDelivery;
}

export interface MachineLoad {
  cpus: number;
  /** 1-minute load average before and after the measured rounds. */
  loadBefore: number;
  loadAfter: number;
}

/** okctl's work for the deliveries after it acknowledged them (the warm-up's included), once its queue emptied. */
export interface BackgroundWork {
  /** True when okctl's queue emptied (no job pending or running) within the wait. */
  settled: boolean;
  /** Deliveries by "event outcome" (okctl_webhook_deliveries_total): recorded, ignored, duplicate, rejected, failed. */
  deliveries: Record<string, number>;
  /** Jobs in okctl's store by "kind state" (okctl_jobs): pending, leased, completed, dead, superseded. */
  jobs: Record<string, number>;
  /** Job runs by "kind outcome" (okctl_job_duration_seconds_count): completed, retry, dead, released, lease-lost. */
  runs: Record<string, number>;
  /** Every request the GitHub stand-in answered, by "METHOD route status". */
  github: Record<string, number>;
  /** Of those, the ones answered 4xx/5xx or that the stand-in did not expect (unknown route, other repository…). */
  githubErrors: number;
  firstGithubError?: string;
}

export interface WebhookBenchmarkResult {
  scenario: string;
  deliveries: number;
  /** The pull requests the pull_request scenario's deliveries went to (0 for pushes). */
  pullRequests: number;
  concurrency: number;
  bare: ServerFigures;
  okctl: ServerFigures;
  /** True when dist/src/server.js was missing and the bare app ran in its place. */
  okctlStandIn: boolean;
  /** Absent when the bare app ran in okctl's place (it has no GET /metrics). */
  background?: BackgroundWork;
  machine: MachineLoad;
  throughputRatio: number;
  /**
   * Bare Probot's total CPU per delivery (load, server) ÷ okctl's (load, server, database): the
   * throughput ratio a machine whose CPUs they all share would give if CPU were all that limited it.
   */
  cpuRatio?: number;
  targets: { ratioAtLeast08: boolean; p99Below50ms: boolean; idleAtMost150MB: boolean };
}

const NO_ACCESS_REPO = "no-access";
/** The pull requests the pull_request scenario's deliveries are spread over (open on the stand-in). */
const PULL_REQUESTS = 50;

function openPullRequests(standin: GithubStandin, count: number): void {
  for (let number = 1; number <= count; number++) standin.repository.addPullRequest({ number, files: ["okctl.yaml"] });
}

function buildDeliveries(scenario: "push" | "pull_request", count: number, prefix = "bench", pullRequests = PULL_REQUESTS): Delivery[] {
  return Array.from({ length: count }, (_, i) => {
    if (scenario === "pull_request") {
      return {
        event: "pull_request",
        payload: pullRequestPayload({ action: "synchronize", repo: NO_ACCESS_REPO, number: 1 + (i % pullRequests), headSha: fakeSha(`${prefix}-${i}`) }),
      };
    }
    return {
      event: "push",
      payload: pushPayload({
        before: fakeSha(`${prefix}-${i - 1}`),
        after: fakeSha(`${prefix}-${i}`),
        commits: [{ modified: ["README.md", "src/app.ts"], message: `Change ${i}` }],
      }),
    };
  });
}

function accessConfig(dir: string): string {
  const path = join(dir, "access.yaml");
  const entry = {
    repository: "oslokommune/booking",
    roleArn: "arn:aws:iam::123456789012:role/okctl-deploy-booking",
    accounts: ["123456789012"],
    regions: ["eu-west-1"],
    allowedDomains: ["oslo.systems", "*.oslo.systems"],
    eksClusterRoleArn: "arn:aws:iam::123456789012:role/okctl-eks-cluster",
    eksNodeRoleArn: "arn:aws:iam::123456789012:role/okctl-eks-node",
  };
  writeFileSync(path, JSON.stringify({ repositories: [entry] }, null, 2));
  return path;
}

interface Contender {
  label: string;
  script: string;
  app: AppProcess;
  idleRssKb: number;
  runs: LoadRun[];
  githubRequests: number;
  /** CPU ms spent during this server's rounds, summed; null when it could not be read (or, database, is not counted). */
  cpu: { load: number; server: number | null; database: number | null };
  /** Counted in `cpu` only for this server (okctl's database). */
  databaseProcess?: DatabaseProcess;
  /**
   * One keep-alive agent per server for the warm-up and every round. A fresh agent per round made
   * each round begin with 20 connections opened in the same instant, a burst that real deliveries
   * (spread over time) never produce: it alone put both servers' p99 above 50 ms.
   */
  agent: Agent;
}

/** Alternates the contenders round by round over the same deliveries. */
async function measureAlternating(contenders: Contender[], standin: GithubStandin, deliveries: Delivery[],
  options: { concurrency: number; timeLimitMs: number; rounds: number }): Promise<void> {
  const size = Math.ceil(deliveries.length / options.rounds);
  for (let round = 0; round < options.rounds; round++) {
    const slice = deliveries.slice(round * size, (round + 1) * size);
    for (const contender of round % 2 === 0 ? contenders : [...contenders].reverse()) {
      const before = standin.requests.length;
      const spent = contender.runs.reduce((sum, r) => sum + r.wallMs, 0);
      const cpuBefore = cpuNow(contender);
      contender.runs.push(await runLoad(contender.app, slice, { ...options, agent: contender.agent, timeLimitMs: Math.max(0, options.timeLimitMs - spent) }));
      await new Promise((r) => setTimeout(r, 250));
      addCpu(contender, cpuBefore, cpuNow(contender));
      contender.githubRequests += standin.requests.length - before;
    }
  }
}

interface CpuSnapshot {
  load: number;
  server: number | undefined;
  database: number | undefined;
}

function cpuNow(contender: Contender): CpuSnapshot {
  return {
    load: ownCpuMs(),
    server: processCpuMs(contender.app.pid()),
    database: contender.databaseProcess === undefined ? undefined : processesCpuMs(contender.databaseProcess.command, { under: contender.databaseProcess.pid }),
  };
}

function addCpu(contender: Contender, before: CpuSnapshot, after: CpuSnapshot): void {
  const add = (sum: number | null, a: number | undefined, b: number | undefined): number | null =>
    sum === null || a === undefined || b === undefined ? null : sum + Math.max(0, b - a);
  const { cpu } = contender;
  contender.cpu = {
    load: cpu.load + (after.load - before.load),
    server: add(cpu.server, before.server, after.server),
    database: add(cpu.database, before.database, after.database),
  };
}

function cpuPerDelivery(contender: Contender, acknowledged: number): CpuPerDelivery | undefined {
  const { load, server, database } = contender.cpu;
  if (server === null || acknowledged === 0) return undefined;
  return { load: load / acknowledged, server: server / acknowledged, ...(database === null ? {} : { database: database / acknowledged }) };
}

function figures(contender: Contender): ServerFigures {
  const { label, script, idleRssKb, githubRequests } = contender;
  const load = summariseRuns(contender.runs);
  const cpu = cpuPerDelivery(contender, load.acknowledged);
  return { label, script, idleRssKb, githubRequests, ...load, ...(cpu ? { cpuPerDelivery: cpu } : {}) };
}

async function idleRss(app: AppProcess, idleMs: number): Promise<number> {
  await new Promise((r) => setTimeout(r, idleMs));
  return app.memory()?.rssKb ?? NaN;
}

/** The server's metrics; undefined when it has no GET /metrics (the bare app in okctl's place). */
async function scrapeMetrics(app: AppProcess): Promise<MetricSample[] | undefined> {
  // Generous: on a machine busy with the worker, the store and other processes a scrape can take seconds.
  const response = await fetch(`${app.url}/metrics`, { signal: AbortSignal.timeout(20_000) });
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`okctl's GET /metrics answered ${response.status}`);
  return parsePrometheusText(await response.text());
}

const BUSY_STATES = ["pending", "leased"];
const FINAL_STATES = ["completed", "dead"];

const total = (samples: MetricSample[], name: string, label: string, values: string[]): number =>
  samples.filter((s) => s.name === name && values.includes(s.labels[label] ?? "")).reduce((sum, s) => sum + s.value, 0);

/**
 * Busy while a job is pending or running, or while the worker has not yet counted a run for every
 * job the store shows finished (it counts the run just after the store records its end).
 */
function busy(samples: MetricSample[]): boolean {
  return total(samples, "okctl_jobs", "state", BUSY_STATES) > 0 ||
    total(samples, "okctl_job_duration_seconds_count", "outcome", FINAL_STATES) < total(samples, "okctl_jobs", "state", FINAL_STATES);
}

/** Waits (bounded) until okctl has no job pending or running, then sums up its work and GitHub's answers. */
async function settleBackground(app: AppProcess, standin: GithubStandin, timeoutMs: number): Promise<BackgroundWork | undefined> {
  const deadline = Date.now() + timeoutMs;
  let samples = await scrapeMetrics(app);
  while (samples && busy(samples) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    samples = await scrapeMetrics(app);
  }
  if (!samples) return undefined;
  const github: Record<string, number> = {};
  const errors = standin.requests.filter((request) => request.status >= 400 || request.unexpected);
  for (const request of standin.requests) {
    const key = `${request.route ?? `${request.method} ${request.path}`} ${request.status}`;
    github[key] = (github[key] ?? 0) + 1;
  }
  const first = errors[0];
  return {
    settled: !busy(samples),
    deliveries: sumByLabels(samples, "okctl_webhook_deliveries_total", ["event", "outcome"]),
    jobs: sumByLabels(samples, "okctl_jobs", ["kind", "state"]),
    runs: sumByLabels(samples, "okctl_job_duration_seconds_count", ["kind", "outcome"]),
    github,
    githubErrors: errors.length,
    ...(first ? { firstGithubError: `${first.method} ${first.path} → ${first.status}${first.reason ? ` (${first.reason})` : ""}` } : {}),
  };
}

const totalCpu = (cpu: CpuPerDelivery | undefined): number | undefined => (cpu ? cpu.load + cpu.server + (cpu.database ?? 0) : undefined);

export async function runWebhookBenchmark(options: WebhookBenchmarkOptions = {}): Promise<WebhookBenchmarkResult> {
  const count = options.deliveries ?? 2000;
  const concurrency = options.concurrency ?? 20;
  const timeLimitMs = options.timeLimitMs ?? 120_000;
  const scenario = options.scenario ?? "push";
  const bareScript = options.bareScript ?? BARE_APP_SCRIPT;
  const wantedOkctl = options.okctlScript ?? OKCTL_SERVER_SCRIPT;
  const okctlStandIn = !existsSync(wantedOkctl);
  const okctlScript = okctlStandIn ? bareScript : wantedOkctl;
  const dir = mkdtempSync(join(tmpdir(), "okctl-bench-"));
  const standin = await startGithubStandin({ repo: scenario === "pull_request" ? NO_ACCESS_REPO : "booking" });
  const pullRequests = Math.max(1, options.pullRequests ?? PULL_REQUESTS);
  if (scenario === "pull_request") openPullRequests(standin, pullRequests);
  const common = { ...standin.env(), LOG_LEVEL: options.logLevel ?? "warn" };
  const apps: AppProcess[] = [];
  const agents: Agent[] = [];
  try {
    const bare = await startAppProcess({ script: bareScript, env: common, appId: standin.appId });
    apps.push(bare);
    const okctl = await startAppProcess({
      script: okctlScript,
      appId: standin.appId,
      env: {
        ...common,
        OKCTL_ACCESS_CONFIG: accessConfig(dir),
        OKCTL_DATA_DIR: join(dir, "data"),
        AWS_ENDPOINT_URL: "http://127.0.0.1:9",
        ...options.okctlEnv,
      },
    });
    apps.push(okctl);
    const idleMs = options.idleMs ?? 1000;
    const [bareIdle, okctlIdle] = [await idleRss(bare, idleMs), await idleRss(okctl, idleMs)];
    const agentFor = (): Agent => {
      const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
      agents.push(agent);
      return agent;
    };
    const contenders: Contender[] = [
      { label: "bare Probot", script: bareScript, app: bare, idleRssKb: bareIdle, runs: [], githubRequests: 0, cpu: { load: 0, server: 0, database: null }, agent: agentFor() },
      {
        label: okctlStandIn ? "okctl (bare stand-in)" : "okctl", script: okctlScript, app: okctl, idleRssKb: okctlIdle, runs: [], githubRequests: 0,
        cpu: { load: 0, server: 0, database: options.databaseProcess === undefined ? null : 0 },
        ...(options.databaseProcess === undefined ? {} : { databaseProcess: options.databaseProcess }), agent: agentFor(),
      },
    ];
    // Warm both up (JIT, connections, SQLite pages) outside the measured runs.
    const warmup = buildDeliveries(scenario, options.warmup ?? 100, "warmup", pullRequests);
    for (const contender of contenders) await runLoad(contender.app, warmup, { concurrency, timeLimitMs: 10_000, agent: contender.agent });
    const loadBefore = loadavg()[0] ?? NaN;
    await measureAlternating(contenders, standin, buildDeliveries(scenario, count, "bench", pullRequests), { concurrency, timeLimitMs, rounds: options.rounds ?? 10 });
    const machine = { cpus: availableParallelism(), loadBefore, loadAfter: loadavg()[0] ?? NaN };
    const background = okctlStandIn ? undefined : await settleBackground(okctl, standin, options.settleTimeoutMs ?? 10_000);
    const [bareFigures, okctlFigures] = contenders.map(figures) as [ServerFigures, ServerFigures];
    const throughputRatio = okctlFigures.throughputRps / bareFigures.throughputRps;
    const [bareCpu, okctlCpu] = [totalCpu(bareFigures.cpuPerDelivery), totalCpu(okctlFigures.cpuPerDelivery)];
    return {
      scenario,
      deliveries: count,
      pullRequests: scenario === "pull_request" ? pullRequests : 0,
      concurrency,
      bare: bareFigures,
      okctl: okctlFigures,
      okctlStandIn,
      ...(background ? { background } : {}),
      machine,
      throughputRatio,
      ...(bareCpu !== undefined && okctlCpu !== undefined && okctlCpu > 0 ? { cpuRatio: bareCpu / okctlCpu } : {}),
      targets: {
        ratioAtLeast08: throughputRatio >= 0.8,
        p99Below50ms: okctlFigures.p99Ms < 50,
        idleAtMost150MB: okctlFigures.idleRssKb <= 150 * 1024,
      },
    };
  } finally {
    for (const agent of agents) agent.destroy();
    for (const app of apps) await app.stop();
    await standin.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (kb: number): string => (kb / 1024).toFixed(1);
const ms = (value: number): string => value.toFixed(2);
const mark = (ok: boolean): string => (ok ? "met" : "MISSED");
const counts = (sums: Record<string, number>): string =>
  Object.entries(sums).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `${key} ${n}`).join(", ") || "none";

function formatBackground(work: BackgroundWork): string[] {
  return [
    `okctl's work after acknowledging (warm-up included; ${work.settled ? "its queue emptied" : "its queue had NOT emptied when the wait ended"}):`,
    `  deliveries: ${counts(work.deliveries)}`,
    `  jobs: ${counts(work.jobs)}; job runs: ${counts(work.runs)}`,
    `  GitHub stand-in: ${work.githubErrors === 0 ? "no error answers" : `${work.githubErrors} ERROR ANSWERS, first ${work.firstGithubError}`}; by route and status: ${counts(work.github)}`,
  ];
}

function formatCpu(result: WebhookBenchmarkResult): string[] {
  const servers = [result.bare, result.okctl];
  if (servers.some((s) => s.cpuPerDelivery === undefined)) return [];
  const part = (value: number | undefined): string => (value === undefined ? "—" : ms(value));
  const width = Math.max(...servers.map((s) => s.label.length));
  return [
    "CPU per delivery, ms (this machine's /proc; the load generator with the GitHub stand-in, the server, okctl's database server):",
    ...servers.map((s) => {
      const cpu = s.cpuPerDelivery as CpuPerDelivery;
      return `  ${s.label.padEnd(width)}  load ${ms(cpu.load)}  server ${ms(cpu.server)}  database ${part(cpu.database)}  total ${ms(totalCpu(cpu) ?? 0)}`;
    }),
    ...(result.cpuRatio === undefined ? [] : [
      `  sharing ${result.machine.cpus} CPUs, throughput follows the total: bare ÷ okctl CPU per delivery = ${result.cpuRatio.toFixed(2)} ` +
        `(the throughput ratio below, where CPU is what limits both)`,
    ]),
  ];
}

export function formatWebhookBenchmark(result: WebhookBenchmarkResult): string {
  const rows = [result.bare, result.okctl].map((s) => [
    s.label, `${s.acknowledged}/${s.sent}`, String(s.failed), ms(s.p50Ms), ms(s.p99Ms), ms(s.maxMs),
    s.throughputRps.toFixed(0), mb(s.idleRssKb), mb(Math.max(s.peakRssKb, s.hwmKb)), String(s.githubRequests),
  ]);
  const header = ["server", "acked", "failed", "p50 ms", "p99 ms", "max ms", "req/s", "idle MB", "peak MB", "GitHub req"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  const failures = [result.bare, result.okctl].filter((s) => s.firstFailure).map((s) => `  ${s.label}: first failure ${s.firstFailure}`);
  return [
    `Webhook acknowledgement: ${result.deliveries} signed ${result.scenario} deliveries at concurrency ${result.concurrency}` +
      (result.okctlStandIn ? ` (${OKCTL_SERVER_SCRIPT} not built yet: the bare app ran in its place)` : ""),
    line(header),
    ...rows.map(line),
    ...failures,
    ...(result.background ? formatBackground(result.background) : []),
    ...formatCpu(result),
    `machine: ${result.machine.cpus} CPUs, 1-min load average ${result.machine.loadBefore.toFixed(1)} before and ` +
      `${result.machine.loadAfter.toFixed(1)} after (latency at concurrency ${result.concurrency} is about ` +
      `${result.concurrency} ÷ throughput, so a busy machine inflates p50/p99 for both servers alike)`,
    `okctl/bare throughput ${result.throughputRatio.toFixed(2)} (target ≥ 0.8: ${mark(result.targets.ratioAtLeast08)}); ` +
      `okctl p99 ${ms(result.okctl.p99Ms)} ms (target < 50: ${mark(result.targets.p99Below50ms)}); ` +
      `okctl idle RSS ${mb(result.okctl.idleRssKb)} MB (target ≤ 150: ${mark(result.targets.idleAtMost150MB)})`,
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const scenario = process.argv.includes("--pull-request") ? "pull_request" : "push";
  console.log(formatWebhookBenchmark(await runWebhookBenchmark({ scenario })));
}
