// Managed add-ons and their versions, as EKS serves them. A new add-on is CREATING on its first
// describe and ACTIVE after (DEGRADED while an add-on that needs nodes has none); an update is
// InProgress once, then done; a deleted add-on is DELETING once, then gone.
import { ADDONS, addonInfo, type AddonInfo } from "./catalogue.js";
import { inUse, invalidParameter, notFound } from "./errors.js";
import { paginate } from "./access-entries.js";
import type { MotoLink, Served } from "./served.js";
import { now, uuid, type Addon, type ClusterExtras } from "./state.js";

/** The default version of an add-on for a Kubernetes version. */
export function defaultAddonVersion(info: AddonInfo, kubernetesVersion: string): string | undefined {
  return info.versions.find((version) => version.defaultFor.includes(kubernetesVersion))?.addonVersion;
}

function checkVersion(info: AddonInfo, version: string, kubernetesVersion: string): void {
  const known = info.versions.find((candidate) => candidate.addonVersion === version);
  if (!known || !known.clusterVersions.includes(kubernetesVersion)) {
    throw invalidParameter(`Addon version specified is not supported. Supported versions for ${info.addonName} on Kubernetes ${kubernetesVersion} can be listed with describe-addon-versions.`, {
      addonName: info.addonName,
    });
  }
}

/** Where a CREATING, UPDATING, DEGRADED or DELETING add-on goes once it has been seen in progress. */
async function settle(addon: Addon, clusterName: string, moto: MotoLink, extras: ClusterExtras): Promise<void> {
  if (addon.status === "DELETING") {
    extras.addons.delete(addon.addonName);
    return;
  }
  if (addon.status === "ACTIVE") return;
  for (const update of extras.updates.values()) {
    if (update.addonName === addon.addonName && update.status === "InProgress") {
      update.complete();
      update.status = "Successful";
    }
  }
  const needsNodes = addonInfo(addon.addonName)?.needsNodes ?? false;
  const nodes = needsNodes ? (await moto.nodegroupNames(clusterName)).length : 1;
  if (nodes === 0) {
    addon.status = "DEGRADED";
    addon.health = { issues: [{ code: "InsufficientNumberOfReplicas", message: "The add-on is unhealthy because it doesn't have the desired number of replicas." }] };
  } else {
    addon.status = "ACTIVE";
    addon.health = { issues: [] };
  }
}

function view(addon: Addon) {
  const { settlesIn: _settles, clientRequestToken: _token, ...rest } = addon;
  return rest;
}

function addonOf(extras: ClusterExtras, clusterName: string, addonName: string): Addon {
  const addon = extras.addons.get(addonName);
  if (!addon) throw notFound(`No addon: ${addonName} found in cluster: ${clusterName}`, { clusterName, addonName });
  return addon;
}

function catalogueEntry(addonName: string): AddonInfo {
  const info = addonInfo(addonName);
  if (!info) throw invalidParameter(`Addon ${addonName} specified is not supported`, { addonName });
  return info;
}

