// Creating, upgrading and deleting managed add-ons. A new add-on takes over what EKS installed
// itself (resolveConflicts OVERWRITE); an upgrade keeps what the team configured (PRESERVE) and is
// waited for (DescribeUpdate) until the add-on is ACTIVE again.
import { CreateAddonCommand, DeleteAddonCommand, TagResourceCommand, UpdateAddonCommand, type Addon } from "@aws-sdk/client-eks";
import { waitForEksUpdate } from "../eks-cluster/wait.js";
import { isAwsError } from "../shared/aws-errors.js";
import { pollUntil } from "../shared/poll.js";
import { stringProp } from "../shared/properties.js";
import { ownerOf, sameOwner, tagRecord } from "../shared/tags.js";
import { idempotencyToken, tokenOwner } from "../shared/tokens.js";
import type { ApplyContext, Json, ResourceKindHandler } from "../types.js";
import { addonOutputs, addonPhysicalId, describeAddon, parseAddonPhysicalId } from "./read.js";

/**
 * Add-ons settle in well under a minute (a DaemonSet or a small Deployment, not a control plane or
 * instances): looking every 5 s, as often as the AWS CLI's waiters look for far slower resources,
 * finishes the apply sooner at the cost of a few cheap DescribeAddon calls.
 */
export const ADDON_POLL_INTERVAL_MS = 5_000;

type CreateInput = Parameters<ResourceKindHandler["create"]>[1];
type UpdateInput = Parameters<ResourceKindHandler["update"]>[1];

function issues(addon: Addon | undefined): string {
  const found = (addon?.health?.issues ?? []).map((issue) => `${issue.code}: ${issue.message}`);
  return found.length > 0 ? ` (${found.join("; ")})` : "";
}

export async function waitForAddonActive(ctx: ApplyContext, clusterName: string, addonName: string): Promise<Addon> {
  const subject = `add-on ${addonName} of EKS cluster ${clusterName}`;
  const addon = await pollUntil({
    describe: () => describeAddon(ctx.clients.eks, clusterName, addonName),
    done: (addon) => {
      if (!addon) throw new Error(`${subject} disappeared while waiting for it to become ACTIVE`);
      if (addon.status === "CREATE_FAILED" || addon.status === "UPDATE_FAILED" || addon.status === "DELETE_FAILED") {
        throw new Error(`${subject} is ${addon.status}${issues(addon)}`);
      }
      return addon.status === "ACTIVE";
    },
    state: (addon) => (addon ? `${addon.status}${issues(addon)}` : undefined),
    timeoutMs: ctx.timeouts.eksNodegroup,
    what: `${subject} to become ACTIVE`,
    ctx,
    intervalMs: ADDON_POLL_INTERVAL_MS,
  });
  return addon!;
}

export async function createEksAddon(ctx: ApplyContext, resource: CreateInput) {
  const p = resource.properties;
  const clusterName = stringProp(p, "clusterName");
  const addonName = stringProp(p, "name");
  const identity: Json = { clusterName, addonName };
  try {
    await ctx.clients.eks.send(
      new CreateAddonCommand({
        clusterName,
        addonName,
        ...(typeof p.version === "string" ? { addonVersion: p.version } : {}),
        resolveConflicts: "OVERWRITE",
        tags: resource.tags,
        clientRequestToken: idempotencyToken({ cluster: ctx.cluster, id: resource.id, repository: tokenOwner(resource.tags, ctx.repository), identity }),
      }),
    );
  } catch (error) {
    if (!isAwsError(error, "ResourceInUseException")) throw error;
    const existing = await describeAddon(ctx.clients.eks, clusterName, addonName);
    const tags = tagRecord(existing?.tags);
    if (!existing || !sameOwner(tags, resource.tags)) {
      throw new Error(`add-on ${addonName} of EKS cluster ${clusterName} already exists and belongs to ${ownerOf(tags)}`);
    }
  }
  const addon = await waitForAddonActive(ctx, clusterName, addonName);
  return { physicalId: addonPhysicalId(clusterName, addonName), outputs: addonOutputs(addon) };
}

export async function updateEksAddon(ctx: ApplyContext, resource: UpdateInput) {
  const { clusterName, addonName } = parseAddonPhysicalId(resource.physicalId);
  const p = resource.properties;
  if (resource.changed.includes("tags")) {
    const { addonArn } = await waitForAddonActive(ctx, clusterName, addonName);
    if (addonArn) await ctx.clients.eks.send(new TagResourceCommand({ resourceArn: addonArn, tags: resource.tags }));
  }
  if (resource.changed.includes("version") && typeof p.version === "string") {
    await waitForAddonActive(ctx, clusterName, addonName);
    const { update } = await ctx.clients.eks.send(new UpdateAddonCommand({ clusterName, addonName, addonVersion: p.version, resolveConflicts: "PRESERVE" }));
    await waitForEksUpdate(ctx, {
      clusterName,
      addonName,
      updateId: update?.id,
      what: `the upgrade to ${p.version}`,
      untilActive: () => waitForAddonActive(ctx, clusterName, addonName),
    });
  }
  return { outputs: addonOutputs(await waitForAddonActive(ctx, clusterName, addonName)) };
}

export async function deleteEksAddon(ctx: ApplyContext, resource: { physicalId: string }): Promise<void> {
  const { clusterName, addonName } = parseAddonPhysicalId(resource.physicalId);
  try {
    await ctx.clients.eks.send(new DeleteAddonCommand({ clusterName, addonName }));
  } catch (error) {
    if (isAwsError(error, "ResourceNotFoundException")) return;
    throw error;
  }
  await pollUntil({
    describe: () => describeAddon(ctx.clients.eks, clusterName, addonName),
    done: (addon) => {
      if (addon?.status === "DELETE_FAILED") throw new Error(`deleting add-on ${addonName} of EKS cluster ${clusterName} failed${issues(addon)}`);
      return addon === undefined;
    },
    state: (addon) => addon?.status,
    timeoutMs: ctx.timeouts.eksNodegroup,
    what: `add-on ${addonName} of EKS cluster ${clusterName} to be deleted`,
    ctx,
    intervalMs: ADDON_POLL_INTERVAL_MS,
  });
}
