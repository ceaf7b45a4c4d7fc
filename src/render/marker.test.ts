import { describe, expect, it } from "vitest";
import { applyCommentMarker, driftIssueMarker, findMarker, hasMarker, planCommentMarker } from "./marker.js";

describe("comment markers", () => {
  it("round-trip the declaration path", () => {
    for (const path of ["okctl.yaml", "clusters/dev-eu/okctl.yaml", "we ird/%41/ü/okctl.yaml"]) {
      expect(findMarker(`${planCommentMarker(path)}\nbody`)).toEqual({ kind: "plan", path });
      expect(findMarker(applyCommentMarker(path))).toEqual({ kind: "apply", path });
      expect(findMarker(`${driftIssueMarker(path)}\r\nbody`)).toEqual({ kind: "drift", path });
    }
  });

  it("keep a hostile path inside the HTML comment", () => {
    const path = "a-->b--!><script>/--/okctl.yaml\n-->";
    const marker = planCommentMarker(path);
    expect(marker).toMatch(/^<!-- okctl:plan path=\S+ -->$/);
    expect(marker.slice(4, -3)).not.toContain("--");
    expect(marker.slice(4, -3)).not.toContain(">");
    expect(findMarker(marker)).toEqual({ kind: "plan", path });
  });

  it("are found only at the start of the body", () => {
    const marker = planCommentMarker("okctl.yaml");
    expect(findMarker(`quoted:\n${marker}`)).toBeUndefined();
    expect(hasMarker(`${marker}\nbody`, marker)).toBe(true);
    expect(hasMarker(`${marker}x\nbody`, marker)).toBe(false);
    expect(hasMarker(`${planCommentMarker("other/okctl.yaml")}\n`, marker)).toBe(false);
  });
});