export const addonOperations: Record<string, Served> = {
  async CreateAddon({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    const cluster = await moto.cluster(clusterName);
    const extras = state.cluster(region, clusterName);
    const addonName = input.addonName as string;
    const info = catalogueEntry(addonName);
    const kubernetesVersion = extras.version ?? cluster.version;
    const addonVersion = (input.addonVersion as string | undefined) ?? defaultAddonVersion(info, kubernetesVersion);
    if (!addonVersion) throw invalidParameter(`Addon ${addonName} has no version for Kubernetes ${kubernetesVersion}`, { addonName });
    checkVersion(info, addonVersion, kubernetesVersion);
    const existing = extras.addons.get(addonName);
    if (existing) {
      if (input.clientRequestToken && existing.clientRequestToken === input.clientRequestToken) return { addon: view(existing) };
      throw inUse(`Addon already exists: ${addonName}`, { clusterName, addonName });
    }
    const timestamp = now();
    const addon: Addon = {
      addonName,
      clusterName,
      status: "CREATING",
      addonVersion,
      health: { issues: [] },
      addonArn: `arn:aws:eks:${region}:${cluster.account}:addon/${clusterName}/${addonName}/${uuid()}`,
      createdAt: timestamp,
      modifiedAt: timestamp,
      tags: (input.tags as Record<string, string> | undefined) ?? {},
      settlesIn: 1,
      ...(typeof input.serviceAccountRoleArn === "string" ? { serviceAccountRoleArn: input.serviceAccountRoleArn } : {}),
      ...(typeof input.configurationValues === "string" ? { configurationValues: input.configurationValues } : {}),
      ...(typeof input.clientRequestToken === "string" ? { clientRequestToken: input.clientRequestToken } : {}),
    };
    extras.addons.set(addonName, addon);
    return { addon: view(addon) };
  },

  async DescribeAddon({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    await moto.cluster(clusterName);
    const extras = state.cluster(region, clusterName);
    const addon = addonOf(extras, clusterName, input.addonName as string);
    if (addon.settlesIn > 0) {
      addon.settlesIn -= 1;
    } else {
      await settle(addon, clusterName, moto, extras);
      addonOf(extras, clusterName, addon.addonName);
    }
    return { addon: view(addon) };
  },

  async UpdateAddon({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    const cluster = await moto.cluster(clusterName);
    const extras = state.cluster(region, clusterName);
    const addon = addonOf(extras, clusterName, input.addonName as string);
    if (addon.status === "CREATING" || addon.status === "UPDATING" || addon.status === "DELETING") {
      throw inUse(`Addon ${addon.addonName} is ${addon.status} and can't be updated now`, { clusterName, addonName: addon.addonName });
    }
    const params: { type: string; value: string }[] = [];
    const version = input.addonVersion as string | undefined;
    if (version !== undefined) {
      checkVersion(catalogueEntry(addon.addonName), version, extras.version ?? cluster.version);
      params.push({ type: "AddonVersion", value: version });
    }
    if (typeof input.serviceAccountRoleArn === "string") params.push({ type: "ServiceAccountRoleArn", value: input.serviceAccountRoleArn });
    if (typeof input.configurationValues === "string") params.push({ type: "ConfigurationValues", value: input.configurationValues });
    if (typeof input.resolveConflicts === "string") params.push({ type: "ResolveConflicts", value: input.resolveConflicts });
    addon.status = "UPDATING";
    addon.settlesIn = 1;
    const update = {
      id: uuid(),
      status: "InProgress" as const,
      type: "AddonUpdate",
      params,
      createdAt: now(),
      errors: [],
      addonName: addon.addonName,
      observed: false,
      complete: () => {
        if (version !== undefined) addon.addonVersion = version;
        if (typeof input.serviceAccountRoleArn === "string") addon.serviceAccountRoleArn = input.serviceAccountRoleArn;
        if (typeof input.configurationValues === "string") addon.configurationValues = input.configurationValues;
        addon.modifiedAt = now();
      },
    };
    extras.updates.set(update.id, update);
    const { complete: _c, observed: _o, addonName: _a, ...shown } = update;
    return { update: shown };
  },

  async DeleteAddon({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    await moto.cluster(clusterName);
    const addon = addonOf(state.cluster(region, clusterName), clusterName, input.addonName as string);
    addon.status = "DELETING";
    addon.settlesIn = 1;
    return { addon: view(addon) };
  },

  async ListAddons({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    await moto.cluster(clusterName);
    return paginate([...state.cluster(region, clusterName).addons.keys()], input, "addons");
  },

  async DescribeAddonVersions({ input }) {
    const kubernetesVersion = input.kubernetesVersion as string | undefined;
    const name = input.addonName as string | undefined;
    const addons = ADDONS.filter((info) => !name || info.addonName === name).map((info) => ({
      addonName: info.addonName,
      type: info.type,
      owner: info.owner,
      publisher: info.publisher,
      addonVersions: info.versions
        .filter((version) => !kubernetesVersion || version.clusterVersions.includes(kubernetesVersion))
        .map((version) => ({
          addonVersion: version.addonVersion,
          architecture: ["amd64", "arm64"],
          compatibilities: version.clusterVersions
            .filter((cluster) => !kubernetesVersion || cluster === kubernetesVersion)
            .map((clusterVersion) => ({ clusterVersion, platformVersions: ["*"], defaultVersion: version.defaultFor.includes(clusterVersion) })),
          requiresConfiguration: false,
          requiresIamPermissions: info.addonName === "aws-ebs-csi-driver" || info.addonName === "aws-efs-csi-driver",
        })),
    }));
    return paginate(addons, input, "addons");
  },
};
