// Creating, updating (scaling, labels, taints; Kubernetes version and launch template version by a
// rolling update) and deleting managed node groups.
import {
  CreateNodegroupCommand,
  DeleteNodegroupCommand,
  TagResourceCommand,
  UpdateNodegroupConfigCommand,
  UpdateNodegroupVersionCommand,
  type CapacityTypes,
  type LaunchTemplateSpecification,
  type Taint,
  type TaintEffect,
  type UpdateNodegroupConfigRequest,
} from "@aws-sdk/client-eks";
import { versionSteps } from "../eks-cluster/update.js";
import { waitForEksUpdate } from "../eks-cluster/wait.js";
import { isAwsError } from "../shared/aws-errors.js";
import { numberProp, stringListProp, stringProp, stringRecordProp } from "../shared/properties.js";
import { ownerOf, sameOwner, tagRecord } from "../shared/tags.js";
import { idempotencyToken, tokenOwner } from "../shared/tokens.js";
import { NODEGROUP_REPLACE_ON } from "../kind-rules.js";
import type { ApplyContext, Json, ResourceKindHandler } from "../types.js";
import { describeNodegroup, nodegroupOutputs, nodegroupPhysicalId, parseNodegroupPhysicalId } from "./read.js";
import { waitForNodegroupActive, waitForNodegroupGone } from "./wait.js";

type CreateInput = Parameters<ResourceKindHandler["create"]>[1];
type UpdateInput = Parameters<ResourceKindHandler["update"]>[1];

function launchTemplate(p: Record<string, Json>): LaunchTemplateSpecification {
  return { id: stringProp(p, "launchTemplateId"), version: stringProp(p, "launchTemplateVersion") };
}

/** The taints property ([{ key, value, effect }], value "" for none) in EKS's shape. */
export function taintsProp(p: Record<string, Json>, key = "taints"): Taint[] {
  const value = p[key] ?? [];
  if (!Array.isArray(value)) throw new Error(`property ${key} must be a list, got ${JSON.stringify(value)}`);
  return value.map((item) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) throw new Error(`property ${key} must be a list of taints`);
    const taint = item as Record<string, Json>;
    const text = typeof taint.value === "string" ? taint.value : "";
    return { key: stringProp(taint, "key"), ...(text ? { value: text } : {}), effect: stringProp(taint, "effect") as TaintEffect };
  });
}

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
        // The root volume's size and encryption are the launch template's (EKS refuses diskSize with one).
        launchTemplate: launchTemplate(p),
        scalingConfig: scaling(p),
        labels: stringRecordProp(p, "labels"),
        taints: taintsProp(p),
        tags: resource.tags,
        clientRequestToken: idempotencyToken({ cluster: ctx.cluster, id: resource.id, repository: tokenOwner(resource.tags, ctx.repository), identity }),
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

/** A taint is EKS's by key and effect: the change that turns `before` into `after`, or undefined. */
export function taintChange(before: Taint[], after: Taint[]): UpdateNodegroupConfigRequest["taints"] {
  const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;
  const addOrUpdateTaints = after.filter((taint) => !before.some((old) => same(old, taint) && (old.value ?? "") === (taint.value ?? "")));
  const removeTaints = before.filter((old) => !after.some((taint) => same(old, taint)));
  if (addOrUpdateTaints.length === 0 && removeTaints.length === 0) return undefined;
  return {
    ...(addOrUpdateTaints.length > 0 ? { addOrUpdateTaints } : {}),
    ...(removeTaints.length > 0 ? { removeTaints } : {}),
  };
}

interface VersionUpdate {
  version?: string;
  launchTemplate?: LaunchTemplateSpecification;
}

/**
 * The rolling updates to run, in order: each Kubernetes minor step, the last of them also taking
 * the new launch template version; or the launch template version alone.
 */
export function versionUpdates(resource: Pick<UpdateInput, "changed" | "before" | "properties">): VersionUpdate[] {
  const p = resource.properties;
  const template = resource.changed.includes("launchTemplateVersion") ? { launchTemplate: launchTemplate(p) } : {};
  if (!resource.changed.includes("version")) return "launchTemplate" in template ? [template] : [];
  const wanted = stringProp(p, "version");
  const steps = typeof resource.before.version === "string" ? versionSteps(resource.before.version, wanted) : [wanted];
  return steps.map((version, index) => ({ version, ...(index === steps.length - 1 ? template : {}) }));
}

function describeVersionUpdate(update: VersionUpdate): string {
  const parts = [
    ...(update.version ? [`the upgrade to Kubernetes ${update.version}`] : []),
    ...(update.launchTemplate ? [`the roll to launch template ${update.launchTemplate.id} version ${update.launchTemplate.version}`] : []),
  ];
  return parts.join(" and ");
}

/**
 * Tags, the Kubernetes version (after the control plane's upgrade, one minor version at a time),
 * the launch template version (a rolling update, like a version upgrade) and scaling, labels and
 * taints (in one UpdateNodegroupConfig) change in place; the rest forces a replace.
 */
export async function updateEksNodegroup(ctx: ApplyContext, resource: UpdateInput) {
  const { clusterName, nodegroupName } = parseNodegroupPhysicalId(resource.physicalId);
  const p = resource.properties;
  const scalingChanged = ["minSize", "desiredSize", "maxSize"].some((key) => resource.changed.includes(key));
  const labels = resource.changed.includes("labels")
    ? labelChange(resource.before.labels ? stringRecordProp(resource.before, "labels") : {}, stringRecordProp(p, "labels"))
    : undefined;
  const taints = resource.changed.includes("taints") ? taintChange(taintsProp(resource.before), taintsProp(p)) : undefined;
  if (resource.changed.includes("tags")) {
    const { nodegroupArn } = await waitForNodegroupActive(ctx, clusterName, nodegroupName);
    if (nodegroupArn) await ctx.clients.eks.send(new TagResourceCommand({ resourceArn: nodegroupArn, tags: resource.tags }));
  }
  for (const step of versionUpdates(resource)) {
    await waitForNodegroupActive(ctx, clusterName, nodegroupName);
    const { update } = await ctx.clients.eks.send(new UpdateNodegroupVersionCommand({ clusterName, nodegroupName, ...step }));
    await waitForEksUpdate(ctx, {
      clusterName,
      nodegroupName,
      updateId: update?.id,
      what: describeVersionUpdate(step),
      untilActive: () => waitForNodegroupActive(ctx, clusterName, nodegroupName),
    });
  }
  if (scalingChanged || labels || taints) {
    await waitForNodegroupActive(ctx, clusterName, nodegroupName);
    const { update } = await ctx.clients.eks.send(
      new UpdateNodegroupConfigCommand({
        clusterName,
        nodegroupName,
        ...(scalingChanged ? { scalingConfig: scaling(p) } : {}),
        ...(labels ? { labels } : {}),
        ...(taints ? { taints } : {}),
      }),
    );
    await waitForEksUpdate(ctx, {
      clusterName,
      nodegroupName,
      updateId: update?.id,
      what: "the scaling, labels and taints update",
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
