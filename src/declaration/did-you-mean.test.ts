import { describe, expect, it } from "vitest";
import { closestMatch, editDistance } from "./did-you-mean.js";
import { displayPath, pointerFrom, pointerSegments } from "./pointer.js";

describe("closestMatch", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("vcp", "vpc")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("suggests near keys, ignoring case, and nothing for far ones", () => {
    expect(closestMatch("vcp", ["vpc", "eks", "dns"])).toBe("vpc");
    expect(closestMatch("accountId", ["name", "accountID", "region"])).toBe("accountID");
    expect(closestMatch("nodegroup", ["nodeGroups", "logging"])).toBe("nodeGroups");
    expect(closestMatch("zzz", ["vpc", "eks"])).toBeUndefined();
  });
});

describe("JSON pointers", () => {
  it("escape ~ and / and read back", () => {
    const pointer = pointerFrom(["labels", "example.com/team", "a~b"]);
    expect(pointer).toBe("/labels/example.com~1team/a~0b");
    expect(pointerSegments(pointer)).toEqual(["labels", "example.com/team", "a~b"]);
  });

  it("display as dotted paths with indexes", () => {
    expect(displayPath("/eks/nodeGroups/0/minSize")).toBe("eks.nodeGroups[0].minSize");
    expect(displayPath("/eks/nodeGroups/0/labels/example.com~1team")).toBe('eks.nodeGroups[0].labels["example.com/team"]');
    expect(displayPath("")).toBe("the declaration");
  });
});
