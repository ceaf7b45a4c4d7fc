import { describe, expect, it } from "vitest";
import { renderPlanComment, type PlanCommentInput } from "./markdown.js";
import { findMarker } from "./marker.js";
import { plainMarkdown, splitFences } from "./markdown-structure.js";
import { sizeOf } from "./escape.js";
import { UNPROVEN_OWNER } from "../plan/ownership.js";
import { checkRunCarriesFrom } from "./full-plan.js";
import { planDiff } from "./markdown-diff.js";
import { bigPlan, collisionPlan, fullExampleFirstPlan, hostilePlan, noChangesPlan, sampleCost, samplePlan } from "./testing.js";

const commit = { sha: "0123456789abcdef0123456789abcdef01234567", kind: "test-merge" } as const;

function render(overrides: Partial<PlanCommentInput> = {}) {
  return renderPlanComment({ plan: samplePlan(), declarationPath: "clusters/dev/okctl.yaml", commit, nextSteps: { kind: "needs-label" }, ...overrides });
}

describe("renderPlanComment", () => {
  it("renders the sample plan, its cost in the summary", async () => {
    const { body, truncated } = render({ cost: sampleCost() });
    expect(body).toContain("**Cost:** $412 → $489 per month");
    expect(body.indexOf("Cost:")).toBeLessThan(body.indexOf("<details>"));
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
    expect(render().body).toContain("**Plan: 2 to create, 3 to update, 1 to replace, 1 to destroy.**");
  });

  it("warns loudly about destructive actions, conflicts and notes", () => {
    const { body } = render();
    const caution = body.split("\n\n").find((block) => block.startsWith("> [!CAUTION]\n> **Destructive changes:**"));
    expect(caution).toBeDefined();
    expect(caution).toContain("`-/+` replace vpc `vpc`: `cidr` forces replacement");
    expect(caution).toContain("`-` destroy subnet `subnet/legacy`");
    expect(body).toMatch(/> \[!WARNING\]\n> \*\*Not this repository.s:\*\*/);
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
    expect(diff?.content).toContain('!     cidr: "10.1.0.0/16" → "10.0.0.0/16"   # forces replacement');
    expect(diff?.content).toContain('!     comment: "old comment" → "managed by okctl"');
    expect(diff?.content).toContain('- destroy subnet "subnet/legacy"');
    expect(diff?.content).toContain("+     value: (sensitive)");
    expect(body).not.toContain("hunter2");
  });

  it("starts every diff line with a mark GitHub colours: + - ! or #", () => {
    for (const plan of [samplePlan(), fullExampleFirstPlan()]) {
      const diff = splitFences(render({ plan }).body).blocks.find((block) => block.info === "diff")?.content ?? "";
      for (const line of diff.split("\n").filter((text) => text !== "")) expect(line).toMatch(/^[-+!#]/);
    }
  });

  it("marks a replace's changed attributes as changes, not each as destroyed", () => {
    const diff = splitFences(render().body).blocks.find((block) => block.info === "diff")?.content ?? "";
    const replace = diff.split("\n\n").find((chunk) => chunk.startsWith("-/+ replace vpc")) ?? "";
    expect(replace.split("\n").slice(1)).toEqual(["#     cidr cannot be changed in place.", '!     cidr: "10.1.0.0/16" → "10.0.0.0/16"   # forces replacement']);
  });

  it("shows tag changes as the keys that change, and a created resource's tags one a line, the shared ones once", () => {
    const diff = splitFences(render().body).blocks.find((block) => block.info === "diff")?.content ?? "";
    expect(diff).toContain('!     tags["okctl.io/environment"]: "dev" → "prod"');
    expect(diff).toContain('+     tags["kubernetes.io/role/internal-elb"]: "1"');
    expect(diff.match(/okctl\.io\/repository/g)).toHaveLength(1);
    expect(diff).toMatch(/^# Each created resource is tagged Name \(its name\), okctl\.io\/resource \(its id\), the tags it lists, and:\n#     tags\["okctl.io\/cluster"\]: "shop-dev"/);
    expect(diff).not.toMatch(/tags: \{/);
  });

  it("breaks long values over several lines, old over new, and never leaves a line running off", () => {
    const diff = splitFences(render().body).blocks.find((block) => block.info === "diff")?.content ?? "";
    expect(diff).toContain('!     description:\n-         (JSON text)\n-           "Version": "2012-10-17"');
    expect(diff).toContain('+               "Action": ["ssm:GetParameter", "ssm:GetParametersByPath"]');
    for (const plan of [samplePlan(), fullExampleFirstPlan()]) {
      const content = splitFences(render({ plan }).body).blocks.find((block) => block.info === "diff")?.content ?? "";
      for (const line of content.split("\n")) expect([...line].length).toBeLessThanOrEqual(110);
    }
  });

  it("leaves out attributes that are not set instead of showing null", () => {
    const diff = splitFences(render().body).blocks.find((block) => block.info === "diff")?.content ?? "";
    expect(diff).not.toContain("null");
    expect(render({ plan: fullExampleFirstPlan() }).body).not.toContain("description: null");
  });

  it("renders the manual DNS delegation as lines to read and records to copy, with no escaped line breaks", () => {
    const { body } = render();
    expect(body).not.toContain("\\n");
    expect(body).toContain("> - `zone-delegation`: The parent zone shop.example.com is not hosted in this AWS account");
    expect(body).toContain(">   ```text\n>   name: dev.shop.example.com.  type: NS  TTL: 300\n>   ns-1.example.net.\n>   ns-2.example.org.\n>   ```");
  });

  it("states a clash with another repository's resource once, with advice that fits its kind", () => {
    const { body } = render({ plan: collisionPlan(), nextSteps: { kind: "errors" } });
    expect(body.match(/certificate\/api\.shop\.example\.com/g)).toHaveLength(1);
    expect(body).toContain("Declare the certificate for another domain, or have acme/other remove it from its okctl.yaml first.");
    expect(body).not.toContain("cluster name");
    expect(body).toMatch(/> \[!CAUTION\]\n> \*\*This plan cannot be applied\*\* \(1 problem\):/);
  });

  it("states a clash with a resource not proven to be okctl's once, as the problem it is", () => {
    const conflict = { id: "zone-delegation", kind: "zone-delegation" as const, physicalId: "Z9/dev.shop.example.com", ownerRepository: UNPROVEN_OWNER, message: "zone-delegation Z9/dev.shop.example.com exists where zone-delegation would be; okctl leaves it alone." };
    const error = "zone-delegation: zone-delegation Z9/dev.shop.example.com already exists and is not proven to be this repository's. Delete it by hand and plan again.";
    const { body } = render({ plan: { ...noChangesPlan(), conflicts: [conflict], errors: [error] }, nextSteps: { kind: "errors" } });
    expect(body.match(/Z9\/dev\.shop\.example\.com/g)).toHaveLength(1);
    expect(body).toContain("> **This plan cannot be applied** (1 problem):\n> - zone\\-delegation: zone\\-delegation Z9/dev.shop.example.com already exists");
  });

  it("puts optional summary lines (the cost) right under the summary line, outside every fold", () => {
    const { body } = render({ summaryLines: ["Cost: $412 → $489 per month (+$77)"] });
    expect(body).toContain("**Plan: 2 to create, 3 to update, 1 to replace, 1 to destroy.**<br>\nCost: $412 → $489 per month (+$77)\n\n> [!CAUTION]");
  });

  it("draws the dependency graph, folded, with short labels and a class per action", () => {
    const mermaid = splitFences(render().body).blocks.find((block) => block.info === "mermaid");
    expect(mermaid?.content).toMatch(/^graph LR/);
    expect(mermaid?.content).toContain('["vpc"]:::replace');
    expect(mermaid?.content).toContain('["subnet<br>legacy"]:::delete');
    expect(mermaid?.content).toMatch(/n0 --> n\d/);
  });

  it("starts a held plan with what happened and what to do, and keeps the reviewed plan readable under it", () => {
    const reviewed = { plan: noChangesPlan(), commit: { sha: "abcdef0123456789", kind: "head" } as const };
    const { body } = render({ nextSteps: { kind: "held", reason: "AWS changed since the review.", expiresAt: "2026-12-07 08:30 UTC" }, reviewed });
    const afterContext = body.split("\n\n")[1] ?? "";
    expect(afterContext).toMatch(/^> \[!WARNING\]\n> \*\*Held: nothing was applied\.\*\*/);
    expect(afterContext).toContain("(`abcdef0`)");
    expect(afterContext).toContain("comment `/okctl apply` on this pull request to apply it (until 2026\\-12\\-07 08:30 UTC).");
    expect(body).toContain("### okctl plan (held) for");
    expect(body).toContain("<details><summary>The plan reviewed before merge (not applied)</summary>");
    expect(body.indexOf("Changes of the new plan")).toBeLessThan(body.indexOf("The plan reviewed before merge"));
  });

  it("words a held apply asked for on a drift issue for that issue, never for a pull request", () => {
    const reviewed = { plan: noChangesPlan() };
    const { body } = render({ commit: { sha: "0123456789abcdef", kind: "default-branch" }, nextSteps: { kind: "held", reason: "AWS changed since the check.", on: "drift-issue" }, reviewed });
    expect(body).toContain("<details><summary>The plan this issue showed (not applied)</summary>");
    expect(body).toContain("a plan different from the one this issue showed");
    expect(body).toContain("comment `/okctl apply` on this issue to apply it. To check again instead, comment `/okctl plan`.");
    expect(body).toContain("Comment `/okctl apply` on this issue to apply this plan");
    expect(body).not.toMatch(/pull request|before merge|merge it|expires/);
  });

  it("says No changes, without warnings or a diff", () => {
    const { body } = render({ plan: noChangesPlan(), nextSteps: { kind: "no-changes" } });
    expect(body).toContain("**No changes.**");
    expect(body).not.toContain("[!CAUTION]");
    expect(splitFences(body).blocks.map((block) => block.info)).toEqual([]);
  });

  it.each([
    [{ kind: "merge-to-apply" } as const, "Merge this pull request and okctl applies this plan"],
    [{ kind: "merge-to-apply", needsApproval: true } as const, "Once someone with write permission has approved this pull request at this commit, merge it"],
    [{ kind: "held", cause: "approval-missing", reason: "no approving review" } as const, "**Held: nothing was applied.** The merge lacks the approval of this plan that okctl needs before it applies. no approving review"],
    [{ kind: "held", cause: "no-plan-to-approve", reason: "no plan" } as const, "**To do:** `/okctl apply` cannot apply this merge. Open a pull request that changes this declaration"],
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

  it("shows control and bidi characters of AWS names, ids, values and messages as escapes, in the comment and the check run", async () => {
    const { renderCheckRunOutput } = await import("./check-run-output.js");
    const controls = "\u001b]0;t\u0007\u001b[2J\u009b8m\u202eevil\u2066x\u2069\u200f\u0085";
    const plan = JSON.parse(JSON.stringify(hostilePlan()).replaceAll("@everyone", `@everyone${JSON.stringify(controls).slice(1, -1)}`)) as ReturnType<typeof hostilePlan>;
    const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
    const { body } = render({ plan, declarationPath: `a${controls}/okctl.yaml` });
    expect(body).not.toMatch(RAW);
    expect(body).toContain("\\u202eevil");
    const output = renderCheckRunOutput({ kind: "plan", plan, declarationPath: `a${controls}/okctl.yaml`, commit, nextSteps: { kind: "merge-to-apply" } });
    for (const text of [output.title, output.summary, output.text ?? ""]) expect(text).not.toMatch(RAW);
  });

  it("cuts a plan of thousands of resources at a resource boundary, and says the check run carries the rest", () => {
    const plan = bigPlan(600, 60);
    const { body, truncated, shownResources } = render({ plan, nextSteps: { kind: "merge-to-apply" } });
    expect(truncated).toBe(true);
    expect(sizeOf(body)).toBeLessThanOrEqual(65536);
    expect(findMarker(body)?.path).toBe("clusters/dev/okctl.yaml");
    const diff = splitFences(body).blocks.find((block) => block.info === "diff")?.content ?? "";
    const shown = diff.split("\n\n").slice(1);
    expect(shown).toHaveLength(shownResources);
    expect(shown.at(-1)).toMatch(/^\+ create parameter "parameter\/p\d+" \(shop-p\d+\)\n\+     value: "v\d+-x+"$/);
    expect(checkRunCarriesFrom(planDiff(plan.changes), shownResources)).toBe(true);
    expect(body).toContain(`**Cut for length:** ${600 - shown.length} of 600 changed resources are not shown`);
    expect(body).toContain(`The \`okctl plan\` check run on this commit carries the rest, after the first ${shown.length}.`);
    expect(body).toContain("What happens next");
  });

  it("past both limits, says so and gives the exact command that prints the whole plan", () => {
    const { body } = render({ plan: bigPlan(5000), nextSteps: { kind: "merge-to-apply" } });
    expect(sizeOf(body)).toBeLessThanOrEqual(65536);
    expect(body).toContain("The plan is also too long for the `okctl plan` check run");
    expect(body).toContain("> ````sh\n> okctl plan -f clusters/dev/okctl.yaml --repository acme/shop\n> ````".replace(/````/g, "```"));
    expect(body).toContain("check out commit `0123456789abcdef0123456789abcdef01234567`");
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
