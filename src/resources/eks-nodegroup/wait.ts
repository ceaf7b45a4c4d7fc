// Waits on managed node groups: ACTIVE after a create or an update, gone after a delete.
import type { Nodegroup } from "@aws-sdk/client-eks";
import { EKS_POLL_INTERVAL_MS } from "../eks-cluster/wait.js";
import { pollUntil } from "../shared/poll.js";
import type { ApplyContext } from "../types.js";
import { describeNodegroup } from "./read.js";

function health(group: Nodegroup | undefined): string {
  const issues = (group?.health?.issues ?? []).map((issue) => `${issue.code}: ${issue.message}`);
  return issues.length > 0 ? ` (${issues.join("; ")})` : "";
}

export async function waitForNodegroupActive(ctx: ApplyContext, clusterName: string, nodegroupName: string): Promise<Nodegroup> {
  const subject = `node group ${nodegroupName} of EKS cluster ${clusterName}`;
  const group = await pollUntil({
    describe: () => describeNodegroup(ctx.clients.eks, clusterName, nodegroupName),
    done: (group) => {
      if (!group) throw new Error(`${subject} disappeared while waiting for it to become ACTIVE`);
      if (group.status === "CREATE_FAILED" || group.status === "DELETE_FAILED") {
        throw new Error(`${subject} is ${group.status}${health(group)}`);
      }
      return group.status === "ACTIVE";
    },
    state: (group) => (group ? `${group.status}${health(group)}` : undefined),
    timeoutMs: ctx.timeouts.eksNodegroup,
    what: `${subject} to become ACTIVE`,
    ctx,
    intervalMs: EKS_POLL_INTERVAL_MS,
  });
  return group!;
}

export async function waitForNodegroupGone(ctx: ApplyContext, clusterName: string, nodegroupName: string): Promise<void> {
  await pollUntil({
    describe: () => describeNodegroup(ctx.clients.eks, clusterName, nodegroupName),
    done: (group) => {
      if (group?.status === "DELETE_FAILED") throw new Error(`deleting node group ${nodegroupName} failed${health(group)}`);
      return group === undefined;
    },
    state: (group) => group?.status,
    timeoutMs: ctx.timeouts.eksNodegroup,
    what: `node group ${nodegroupName} of EKS cluster ${clusterName} to be deleted`,
    ctx,
    intervalMs: EKS_POLL_INTERVAL_MS,
  });
}
