import { describe, expect, it } from "vitest";
import { renderPlanComment, type PlanCommentInput } from "./markdown.js";
import { findMarker } from "./marker.js";
import { plainMarkdown, splitFences } from "./markdown-structure.js";
import { sizeOf } from "./escape.js";
import { bigPlan, hostilePlan, noChangesPlan, samplePlan } from "./testing.js";

const commit = { sha: "0123456789abcdef0123456789abcdef01234567", kind: "test-merge" } as const;

function render(overrides: Partial<PlanCommentInput> = {}) {
  return renderPlanComment({ plan: samplePlan(), declarationPath: "clusters/dev/okctl.yaml", commit, nextSteps: { kind: "needs-label" }, ...overrides });
}

describe("renderPlanComment", () => {
  it("renders the sample plan", async () => {
    const { body, truncated } = render();
    expect(truncated).toBe(false);
    await expect(body).toMatchFileSnapshot("__snapshots__/plan-comment.md");
  });

  it("starts with the marker and says what, where and for which commit", () => {
    const { body } = render();
    expect(findMarker(body)).toEqual({ kind: "plan", path: "clusters/dev/okctl.yaml" });
    expect(body).toContain("`clusters/dev/okctl.yaml`");
    expect(body).toContain("`shop-dev`");
    expect(body).toContain("`123456789012`");
    expect(body).toContain("`eu-west-1`");
    expect(body).toContain("`0123456` (GitHub's test merge");
    expect(render({ commit: { sha: "fedcba9876", kind: "head" } }).body).toContain("`fedcba9` (the head of this pull request;");
  });

  it("has the exact summary line", () => {
    expect(render().body).toContain("**Plan: 2 to create, 2 to update, 1 to replace, 1 to destroy.**");
  });

  it("warns loudly about destructive actions, conflicts and notes", () => {
    const { body } = render();
    const caution = body.split("\n\n").find((block) => block.startsWith("> [!CAUTION]\n> **Destructive changes:**"));
    expect(caution).toBeDefined();
    expect(caution).toContain("`-/+` replace vpc `vpc`: `cidr` forces replacement");
    expect(caution).toContain("`-` destroy subnet `subnet/legacy`");
    expect(body).toMatch(/> \[!WARNING\]\n> \*\*Conflicts:\*\*/);
    expect(body).toMatch(/> \[!IMPORTANT\]\n> \*\*To do by hand/);
    expect(body).toContain("`okctl/allow-destroy`");
  });

  it("puts outage-class changes first, in their own alert, saying what stops", () => {
    const { body } = render();
    const blocks = body.split("\n\n");
    const outage = blocks.findIndex((block) => block.startsWith("> [!CAUTION]\n> **Outage:**"));
    const destructive = blocks.findIndex((block) => block.startsWith("> [!CAUTION]\n> **Destructive changes:**"));
    expect(outage).toBeGreaterThan(0);
    expect(outage).toBeLessThan(destructive);
    expect(blocks[outage]).toContain("**the VPC vpc\\-0abc is replaced**: everything in it loses its network");
    expect(render({ plan: noChangesPlan() }).body).not.toContain("**Outage:**");
  });

  it("shows the changes as a diff, with secrets and unknowns as words", () => {
    const { body } = render();
    const diff = splitFences(body).blocks.find((block) => block.info === "diff");
    expect(diff?.content).toContain('+ create subnet "subnet/private-a"');
    expect(diff?.content).toContain("+     vpcId: (known after apply)");
    expect(diff?.content).toContain('-/+     cidr: "10.1.0.0/16" → "10.0.0.0/16"   # forces replacement');
    expect(diff?.content).toContain('~     comment: "old comment" → "managed by okctl"');
    expect(diff?.content).toContain('- destroy subnet "subnet/legacy"');
    expect(diff?.content).toContain("+     value: (sensitive)");
    expect(body).not.toContain("hunter2");
  });

  it("draws the dependency graph, folded, with a class per action", () => {
    const mermaid = splitFences(render().body).blocks.find((block) => block.info === "mermaid");
    expect(mermaid?.content).toMatch(/^graph LR/);
    expect(mermaid?.content).toContain('["vpc: vpc"]:::replace');
    expect(mermaid?.content).toContain('["subnet: subnet/legacy"]:::delete');
    expect(mermaid?.content).toMatch(/n0 --> n\d/);
  });

  it("says No changes, without warnings or a diff", () => {
    const { body } = render({ plan: noChangesPlan(), nextSteps: { kind: "no-changes" } });
    expect(body).toContain("**No changes.**");
    expect(body).not.toContain("[!CAUTION]");
    expect(splitFences(body).blocks.map((block) => block.info)).toEqual(["mermaid"]);
  });

  it.each([
    [{ kind: "merge-to-apply" } as const, "Merge this pull request and okctl applies this plan"],
    [{ kind: "not-allowed-to-destroy" } as const, "access entry does not allow destroy"],
    [{ kind: "held" } as const, "comment `/okctl apply`"],
    [{ kind: "errors" } as const, "cannot be applied until the problems above are fixed"],
  ])("says what happens next (%o)", (nextSteps, text) => {
    const { body } = render({ nextSteps });
    expect(body).toContain(text);
    expect(body).toContain("`/okctl plan`");
    expect(body).toContain("`/okctl help`");
  });

  it("keeps hostile ids, names, values and messages inside their blocks", () => {
    const { body } = render({ plan: hostilePlan(), declarationPath: "a```/</details>/okctl.yaml" });
    const plain = plainMarkdown(body);
    expect(plain).not.toContain("<script");
    expect(plain).not.toMatch(/@everyone/);
    expect(plain.match(/<details>/g)?.length).toBe(plain.match(/<\/details>/g)?.length);
    expect(splitFences(body).blocks.map((block) => block.info)).toEqual(["diff", "mermaid"]);
    for (const line of body.split("\n\n").filter((block) => block.startsWith("> [!")).flatMap((block) => block.split("\n"))) {
      expect(line.startsWith(">")).toBe(true);
    }
  });

  it("cuts a plan of thousands of resources at a resource boundary, within the limit", () => {
    const { body, truncated } = render({ plan: bigPlan(5000), nextSteps: { kind: "merge-to-apply" } });
    expect(truncated).toBe(true);
    expect(sizeOf(body)).toBeLessThanOrEqual(65536);
    expect(findMarker(body)?.path).toBe("clusters/dev/okctl.yaml");
    const diff = splitFences(body).blocks.find((block) => block.info === "diff")?.content ?? "";
    const shown = diff.split("\n\n");
    expect(shown.at(-1)).toMatch(/^\+ create parameter "parameter\/p\d+" \(shop-p\d+\)\n\+     value: "v\d+-x+"$/);
    expect(body).toContain(`**Cut for length:** ${5000 - shown.length} changed resources are not shown`);
    expect(body).toContain("check run on this commit carries the full plan");
    expect(body).toContain("What happens next");
  });

  it("stays within the limit with huge attribute values, and with a small limit", () => {
    const huge = render({ plan: bigPlan(200, 100_000) });
    expect(sizeOf(huge.body)).toBeLessThanOrEqual(65536);
    expect(huge.body).toMatch(/\(100\d{3} characters\)/);
    for (const maxLength of [20_000, 3_000, 500, 40]) {
      const small = render({ plan: bigPlan(300), maxLength });
      expect(sizeOf(small.body)).toBeLessThanOrEqual(maxLength);
      expect(small.truncated).toBe(true);
    }
  });

  it("drops the diagram before cutting any resource", () => {
    const plan = bigPlan(60, 40);
    const full = render({ plan });
    expect(full.truncated).toBe(false);
    const tight = render({ plan, maxLength: sizeOf(full.body) - 10 });
    expect(tight.truncated).toBe(true);
    expect(tight.body).not.toContain("```mermaid");
    expect(tight.body).not.toContain("Cut for length");
  });
});
