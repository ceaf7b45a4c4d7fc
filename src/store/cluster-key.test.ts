import { describe, expect, it } from "vitest";
import { clusterKey } from "./cluster-key.js";

describe("clusterKey", () => {
  it("names a cluster by account, region and name, so same-named clusters elsewhere differ", () => {
    expect(clusterKey({ accountId: "123456789012", region: "eu-west-1", cluster: "prod" })).toBe("123456789012/eu-west-1/prod");
    expect(clusterKey({ accountId: "123456789012", region: "us-east-1", cluster: "prod" })).not.toBe(clusterKey({ accountId: "123456789012", region: "eu-west-1", cluster: "prod" }));
  });
});
