import { describe, expect, it } from "vitest";
import { Webhooks } from "@octokit/webhooks";
import { issueCommentPayload, pullRequestPayload, pushPayload, signWebhook } from "./webhooks.js";
import { exampleWebhook } from "./webhooks-examples.js";

const SECRET = "It's a Secret to Everybody";

describe("signWebhook", () => {
  it("matches @octokit/webhooks' sign, and its verify accepts it", async () => {
    const webhooks = new Webhooks({ secret: SECRET });
    const body = JSON.stringify(pushPayload());
    expect(signWebhook(SECRET, body)).toBe(await webhooks.sign(body));
    await expect(webhooks.verify(body, signWebhook(SECRET, body))).resolves.toBe(true);
  });

  it("is rejected by verify for another secret or another body", async () => {
    const webhooks = new Webhooks({ secret: SECRET });
    const body = JSON.stringify({ hello: "world" });
    await expect(webhooks.verify(body, signWebhook("other", body))).resolves.toBe(false);
    await expect(webhooks.verify(`${body} `, signWebhook(SECRET, body))).resolves.toBe(false);
  });

  it("gives GitHub's documented example signature", () => {
    // From GitHub's "Validating webhook deliveries" page.
    expect(signWebhook(SECRET, "Hello, World!")).toBe(
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    );
  });
});

describe("pullRequestPayload", () => {
  it("keeps the real example's structure and moves it to the scenario's repository", () => {
    const payload = pullRequestPayload({ action: "synchronize", owner: "acme", repo: "infra", number: 7, headSha: "a".repeat(40) });
    const example = exampleWebhook("pull_request", "synchronize");
    expect(Object.keys(payload).sort()).toEqual(Object.keys(example).sort());
    expect(Object.keys(payload.pull_request).sort()).toEqual(Object.keys(example.pull_request as object).sort());
    expect(payload.repository.full_name).toBe("acme/infra");
    expect(payload.repository.owner.login).toBe("acme");
    expect(payload.pull_request.base.repo.full_name).toBe("acme/infra");
    expect(payload.pull_request.url).toBe("https://api.github.com/repos/acme/infra/pulls/7");
    expect(payload.pull_request.head.sha).toBe("a".repeat(40));
    expect(payload.pull_request.statuses_url).toContain("a".repeat(40));
    expect(JSON.stringify(payload)).not.toContain("Hello-World");
    expect(payload.action === "synchronize" && payload.after).toBe("a".repeat(40));
  });

  it("describes forks, labels, merges and the installation", () => {
    const payload = pullRequestPayload({
      action: "closed",
      headRepoFullName: "mallory/booking",
      labels: ["okctl/allow-destroy"],
      merged: true,
      mergeCommitSha: "b".repeat(40),
      installationId: 99,
    });
    expect(payload.pull_request.head.repo?.full_name).toBe("mallory/booking");
    expect(payload.pull_request.head.repo?.fork).toBe(true);
    expect(payload.pull_request.base.repo.fork).toBe(false);
    expect(payload.pull_request.labels.map((l) => l.name)).toEqual(["okctl/allow-destroy"]);
    expect(payload.pull_request.merged).toBe(true);
    expect(payload.pull_request.state).toBe("closed");
    expect(payload.pull_request.merge_commit_sha).toBe("b".repeat(40));
    expect((payload as { installation?: { id: number } }).installation?.id).toBe(99);
  });
});

describe("pushPayload", () => {
  it("lists the scenario's commits, with the last one as head_commit", () => {
    const payload = pushPayload({
      before: "1".repeat(40),
      after: "2".repeat(40),
      commits: [{ added: ["a/okctl.yaml"] }, { modified: ["okctl.yaml"], removed: ["old/okctl.yaml"] }],
    });
    expect(payload.ref).toBe("refs/heads/main");
    expect(payload.repository.default_branch).toBe("main");
    expect(payload.commits.map((c) => [c.added, c.modified, c.removed])).toEqual([
      [["a/okctl.yaml"], [], []],
      [[], ["okctl.yaml"], ["old/okctl.yaml"]],
    ]);
    expect(payload.head_commit?.id).toBe("2".repeat(40));
    expect(payload.installation?.id).toBe(1);
    expect(Object.keys(payload).sort()).toEqual(Object.keys(exampleWebhook("push", undefined, (e) => (e.commits as []).length > 0)).sort());
  });
});

describe("issueCommentPayload", () => {
  it("is a comment on a pull request by the given user", () => {
    const payload = issueCommentPayload({ body: "/okctl plan", user: "alice", number: 3 });
    expect(payload.comment.body).toBe("/okctl plan");
    expect(payload.comment.user?.login).toBe("alice");
    expect(payload.sender.login).toBe("alice");
    expect(payload.issue.number).toBe(3);
    expect(payload.issue.pull_request?.url).toBe("https://api.github.com/repos/oslokommune/booking/pulls/3");
    expect(payload.comment.url).toBe(`https://api.github.com/repos/oslokommune/booking/issues/comments/${payload.comment.id}`);
  });

  it("can be a comment on a plain issue", () => {
    expect(issueCommentPayload({ body: "hi", isPullRequest: false }).issue.pull_request).toBeUndefined();
  });
});
