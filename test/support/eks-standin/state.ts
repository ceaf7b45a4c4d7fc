// The stand-in's state: what moto does not keep about EKS clusters, per region and cluster name.
import { randomBytes, randomUUID } from "node:crypto";

export interface AccessPolicyAssociation {
  policyArn: string;
  accessScope: { type: string; namespaces: string[] };
  associatedAt: number;
  modifiedAt: number;
}

export interface AccessEntry {
  clusterName: string;
  principalArn: string;
  kubernetesGroups: string[];
  accessEntryArn: string;
  createdAt: number;
  modifiedAt: number;
  tags: Record<string, string>;
  username: string;
  type: string;
  policies: Map<string, AccessPolicyAssociation>;
  clientRequestToken?: string;
}

export interface Addon {
  addonName: string;
  clusterName: string;
  status: string;
  addonVersion: string;
  health: { issues: { code: string; message: string; resourceIds?: string[] }[] };
  addonArn: string;
  createdAt: number;
  modifiedAt: number;
  serviceAccountRoleArn?: string;
  tags: Record<string, string>;
  configurationValues?: string;
  clientRequestToken?: string;
  /** Describes left before a CREATING/UPDATING/DELETING add-on settles. */
  settlesIn: number;
}

export interface PodIdentityAssociation {
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  associationArn: string;
  associationId: string;
  tags: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
  ownerArn?: string;
  clientRequestToken?: string;
}

export interface Update {
  id: string;
  status: "InProgress" | "Successful" | "Failed" | "Cancelled";
  type: string;
  params: { type: string; value: string }[];
  createdAt: number;
  errors: { errorCode: string; errorMessage: string; resourceIds: string[] }[];
  nodegroupName?: string;
  addonName?: string;
  /** Applied when the update completes (its first observation shows it in progress). */
  complete: () => void;
  observed: boolean;
}

/** A node group's launch template as EKS shows it: id, name and version number (as text). */
export interface LaunchTemplateSpec {
  id: string;
  name: string;
  version: string;
}

export interface ClusterExtras {
  accessConfig: { authenticationMode: string; bootstrapClusterCreatorAdminPermissions: boolean };
  /** The Kubernetes version after UpdateClusterVersion (moto keeps the created one). */
  version?: string;
  nodegroupVersions: Map<string, string>;
  /** Tag changes to node groups since their creation (moto tags a node group only when creating it): null removes a key. */
  nodegroupTags: Map<string, Record<string, string | null>>;
  /** The launch template a node group rolled to (UpdateNodegroupVersion; moto keeps the created one). */
  nodegroupLaunchTemplates: Map<string, LaunchTemplateSpec>;
  accessEntries: Map<string, AccessEntry>;
  addons: Map<string, Addon>;
  podIdentities: Map<string, PodIdentityAssociation>;
  updates: Map<string, Update>;
}

export class EksStandinState {
  private readonly clusters = new Map<string, ClusterExtras>();

  reset(): void {
    this.clusters.clear();
  }

  /** The extras of a cluster moto has (made on first use for clusters created without the stand-in). */
  cluster(region: string, name: string): ClusterExtras {
    const key = `${region}/${name}`;
    let extras = this.clusters.get(key);
    if (!extras) {
      extras = {
        accessConfig: { authenticationMode: "CONFIG_MAP", bootstrapClusterCreatorAdminPermissions: true },
        nodegroupVersions: new Map(),
        nodegroupTags: new Map(),
        nodegroupLaunchTemplates: new Map(),
        accessEntries: new Map(),
        addons: new Map(),
        podIdentities: new Map(),
        updates: new Map(),
      };
      this.clusters.set(key, extras);
    }
    return extras;
  }

  forget(region: string, name: string): void {
    this.clusters.delete(`${region}/${name}`);
  }

  /** Every cluster's extras in a region (to find a resource by ARN). */
  inRegion(region: string): ClusterExtras[] {
    return [...this.clusters].filter(([key]) => key.startsWith(`${region}/`)).map(([, extras]) => extras);
  }
}

export function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** EKS's pod identity association ids: "a-" and 17 lower-case letters and digits. */
export function associationId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return `a-${[...randomBytes(17)].map((byte) => alphabet[byte % alphabet.length]).join("")}`;
}

export function uuid(): string {
  return randomUUID();
}

/** Settles an update when it is observed a second time: the first observation shows it in progress. */
export function observe(update: Update): void {
  if (update.status !== "InProgress") return;
  if (!update.observed) {
    update.observed = true;
    return;
  }
  update.complete();
  update.status = "Successful";
}
