// Every one of GitHub's own example deliveries (@octokit/webhooks-examples) of the three events
// okctl subscribes to is classified without throwing, and asks for exactly the jobs its action and
// content call for: the handler must never answer GitHub with a 500 for a payload shape it did
// not expect.
import { createRequire } from "node:module";
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import type { WebhookDefinition } from "@octokit/webhooks-examples";
import { describe, expect, it } from "vitest";
import { jobsForIssueComment, jobsForPullRequest, jobsForPush, PLANNED_PULL_REQUEST_ACTIONS } from "./webhook-jobs.js";

const definitions = createRequire(import.meta.url)("@octokit/webhooks-examples") as WebhookDefinition[];

function examplesOf<T>(event: string): [string, T][] {
  const definition = definitions.find((d) => d.name === event);
  if (!definition) throw new Error(`no examples for ${event}`);
  return (definition.examples as unknown as (T & { action?: string })[]).map((example, i) => [`#${i} ${example.action ?? ""}`.trim(), structuredClone(example)]);
}

type PullRequestEvent = EmitterWebhookEvent<"pull_request">["payload"];
type PushEvent = EmitterWebhookEvent<"push">["payload"];
type IssueCommentEvent = EmitterWebhookEvent<"issue_comment">["payload"];

describe("GitHub's example pull_request deliveries", () => {
  it.each(examplesOf<PullRequestEvent>("pull_request"))("%s: a plan exactly for the planned actions of a non-draft PR", (_, event) => {
    const jobs = jobsForPullRequest(event);
    const destroyLabel = (event.action === "labeled" || event.action === "unlabeled") && event.label?.name === "okctl/allow-destroy" && event.pull_request.state === "open";
    const planned = ((PLANNED_PULL_REQUEST_ACTIONS as readonly string[]).includes(event.action) || destroyLabel) && !event.pull_request.draft && "installation" in event && Boolean(event.installation);
    expect(jobs.map((job) => job.kind)).toEqual(planned ? ["plan"] : []);
    if (planned) expect(jobs[0]?.key).toBe(`${event.repository.full_name}#${event.pull_request.number}`);
  });
});

describe("GitHub's example push deliveries", () => {
  it.each(examplesOf<PushEvent>("push"))("%s: nothing unless the default branch moved, then at most one merge job", (_, event) => {
    const jobs = jobsForPush(event);
    const onDefaultBranch = event.ref === `refs/heads/${event.repository.default_branch}` && !event.deleted && Boolean(event.installation);
    if (!onDefaultBranch) expect(jobs).toEqual([]);
    expect(jobs.length).toBeLessThanOrEqual(1);
    for (const job of jobs) expect(job).toMatchObject({ kind: "merge", queue: `repository:${event.repository.full_name}` });
  });
});

describe("GitHub's example issue_comment deliveries", () => {
  it.each(examplesOf<IssueCommentEvent>("issue_comment"))("%s: a command only for a new /okctl comment on a pull request", (_, event) => {
    expect(jobsForIssueComment(event)).toEqual([]); // none of the examples is an /okctl command
    event.comment.body = "/okctl plan";
    const isCommand = event.action === "created" && Boolean(event.issue.pull_request) && event.comment.user?.type !== "Bot" && Boolean(event.installation);
    expect(jobsForIssueComment(event).map((job) => job.kind)).toEqual(isCommand ? ["command"] : []);
  });

  it.each(examplesOf<IssueCommentEvent>("issue_comment"))("%s: moved onto a pull request of an installation, /okctl is a command when created", (_, event) => {
    event.comment.body = "/okctl plan";
    const url = event.issue.url.replace("/issues/", "/pulls/");
    event.issue.pull_request = { url, html_url: url, diff_url: `${url}.diff`, patch_url: `${url}.patch`, merged_at: null };
    event.installation ??= { id: 42, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI=" };
    const jobs = jobsForIssueComment(event);
    expect(jobs.map((job) => job.kind)).toEqual(event.action === "created" ? ["command"] : []);
    if (event.action === "created") expect(jobs[0]?.payload).toMatchObject({ commenter: event.comment.user?.login, pullNumber: event.issue.number });
  });
});
