// Creating, updating (scaling and labels) and deleting managed node groups.
import {
  CreateNodegroupCommand,
  DeleteNodegroupCommand,
  TagResourceCommand,
  UpdateNodegroupConfigCommand,
  UpdateNodegroupVersionCommand,
  type CapacityTypes,
  type UpdateNodegroupConfigRequest,
} from "@aws-sdk/client-eks";
import { TAG_REPOSITORY } from "../../declaration/tags.js";
import { versionSteps } from "../eks-cluster/update.js";
import { waitForEksUpdate } from "../eks-cluster/wait.js";
import { isAwsError } from "../shared/aws-errors.js";
import { numberProp, stringListProp, stringProp, stringRecordProp } from "../shared/properties.js";
import { ownerOf, sameOwner, tagRecord } from "../shared/tags.js";
import { idempotencyToken } from "../shared/tokens.js";
import type { ApplyContext, Json, ResourceKindHandler } from "../types.js";
import { describeNodegroup, nodegroupOutputs, nodegroupPhysicalId, parseNodegroupPhysicalId } from "./read.js";
import { waitForNodegroupActive, waitForNodegroupGone } from "./wait.js";

type CreateInput = Parameters<ResourceKindHandler["create"]>[1];
type UpdateInput = Parameters<ResourceKindHandler["update"]>[1];

export const NODEGROUP_REPLACE_ON: readonly string[] = ["name", "clusterName", "nodeRole", "subnetIds", "instanceTypes", "capacityType", "diskSize"];

function scaling(p: Record<string, Json>) {
  return { minSize: numberProp(p, "minSize"), desiredSize: numberProp(p, "desiredSize"), maxSize: numberProp(p, "maxSize") };
}

export async function createEksNodegroup(ctx: ApplyContext, resource: CreateInput) {
  const p = resource.properties;
  const clusterName = stringProp(p, "clusterName");
  const nodegroupName = stringProp(p, "name");
  const identity: Json = Object.fromEntries(NODEGROUP_REPLACE_ON.map((key) => [key, p[key] ?? null]));
  try {
    await ctx.clients.eks.send(
      new CreateNodegroupCommand({
        clusterName,
        nodegroupName,
        nodeRole: stringProp(p, "nodeRole"),
        ...(typeof p.version === "string" ? { version: p.version } : {}),
        subnets: stringListProp(p, "subnetIds"),
        instanceTypes: stringListProp(p, "instanceTypes"),
        capacityType: stringProp(p, "capacityType") as CapacityTypes,
        diskSize: numberProp(p, "diskSize"),
        scalingConfig: scaling(p),
        labels: stringRecordProp(p, "labels"),
        tags: resource.tags,
        clientRequestToken: idempotencyToken({ cluster: ctx.cluster, id: resource.id, repository: resource.tags[TAG_REPOSITORY] ?? ctx.repository, identity }),
      }),
    );
  } catch (error) {
    if (!isAwsError(error, "ResourceInUseException")) throw error;
    const existing = await describeNodegroup(ctx.clients.eks, clusterName, nodegroupName);
    const tags = tagRecord(existing?.tags);
    if (!existing || !sameOwner(tags, resource.tags)) {
      throw new Error(`node group ${nodegroupName} of EKS cluster ${clusterName} already exists and belongs to ${ownerOf(tags)}`);
    }
  }
  const group = await waitForNodegroupActive(ctx, clusterName, nodegroupName);
  return { physicalId: nodegroupPhysicalId(clusterName, nodegroupName), outputs: nodegroupOutputs(group) };
}

/** The label change that turns `before` into `after`, or undefined when there is none. */
export function labelChange(before: Record<string, string>, after: Record<string, string>): UpdateNodegroupConfigRequest["labels"] {
  const addOrUpdateLabels = Object.fromEntries(Object.entries(after).filter(([key, value]) => before[key] !== value));
  const removeLabels = Object.keys(before).filter((key) => !(key in after));
  if (Object.keys(addOrUpdateLabels).length === 0 && removeLabels.length === 0) return undefined;
  return {
    ...(Object.keys(addOrUpdateLabels).length > 0 ? { addOrUpdateLabels } : {}),
    ...(removeLabels.length > 0 ? { removeLabels } : {}),
  };
}

/**
 * Tags, the Kubernetes version (after the control plane's upgrade, one minor version at a time) and
 * scaling and labels (in one UpdateNodegroupConfig) change in place; the rest forces a replace.
 */
export async function updateEksNodegroup(ctx: ApplyContext, resource: UpdateInput) {
  const { clusterName, nodegroupName } = parseNodegroupPhysicalId(resource.physicalId);
  const p = resource.properties;
  const scalingChanged = ["minSize", "desiredSize", "maxSize"].some((key) => resource.changed.includes(key));
  const labels = resource.changed.includes("labels")
    ? labelChange(resource.before.labels ? stringRecordProp(resource.before, "labels") : {}, stringRecordProp(p, "labels"))
    : undefined;
  if (resource.changed.includes("tags")) {
    const { nodegroupArn } = await waitForNodegroupActive(ctx, clusterName, nodegroupName);
    if (nodegroupArn) await ctx.clients.eks.send(new TagResourceCommand({ resourceArn: nodegroupArn, tags: resource.tags }));
  }
  if (resource.changed.includes("version")) {
    const wanted = stringProp(p, "version");
    const steps = typeof resource.before.version === "string" ? versionSteps(resource.before.version, wanted) : [wanted];
    for (const version of steps) {
      await waitForNodegroupActive(ctx, clusterName, nodegroupName);
      const { update } = await ctx.clients.eks.send(new UpdateNodegroupVersionCommand({ clusterName, nodegroupName, version }));
      await waitForEksUpdate(ctx, {
        clusterName,
        nodegroupName,
        updateId: update?.id,
        what: `the upgrade to Kubernetes ${version}`,
        untilActive: () => waitForNodegroupActive(ctx, clusterName, nodegroupName),
      });
    }
  }
  if (scalingChanged || labels) {
    await waitForNodegroupActive(ctx, clusterName, nodegroupName);
    const { update } = await ctx.clients.eks.send(
      new UpdateNodegroupConfigCommand({
        clusterName,
        nodegroupName,
        ...(scalingChanged ? { scalingConfig: scaling(p) } : {}),
        ...(labels ? { labels } : {}),
      }),
    );
    await waitForEksUpdate(ctx, {
      clusterName,
      nodegroupName,
      updateId: update?.id,
      what: "the scaling and labels update",
      untilActive: () => waitForNodegroupActive(ctx, clusterName, nodegroupName),
    });
  }
  return { outputs: nodegroupOutputs(await waitForNodegroupActive(ctx, clusterName, nodegroupName)) };
}

export async function deleteEksNodegroup(ctx: ApplyContext, resource: { physicalId: string }): Promise<void> {
  const { clusterName, nodegroupName } = parseNodegroupPhysicalId(resource.physicalId);
  try {
    await ctx.clients.eks.send(new DeleteNodegroupCommand({ clusterName, nodegroupName }));
  } catch (error) {
    if (isAwsError(error, "ResourceNotFoundException")) return;
    throw error;
  }
  await waitForNodegroupGone(ctx, clusterName, nodegroupName);
}
