// Waits on EKS clusters: ACTIVE after a create or an update, gone after a delete, an update done.
import { DescribeUpdateCommand, type Cluster } from "@aws-sdk/client-eks";
import { isUnimplementedOperation } from "../shared/aws-errors.js";
import { pollUntil } from "../shared/poll.js";
import type { ApplyContext } from "../types.js";
import { describeCluster } from "./read.js";

export const EKS_POLL_INTERVAL_MS = 15_000;

export async function waitForClusterActive(ctx: ApplyContext, name: string): Promise<Cluster> {
  const cluster = await pollUntil({
    describe: () => describeCluster(ctx.clients.eks, name),
    done: (cluster) => {
      if (!cluster) throw new Error(`EKS cluster ${name} disappeared while waiting for it to become ACTIVE`);
      if (cluster.status === "FAILED") throw new Error(`EKS cluster ${name} is FAILED`);
      return cluster.status === "ACTIVE";
    },
    state: (cluster) => cluster?.status,
    timeoutMs: ctx.timeouts.eksCluster,
    what: `EKS cluster ${name} to become ACTIVE`,
    ctx,
    intervalMs: EKS_POLL_INTERVAL_MS,
  });
  return cluster!;
}

export async function waitForClusterGone(ctx: ApplyContext, name: string): Promise<void> {
  await pollUntil({
    describe: () => describeCluster(ctx.clients.eks, name),
    done: (cluster) => cluster === undefined,
    state: (cluster) => cluster?.status,
    timeoutMs: ctx.timeouts.eksCluster,
    what: `EKS cluster ${name} to be deleted`,
    ctx,
    intervalMs: EKS_POLL_INTERVAL_MS,
  });
}

/** Which update to wait for: a cluster's, or (with nodegroupName) one of its node groups'. */
export interface EksUpdateTarget {
  clusterName: string;
  nodegroupName?: string;
  addonName?: string;
  updateId: string | undefined;
  /** The update in words, e.g. "the logging update". */
  what: string;
  /** Waits until the resource is ACTIVE again: used when there is no update id. */
  untilActive: () => Promise<unknown>;
}

/**
 * Waits for one update to finish. Without an update id (moto's UpdateClusterConfig returns none)
 * the resource's own status stands in: ACTIVE again means the update is over.
 */
export async function waitForEksUpdate(ctx: ApplyContext, target: EksUpdateTarget): Promise<void> {
  const { clusterName: name, nodegroupName, addonName, updateId, what } = target;
  if (!updateId) {
    await target.untilActive();
    return;
  }
  const subject = nodegroupName
    ? `node group ${nodegroupName} of EKS cluster ${name}`
    : addonName
      ? `add-on ${addonName} of EKS cluster ${name}`
      : `EKS cluster ${name}`;
  await pollUntil({
    describe: async () => {
      try {
        return (await ctx.clients.eks.send(new DescribeUpdateCommand({ name, nodegroupName, addonName, updateId }))).update;
      } catch (error) {
        if (!isUnimplementedOperation(error)) throw error;
        await target.untilActive(); // moto has no DescribeUpdate
        return { status: "Successful" as const };
      }
    },
    done: (update) => {
      if (update?.status === "Failed" || update?.status === "Cancelled") {
        const errors = (update.errors ?? []).map((e) => `${e.errorCode}: ${e.errorMessage}`).join("; ");
        throw new Error(`${what} on ${subject} ${update.status.toLowerCase()}${errors ? `: ${errors}` : ""}`);
      }
      return update?.status === "Successful";
    },
    state: (update) => update?.status,
    timeoutMs: nodegroupName || addonName ? ctx.timeouts.eksNodegroup : ctx.timeouts.eksCluster,
    what: `${what} on ${subject} to finish`,
    ctx,
    intervalMs: EKS_POLL_INTERVAL_MS,
  });
}

export async function waitForClusterUpdate(ctx: ApplyContext, name: string, updateId: string | undefined, what: string): Promise<void> {
  await waitForEksUpdate(ctx, { clusterName: name, updateId, what, untilActive: () => waitForClusterActive(ctx, name) });
}
