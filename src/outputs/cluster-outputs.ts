// What a team needs after an apply, as data: how to reach the cluster, the hosted zone's name
// servers and the delegation still to do by hand, the certificates and the parameter paths.
// Pure: built from what was read from AWS (by tag); rendered by src/render/outputs.ts.
import { isOwnedBy, ownerOf } from "../plan/ownership.js";
import type { ActualResource, Json } from "../resources/types.js";
import { compareStrings } from "../plan/canonical.js";
import { DELEGATION_TTL } from "../resources/zone-delegation/desired.js";

/** An IAM principal that may use the cluster's Kubernetes API (an EKS access entry). */
export interface AccessPrincipal {
  principalArn: string;
  accessPolicy: string;
}

export interface KubernetesOutputs {
  clusterName: string;
  endpoint: string | null;
  /** The role the kubeconfig command assumes, when there is one to name. */
  roleArn?: string;
  /** `aws eks update-kubeconfig --name … --region … [--role-arn …]`. */
  kubeconfigCommand: string;
  /** Who can use the cluster: the declared access entries (none: only the deploy role). */
  access: AccessPrincipal[];
  /** okctl's deploy role, which created the cluster, when known. */
  deployRoleArn?: string;
}

export type Delegation =
  /** The NS record set exists in the parent zone, in this account. */
  | { kind: "done"; parentZone: string }
  /** Nobody has made it in this account: add it where the parent zone is hosted. */
  | { kind: "manual"; parentZone?: string; recordName: string; nameServers: string[]; ttl: number };

export interface DnsOutputs {
  domain: string;
  hostedZoneId: string;
  nameServers: string[];
  delegation: Delegation;
}

export interface CertificateOutput {
  domain: string;
  arn: string;
  status: string | null;
}

export interface ParameterOutput {
  path: string;
  type: string | null;
}

export interface ClusterOutputs {
  cluster: string;
  accountId: string;
  region: string;
  /** Absent when the EKS cluster does not exist (yet). */
  kubernetes?: KubernetesOutputs;
  /** Absent when the hosted zone does not exist (yet). */
  dns?: DnsOutputs;
  certificates: CertificateOutput[];
  parameters: ParameterOutput[];
}

export interface ClusterOutputsInput {
  cluster: string;
  accountId: string;
  region: string;
  /** Only this repository's resources are shown (ownership by id: src/plan/ownership.ts). */
  repository: string;
  repositoryId: string;
  /** What was found in AWS for the cluster (any kinds; those without outputs are ignored). */
  actual: readonly ActualResource[];
  /** dns.delegateFrom of the declaration, when known. */
  delegateFrom?: string;
  /** The declared access entries. */
  access?: readonly AccessPrincipal[];
  /** okctl's deploy role for the repository (the cluster's creator), when known. */
  deployRoleArn?: string;
}

const ADMIN_POLICIES = ["cluster-admin", "admin"];

function text(value: Json | undefined): string | null {
  return typeof value === "string" ? value : null;
}

function texts(value: Json | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** A role (not a user) principal, preferring the most powerful access policy. */
export function kubeconfigRole(access: readonly AccessPrincipal[]): string | undefined {
  const roles = access.filter((entry) => /^arn:aws[a-z-]*:iam::\d{12}:role\//.test(entry.principalArn));
  const admin = roles.find((entry) => ADMIN_POLICIES.includes(entry.accessPolicy));
  return (admin ?? roles[0])?.principalArn;
}

export function kubeconfigCommand(clusterName: string, region: string, roleArn?: string): string {
  return ["aws eks update-kubeconfig", `--name ${clusterName}`, `--region ${region}`, ...(roleArn ? [`--role-arn ${roleArn}`] : [])].join(" ");
}

function kubernetes(input: ClusterOutputsInput, found: ActualResource): KubernetesOutputs {
  const clusterName = text(found.outputs.name) ?? found.physicalId;
  const access = [...(input.access ?? [])];
  const roleArn = kubeconfigRole(access);
  return {
    clusterName,
    endpoint: text(found.outputs.endpoint),
    ...(roleArn ? { roleArn } : {}),
    kubeconfigCommand: kubeconfigCommand(clusterName, input.region, roleArn),
    access,
    ...(input.deployRoleArn ? { deployRoleArn: input.deployRoleArn } : {}),
  };
}

function dns(input: ClusterOutputsInput, zone: ActualResource, delegation: ActualResource | undefined): DnsOutputs {
  const domain = text(zone.properties.name) ?? "";
  const nameServers = texts(zone.outputs.nameServers);
  const parentZone = text(delegation?.properties.parentZone);
  return {
    domain,
    hostedZoneId: zone.physicalId,
    nameServers,
    delegation: delegation && parentZone
      ? { kind: "done", parentZone }
      : { kind: "manual", ...(input.delegateFrom ? { parentZone: input.delegateFrom } : {}), recordName: domain, nameServers, ttl: DELEGATION_TTL },
  };
}

export function clusterOutputs(input: ClusterOutputsInput): ClusterOutputs {
  const us = { id: input.repositoryId, name: input.repository };
  const ours = input.actual.filter((resource) => isOwnedBy(ownerOf(resource), us));
  const ofKind = (kind: ActualResource["kind"]) => ours.filter((resource) => resource.kind === kind).sort((a, b) => compareStrings(a.id, b.id));
  const [cluster] = ofKind("eks-cluster");
  const [zone] = ofKind("hosted-zone");
  const [delegation] = ofKind("zone-delegation");
  return {
    cluster: input.cluster,
    accountId: input.accountId,
    region: input.region,
    ...(cluster ? { kubernetes: kubernetes(input, cluster) } : {}),
    ...(zone ? { dns: dns(input, zone, delegation) } : {}),
    certificates: ofKind("certificate")
      .map((found) => ({ domain: text(found.properties.domainName) ?? "", arn: text(found.outputs.arn) ?? found.physicalId, status: text(found.outputs.status) }))
      .sort((a, b) => compareStrings(a.domain, b.domain)),
    parameters: ofKind("parameter")
      .map((found) => ({ path: found.physicalId, type: text(found.properties.type) }))
      .sort((a, b) => compareStrings(a.path, b.path)),
  };
}
