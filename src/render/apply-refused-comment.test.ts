import { describe, expect, it } from "vitest";
import { findMarker, renderApplyRefusedComment } from "./markdown.js";
import { samplePlan } from "./testing.js";

describe("renderApplyRefusedComment", () => {
  it("takes the apply result's place and says what stopped the apply, without claiming no AWS call was made", () => {
    const plan = samplePlan();
    const body = renderApplyRefusedComment("prod/okctl.yaml", plan, 'The pull request does not carry the label "okctl/allow-destroy".\nAdd it, then comment "/okctl apply".', { sha: "0123456789abcdef", kind: "merge" });
    expect(findMarker(body)).toEqual({ kind: "apply", path: "prod/okctl.yaml" });
    expect(body).toContain("### okctl apply for `prod/okctl.yaml`");
    expect(body).toContain("> [!WARNING]");
    expect(body).toContain(`**Not applied.** Plan: ${plan.summary.create} to create`);
    expect(body.replaceAll("\\", "")).toContain('does not carry the label "okctl/allow-destroy"'); // Markdown escapes aside
    expect(body).toContain('> Add it, then comment "/okctl apply".');
    expect(body).not.toContain("No AWS calls were made");
  });
});
