import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../declaration/types.js";
import { sizeOf } from "./escape.js";
import {
  findMarker,
  renderApplyResultComment,
  renderCommandRefusedComment,
  renderHelpComment,
  renderRefusalComment,
  renderValidationComment,
  type ApplyStep,
} from "./markdown.js";
import { plainMarkdown } from "./markdown-structure.js";
import { samplePlan } from "./testing.js";

const commit = { sha: "0123456789abcdef", kind: "head" } as const;
const diagnostics: Diagnostic[] = [
  { file: "okctl.yaml", line: 3, column: 14, path: "/metadata/accountID", message: "must be 12 digits, e.g. \"123456789012\"" },
  { file: "okctl.yaml", line: 9, column: 3, path: "/vpc/colour", message: "unknown key <colour>: remove it" },
];

describe("renderValidationComment", () => {
  it("takes the plan comment's place and lists every problem with its line", async () => {
    const body = renderValidationComment("clusters/dev/okctl.yaml", diagnostics, commit);
    expect(findMarker(body)).toEqual({ kind: "plan", path: "clusters/dev/okctl.yaml" });
    expect(body).toContain("> [!CAUTION]");
    expect(body).toContain("**line 3, column 14** `/metadata/accountID`: must be 12 digits");
    expect(plainMarkdown(body)).not.toContain("<colour>");
    await expect(body).toMatchFileSnapshot("__snapshots__/validation-comment.md");
  });

  it("caps the list for thousands of problems", () => {
    const many = Array.from({ length: 5000 }, (_, index) => ({ ...diagnostics[0] as Diagnostic, line: index + 1 }));
    const body = renderValidationComment("okctl.yaml", many, commit);
    expect(body).toContain("… and 4950 more, not shown");
    expect(body).toContain("(5000 problems)");
    expect(sizeOf(body)).toBeLessThan(65536);
  });
});

describe("renderRefusalComment", () => {
  it("explains the refusal, escaped, and that AWS was not called", () => {
    const body = renderRefusalComment("okctl.yaml", "Pull requests from forks are not planned for <acme/shop>.", commit);
    expect(findMarker(body)?.kind).toBe("plan");
    expect(body).toContain("> [!WARNING]");
    expect(body).toContain("forks are not planned for &lt;acme/shop&gt;");
    expect(body).toContain("No AWS calls were made.");
  });
});

describe("renderApplyResultComment", () => {
  const plan = samplePlan();
  const base = { plan, declarationPath: "clusters/dev/okctl.yaml", commit: { sha: "fedcba9876543210", kind: "merge" } as const };

  it("reports a successful apply with durations", async () => {
    const steps: ApplyStep[] = [
      { id: "vpc", action: "replace", status: "done", durationMs: 4200 },
      { id: "subnet/private-a", action: "create", status: "done", durationMs: 1800 },
      { id: "hosted-zone", action: "update", status: "done", durationMs: 650 },
      { id: "subnet/legacy", action: "delete", status: "done", durationMs: 843_000 },
    ];
    const { body, truncated } = renderApplyResultComment({ ...base, steps, durationMs: 850_000 });
    expect(truncated).toBe(false);
    expect(findMarker(body)).toEqual({ kind: "apply", path: "clusters/dev/okctl.yaml" });
    expect(body).toContain("**Applied in 14 min 10 s:** 1 created, 1 updated, 1 replaced, 1 destroyed.");
    expect(body).toContain("- ✅ destroy `subnet/legacy` in 14 min 3 s");
    expect(body).toContain("<details><summary>Steps: 4 done</summary>");
    expect(body).not.toContain("What remains");
    await expect(body).toMatchFileSnapshot("__snapshots__/apply-result-success.md");
  });

  it("reports a failure first, and what remains", async () => {
    const steps: ApplyStep[] = [
      { id: "vpc", action: "replace", status: "done", durationMs: 4200 },
      { id: "subnet/private-a", action: "create", status: "failed", durationMs: 900, error: "InvalidSubnet.Conflict: 10.0.1.0/24 overlaps" },
      { id: "nat-gateway/a", action: "create", status: "skipped" },
      { id: "hosted-zone", action: "update", status: "not-started" },
    ];
    const { body } = renderApplyResultComment({ ...base, steps });
    expect(body).toContain("> [!CAUTION]\n> **Apply failed:** 1 change failed. 1 of 4 changes done (1 replaced), 2 not applied.");
    expect(body).toContain(">\n> - okctl could not create `subnet/private-a` (after 900 ms): InvalidSubnet.Conflict: 10.0.1.0/24 overlaps");
    expect(body).not.toContain("did not finish");
    expect(body.indexOf("okctl could not create")).toBeLessThan(body.indexOf("<details><summary>Steps: 1 done, 1 failed, 2 not applied</summary>"));
    expect(body.indexOf("❌ create `subnet/private-a` failed in 900 ms: InvalidSubnet.Conflict")).toBeLessThan(body.indexOf("✅ replace `vpc`"));
    expect(body).toContain("⏭️ create `nat-gateway/a` skipped (depends on a failed resource)");
    expect(body).toContain("**What remains:** 3 changes were not applied.");
    await expect(body).toMatchFileSnapshot("__snapshots__/apply-result-failure.md");
  });

  it("stays within the limit for thousands of steps", () => {
    const steps: ApplyStep[] = Array.from({ length: 4000 }, (_, index) => ({ id: `parameter/${"p".repeat(40)}${index}`, action: "create", status: "failed", error: "e".repeat(500) }));
    const { body, truncated } = renderApplyResultComment({ ...base, steps });
    expect(truncated).toBe(true);
    expect(sizeOf(body)).toBeLessThanOrEqual(65536);
    expect(body).toMatch(/- … \d+ more: see the `okctl apply` check run\./);
    expect(body).toContain("**What remains:** 4000 changes");
  });
});

describe("help and refusal of commands", () => {
  it("lists the commands and the label", () => {
    const body = renderHelpComment();
    for (const command of ["/okctl plan", "/okctl apply", "/okctl help"]) expect(body).toContain(`\`${command}\``);
    expect(body).toContain("`okctl/allow-destroy`");
  });

  it("refuses politely without breaking on the username", () => {
    const body = renderCommandRefusedComment("evil_<b>", "/okctl apply");
    expect(body).toContain("needs write permission");
    expect(body).not.toContain("<b>");
  });
});
