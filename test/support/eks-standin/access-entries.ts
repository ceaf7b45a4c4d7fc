// Access entries and access policy associations, as EKS serves them.
import { sameIamPrincipal } from "../../../src/declaration/iam-principal.js";
import { ACCESS_POLICIES } from "./catalogue.js";
import { inUse, invalidParameter, invalidRequest, notFound } from "./errors.js";
import type { Served } from "./served.js";
import { now, uuid, type AccessEntry, type ClusterExtras } from "./state.js";

const PRINCIPAL = /^arn:aws[a-z-]*:iam::(\d{12}):(role|user)\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;
const TYPES = ["STANDARD", "EC2", "EC2_LINUX", "EC2_WINDOWS", "FARGATE_LINUX", "HYBRID_LINUX", "HYPERPOD_LINUX"];

function requireApiMode(extras: ClusterExtras): void {
  if (extras.accessConfig.authenticationMode === "CONFIG_MAP") {
    throw invalidRequest("The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.");
  }
}

export function accessEntryArn(region: string, account: string, clusterName: string, principalArn: string): string {
  const match = PRINCIPAL.exec(principalArn);
  return `arn:aws:eks:${region}:${account}:access-entry/${clusterName}/${match?.[2] ?? "role"}/${match?.[1] ?? account}/${match?.[3] ?? "unknown"}/${uuid().slice(0, 8)}`;
}

/** Adds an entry (also used for the creator's bootstrap entry and node roles' entries). */
export function addAccessEntry(
  extras: ClusterExtras,
  region: string,
  account: string,
  entry: Pick<AccessEntry, "clusterName" | "principalArn" | "type"> & Partial<AccessEntry>,
): AccessEntry {
  const timestamp = now();
  const role = PRINCIPAL.exec(entry.principalArn);
  const type = entry.type;
  const created: AccessEntry = {
    kubernetesGroups: type === "EC2_LINUX" || type === "EC2_WINDOWS" ? ["system:nodes"] : [],
    username:
      type === "EC2_LINUX" || type === "EC2_WINDOWS"
        ? "system:node:{{EC2PrivateDNSName}}"
        : role?.[2] === "user"
          ? entry.principalArn
          : `arn:aws:sts::${role?.[1] ?? account}:assumed-role/${role?.[3] ?? "role"}/{{SessionName}}`,
    tags: {},
    policies: new Map(),
    createdAt: timestamp,
    modifiedAt: timestamp,
    accessEntryArn: accessEntryArn(region, account, entry.clusterName, entry.principalArn),
    ...entry,
  };
  extras.accessEntries.set(entry.principalArn, created);
  return created;
}

function view(entry: AccessEntry) {
  const { policies: _policies, clientRequestToken: _token, ...rest } = entry;
  return rest;
}

function entryOf(extras: ClusterExtras, clusterName: string, principalArn: string): AccessEntry {
  const entry = extras.accessEntries.get(principalArn);
  if (!entry) throw notFound(`The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.`, { clusterName });
  return entry;
}

function checkUsernameAndGroups(input: Record<string, unknown>): void {
  if (typeof input.username === "string" && input.username.startsWith("system:")) throw invalidParameter("The username must not begin with system:");
  const groups = (input.kubernetesGroups as string[] | undefined) ?? [];
  if (groups.some((group) => group.startsWith("system:"))) throw invalidParameter("The kubernetesGroups must not begin with system:");
}

