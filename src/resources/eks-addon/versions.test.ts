import type { DescribeAddonVersionsCommand, DescribeAddonVersionsCommandOutput, EKSClient } from "@aws-sdk/client-eks";
import { describe, expect, it } from "vitest";
import { addonVersionsFor } from "./versions.js";

/** An EKS client answering DescribeAddonVersions from `pages` (one add-on per page), counting the calls. */
function pagedEks(addons: string[]): { eks: EKSClient; calls: () => number } {
  let calls = 0;
  const eks = {
    send: async (command: DescribeAddonVersionsCommand): Promise<Partial<DescribeAddonVersionsCommandOutput>> => {
      const index = Number(command.input.nextToken ?? 0);
      calls += 1;
      const name = addons[index] as string;
      return {
        addons: [{ addonName: name, addonVersions: [{ addonVersion: `${name}-v1`, compatibilities: [{ clusterVersion: "1.31", defaultVersion: true }] }] }],
        ...(index + 1 < addons.length ? { nextToken: String(index + 1) } : {}),
      };
    },
  };
  // Only `send` is used; the stub stands in for the whole client.
  return { eks: eks as unknown as EKSClient, calls: () => calls };
}

describe("addonVersionsFor", () => {
  it("stops paging once every declared add-on has been seen", async () => {
    const { eks, calls } = pagedEks(["vpc-cni", "coredns", "kube-proxy", "aws-ebs-csi-driver", "other"]);
    const versions = await addonVersionsFor(eks, "1.31", ["coredns", "vpc-cni"]);
    expect(versions).toEqual({ "vpc-cni": { versions: ["vpc-cni-v1"], defaultVersion: "vpc-cni-v1" }, coredns: { versions: ["coredns-v1"], defaultVersion: "coredns-v1" } });
    expect(calls()).toBe(2);
  });

  it("reads to the last page when an add-on is not offered, and reports it as not offered", async () => {
    const { eks, calls } = pagedEks(["vpc-cni", "coredns", "kube-proxy"]);
    expect(await addonVersionsFor(eks, "1.31", ["vpc-cni", "no-such-addon"])).toEqual({ "vpc-cni": { versions: ["vpc-cni-v1"], defaultVersion: "vpc-cni-v1" } });
    expect(calls()).toBe(3);
  });

  it("fails, naming what it did not find, when the list is longer than it reads (rather than call the add-on unknown)", async () => {
    const { eks, calls } = pagedEks(Array.from({ length: 30 }, (_, i) => `addon-${i}`));
    await expect(addonVersionsFor(eks, "1.31", ["addon-0", "addon-25"])).rejects.toThrow(/more than 20 pages; stopped without finding addon-25/);
    expect(calls()).toBe(20);
  });
});
