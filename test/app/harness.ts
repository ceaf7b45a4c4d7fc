// A real Probot instance running okctl's app against nock (GitHub) and moto (AWS): deliveries go
// through probot.receive, jobs run on the app's own worker when the test asks.
import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { afterEach, beforeEach } from "vitest";
// Probot's own logger (a dependency of probot), silenced.
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { checkRequestsAgainstDescription } from "../support/github-request-validation.js";
import { parseAccessConfig } from "../../src/aws/access-config.js";
import { openRepositorySession, type OpenSessionRequest, type RepositorySessionResult } from "../../src/aws/repository-session.js";
import { okctlApp } from "../../src/app/okctl-app.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import type { Job, Store } from "../../src/store/store.js";
import type { Worker } from "../../src/store/worker.js";
import { hostParentZone, testClients } from "../support/engine.js";
import { BOT_LOGIN, GitHubMock } from "./github-mock.js";

type ProbotOctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

const PRIVATE_KEY = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
}).privateKey;

export interface AccessOptions {
  repository?: string;
  allowDestroy?: boolean;
  regions?: string[];
  allowedDomains?: string[];
  /** The entry's applyRequires (default: unset, i.e. "approved"). */
  applyRequires?: "approved" | "none";
}

export function accessYaml(options: AccessOptions = {}): string {
  return `repositories:
  - repository: ${options.repository ?? "oslokommune/booking"}
    roleArn: arn:aws:iam::123456789012:role/okctl-deploy
    accounts: ["123456789012"]
    regions: [${(options.regions ?? ["eu-west-1"]).join(", ")}]
    allowedDomains: [${(options.allowedDomains ?? ["oslo.systems", "*.oslo.systems", "example.org", "*.example.org"]).map((name) => JSON.stringify(name)).join(", ")}]
    eksClusterRoleArn: arn:aws:iam::123456789012:role/okctl-eks-cluster
    eksNodeRoleArn: arn:aws:iam::123456789012:role/okctl-eks-node
    workloadRoles: ["arn:aws:iam::{accountId}:role/booking-*"]
    allowDestroy: ${options.allowDestroy ?? false}
${options.applyRequires ? `    applyRequires: ${options.applyRequires}\n` : ""}`;
}

export interface HarnessOptions {
  access?: AccessOptions;
  /** Minimum time between live apply check-run updates (default: an hour, so only start and end). */
  progressIntervalMs?: number;
  /** The app's clock (default: the real one). */
  now?: () => Date;
}

export interface SessionCall {
  /** When the session was asked for: the start of a plan or apply's AWS work. */
  at: Date;
  request: OpenSessionRequest;
  result: RepositorySessionResult;
}

export interface AppHarness {
  probot: Probot;
  store: Store;
  github: GitHubMock;
  /** Every openSession call and what it returned (refusals come before any AWS call). */
  sessions: SessionCall[];
  receive(name: "pull_request" | "push" | "issue_comment", payload: object, id?: string): Promise<void>;
  /** Runs jobs until none is runnable, then checks no job failed. */
  runJobs(): Promise<Job[]>;
  close(): Promise<void>;
}

let deliveries = 0;

export async function startApp(options: HarnessOptions = {}): Promise<AppHarness> {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  const github = new GitHubMock();
  const parsed = parseAccessConfig(accessYaml(options.access), "access.yaml");
  if (!parsed.ok) throw new Error(`test access config: ${JSON.stringify(parsed.diagnostics)}`);
  const store = openSqliteStore({ memory: true });
  const sessions: SessionCall[] = [];
  let worker: Worker | undefined;
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    secret: "test-secret",
    // Every request the app makes is checked against GitHub's REST API description before nock sees it.
    // Throttling off as a function of the final options: Probot puts its own throttle options (without
    // `enabled`) over plain defaults, and ProbotOctokit then turns it on again, pacing writes 1 s apart.
    Octokit: ProbotOctokit.defaults((options: ProbotOctokitOptions) => ({ ...options, retry: { enabled: false }, throttle: { ...options.throttle, enabled: false } })).plugin(
      (octokit) => (checkRequestsAgainstDescription(octokit), {}),
    ),
    log: pino({ level: "silent" }),
  });
  await probot.load(
    okctlApp({
      store,
      accessConfig: parsed.config,
      openSession: async (config, request) => {
        const at = new Date();
        const result = await openRepositorySession(config, request);
        sessions.push({ at, request, result });
        return result;
      },
      now: options.now ?? (() => new Date()),
      botLogin: BOT_LOGIN,
      applyOptions: {
        sleep: async () => {},
        timeouts: { eksCluster: 2000, eksNodegroup: 2000, natGateway: 2000, certificate: 5000, route53Change: 2000, other: 2000 },
      },
      progressIntervalMs: options.progressIntervalMs ?? 3_600_000,
      // Polls rarely: jobs run when the test calls runJobs().
      worker: { workerId: "test-worker", pollMs: 60_000, concurrency: 4 },
      onWorker: (started) => (worker = started),
    }),
  );
  if (!worker) throw new Error("okctlApp did not start its worker");
  const running = worker;
  return {
    probot,
    store,
    github,
    sessions,
    receive: (name, payload, id = `delivery-${++deliveries}`) =>
      // The payload builders return Probot's own payload types; receive takes the union of them all.
      probot.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]),
    async runJobs() {
      await running.runUntilIdle();
      const jobs = await store.listJobs();
      const bad = jobs.filter((job) => job.state !== "completed" && job.state !== "superseded");
      if (bad.length > 0) throw new Error(`jobs not completed:\n${bad.map((job) => `${job.kind} ${job.key} ${job.state}: ${job.lastError}`).join("\n")}`);
      return jobs;
    },
    async close() {
      await running.stop({ timeoutMs: 5_000 });
      await store.close();
      github.close();
    },
  };
}

/**
 * A fresh app for each test (after useMoto()'s reset), with the example's parent zone hosted in
 * moto; returns a getter for the current test's app.
 */
export function useApp(options: HarnessOptions = {}): () => AppHarness {
  let app: AppHarness | undefined;
  beforeEach(async () => {
    app = await startApp(options);
    await hostParentZone(testClients());
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  return () => {
    if (!app) throw new Error("useApp: no app outside a test");
    return app;
  };
}
