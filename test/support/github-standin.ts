// A small in-process stand-in for GitHub's REST API on a loopback port, for end-to-end tests that
// run the real server with GHE_HOST=127.0.0.1:<port> and GHE_PROTOCOL=http (Probot then uses
// `http://127.0.0.1:<port>/api/v3` as Octokit's base URL). It keeps one repository's state,
// records every request, and answers unknown routes with 404 marked as unexpected.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StandinRepository, type CheckRunState, type CommentState } from "./github-standin-state.js";
import { API_PREFIX, compileRoutes, matchRoute, type RouteResponse, type StandinContext } from "./github-standin-router.js";
import { requestProblems } from "./github-request-validation.js";
import { readRoutes } from "./github-standin-routes-read.js";
import { writeRoutes } from "./github-standin-routes-write.js";
import { DEFAULT_INSTALLATION_ID, DEFAULT_OWNER, DEFAULT_REPO } from "./webhooks-payloads.js";

export * from "./github-standin-state.js";

export const TOKEN_ROUTE = "POST /app/installations/{installation_id}/access_tokens";
/** Routes the app calls as itself (its JWT), not as an installation. */
const APP_ROUTES = new Set([TOKEN_ROUTE, "GET /app/installations"]);
const ROUTES = compileRoutes([...writeRoutes, ...readRoutes]);
/** Every route the stand-in serves (each one an operation of GitHub's REST API description). */
export const STANDIN_ROUTE_TEMPLATES: readonly string[] = ROUTES.map((route) => route.template);
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface GithubStandinOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  appId?: number;
  appSlug?: string;
  installationId?: number;
}

export interface RecordedRequest {
  method: string;
  /** Without the `/api/v3` prefix, e.g. `/repos/o/r/pulls/1`. */
  path: string;
  query: Record<string, string>;
  /** The matched route template (`GET /repos/{owner}/{repo}/pulls/{pull_number}`), or null. */
  route: string | null;
  body: unknown;
  accept: string;
  status: number;
  unexpected: boolean;
  /** Why the request was unexpected, when it was. */
  reason?: string;
  /** Set when hold() kept it unanswered; `abandonedAfterMs`: the client gave up on it after that long. */
  held?: { abandonedAfterMs?: number };
}

export interface GithubStandin {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `127.0.0.1:<port>`, the value for GHE_HOST. */
  readonly host: string;
  /** Octokit's base URL: `http://127.0.0.1:<port>/api/v3`. */
  readonly baseUrl: string;
  readonly appId: number;
  readonly installationId: number;
  readonly repository: StandinRepository;
  readonly requests: RecordedRequest[];
  /** GHE_HOST and GHE_PROTOCOL for the app's environment. */
  env(): { GHE_HOST: string; GHE_PROTOCOL: string };
  /** Unknown routes, other repositories, bad credentials, an app editing a person's comment. */
  unexpected(): RecordedRequest[];
  /** Every request but the installation token's (the issue's request budget excludes it). */
  apiRequests(): RecordedRequest[];
  clearRequests(): void;
  /** Answers the next `times` requests to `route` (a template) with `status` and `body`. */
  failNext(route: string, status: number, body?: unknown, times?: number): void;
  /**
   * Holds the next `times` requests to `route` (a template) unanswered, as a GitHub call that
   * hangs: each stays open until release() answers it as the route would then, or until the client
   * gives up on it (its record's `held.abandonedAfterMs`).
   */
  hold(route: string, times?: number): void;
  /** Answers every request hold() still keeps. */
  release(): void;
  /** Comments posted by the app (on one PR, when given). */
  appComments(issueNumber?: number): CommentState[];
  /** Check runs (for one head SHA, when given). */
  checkRuns(headSha?: string): CheckRunState[];
  /** Polls `probe` every 25 ms until it returns a truthy value; rejects after `timeoutMs`. */
  waitFor<T>(probe: () => T | undefined | null | false, options?: { timeoutMs?: number; what?: string }): Promise<T>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error("request body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** True when `token` looks like an app JWT for `appId`: three base64url parts, RS256, iss, exp. */
export function isAppJwt(token: string, appId: number): boolean {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature || token.split(".").length !== 3) return false;
  try {
    const h = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: string };
    const p = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { iss?: unknown; exp?: unknown; iat?: unknown };
    return h.alg === "RS256" && String(p.iss) === String(appId) && typeof p.iat === "number" &&
      typeof p.exp === "number" && p.exp * 1000 > Date.now();
  } catch {
    return false;
  }
}

