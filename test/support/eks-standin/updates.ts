// Version upgrades and their updates, as EKS serves them: a cluster goes up one minor version per
// UpdateClusterVersion, a node group up to (not past) the control plane's version and, when made
// from a launch template, to another version of that template (checked in moto's EC2); each update is
// InProgress when first observed (DescribeUpdate, or describing what it updates) and done after.
import { inUse, invalidParameter, notFound } from "./errors.js";
import type { MotoLink, Served } from "./served.js";
import { now, observe, uuid, type ClusterExtras, type LaunchTemplateSpec, type Update } from "./state.js";

function minor(version: string): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(version);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export function visibleUpdate(update: Update) {
  const { complete: _c, observed: _o, nodegroupName: _n, addonName: _a, ...shown } = update;
  return shown;
}

/** Updates still in progress on the cluster itself (not on a node group or an add-on). */
export function clusterUpdatesInProgress(extras: ClusterExtras): Update[] {
  return [...extras.updates.values()].filter((u) => u.status === "InProgress" && !u.nodegroupName && !u.addonName);
}

export function nodegroupUpdatesInProgress(extras: ClusterExtras, nodegroupName: string): Update[] {
  return [...extras.updates.values()].filter((u) => u.status === "InProgress" && u.nodegroupName === nodegroupName);
}

export function startUpdate(extras: ClusterExtras, update: Omit<Update, "id" | "status" | "createdAt" | "errors" | "observed">, id = uuid()): Update {
  const started: Update = { ...update, id, status: "InProgress", createdAt: now(), errors: [], observed: false };
  extras.updates.set(started.id, started);
  return started;
}

/**
 * The launch template version a node group rolls to, as EKS decides it: only a group made from a
 * launch template can take one, only the same template (by id or by name, not both), at a version
 * the template has in EC2 (its default version when none is given).
 */
async function launchTemplateTarget(
  moto: MotoLink,
  current: LaunchTemplateSpec | undefined,
  requested: { id?: string; name?: string; version?: string },
  fields: Record<string, string>,
): Promise<LaunchTemplateSpec> {
  if (!current) throw invalidParameter("You cannot specify a launch template for a node group that was not created with one", fields);
  if (requested.id && requested.name) throw invalidParameter("Either launch template ID or name should be specified, not both", fields);
  if (!requested.id && !requested.name) throw invalidParameter("Launch template ID or name must be specified", fields);
  if ((requested.id && requested.id !== current.id) || (requested.name && requested.name !== current.name)) {
    throw invalidParameter(`The launch template of a node group cannot be changed: it was created with ${current.id} (${current.name})`, fields);
  }
  const template = await moto.launchTemplate(requested);
  if (!template) throw invalidParameter(`Launch template ${requested.id ?? requested.name} does not exist`, fields);
  const version = requested.version ?? String(template.defaultVersion);
  const number = /^[1-9]\d*$/.test(version) ? Number(version) : NaN;
  if (!(number <= template.latestVersion)) throw invalidParameter(`Launch template ${template.id} has no version ${version}`, fields);
  return { id: template.id, name: template.name, version };
}

export const updateOperations: Record<string, Served> = {
  async UpdateClusterVersion({ input, region, moto, state }) {
    const name = input.name as string;
    const cluster = await moto.cluster(name);
    const extras = state.cluster(region, name);
    if (clusterUpdatesInProgress(extras).length > 0) throw inUse("Update already in progress", { clusterName: name });
    const current = extras.version ?? cluster.version;
    const wanted = input.version as string;
    const [from, to] = [minor(current), minor(wanted)];
    if (!from || !to || to[0] !== from[0] || to[1] !== from[1] + 1) {
      throw invalidParameter(`Unsupported Kubernetes minor version update from ${current} to ${wanted}`, { clusterName: name });
    }
    const update = startUpdate(extras, {
      type: "VersionUpdate",
      params: [
        { type: "Version", value: wanted },
        { type: "PlatformVersion", value: "eks.1" },
      ],
      complete: () => {
        extras.version = wanted;
      },
    });
    return { update: visibleUpdate(update) };
  },

  async UpdateNodegroupVersion({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    const nodegroupName = input.nodegroupName as string;
    const cluster = await moto.cluster(clusterName);
    const extras = state.cluster(region, clusterName);
    const group = await moto.nodegroup(clusterName, nodegroupName);
    if (!group) throw notFound(`No node group found for name: ${nodegroupName}.`, { clusterName, nodegroupName });
    if (nodegroupUpdatesInProgress(extras, nodegroupName).length > 0) throw inUse("Update already in progress", { clusterName, nodegroupName });
    const controlPlane = extras.version ?? cluster.version;
    const current = extras.nodegroupVersions.get(nodegroupName) ?? group.version;
    const wanted = (input.version as string | undefined) ?? controlPlane;
    const [from, to, max] = [minor(current), minor(wanted), minor(controlPlane)];
    if (!from || !to || !max || to[0] !== max[0] || to[1] > max[1]) {
      throw invalidParameter(`Requested Kubernetes version ${wanted} is invalid: a node group can't be newer than its cluster (${controlPlane})`, { clusterName, nodegroupName });
    }
    if (to[1] < from[1]) throw invalidParameter(`Requested Kubernetes version ${wanted} is older than the node group's ${current}`, { clusterName, nodegroupName });
    const requested = input.launchTemplate as { id?: string; name?: string; version?: string } | undefined;
    const rollTo = requested
      ? await launchTemplateTarget(moto, extras.nodegroupLaunchTemplates.get(nodegroupName) ?? group.launchTemplate, requested, { clusterName, nodegroupName })
      : undefined;
    const update = startUpdate(extras, {
      type: "VersionUpdate",
      nodegroupName,
      params: [
        { type: "Version", value: wanted },
        { type: "ReleaseVersion", value: `${wanted}.0-20260101` },
        ...(rollTo
          ? [
              { type: "LaunchTemplateName", value: rollTo.name },
              { type: "LaunchTemplateVersion", value: rollTo.version },
            ]
          : []),
      ],
      complete: () => {
        extras.nodegroupVersions.set(nodegroupName, wanted);
        if (rollTo) extras.nodegroupLaunchTemplates.set(nodegroupName, rollTo);
      },
    });
    return { update: visibleUpdate(update) };
  },

  async DescribeUpdate({ input, region, moto, state }) {
    const name = input.name as string;
    await moto.cluster(name);
    const update = state.cluster(region, name).updates.get(input.updateId as string);
    const matches = update && (update.nodegroupName ?? undefined) === ((input.nodegroupName as string | undefined) ?? undefined) && (update.addonName ?? undefined) === ((input.addonName as string | undefined) ?? undefined);
    if (!update || !matches) throw notFound(`No update found for ID: ${String(input.updateId)}`, { clusterName: name });
    observe(update);
    return { update: visibleUpdate(update) };
  },
};
