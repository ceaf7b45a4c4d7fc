// Creating and deleting the EKS cluster: tagged at creation, with a deterministic request token,
// adopting a cluster a crashed apply already created; waits for ACTIVE / gone.
import { CreateClusterCommand, DeleteClusterCommand, type AuthenticationMode, type LogType } from "@aws-sdk/client-eks";
import { isAwsError } from "../shared/aws-errors.js";
import { pollUntil } from "../shared/poll.js";
import { booleanProp, stringListProp, stringProp } from "../shared/properties.js";
import { ownerOf, sameOwner, tagRecord } from "../shared/tags.js";
import { idempotencyToken, tokenOwner } from "../shared/tokens.js";
import type { ApplyContext, Json, ResourceKindHandler } from "../types.js";
import { LOG_TYPES } from "./desired.js";
import { clusterOutputs, describeCluster } from "./read.js";
import { EKS_POLL_INTERVAL_MS, waitForClusterActive, waitForClusterGone } from "./wait.js";

type CreateInput = Parameters<ResourceKindHandler["create"]>[1];

/** The logging configuration that enables exactly `enabled`. */
export function loggingConfig(enabled: readonly string[]) {
  const disabled = LOG_TYPES.filter((type) => !enabled.includes(type));
  return {
    clusterLogging: [
      ...(enabled.length > 0 ? [{ types: enabled as LogType[], enabled: true }] : []),
      ...(disabled.length > 0 ? [{ types: disabled as LogType[], enabled: false }] : []),
    ],
  };
}

export async function createEksCluster(ctx: ApplyContext, resource: CreateInput) {
  const p = resource.properties;
  const name = stringProp(p, "name");
  const identity: Json = { name, roleArn: p.roleArn ?? null, subnetIds: p.subnetIds ?? null };
  try {
    await ctx.clients.eks.send(
      new CreateClusterCommand({
        name,
        version: stringProp(p, "version"),
        roleArn: stringProp(p, "roleArn"),
        resourcesVpcConfig: {
          subnetIds: stringListProp(p, "subnetIds"),
          endpointPublicAccess: booleanProp(p, "endpointPublicAccess"),
          endpointPrivateAccess: booleanProp(p, "endpointPrivateAccess"),
          publicAccessCidrs: stringListProp(p, "publicAccessCidrs"),
        },
        logging: loggingConfig(stringListProp(p, "logging")),
        // The deploy role stays the cluster's admin (EKS's bootstrap access entry); the declared entries are added next.
        ...(typeof p.authenticationMode === "string"
          ? { accessConfig: { authenticationMode: p.authenticationMode as AuthenticationMode, bootstrapClusterCreatorAdminPermissions: true } }
          : {}),
        tags: resource.tags,
        clientRequestToken: idempotencyToken({ cluster: ctx.cluster, id: resource.id, repository: tokenOwner(resource.tags, ctx.repository), identity }),
      }),
    );
  } catch (error) {
    if (!isAwsError(error, "ResourceInUseException")) throw error;
    // It exists: ours from a crashed apply (adopt it), or someone else's (refuse).
    const existing = await describeCluster(ctx.clients.eks, name);
    const tags = tagRecord(existing?.tags);
    if (!existing || !sameOwner(tags, resource.tags)) {
      throw new Error(`an EKS cluster named ${name} already exists and belongs to ${ownerOf(tags)}`);
    }
  }
  const cluster = await waitForClusterActive(ctx, name);
  return { physicalId: name, outputs: clusterOutputs(cluster) };
}

/**
 * Deletes the cluster. EKS refuses while node groups exist (ResourceInUseException); the executor
 * deletes them first, but their deletion may still be finishing, so retry for a bounded time.
 */
export async function deleteEksCluster(ctx: ApplyContext, resource: { physicalId: string }): Promise<void> {
  const name = resource.physicalId;
  const outcome = await pollUntil({
    describe: async () => {
      try {
        await ctx.clients.eks.send(new DeleteClusterCommand({ name }));
        return "deleting";
      } catch (error) {
        if (isAwsError(error, "ResourceNotFoundException")) return "gone";
        if (isAwsError(error, "ResourceInUseException")) return "in use";
        throw error;
      }
    },
    done: (state) => state !== "in use",
    state: (state) => (state === "in use" ? "node groups or other resources still attached" : state),
    timeoutMs: ctx.timeouts.eksNodegroup,
    what: `EKS cluster ${name} to be free of node groups so it can be deleted`,
    ctx,
    intervalMs: EKS_POLL_INTERVAL_MS,
  });
  if (outcome === "deleting") await waitForClusterGone(ctx, name);
}
