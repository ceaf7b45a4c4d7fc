// Adopting a managed add-on (by its name, or <cluster>/<add-on>), and the add-ons a create would run
// into: EKS keeps one add-on of a name per cluster and refuses a second (ResourceInUseException).
// The console and eksctl install vpc-cni, coredns and kube-proxy as managed add-ons on new clusters.
import { TagResourceCommand } from "@aws-sdk/client-eks";
import { DEFAULT_ADDONS } from "../../declaration/defaults.js";
import { describeOurCluster, existingClustersOf } from "../eks-cluster/read.js";
import { originalOkctlNote } from "../shared/original-okctl.js";
import { isReadAsOkctls, tagRecord } from "../shared/tags.js";
import type { AdoptionHandler, Collision, DesiredResource, ReadContext } from "../types.js";
import { addonToActual, describeAddon, describeAddonOnce, listAddonNamesOnce, parseAddonPhysicalId } from "./read.js";

/** An adopt entry's id: the add-on's name (on this cluster), or <cluster>/<add-on>. */
export function addonAdoptId(id: string, cluster: string): { clusterName: string; addonName: string } {
  return id.includes("/") ? parseAddonPhysicalId(id) : { clusterName: cluster, addonName: id };
}

export const eksAddonAdoption: AdoptionHandler = {
  async read(ctx, physicalId, id) {
    const { clusterName, addonName } = addonAdoptId(physicalId, ctx.cluster);
    const cluster = await describeOurCluster(ctx, clusterName);
    if (!cluster || cluster.status === "DELETING") return undefined;
    const addon = await describeAddon(ctx.clients.eks, clusterName, addonName);
    return addon && addon.status !== "DELETING" ? addonToActual(addon, id) : undefined;
  },
  async tag(ctx, physicalId, tags) {
    const { clusterName, addonName } = addonAdoptId(physicalId, ctx.cluster);
    const addon = await describeAddon(ctx.clients.eks, clusterName, addonName);
    if (!addon?.addonArn) throw new Error(`add-on ${addonName} of EKS cluster ${clusterName} does not exist (any more)`);
    await ctx.clients.eks.send(new TagResourceCommand({ resourceArn: addon.addonArn, tags }));
  },
};

/** One ListAddons per existing cluster (shared with the read, which describes each add-on too). */
export async function eksAddonCollisions(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]> {
  const clusters = await existingClustersOf(ctx, creating);
  const found = await Promise.all(
    creating.map(async (resource): Promise<Collision[]> => {
      const clusterName = String(resource.properties.clusterName);
      const addonName = String(resource.properties.name);
      if (!clusters.has(clusterName) || !(await listAddonNamesOnce(ctx, clusterName)).includes(addonName)) return [];
      const addon = await describeAddonOnce(ctx, clusterName, addonName);
      // Gone (or going) by the time it is created: the create waits it out.
      if (!addon || addon.status === "DELETING") return [];
      const tags = tagRecord(addon.tags);
      if (isReadAsOkctls(tags, ctx.cluster)) return [];
      return [
        {
          id: resource.id,
          kind: "eks-addon",
          physicalId: addonName,
          description: `the managed add-on ${addonName} ${addon.addonVersion ?? "?"} on the EKS cluster ${clusterName} (${addon.status ?? "?"}${originalOkctlNote(tags)})`,
          consequence: "fail (EKS keeps one add-on of a name per cluster: ResourceInUseException)",
          instead: DEFAULT_ADDONS.includes(addonName)
            ? `delete it with \`aws eks delete-addon --cluster-name ${clusterName} --addon-name ${addonName} --preserve\` (what it runs stays; okctl's ${addonName}, which every cluster runs, takes it over)`
            : `leave ${addonName} out of eks.addons (EKS keeps managing it as it is)`,
        },
      ];
    }),
  );
  return found.flat();
}
