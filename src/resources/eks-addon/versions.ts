// What DescribeAddonVersions says about the add-ons for one Kubernetes version: each add-on's
// default version and the versions that run on it. Looked up once per plan, for the declared
// Kubernetes version (all add-ons in one paged call).
import { DescribeAddonVersionsCommand, type EKSClient } from "@aws-sdk/client-eks";

export interface AddonVersionInfo {
  /** EKS's default version for the Kubernetes version, if it names one. */
  defaultVersion?: string;
  /** Every version that runs on the Kubernetes version. */
  versions: string[];
}

/** Add-on name → its versions for one Kubernetes version. */
export type AddonVersions = Readonly<Record<string, AddonVersionInfo>>;

const MAX_PAGES = 20;

export async function addonVersionsFor(eks: EKSClient, kubernetesVersion: string, names: readonly string[]): Promise<AddonVersions> {
  const found: Record<string, AddonVersionInfo> = {};
  // One add-on by name is a single call; several: the whole list for the version, paged.
  const addonName = names.length === 1 ? names[0] : undefined;
  let nextToken: string | undefined;
  let pages = 0;
  do {
    if (pages >= MAX_PAGES) break;
    const page = await eks.send(new DescribeAddonVersionsCommand({ kubernetesVersion, addonName, maxResults: 100, nextToken }));
    for (const addon of page.addons ?? []) {
      if (!addon.addonName || !names.includes(addon.addonName)) continue;
      const info: AddonVersionInfo = found[addon.addonName] ?? { versions: [] };
      for (const version of addon.addonVersions ?? []) {
        const compatible = (version.compatibilities ?? []).filter((c) => c.clusterVersion === kubernetesVersion);
        if (!version.addonVersion || compatible.length === 0) continue;
        info.versions.push(version.addonVersion);
        if (compatible.some((c) => c.defaultVersion)) info.defaultVersion = version.addonVersion;
      }
      found[addon.addonName] = info;
    }
    nextToken = page.nextToken;
    pages += 1;
    // EKS lists each add-on once: when every declared one has been seen, the rest is not needed.
    if (names.every((name) => found[name] !== undefined)) break;
  } while (nextToken);
  if (nextToken && pages >= MAX_PAGES) {
    const missing = names.filter((name) => found[name] === undefined);
    // Saying "EKS offers no add-on" for a list that was cut short would send the team after a wrong cause.
    throw new Error(`DescribeAddonVersions for Kubernetes ${kubernetesVersion} had more than ${MAX_PAGES} pages; stopped without finding ${missing.join(", ")}`);
  }
  return found;
}

/** Plan errors for add-ons without a usable version (unknown add-on, or a pin that does not run on the version). */
export function addonVersionProblems(
  addons: readonly { name: string; version?: string }[],
  versions: AddonVersions,
  kubernetesVersion: string,
): string[] {
  return addons.flatMap((addon) => {
    const info = versions[addon.name];
    if (!info || info.versions.length === 0) {
      return [`eks-addon/${addon.name}: EKS offers no add-on "${addon.name}" for Kubernetes ${kubernetesVersion} (DescribeAddonVersions). Check the name in eks.addons.`];
    }
    if (addon.version !== undefined && !info.versions.includes(addon.version)) {
      return [`eks-addon/${addon.name}: version ${addon.version} does not run on Kubernetes ${kubernetesVersion}; EKS offers ${info.versions.join(", ")}. Change or remove the pin in eks.addons.`];
    }
    if (addon.version === undefined && !info.defaultVersion) {
      return [`eks-addon/${addon.name}: EKS names no default version of "${addon.name}" for Kubernetes ${kubernetesVersion}; pin one of ${info.versions.join(", ")} in eks.addons.`];
    }
    return [];
  });
}
