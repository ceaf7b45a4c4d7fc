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
import { Agent } from "node:http";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startAppProcess, type AppProcess } from "../test/support/app-process.js";
import { startGithubStandin, type GithubStandin } from "../test/support/github-standin.js";
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
}

export interface ServerFigures extends LoadFigures {
  label: string;
  script: string;
  idleRssKb: number;
  /** GitHub stand-in requests made while (and just after) the load ran. */
  githubRequests: number;
}

export interface MachineLoad {
  cpus: number;
  /** 1-minute load average before and after the measured rounds. */
  loadBefore: number;
  loadAfter: number;
}

export interface WebhookBenchmarkResult {
  scenario: string;
  deliveries: number;
  concurrency: number;
  bare: ServerFigures;
  okctl: ServerFigures;
  /** True when dist/src/server.js was missing and the bare app ran in its place. */
  okctlStandIn: boolean;
  machine: MachineLoad;
  throughputRatio: number;
  targets: { ratioAtLeast08: boolean; p99Below50ms: boolean; idleAtMost150MB: boolean };
}

const NO_ACCESS_REPO = "no-access";
/** The pull requests the pull_request scenario's deliveries are spread over (open on the stand-in). */
const PULL_REQUESTS = 50;

function openPullRequests(standin: GithubStandin): void {
  for (let number = 1; number <= PULL_REQUESTS; number++) standin.repository.addPullRequest({ number, files: ["okctl.yaml"] });
}

function buildDeliveries(scenario: "push" | "pull_request", count: number, prefix = "bench"): Delivery[] {
  return Array.from({ length: count }, (_, i) => {
    if (scenario === "pull_request") {
      return {
        event: "pull_request",
        payload: pullRequestPayload({ action: "synchronize", repo: NO_ACCESS_REPO, number: 1 + (i % PULL_REQUESTS), headSha: fakeSha(`${prefix}-${i}`) }),
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
      contender.runs.push(await runLoad(contender.app, slice, { ...options, agent: contender.agent, timeLimitMs: Math.max(0, options.timeLimitMs - spent) }));
      await new Promise((r) => setTimeout(r, 250));
      contender.githubRequests += standin.requests.length - before;
    }
  }
}

function figures(contender: Contender): ServerFigures {
  const { label, script, idleRssKb, githubRequests } = contender;
  return { label, script, idleRssKb, githubRequests, ...summariseRuns(contender.runs) };
}

async function idleRss(app: AppProcess): Promise<number> {
  await new Promise((r) => setTimeout(r, 1000));
  return app.memory()?.rssKb ?? NaN;
}

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
  if (scenario === "pull_request") openPullRequests(standin);
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
    const [bareIdle, okctlIdle] = [await idleRss(bare), await idleRss(okctl)];
    const agentFor = (): Agent => {
      const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
      agents.push(agent);
      return agent;
    };
    const contenders: Contender[] = [
      { label: "bare Probot", script: bareScript, app: bare, idleRssKb: bareIdle, runs: [], githubRequests: 0, agent: agentFor() },
      { label: okctlStandIn ? "okctl (bare stand-in)" : "okctl", script: okctlScript, app: okctl, idleRssKb: okctlIdle, runs: [], githubRequests: 0, agent: agentFor() },
    ];
    // Warm both up (JIT, connections, SQLite pages) outside the measured runs.
    const warmup = buildDeliveries(scenario, 100, "warmup");
    for (const contender of contenders) await runLoad(contender.app, warmup, { concurrency, timeLimitMs: 10_000, agent: contender.agent });
    const loadBefore = loadavg()[0] ?? NaN;
    await measureAlternating(contenders, standin, buildDeliveries(scenario, count), { concurrency, timeLimitMs, rounds: options.rounds ?? 10 });
    const machine = { cpus: availableParallelism(), loadBefore, loadAfter: loadavg()[0] ?? NaN };
    const [bareFigures, okctlFigures] = contenders.map(figures) as [ServerFigures, ServerFigures];
    const throughputRatio = okctlFigures.throughputRps / bareFigures.throughputRps;
    return {
      scenario,
      deliveries: count,
      concurrency,
      bare: bareFigures,
      okctl: okctlFigures,
      okctlStandIn,
      machine,
      throughputRatio,
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
