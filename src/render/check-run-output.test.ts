import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../declaration/types.js";
import { chunkAnnotations, diagnosticsToAnnotations } from "./annotations.js";
import { MAX_CHECK_OUTPUT, renderCheckRunOutput } from "./check-run-output.js";
import { sizeOf } from "./escape.js";
import { splitFences } from "./markdown-structure.js";
import { renderPlanComment } from "./plan-comment.js";
import { bigPlan, sampleCost, samplePlan } from "./testing.js";

const commit = { sha: "0123456789abcdef", kind: "test-merge" } as const;

describe("renderCheckRunOutput", () => {
  it("carries the whole plan as a diff, and the summary line as the title", async () => {
    const output = renderCheckRunOutput({ kind: "plan", plan: samplePlan(), declarationPath: "okctl.yaml", commit, nextSteps: { kind: "needs-label" }, cost: sampleCost() });
    expect(output.title).toBe("Plan: 2 to create, 3 to update, 1 to replace, 1 to destroy.");
    expect(output.summary).toContain("**Cost:** $412 → $489 per month");
    expect(output.summary).not.toContain("\\n");
    expect(output.summary).toContain("**Destructive changes:**");
    expect(output.text).not.toContain("hunter2");
    await expect(`${output.summary}\n\n---\n\n${output.text}`).toMatchFileSnapshot("__snapshots__/check-run-plan.md");
    const merge = renderCheckRunOutput({ kind: "plan", plan: samplePlan(), declarationPath: "okctl.yaml", commit, nextSteps: { kind: "merge-to-apply" } });
    expect(merge.summary).toContain("the result is posted as a comment on this pull request");
    expect(merge.summary).not.toContain("posted here");
  });

  it("fits a plan of thousands of resources with huge values within the Checks API limits, and says how to print it all", () => {
    const output = renderCheckRunOutput({ kind: "plan", plan: bigPlan(3000, 2000), declarationPath: "okctl.yaml", commit, nextSteps: { kind: "merge-to-apply" } });
    expect(sizeOf(output.summary)).toBeLessThanOrEqual(MAX_CHECK_OUTPUT);
    expect(sizeOf(output.text ?? "")).toBeLessThanOrEqual(MAX_CHECK_OUTPUT);
    const diff = splitFences(output.text ?? "").blocks[0]?.content ?? "";
    expect(diff).toMatch(/\n\n# … \d+ more changed resources do not fit in GitHub's limits/);
    expect(output.text).toContain("okctl plan -f okctl.yaml --repository acme/shop");
  });

  it("carries the resources the comment left out when the whole plan does not fit", () => {
    const plan = bigPlan(600, 60);
    const comment = renderPlanComment({ plan, declarationPath: "okctl.yaml", commit, nextSteps: { kind: "merge-to-apply" } });
    expect(comment.shownResources).toBeGreaterThan(0);
    expect(comment.shownResources).toBeLessThan(600);
    const output = renderCheckRunOutput({ kind: "plan", plan, declarationPath: "okctl.yaml", commit, nextSteps: { kind: "merge-to-apply" }, commentShows: comment.shownResources });
    const diff = splitFences(output.text ?? "").blocks[0]?.content ?? "";
    expect(diff).toContain(`# The first ${comment.shownResources} of 600 changed resources are in the pull request's plan comment`);
    expect(diff).toContain(`parameter "parameter/p${comment.shownResources}"`);
    expect(diff).not.toContain(`parameter "parameter/p${comment.shownResources - 1}"`);
    expect(diff).toContain('parameter "parameter/p599"');
    expect(output.text).not.toContain("okctl plan -f");
  });

  it("keeps a plan that fits whole", () => {
    const output = renderCheckRunOutput({ kind: "plan", plan: bigPlan(400), declarationPath: "okctl.yaml", commit, nextSteps: { kind: "merge-to-apply" } });
    expect(output.text).toContain('parameter "parameter/p399"');
    expect(output.text).not.toContain("more not shown");
  });

  it("titles a validation failure and a refusal", () => {
    const diagnostics: Diagnostic[] = [{ file: "okctl.yaml", line: 2, column: 1, path: "/kind", message: "must be Cluster" }];
    expect(renderCheckRunOutput({ kind: "validation", declarationPath: "okctl.yaml", diagnostics }).title).toBe("okctl.yaml is not valid (1 problem)");
    const refusal = renderCheckRunOutput({ kind: "refusal", declarationPath: "okctl.yaml", reason: "No access entry for acme/shop." });
    expect(refusal.title).toBe("okctl will not act on this declaration");
    expect(refusal.summary).toContain("No access entry for acme/shop.");
  });

  it("shows the live step list of an apply", () => {
    const running = renderCheckRunOutput({
      kind: "apply", plan: samplePlan(), declarationPath: "okctl.yaml", commit: { sha: "abc", kind: "merge" },
      steps: [
        { id: "vpc", action: "replace", status: "done", durationMs: 3000 },
        { id: "subnet/private-a", action: "create", status: "running" },
        { id: "hosted-zone", action: "update", status: "not-started" },
      ],
    });
    expect(running.title).toBe("Applying: 1 of 3 done");
    expect(running.text).toContain("- ⏳ create `subnet/private-a` running");
  });
});

describe("annotations", () => {
  const diagnostics: Diagnostic[] = Array.from({ length: 120 }, (_, index) => ({ file: "okctl.yaml", line: index + 1, column: 5, path: "/vpc/cidr", message: `problem ${index}` }));

  it("puts each diagnostic on its line as a failure", () => {
    expect(diagnosticsToAnnotations("clusters/dev/okctl.yaml", diagnostics)[7]).toEqual({
      path: "clusters/dev/okctl.yaml", start_line: 8, end_line: 8, start_column: 5, end_column: 5,
      annotation_level: "failure", message: "problem 7", title: "okctl.yaml /vpc/cidr",
    });
  });

  it("shows control and bidi characters a hostile declaration brings as escapes, in annotations, the summary and the comment", async () => {
    const { loadDeclaration } = await import("../declaration/load.js");
    const { renderValidationComment } = await import("./validation-comment.js");
    const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
    const yaml = 'apiVersion: okctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: "a\\u202eb\\u001b[2J"\n  accountID: "123456789012"\n  "re\\u2066gion\\u0085": eu-west-1\nclusterRootDomain: "x\\u200f.example.org"\n';
    const result = loadDeclaration(yaml, "okctl.yaml");
    expect(result.ok).toBe(false);
    const found = result.ok ? [] : result.diagnostics;
    expect(found.map((d) => d.message).join("\n")).toMatch(RAW); // the messages quote the hostile text…
    const shown = [
      ...diagnosticsToAnnotations("okctl.yaml", found).flatMap((a) => [a.message, a.title ?? ""]),
      renderCheckRunOutput({ kind: "validation", declarationPath: "okctl.yaml", diagnostics: found }).summary,
      renderValidationComment("okctl.yaml", found, { sha: "0123456789abcdef0123456789abcdef01234567", kind: "head" }),
    ];
    for (const text of shown) expect(text).not.toMatch(RAW); // …and nothing shows it raw
    expect(shown.join("\n")).toContain("\\u202e");
  });

  it("annotates the first 50 only (one request), and the summary says how many there are in all", () => {
    expect(diagnosticsToAnnotations("okctl.yaml", diagnostics)).toHaveLength(50);
    expect(chunkAnnotations(diagnostics).map((chunk) => chunk.length)).toEqual([50, 50, 20]);
    expect(chunkAnnotations([])).toEqual([]);
    const output = renderCheckRunOutput({ kind: "validation", declarationPath: "okctl.yaml", diagnostics });
    expect(output.title).toBe("okctl.yaml is not valid (120 problems)");
    expect(output.summary).toContain("- line 50, column 5: problem 49");
    expect(output.summary).not.toContain("problem 50");
    expect(output.summary).toContain("… and 70 more, not shown");
  });
});
