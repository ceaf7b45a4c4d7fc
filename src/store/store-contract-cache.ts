// Contract: the cache (prices for cost estimates): values kept until they expire, replaced by key.
import { describe, expect, it } from "vitest";
import type { Store } from "./store.js";
import { at, t0 } from "./store-fixtures.js";

export function cacheContract(open: () => Promise<Store>): void {
  describe("cache", () => {
    it("keeps a value until it expires, and a newer one replaces it", async () => {
      const store = await open();
      expect(await store.cachedValue("eu-west-1/ec2-instance/m5.large", t0)).toBeUndefined();
      await store.cacheValue("eu-west-1/ec2-instance/m5.large", 0.107, at(1000));
      await store.cacheValue("eu-west-1/eks-control-plane", { price: 0.1, unit: "hour" }, at(1000));
      expect(await store.cachedValue("eu-west-1/ec2-instance/m5.large", at(999))).toBe(0.107);
      expect(await store.cachedValue("eu-west-1/eks-control-plane", at(10))).toEqual({ price: 0.1, unit: "hour" });
      expect(await store.cachedValue("eu-west-1/ec2-instance/m5.large", at(1000))).toBeUndefined();
      await store.cacheValue("eu-west-1/ec2-instance/m5.large", 0.111, at(5000));
      expect(await store.cachedValue("eu-west-1/ec2-instance/m5.large", at(2000))).toBe(0.111);
    });
  });
}