export async function startGithubStandin(options: GithubStandinOptions = {}): Promise<GithubStandin> {
  const repository = new StandinRepository(options.owner ?? DEFAULT_OWNER, options.repo ?? DEFAULT_REPO, options.defaultBranch ?? "main");
  const appId = options.appId ?? 424242;
  const installationId = options.installationId ?? DEFAULT_INSTALLATION_ID;
  const requests: RecordedRequest[] = [];
  const tokens = new Set<string>();
  const failures: { route: string; status: number; body: unknown; times: number }[] = [];
  const holds: { route: string; times: number }[] = [];
  const releases = new Set<() => void>();
  let origin = "";

  const ctx: StandinContext = {
    get origin() { return origin; },
    get api() { return `${origin}${API_PREFIX}`; },
    appId,
    appSlug: options.appSlug ?? "okctl",
    repository,
    installationId,
    issueToken: () => {
      const token = `ghs_${randomBytes(18).toString("base64url")}`;
      tokens.add(token);
      return { token, expiresAt: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z") };
    },
  };

  function authorise(req: IncomingMessage, route: string | null): string | undefined {
    const [scheme = "", credential = ""] = String(req.headers.authorization ?? "").split(" ");
    if (route !== null && APP_ROUTES.has(route)) {
      return scheme.toLowerCase() === "bearer" && isAppJwt(credential, appId) ? undefined : `${route} lacks a valid app JWT`;
    }
    return ["token", "bearer"].includes(scheme.toLowerCase()) && tokens.has(credential)
      ? undefined
      : "not authenticated with an installation token the stand-in issued";
  }

  /** Resolves true when release() is called, false when the client closes the connection first. */
  function heldUntilReleased(res: ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      const release = (): void => {
        releases.delete(release);
        res.off("close", abandon);
        resolve(true);
      };
      const abandon = (): void => {
        releases.delete(release);
        resolve(false);
      };
      releases.add(release);
      res.once("close", abandon);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const url = new URL(req.url ?? "/", origin);
    const method = req.method ?? "GET";
    const text = await readBody(req);
    let body: unknown = text === "" ? undefined : text;
    if (text !== "" && String(req.headers["content-type"] ?? "").includes("json")) {
      try { body = JSON.parse(text); } catch { body = text; }
    }
    const matched = matchRoute(ROUTES, method, url.pathname);
    const record: RecordedRequest = {
      method,
      path: url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname,
      query: Object.fromEntries(url.searchParams),
      route: matched?.route.template ?? null,
      body,
      accept: String(req.headers.accept ?? ""),
      status: 0,
      unexpected: false,
    };
    requests.push(record);
    let response: RouteResponse;
    const failure = failures.find((f) => f.route === record.route && f.times > 0);
    const hold = holds.find((h) => h.route === record.route && h.times > 0);
    const denied = matched ? authorise(req, record.route) : "no such route in the stand-in";
    const invalid = matched && !denied ? requestProblems({ template: matched.route.template, params: matched.params, query: record.query, body }) : [];
    if (denied) {
      response = matched
        ? { status: 401, body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" }, unexpected: true }
        : { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" }, unexpected: true };
      record.reason = denied;
    } else if (invalid.length > 0) {
      // What GitHub's REST API description does not allow, GitHub refuses: so does the stand-in.
      response = { status: 422, body: { message: `Invalid request.\n\n${invalid.join("\n")}`, documentation_url: "https://docs.github.com/rest" }, unexpected: true };
      record.reason = `not a valid ${record.route} request: ${invalid.join("; ")}`;
    } else if (failure) {
      failure.times -= 1;
      response = { status: failure.status, body: failure.body ?? { message: `stand-in failure ${failure.status}` } };
    } else {
      if (hold) {
        hold.times -= 1;
        record.held = {};
        if (!(await heldUntilReleased(res))) {
          record.held.abandonedAfterMs = Date.now() - receivedAt;
          return;
        }
      }
      response = matched!.route.handle({ params: matched!.params, url, body, headers: req.headers }, ctx);
      if (response.unexpected) record.reason = `${response.status} from ${record.route}`;
    }
    record.status = response.status;
    record.unexpected = response.unexpected ?? false;
    const headers: Record<string, string> = {
      "x-github-request-id": randomBytes(8).toString("hex").toUpperCase(),
      "x-github-media-type": "github.v3; format=json",
      ...(response.headers ?? {}),
    };
    if (response.text !== undefined) {
      res.writeHead(response.status, headers).end(response.text);
    } else if (response.body === undefined) {
      res.writeHead(response.status, headers).end();
    } else {
      res.writeHead(response.status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(response.body));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      requests.push({
        method: req.method ?? "", path: req.url ?? "", query: {}, route: null, body: undefined, accept: "",
        status: 500, unexpected: true, reason: `stand-in error: ${(error as Error).message}`,
      });
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: "stand-in error" }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    host: `127.0.0.1:${port}`,
    baseUrl: `${origin}${API_PREFIX}`,
    appId,
    installationId,
    repository,
    requests,
    env: () => ({ GHE_HOST: `127.0.0.1:${port}`, GHE_PROTOCOL: "http" }),
    unexpected: () => requests.filter((r) => r.unexpected),
    apiRequests: () => requests.filter((r) => r.route !== TOKEN_ROUTE),
    clearRequests: () => void requests.splice(0),
    failNext: (route, status, body, times = 1) => void failures.push({ route, status, body, times }),
    hold: (route, times = 1) => void holds.push({ route, times }),
    release: () => {
      for (const release of [...releases]) release();
    },
    appComments: (n) => repository.comments.filter((c) => c.viaApp && (n === undefined || c.issueNumber === n)),
    checkRuns: (sha) => repository.checkRuns.filter((r) => sha === undefined || r.headSha === sha),
    waitFor: async (probe, opts = {}) => {
      const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
      for (;;) {
        const value = probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${opts.what ?? "the GitHub stand-in"}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
