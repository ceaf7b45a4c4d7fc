// The end-to-end set-up: the GitHub stand-in, the real okctl server (`node dist/src/server.js`, as
// `npm start` runs it) pointed at the stand-in and at moto, and a pull request changing okctl.yaml.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAppProcess, type AppProcess } from "../support/app-process.js";
import { startGithubStandin, type GithubStandin, type GithubStandinOptions, type PullRequestState } from "../support/github-standin.js";
import { fakeSha, issueCommentPayload, pullRequestPayload, pushPayload, sendWebhook, type WebhookResponse } from "../support/webhooks.js";
import { TEST_ACCOUNT } from "../support/aws.js";

export const SERVER_SCRIPT = "dist/src/server.js";
export const DECLARATION_PATH = "okctl.yaml";
export const CLUSTER = "booking-dev";
const EXAMPLE = readFileSync("examples/okctl.yaml", "utf8");

const ACCESS_CONFIG = `repositories:
  - repository: oslokommune/booking
    roleArn: arn:aws:iam::${TEST_ACCOUNT}:role/okctl-deploy-booking
    accounts: ["${TEST_ACCOUNT}"]
    regions: [eu-west-1]
    allowedDomains: [oslo.systems, "*.oslo.systems", example.org, "*.example.org"]
    eksClusterRoleArn: arn:aws:iam::${TEST_ACCOUNT}:role/okctl-eks-cluster
    eksNodeRoleArn: arn:aws:iam::${TEST_ACCOUNT}:role/okctl-eks-node
    workloadRoles: ["arn:aws:iam::{accountId}:role/booking-*"]
    allowDestroy: false
`;

export interface E2e {
  standin: GithubStandin;
  app: AppProcess;
  /** Every replica (`app` is the first). */
  apps: AppProcess[];
  stop(): Promise<void>;
}

export interface E2eOptions {
  /** Identical server processes to start (default 1); more than one need OKCTL_DATABASE_URL in `env`. */
  replicas?: number;
  env?: Record<string, string>;
  /** The stand-in's repository and installation (default: oslokommune/booking, which has an access entry). */
  standin?: GithubStandinOptions;
  /** Sets up the stand-in's repository before the server starts (a drift round reads it at once). */
  beforeStart?(standin: GithubStandin): void;
}

/** Starts the stand-in and the server with the environment the README documents. */
/** A lease short enough for a test to wait out, for tests of a job taken over from a killed server. */
export const TAKEOVER_LEASE = { OKCTL_JOB_LEASE_MS: "3000" } as const;