export const accessEntryOperations: Record<string, Served> = {
  async CreateAccessEntry({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    const cluster = await moto.cluster(clusterName);
    const extras = state.cluster(region, clusterName);
    requireApiMode(extras);
    const principalArn = input.principalArn as string;
    if (!PRINCIPAL.exec(principalArn)) throw invalidParameter("The specified principalArn is invalid: invalid principal.");
    const type = (input.type as string | undefined) ?? "STANDARD";
    if (!TYPES.includes(type)) throw invalidParameter(`AccessEntry type must be one of [${TYPES.join(", ")}]`);
    checkUsernameAndGroups(input);
    // One entry per IAM principal, and IAM names ignore letter case: "role/Deploy" is "role/deploy".
    const existing = extras.accessEntries.get(principalArn) ?? [...extras.accessEntries.values()].find((entry) => sameIamPrincipal(entry.principalArn, principalArn));
    if (existing) {
      if (input.clientRequestToken && existing.clientRequestToken === input.clientRequestToken) return { accessEntry: view(existing) };
      throw inUse("The specified access entry resource is already in use on this cluster.", { clusterName });
    }
    const entry = addAccessEntry(extras, region, cluster.account, {
      clusterName,
      principalArn,
      type,
      ...(input.kubernetesGroups ? { kubernetesGroups: [...new Set(input.kubernetesGroups as string[])] } : {}),
      ...(typeof input.username === "string" ? { username: input.username } : {}),
      tags: (input.tags as Record<string, string> | undefined) ?? {},
      ...(typeof input.clientRequestToken === "string" ? { clientRequestToken: input.clientRequestToken } : {}),
    });
    return { accessEntry: view(entry) };
  },

  async DescribeAccessEntry({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    await moto.cluster(clusterName);
    return { accessEntry: view(entryOf(state.cluster(region, clusterName), clusterName, input.principalArn as string)) };
  },

  async UpdateAccessEntry({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    await moto.cluster(clusterName);
    const entry = entryOf(state.cluster(region, clusterName), clusterName, input.principalArn as string);
    checkUsernameAndGroups(input);
    if (input.kubernetesGroups) entry.kubernetesGroups = [...new Set(input.kubernetesGroups as string[])];
    if (typeof input.username === "string") entry.username = input.username;
    entry.modifiedAt = now();
    return { accessEntry: view(entry) };
  },

  async DeleteAccessEntry({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    await moto.cluster(clusterName);
    const extras = state.cluster(region, clusterName);
    entryOf(extras, clusterName, input.principalArn as string);
    extras.accessEntries.delete(input.principalArn as string);
    return {};
  },

  async ListAccessEntries({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    await moto.cluster(clusterName);
    const extras = state.cluster(region, clusterName);
    requireApiMode(extras);
    const policy = input.associatedPolicyArn as string | undefined;
    const all = [...extras.accessEntries.values()].filter((entry) => !policy || entry.policies.has(policy)).map((entry) => entry.principalArn);
    return paginate(all, input, "accessEntries");
  },

  async AssociateAccessPolicy({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    await moto.cluster(clusterName);
    const entry = entryOf(state.cluster(region, clusterName), clusterName, input.principalArn as string);
    if (entry.type !== "STANDARD") throw invalidParameter('This operation can only be performed on Access Entries with a type of "STANDARD".');
    const policyArn = input.policyArn as string;
    if (!ACCESS_POLICIES.includes(policyArn)) throw invalidParameter(`The specified policyArn is invalid: ${policyArn}`);
    const scope = input.accessScope as { type: string; namespaces?: string[] };
    const namespaces = [...new Set(scope.namespaces ?? [])];
    if (scope.type === "namespace" && namespaces.length === 0) throw invalidParameter("Namespaces must be specified for an access scope of type namespace.");
    if (scope.type === "cluster" && namespaces.length > 0) throw invalidParameter("Namespaces cannot be specified for an access scope of type cluster.");
    const timestamp = now();
    const association = { policyArn, accessScope: { type: scope.type, namespaces }, associatedAt: entry.policies.get(policyArn)?.associatedAt ?? timestamp, modifiedAt: timestamp };
    entry.policies.set(policyArn, association);
    return { clusterName, principalArn: entry.principalArn, associatedAccessPolicy: association };
  },

  async DisassociateAccessPolicy({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    await moto.cluster(clusterName);
    const entry = entryOf(state.cluster(region, clusterName), clusterName, input.principalArn as string);
    if (!entry.policies.delete(input.policyArn as string)) throw notFound("The specified policy is not associated with this access entry.", { clusterName });
    return {};
  },

  async ListAssociatedAccessPolicies({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    await moto.cluster(clusterName);
    const entry = entryOf(state.cluster(region, clusterName), clusterName, input.principalArn as string);
    return { clusterName, principalArn: entry.principalArn, ...paginate([...entry.policies.values()], input, "associatedAccessPolicies") };
  },

  async ListAccessPolicies({ input }) {
    return paginate(ACCESS_POLICIES.map((arn) => ({ name: arn.split("/").pop(), arn })), input, "accessPolicies");
  },
};

/** EKS's maxResults/nextToken paging (maxResults 1–100, default 100). */
export function paginate<T>(items: readonly T[], input: Record<string, unknown>, key: string): Record<string, unknown> {
  const max = input.maxResults as number | undefined;
  if (max !== undefined && (max < 1 || max > 100)) throw invalidParameter("maxResults must be between 1 and 100.");
  const size = max ?? 100;
  const start = typeof input.nextToken === "string" ? Number(Buffer.from(input.nextToken, "base64url").toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidParameter("The nextToken is invalid.");
  const page = items.slice(start, start + size);
  const next = start + size < items.length ? Buffer.from(String(start + size)).toString("base64url") : undefined;
  return { [key]: page, ...(next ? { nextToken: next } : {}) };
}
