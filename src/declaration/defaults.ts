// Applies the defaults to a schema-valid, rule-checked input, giving the Declaration everything
// downstream works with. Pure; never mutates its input. The same defaults are written in the
// schema (for editors), and a test checks the two agree.
import { DEFAULT_EKS_VERSION } from "./eks-versions.js";
import type * as Input from "./schema-types.generated.js";
import type { Addon, Certificate, ClusterAccessEntry, ControlPlaneLogType, Declaration, NodeGroup, Parameter } from "./types.js";

export const DEFAULT_REGION = "eu-west-1";
export const DEFAULT_VPC_CIDR = "192.168.0.0/20";
export const DEFAULT_AVAILABILITY_ZONES = 3;
export const DEFAULT_PUBLIC_ACCESS_CIDRS: readonly string[] = ["0.0.0.0/0"];
export const ALL_CONTROL_PLANE_LOGS: readonly ControlPlaneLogType[] = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
export const DEFAULT_SECRET_LENGTH = 32;

export const NODE_GROUP_DEFAULTS = {
  instanceTypes: ["m5.large"],
  capacityType: "ON_DEMAND",
  minSize: 1,
  desiredSize: 2,
  maxSize: 10,
  diskSize: 80,
  perAvailabilityZone: false,
} as const;

export const DEFAULT_NODE_GROUP: NodeGroup = {
  name: "generic",
  ...NODE_GROUP_DEFAULTS,
  instanceTypes: [...NODE_GROUP_DEFAULTS.instanceTypes],
  labels: { pool: "generic" },
  taints: [],
};

export const DEFAULT_AUTHENTICATION_MODE = "API";

/** The managed add-ons every cluster runs (declared add-ons are added, or pin these). */
export const DEFAULT_ADDONS: readonly string[] = ["vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent"];

/** The default add-ons, then the declared ones; a declared default keeps its place and takes the pin. */
export function effectiveAddons(declared: readonly Input.ManagedAddOn[]): Addon[] {
  const pinned = new Map(declared.map((addon) => [addon.name, addon.version]));
  const pin = (name: string): Addon => {
    const version = pinned.get(name);
    return version === undefined ? { name } : { name, version };
  };
  return [...DEFAULT_ADDONS.map(pin), ...declared.filter((addon) => !DEFAULT_ADDONS.includes(addon.name)).map((addon) => pin(addon.name))];
}

function accessEntry(input: Input.AccessEntry): ClusterAccessEntry {
  return { principalArn: input.principalArn, accessPolicy: input.accessPolicy, namespaces: [...(input.namespaces ?? [])] };
}

export interface NodeGroupSizes {
  minSize: number;
  desiredSize: number;
  maxSize: number;
}

/** Sizes with defaults; an unset desiredSize is 2 kept within [minSize, maxSize]. */
export function nodeGroupSizes(input: { minSize?: number; desiredSize?: number; maxSize?: number }): NodeGroupSizes {
  const minSize = input.minSize ?? NODE_GROUP_DEFAULTS.minSize;
  const maxSize = input.maxSize ?? NODE_GROUP_DEFAULTS.maxSize;
  const desiredSize = input.desiredSize ?? Math.min(Math.max(NODE_GROUP_DEFAULTS.desiredSize, minSize), maxSize);
  return { minSize, desiredSize, maxSize };
}

function nodeGroup(input: Input.NodeGroup): NodeGroup {
  return {
    name: input.name,
    instanceTypes: [...(input.instanceTypes ?? NODE_GROUP_DEFAULTS.instanceTypes)],
    capacityType: input.capacityType ?? NODE_GROUP_DEFAULTS.capacityType,
    ...nodeGroupSizes(input),
    diskSize: input.diskSize ?? NODE_GROUP_DEFAULTS.diskSize,
    ...(input.diskKmsKeyArn === undefined ? {} : { diskKmsKeyArn: input.diskKmsKeyArn }),
    perAvailabilityZone: input.perAvailabilityZone ?? NODE_GROUP_DEFAULTS.perAvailabilityZone,
    labels: { ...(input.labels ?? {}) },
    taints: (input.taints ?? []).map((taint) => ({ key: taint.key, value: taint.value ?? "", effect: taint.effect })),
  };
}

function certificate(input: Input.Certificate): Certificate {
  return { domain: input.domain, subjectAlternativeNames: [...(input.subjectAlternativeNames ?? [])] };
}

function parameter(input: Input.Parameter): Parameter {
  const description = input.description === undefined ? {} : { description: input.description };
  if (input.type === "SecureString") {
    return { name: input.name, type: input.type, generate: { length: input.generate?.length ?? DEFAULT_SECRET_LENGTH }, ...description };
  }
  // The parameter rules guarantee a value for String and StringList.
  return { name: input.name, type: input.type, value: input.value ?? "", ...description };
}

export function applyDefaults(input: Input.DeclarationInput): Declaration {
  const { metadata, vpc = {}, eks = {}, dns = {} } = input;
  return {
    apiVersion: input.apiVersion,
    kind: input.kind,
    metadata: {
      name: metadata.name,
      accountID: metadata.accountID,
      region: metadata.region ?? DEFAULT_REGION,
      ...(metadata.environment === undefined ? {} : { environment: metadata.environment }),
    },
    clusterRootDomain: input.clusterRootDomain,
    vpc: {
      cidr: vpc.cidr ?? DEFAULT_VPC_CIDR,
      highAvailability: vpc.highAvailability ?? true,
      availabilityZones: vpc.availabilityZones ?? DEFAULT_AVAILABILITY_ZONES,
    },
    eks: {
      version: eks.version ?? DEFAULT_EKS_VERSION,
      endpointPublicAccess: eks.endpointPublicAccess ?? true,
      endpointPrivateAccess: eks.endpointPrivateAccess ?? true,
      publicAccessCidrs: [...(eks.publicAccessCidrs ?? DEFAULT_PUBLIC_ACCESS_CIDRS)],
      logging: [...(eks.logging ?? ALL_CONTROL_PLANE_LOGS)],
      nodeGroups: eks.nodeGroups ? eks.nodeGroups.map(nodeGroup) : [structuredClone(DEFAULT_NODE_GROUP)],
      authenticationMode: eks.authenticationMode ?? DEFAULT_AUTHENTICATION_MODE,
      accessEntries: (eks.accessEntries ?? []).map(accessEntry),
      addons: effectiveAddons(eks.addons ?? []),
      podIdentities: (eks.podIdentities ?? []).map(({ namespace, serviceAccount, roleArn }) => ({ namespace, serviceAccount, roleArn })),
    },
    dns: dns.delegateFrom === undefined ? {} : { delegateFrom: dns.delegateFrom },
    certificates: (input.certificates ?? []).map(certificate),
    parameters: (input.parameters ?? []).map(parameter),
    adopt: (input.adopt ?? []).map((entry) => ({ resource: entry.resource, id: entry.id })),
  };
}