export async function startE2e(motoEndpoint: string, options: E2eOptions = {}): Promise<E2e> {
  const dir = mkdtempSync(join(tmpdir(), "okctl-e2e-"));
  writeFileSync(join(dir, "access.yaml"), ACCESS_CONFIG);
  const standin = await startGithubStandin({ appSlug: "okctl", ...options.standin });
  options.beforeStart?.(standin);
  const apps: AppProcess[] = [];
  const stopAll = async () => {
    for (const app of apps) await app.stop();
  };
  try {
    for (let n = 0; n < (options.replicas ?? 1); n++) {
      apps.push(
        await startAppProcess({
          script: SERVER_SCRIPT,
          appId: standin.appId,
          cwd: dir,
          env: {
            ...standin.env(),
            AWS_ENDPOINT_URL: motoEndpoint,
            OKCTL_ACCESS_CONFIG: join(dir, "access.yaml"),
            OKCTL_DATA_DIR: join(dir, "data"),
            OKCTL_APP_SLUG: "okctl",
            // Long enough that a busy 2-core machine's stall (the first job loads the AWS SDK and the
            // engine, seconds of event loop on a loaded machine) does not expire it: a server then
            // took over its own running job and ran it twice. Tests of takeovers set TAKEOVER_LEASE.
            OKCTL_JOB_LEASE_MS: "30000",
            OKCTL_PROGRESS_INTERVAL_MS: "500",
            OKCTL_WORKER_POLL_MS: "100",
            // The stand-in has no write limits: no pacing of writes (Probot's is 1 s, 3 s for comments).
            OKCTL_GITHUB_WRITE_INTERVAL_MS: "0",
            ...options.env,
          },
        }),
      );
    }
  } catch (error) {
    await stopAll();
    await standin.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    standin,
    app: apps[0] as AppProcess,
    apps,
    stop: async () => {
      await stopAll();
      await standin.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PullRequestScenario {
  pull: PullRequestState;
  baseSha: string;
  headSha: string;
  mergeSha: string;
}

/** Pull request #number adds `declaration` (the example) at the root of a repository that has only a README. */
export function addDeclarationPullRequest(standin: GithubStandin, number = 1, declaration = EXAMPLE): PullRequestScenario {
  const baseSha = fakeSha(`base-${number}`);
  const headSha = fakeSha(`head-${number}`);
  const mergeSha = fakeSha(`merge-${number}`);
  const repository = standin.repository;
  repository.putFiles(baseSha, { "README.md": "# booking\n" });
  repository.putFiles(headSha, { [DECLARATION_PATH]: declaration }, { from: baseSha });
  repository.setBranch("main", baseSha);
  const pull = repository.addPullRequest({ number, headSha, baseSha, mergeCommitSha: null, mergeable: null });
  return { pull, baseSha, headSha, mergeSha };
}

export function deliverPullRequestOpened(e2e: E2e, scenario: PullRequestScenario, deliveryId?: string): Promise<WebhookResponse> {
  const { pull } = scenario;
  return sendWebhook({
    url: e2e.app.webhookUrl,
    secret: e2e.app.webhookSecret,
    event: "pull_request",
    ...(deliveryId ? { deliveryId } : {}),
    payload: pullRequestPayload({ action: "opened", number: pull.number, headSha: pull.headSha, baseSha: pull.baseSha, installationId: e2e.standin.installationId }),
  });
}

/** A maintainer (write permission) approves the pull request at its head, as branch protection asks. */
export function approvePullRequest(e2e: E2e, scenario: PullRequestScenario): void {
  e2e.standin.repository.permissions.set("maintainer", "write");
  e2e.standin.repository.addReview(scenario.pull.number, "maintainer", "APPROVED", scenario.headSha);
}

/**
 * GitHub merges the approved pull request (the merge commit has the head's files) and delivers the
 * push; `before`: the default branch's commit before the merge (another pull request's merge
 * commit when that one was merged first; default: the pull request's base).
 */
export function mergeAndDeliverPush(e2e: E2e, scenario: PullRequestScenario, before = scenario.baseSha): Promise<WebhookResponse> {
  approvePullRequest(e2e, scenario);
  const repository = e2e.standin.repository;
  repository.putFiles(scenario.mergeSha, {}, { from: scenario.headSha });
  repository.setBranch("main", scenario.mergeSha);
  repository.mergePullRequest(scenario.pull.number, scenario.mergeSha);
  return sendWebhook({
    url: e2e.app.webhookUrl,
    secret: e2e.app.webhookSecret,
    event: "push",
    payload: pushPayload({
      before,
      after: scenario.mergeSha,
      commits: [{ id: scenario.mergeSha, [before === scenario.baseSha ? "added" : "modified"]: [DECLARATION_PATH], message: `Merge pull request #${scenario.pull.number}` }],
      installationId: e2e.standin.installationId,
      pusher: "octocat",
    }),
  });
}

/**
 * `user` comments `body` on issue (or pull request) `number`, and GitHub delivers issue_comment:
 * the payload's issue is the stand-in's (its labels and author), as GitHub would send it.
 */
export function deliverComment(e2e: E2e, number: number, body: string, user: string): Promise<WebhookResponse> {
  const repository = e2e.standin.repository;
  const issue = repository.issues.get(number);
  const comment = repository.addComment(number, body, user);
  const payload = issueCommentPayload({ body, user, number, commentId: comment.id, isPullRequest: issue === undefined, installationId: e2e.standin.installationId });
  if (issue) {
    const author = issue.viaApp ? "okctl[bot]" : issue.author;
    const labels = issue.labels.map((name, i) => ({ id: 9000 + i, node_id: `LA_${i}`, url: `https://api.github.com/repos/${repository.fullName}/labels/${encodeURIComponent(name)}`, name, color: "ededed", default: false, description: null }));
    Object.assign(payload.issue, { title: issue.title, body: issue.body, state: issue.state, labels, user: { ...payload.issue.user, login: author, type: issue.viaApp ? "Bot" : "User" } });
  }
  return sendWebhook({ url: e2e.app.webhookUrl, secret: e2e.app.webhookSecret, event: "issue_comment", payload });
}

/** The newest check run named `name` on `sha` (GitHub shows the newest of a name). */
export function latestCheckRun(standin: GithubStandin, sha: string, name: string) {
  return standin.checkRuns(sha).filter((run) => run.name === name).at(-1);
}

/** What to read when a scenario fails: the server's last log lines and what reached GitHub. */
export function failureReport(e2e: E2e | undefined): string {
  if (!e2e) return "the server did not start";
  const requests = e2e.standin.requests.map((r) => `${r.method} ${r.path} → ${r.status}${r.reason ? ` (${r.reason})` : ""}`);
  const checks = e2e.standin.checkRuns().map((r) => `${r.name} @${r.headSha.slice(0, 7)}: ${r.status} ${r.conclusion ?? ""} ${r.output.title ?? ""}`);
  return [`server log (tail):\n${e2e.app.logs().slice(-6000)}`, `GitHub requests:\n${requests.join("\n")}`, `check runs:\n${checks.join("\n")}`].join("\n\n");
}
