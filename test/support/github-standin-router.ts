// Route matching, pagination and error bodies for the GitHub stand-in.
import type { IncomingHttpHeaders } from "node:http";
import type { ShapeContext } from "./github-standin-shapes.js";

export interface StandinContext extends ShapeContext {
  installationId: number;
  /** Issues a new installation access token (only the token route calls it). */
  issueToken(): { token: string; expiresAt: string };
}

export interface RouteRequest {
  params: Record<string, string>;
  url: URL;
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface RouteResponse {
  status: number;
  /** Serialised as JSON. */
  body?: unknown;
  /** Sent as is (with its own content-type header). */
  text?: string;
  headers?: Record<string, string>;
  /** Marks a matched route's answer as a sign the app did something the tests did not expect. */
  unexpected?: boolean;
}

export interface Route {
  /** Octokit-style, e.g. `GET /repos/{owner}/{repo}/pulls/{pull_number}`; `{+x}` spans slashes. */
  template: string;
  handle(request: RouteRequest, ctx: StandinContext): RouteResponse;
}

export const API_PREFIX = "/api/v3";

interface CompiledRoute extends Route {
  method: string;
  pattern: RegExp;
}

/** A regular expression source for an Octokit path template: named groups; `{+x}` spans slashes. */
export function templatePatternSource(path: string): string {
  return path
    .split(/(\{\+?\w+\})/)
    .map((part) => {
      const variable = /^\{(\+?)(\w+)\}$/.exec(part);
      if (!variable) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      return variable[1] ? `(?<${variable[2]}>.+)` : `(?<${variable[2]}>[^/]+)`;
    })
    .join("");
}

export function compileRoutes(routes: Route[]): CompiledRoute[] {
  return routes.map((route) => {
    const [method = "", path = ""] = route.template.split(" ");
    return { ...route, method, pattern: new RegExp(`^${API_PREFIX}${templatePatternSource(path)}$`) };
  });
}

export function matchRoute(
  routes: CompiledRoute[],
  method: string,
  pathname: string,
): { route: CompiledRoute; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(match.groups ?? {})) params[key] = decodeURIComponent(value);
    return { route, params };
  }
  return undefined;
}

export function notFound(unexpected = false): RouteResponse {
  return {
    status: 404,
    body: { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" },
    unexpected,
  };
}

export function validationFailed(field: string, code = "missing_field", message?: string): RouteResponse {
  return {
    status: 422,
    body: {
      message: message ?? "Validation Failed",
      errors: [{ resource: "Request", code, field }],
      documentation_url: "https://docs.github.com/rest",
      status: "422",
    },
  };
}

/** The route's repository must be the stand-in's; any other one is an unexpected request. */
export function sameRepository(params: Record<string, string>, ctx: StandinContext): boolean {
  return params.owner === ctx.repository.owner && params.repo === ctx.repository.repo;
}

/** GitHub's page-number pagination: `per_page` (default 30, at most 100), `page`, Link header. */
export function paginate(items: unknown[], url: URL, origin: string): RouteResponse {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get("per_page")) || 30));
  const page = Math.max(1, Math.floor(Number(url.searchParams.get("page")) || 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const body = items.slice((page - 1) * perPage, page * perPage);
  const linkTo = (p: number): string => {
    const target = new URL(`${url.pathname}${url.search}`, origin);
    target.searchParams.set("per_page", String(perPage));
    target.searchParams.set("page", String(p));
    return target.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${linkTo(page - 1)}>; rel="prev"`, `<${linkTo(1)}>; rel="first"`);
  if (page < last) links.push(`<${linkTo(page + 1)}>; rel="next"`, `<${linkTo(last)}>; rel="last"`);
  return { status: 200, body, headers: links.length > 0 ? { link: links.join(", ") } : {} };
}
