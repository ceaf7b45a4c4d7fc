import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../declaration/types.js";
import { chunkAnnotations, diagnosticsToAnnotations } from "./annotations.js";
import { MAX_CHECK_OUTPUT, renderCheckRunOutput } from "./check-run-output.js";
import { sizeOf } from "./escape.js";
import { splitFences } from "./markdown-structure.js";
import { bigPlan, samplePlan } from "./testing.js";

const commit = { sha: "0123456789abcdef", kind: "test-merge" } as const;

describe("renderCheckRunOutput", () => {
  it("carries the whole plan as a diff, and the summary line as the title", async () => {
    const output = renderCheckRunOutput({ kind: "plan", plan: samplePlan(), declarationPath: "okctl.yaml", commit, nextSteps: { kind: "needs-label" } });
    expect(output.title).toBe("Plan: 2 to create, 2 to update, 1 to replace, 1 to destroy.");
    expect(output.summary).toContain("**Destructive changes:**");
    expect(output.text).not.toContain("hunter2");
    await expect(`${output.summary}\n\n---\n\n${output.text}`).toMatchFileSnapshot("__snapshots__/check-run-plan.md");
  });

  it("fits a plan of thousands of resources with huge values within the Checks API limits", () => {
    const output = renderCheckRunOutput({ kind: "plan", plan: bigPlan(3000, 2000), declarationPath: "okctl.yaml", commit, nextSteps: { kind: "merge-to-apply" } });
    expect(sizeOf(output.summary)).toBeLessThanOrEqual(MAX_CHECK_OUTPUT);
    expect(sizeOf(output.text ?? "")).toBeLessThanOrEqual(MAX_CHECK_OUTPUT);
    const diff = splitFences(output.text ?? "").blocks[0]?.content ?? "";
    expect(diff).toMatch(/\n\n# … \d+ more not shown/);
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
