import { describe, expect, it } from "vitest";
import { notOursReason } from "./ownership-guard.js";

const REPOSITORY = { id: "42", name: "acme/shop" };
const OTHER = { "okctl.io/repository": "acme/other", "okctl.io/repository-id": "7" };
const change = (action: "update" | "delete" | "adopt" | "replace") => ({ id: "eks-addon/coredns", kind: "eks-addon" as const, action, physicalId: "shop-dev/coredns" });

describe("notOursReason", () => {
  it("lets updates and deletes touch only what carries this repository's id (or, without an id, its name in any case)", () => {
    expect(notOursReason(change("update"), "update", { "okctl.io/repository": "renamed/shop", "okctl.io/repository-id": "42" }, REPOSITORY)).toBeUndefined();
    expect(notOursReason(change("delete"), "delete", { "okctl.io/repository": "Acme/Shop" }, REPOSITORY)).toBeUndefined();
    // Another repository that took our old name owns nothing of ours, and we nothing of its.
    expect(notOursReason(change("update"), "update", { "okctl.io/repository": "acme/shop", "okctl.io/repository-id": "43" }, REPOSITORY)).toContain(
      "is now owned by acme/shop (repository id 43), not this repository's",
    );
    expect(notOursReason(change("replace"), "destroy-old", OTHER, REPOSITORY)).toMatch(/^refused to delete eks-addon\/coredns: the eks-addon shop-dev\/coredns is now owned by acme\/other \(repository id 7\)/);
    expect(notOursReason(change("update"), "update", {}, REPOSITORY)).toContain("is now not tagged by okctl");
    expect(notOursReason(change("delete"), "delete", { "alpha.okctl.io/cluster-name": "shop-dev" }, REPOSITORY)).toContain("not tagged by okctl");
  });

  it("lets an adoption take what no repository owns (or this one already does), never another repository's", () => {
    expect(notOursReason(change("adopt"), "update", {}, REPOSITORY)).toBeUndefined();
    expect(notOursReason(change("adopt"), "update", { "alpha.okctl.io/cluster-name": "shop-dev" }, REPOSITORY)).toBeUndefined();
    expect(notOursReason(change("adopt"), "update", { "okctl.io/repository-id": "42" }, REPOSITORY)).toBeUndefined();
    expect(notOursReason(change("adopt"), "update", OTHER, REPOSITORY)).toContain("refused to adopt eks-addon/coredns: the eks-addon shop-dev/coredns is now owned by acme/other (repository id 7)");
  });

  it("says what to do next: adopting only what no repository owns", () => {
    expect(notOursReason(change("update"), "update", {}, REPOSITORY)).toMatch(/: plan again, and adopt it or choose another name\.$/);
    const owned = notOursReason(change("update"), "update", OTHER, REPOSITORY);
    expect(owned).toMatch(/: choose another name \(or ask that repository to give it up\), and plan again\.$/);
    expect(owned).not.toContain("adopt it");
  });
});
