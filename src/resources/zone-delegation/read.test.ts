import { describe, expect, it } from "vitest";
import { parentNames } from "./read.js";

describe("parentNames", () => {
  it("lists the zones that could delegate a name, nearest first, without the top-level domain", () => {
    expect(parentNames("booking-dev.oslo.systems")).toEqual(["oslo.systems"]);
    expect(parentNames("a.b.Example.com.")).toEqual(["b.example.com", "example.com"]);
    expect(parentNames("example.com")).toEqual([]);
  });
});
