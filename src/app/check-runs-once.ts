// A job's check runs, one each however often the job runs. A job that posted a check run and then
// died, stalled or failed before it finished runs again, and would post a second check run of the
// same name beside the first. So every check run a job creates carries the job's mark as its
// external_id, and a later run of the same job (a lease token above 1) first looks on the commit
// for a check run of that name with that mark, and updates it instead of creating another (unless
// it is completed with another conclusion, which GitHub does not let anyone change). Like the
// comments' hidden markers; a job's first run makes no extra request. GitHub adds the annotations of
// an update to those the check run has: the ones the earlier run already sent (the same ones, in the
// same order: the same job) are not sent again.
import { checkRunsNamed, type ListedCheckRun, type Octokit } from "../github/index.js";
import type { JobLease } from "../store/lease.js";

const CREATE = "/repos/{owner}/{repo}/check-runs";
const UPDATE = "/repos/{owner}/{repo}/check-runs/{check_run_id}";

/** The external_id of the check runs job `jobId` creates. */
export function jobCheckRunMark(jobId: string): string {
  return `okctl-job-${jobId}`;
}

interface CreateParams {
  owner: string;
  repo: string;
  name: string;
  head_sha: string;
  external_id?: string;
  [field: string]: unknown;
}

/** The check run named `name` on `headSha` that carries `mark`, if there is one (one request). */
async function markedCheckRun(octokit: Octokit, params: CreateParams, mark: string): Promise<ListedCheckRun | undefined> {
  return (await checkRunsNamed(octokit, { owner: params.owner, repo: params.repo, ref: params.head_sha, name: params.name })).find((run) => run.externalId === mark);
}

/** Leaves out of an update's annotations the first `count` (already on the check run); returns how many it left out. */
function withoutSentAnnotations(options: Record<string, unknown>, count: number): number {
  const output = options.output as { annotations?: unknown[] } | undefined;
  if (count <= 0 || !Array.isArray(output?.annotations)) return 0;
  const skipped = Math.min(count, output.annotations.length);
  options.output = { ...output, annotations: output.annotations.slice(skipped) };
  return skipped;
}

/**
 * GitHub changes neither the status nor the conclusion of a completed check run: one that is
 * completed can be brought up to date only with what it already says; otherwise a new one is needed.
 */
function canUpdate(existing: { status: string; conclusion: string | null }, params: CreateParams): boolean {
  if (existing.status !== "completed") return true;
  return (params.status === "completed" || params.conclusion !== undefined) && params.conclusion === existing.conclusion;
}

/** Makes `octokit` (a fresh client per job run) create each of the job's check runs once. */
export function checkRunsOnce(octokit: Octokit, lease: JobLease): Octokit {
  const mark = jobCheckRunMark(lease.jobId);
  const rerun = lease.token > 1;
  /** Per check run this run took over: how many of the annotations it sends the earlier run had sent. */
  const alreadySent = new Map<number, number>();
  octokit.hook.wrap("request", async (request, options) => {
    const method = String(options.method).toUpperCase();
    if (method === "PATCH" && options.url === UPDATE && alreadySent.size > 0) {
      const id = Number(options.check_run_id);
      alreadySent.set(id, (alreadySent.get(id) ?? 0) - withoutSentAnnotations(options, alreadySent.get(id) ?? 0));
      return request(options);
    }
    if (method !== "POST" || options.url !== CREATE) return request(options);
    // The hooks around this one get the options object itself, not what is passed on: mark it in place.
    const params = options as unknown as CreateParams;
    params.external_id ??= mark;
    const existing = rerun ? await markedCheckRun(octokit, params, params.external_id) : undefined;
    if (existing === undefined || !canUpdate(existing, params)) return request(options);
    // Posted by an earlier run of this job: bring it up to date instead (the same fields but head_sha).
    const { owner, repo, name, head_sha: _sha, headers: _headers, url: _url, method: _method, baseUrl: _base, mediaType: _media, request: _request, ...fields } = params;
    alreadySent.set(existing.id, existing.annotations);
    return octokit.request(`PATCH ${UPDATE}`, { owner, repo, check_run_id: existing.id, name, ...fields });
  });
  return octokit;
}
