// Counting GitHub API requests for /metrics: a hook on an installation client, by method and
// route template (never the expanded URL: owners and repositories would make unbounded labels).
import type { Octokit } from "../github/index.js";
import { githubRequestErrors, githubRequests, labelValue } from "./metrics.js";

export function instrumentOctokit(octokit: Octokit): Octokit {
  octokit.hook.wrap("request", async (request, options) => {
    const labels = { method: labelValue(String(options.method)), route: labelValue(String(options.url)) };
    githubRequests.inc(labels);
    try {
      return await request(options);
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      githubRequestErrors.inc({ ...labels, status: typeof status === "number" ? String(status) : "0" });
      throw error;
    }
  });
  return octokit;
}
