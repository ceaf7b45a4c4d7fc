// Updating the EKS cluster in place, one update at a time (EKS refuses concurrent updates): the
// version one minor step after another, then endpoint access, then logging.
import { TagResourceCommand, UpdateClusterConfigCommand, UpdateClusterVersionCommand, type AuthenticationMode } from "@aws-sdk/client-eks";
import { booleanProp, stringListProp, stringProp } from "../shared/properties.js";
import type { ApplyContext, ResourceKindHandler } from "../types.js";
import { loggingConfig } from "./create.js";
import { clusterOutputs } from "./read.js";
import { waitForClusterActive, waitForClusterUpdate } from "./wait.js";

type UpdateInput = Parameters<ResourceKindHandler["update"]>[1];

/** "1.29" → [1, 29]. */
function parseVersion(version: string): [number, number] {
  const match = /^(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new Error(`unsupported Kubernetes version ${version}: expected <major>.<minor>`);
  return [Number(match[1]), Number(match[2])];
}

/** The versions to go through from `from` to `to`, one minor version at a time. */
export function versionSteps(from: string, to: string): string[] {
  const [fromMajor, fromMinor] = parseVersion(from);
  const [toMajor, toMinor] = parseVersion(to);
  if (fromMajor !== toMajor) throw new Error(`can't change the EKS major version (${from} → ${to})`);
  if (toMinor < fromMinor) throw new Error(`EKS clusters can't be downgraded (${from} → ${to})`);
  const steps: string[] = [];
  for (let minor = fromMinor + 1; minor <= toMinor; minor += 1) steps.push(`${toMajor}.${minor}`);
  return steps;
}

const ENDPOINT_PROPERTIES = ["endpointPublicAccess", "endpointPrivateAccess", "publicAccessCidrs"];

export async function updateEksCluster(ctx: ApplyContext, resource: UpdateInput) {
  const p = resource.properties;
  const name = resource.physicalId;
  const eks = ctx.clients.eks;
  if (resource.changed.includes("tags")) {
    const { arn } = clusterOutputs(await waitForClusterActive(ctx, name));
    if (typeof arn === "string") await eks.send(new TagResourceCommand({ resourceArn: arn, tags: resource.tags }));
  }
  if (resource.changed.includes("version")) {
    for (const version of versionSteps(stringProp(resource.before, "version"), stringProp(p, "version"))) {
      await waitForClusterActive(ctx, name);
      const { update } = await eks.send(new UpdateClusterVersionCommand({ name, version }));
      await waitForClusterUpdate(ctx, name, update?.id, `the upgrade to Kubernetes ${version}`);
    }
  }
  if (ENDPOINT_PROPERTIES.some((key) => resource.changed.includes(key))) {
    await waitForClusterActive(ctx, name);
    const { update } = await eks.send(
      new UpdateClusterConfigCommand({
        name,
        resourcesVpcConfig: {
          endpointPublicAccess: booleanProp(p, "endpointPublicAccess"),
          endpointPrivateAccess: booleanProp(p, "endpointPrivateAccess"),
          publicAccessCidrs: stringListProp(p, "publicAccessCidrs"),
        },
      }),
    );
    await waitForClusterUpdate(ctx, name, update?.id, "the endpoint access update");
  }
  if (resource.changed.includes("authenticationMode")) {
    await waitForClusterActive(ctx, name);
    const authenticationMode = stringProp(p, "authenticationMode") as AuthenticationMode;
    const { update } = await eks.send(new UpdateClusterConfigCommand({ name, accessConfig: { authenticationMode } }));
    await waitForClusterUpdate(ctx, name, update?.id, `the change to authentication mode ${authenticationMode}`);
  }
  if (resource.changed.includes("logging")) {
    await waitForClusterActive(ctx, name);
    const { update } = await eks.send(new UpdateClusterConfigCommand({ name, logging: loggingConfig(stringListProp(p, "logging")) }));
    await waitForClusterUpdate(ctx, name, update?.id, "the logging update");
  }
  return { outputs: clusterOutputs(await waitForClusterActive(ctx, name)) };
}
