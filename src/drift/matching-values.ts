// The declaration values that would make the declaration match what is in AWS, for each drifted
// attribute the declaration can express (a node group's size, a parameter's value …); and, for
// the rest, why only applying brings it back (a route table's subnets are derived, not declared).
// Pure: the inverse of the desired builders in src/resources/*/desired.ts, kind by kind.
import { canonicalJson, compareStrings } from "../plan/canonical.js";
import { containsUnknown, isSensitiveValue, isUnknownValue } from "../plan/values.js";
import type { PlanValue } from "../plan/types.js";
import { displayPath, pointerFrom } from "../declaration/pointer.js";
import type { Declaration, NodeGroup, TaintEffect } from "../declaration/types.js";
import { EKS_TAINT_EFFECT, nodegroupId } from "../resources/eks-nodegroup/desired.js";
import { launchTemplateId } from "../resources/launch-template/desired.js";
import { parameterId, parameterPath } from "../resources/parameter/desired.js";
import { certificateId } from "../resources/certificate/desired.js";
import { ACCESS_POLICY_ARNS, accessEntryId } from "../resources/eks-access-entry/desired.js";
import { addonId } from "../resources/eks-addon/desired.js";
import { podIdentityId } from "../resources/eks-pod-identity/desired.js";
import { DEFAULT_ADDONS } from "../declaration/defaults.js";
import type { Json } from "../resources/types.js";
import type { DriftedResource, MatchingValue, Unmatchable } from "./types.js";

type Segments = (string | number)[];

/** What one drifted attribute (or resource) becomes: a declaration change, or why there is none. */
type Match =
  | { op: "set"; at: Segments; value: Json; declared?: Json }
  | { op: "remove"; at: Segments; item: string }
  | { op: "add"; at: Segments; value: Json }
  | { reason: string };

const TAGS = "tags";
const DERIVED = "derived by okctl from the declaration, not written in it";

function isShowable(value: PlanValue | undefined): value is Json {
  return value !== undefined && !isSensitiveValue(value) && !isUnknownValue(value);
}

// ---- locating the declared item a resource comes from ---------------------------------------

interface GroupPlace {
  index: number;
  group: NodeGroup;
}

function nodeGroupOf(declaration: Declaration, resourceId: string): GroupPlace | undefined {
  const index = declaration.eks.nodeGroups.findIndex((group) => {
    const id = nodegroupId(group.name);
    return resourceId === id || (group.perAvailabilityZone && resourceId.startsWith(`${id}-`) && /^[a-z]$/.test(resourceId.slice(id.length + 1)));
  });
  return index < 0 ? undefined : { index, group: declaration.eks.nodeGroups[index]! };
}

function launchTemplateGroupOf(declaration: Declaration, resourceId: string): GroupPlace | undefined {
  const index = declaration.eks.nodeGroups.findIndex((group) => launchTemplateId(group.name) === resourceId);
  return index < 0 ? undefined : { index, group: declaration.eks.nodeGroups[index]! };
}

function parameterIndex(declaration: Declaration, resourceId: string): number {
  return declaration.parameters.findIndex((parameter) => parameterId(parameter.name) === resourceId);
}

function certificateIndex(declaration: Declaration, resourceId: string): number {
  return declaration.certificates.findIndex((certificate) => certificateId(certificate.domain) === resourceId);
}

function accessEntryIndex(declaration: Declaration, resourceId: string): number {
  return declaration.eks.accessEntries.findIndex((entry) => accessEntryId(entry.principalArn) === resourceId);
}

/** In the declaration as defaulted: the default add-ons first, then the others (src/declaration/defaults.ts). */
function addonIndex(declaration: Declaration, resourceId: string): number {
  return declaration.eks.addons.findIndex((addon) => addonId(addon.name) === resourceId);
}

function podIdentityIndex(declaration: Declaration, resourceId: string): number {
  return declaration.eks.podIdentities.findIndex((pod) => podIdentityId(pod.namespace, pod.serviceAccount) === resourceId);
}

// ---- attributes that changed ------------------------------------------------------------------

const KUBERNETES_TAINT_EFFECT: Readonly<Record<string, TaintEffect>> = Object.fromEntries(
  Object.entries(EKS_TAINT_EFFECT).map(([kubernetes, eks]) => [eks, kubernetes as TaintEffect]),
);

/** EKS's taints → the declaration's (`NO_SCHEDULE` → `NoSchedule`); undefined for one it can't say. */
function declaredTaints(value: Json): Json | undefined {
  if (!Array.isArray(value)) return undefined;
  const taints: Json[] = [];
  for (const taint of value) {
    if (typeof taint !== "object" || taint === null || Array.isArray(taint)) return undefined;
    const effect = KUBERNETES_TAINT_EFFECT[String(taint.effect)];
    if (!effect || typeof taint.key !== "string") return undefined;
    taints.push({ key: taint.key, value: typeof taint.value === "string" ? taint.value : "", effect });
  }
  return taints;
}

const NODEGROUP_FIELDS = ["minSize", "desiredSize", "maxSize", "instanceTypes", "capacityType", "labels"];
const CLUSTER_FIELDS = ["version", "endpointPublicAccess", "endpointPrivateAccess", "publicAccessCidrs", "logging"];
const FROM_ACCESS_ENTRY = "comes from the repository's okctl access entry (set by the platform team), not from the declaration";

/** `set`, or `remove` when AWS has no value for an optional field. */
function setOrRemove(at: Segments, value: Json, declared: Json | undefined, item: string): Match {
  if (value === null) return { op: "remove", at, item };
  return { op: "set", at, value, ...(declared !== undefined ? { declared } : {}) };
}

function nodegroupAttribute(declaration: Declaration, resource: DriftedResource, attribute: string, value: Json, declared: Json | undefined): Match {
  if (attribute === "version") return { op: "set", at: ["eks", "version"], value, ...(declared !== undefined ? { declared } : {}) };
  const place = nodeGroupOf(declaration, resource.id);
  if (!place) return { reason: "not found in the declaration's node groups" };
  const at = ["eks", "nodeGroups", place.index, attribute];
  if (NODEGROUP_FIELDS.includes(attribute)) return { op: "set", at, value, ...(declared !== undefined ? { declared } : {}) };
  if (attribute === "taints") {
    const taints = declaredTaints(value);
    return taints === undefined ? { reason: "AWS has a taint the declaration cannot express" } : { op: "set", at, value: taints };
  }
  if (attribute === "nodeRole") return { reason: FROM_ACCESS_ENTRY };
  return { reason: DERIVED };
}

function launchTemplateAttribute(declaration: Declaration, resource: DriftedResource, attribute: string, value: Json, declared: Json | undefined): Match {
  const place = launchTemplateGroupOf(declaration, resource.id);
  if (!place) return { reason: "not found in the declaration's node groups" };
  const at = ["eks", "nodeGroups", place.index];
  if (attribute === "rootVolumeSize") return { op: "set", at: [...at, "diskSize"], value, ...(declared !== undefined ? { declared } : {}) };
  if (attribute === "rootVolumeKmsKeyArn") return setOrRemove([...at, "diskKmsKeyArn"], value, declared, "the node group's own KMS key");
  return { reason: "okctl's hardened node settings, not in the declaration" };
}

function clusterAttribute(attribute: string, value: Json, declared: Json | undefined): Match {
  if (CLUSTER_FIELDS.includes(attribute)) return { op: "set", at: ["eks", attribute], value, ...(declared !== undefined ? { declared } : {}) };
  if (attribute === "roleArn") return { reason: FROM_ACCESS_ENTRY };
  return { reason: DERIVED };
}

function parameterAttribute(declaration: Declaration, resource: DriftedResource, attribute: string, value: Json, declared: Json | undefined): Match {
  const index = parameterIndex(declaration, resource.id);
  if (index < 0) return { reason: "not found in the declaration's parameters" };
  const parameter = declaration.parameters[index]!;
  const at = ["parameters", index];
  if (attribute === "value" && parameter.type !== "SecureString") return { op: "set", at: [...at, "value"], value, ...(declared !== undefined ? { declared } : {}) };
  if (attribute === "description") return setOrRemove([...at, "description"], value, declared, "the description");
  if (attribute === "type" && parameter.type !== "SecureString" && value !== "SecureString") return { op: "set", at: [...at, "type"], value, ...(declared !== undefined ? { declared } : {}) };
  if (attribute === "type") return { reason: "a SecureString's value is generated by okctl and never read" };
  return { reason: DERIVED };
}

function certificateAttribute(declaration: Declaration, resource: DriftedResource, attribute: string, value: Json, declared: Json | undefined): Match {
  const index = certificateIndex(declaration, resource.id);
  if (index < 0) return { reason: "not found in the declaration's certificates" };
  if (attribute === "subjectAlternativeNames") {
    return { op: "set", at: ["certificates", index, attribute], value, ...(declared !== undefined ? { declared } : {}) };
  }
  if (attribute === "issuable") return { reason: "ACM gave up on this certificate (failed, timed out, expired or revoked): applying requests a new one" };
  return { reason: DERIVED };
}

const POLICY_NAMES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(ACCESS_POLICY_ARNS).map(([name, arn]) => [arn, name]));

/** An access policy ARN → the declaration's name (`…/AmazonEKSEditPolicy` → `edit`); undefined for one it can't say. */
function declaredPolicy(value: Json): string | undefined {
  return typeof value === "string" ? POLICY_NAMES[value] : undefined;
}

function accessEntryAttribute(declaration: Declaration, resource: DriftedResource, attribute: string, value: Json, declared: Json | undefined): Match {
  const index = accessEntryIndex(declaration, resource.id);
  if (index < 0) return { reason: "not found in the declaration's access entries" };
  const at = ["eks", "accessEntries", index];
  if (attribute === "accessPolicy") {
    const name = declaredPolicy(value);
    if (name === undefined) {
      return { reason: "AWS has another access policy, or several, which the declaration cannot express (one of cluster-admin, admin, edit, view)" };
    }
    const was = declared === undefined ? undefined : declaredPolicy(declared);
    return { op: "set", at: [...at, "accessPolicy"], value: name, ...(was !== undefined ? { declared: was } : {}) };
  }
  if (attribute === "namespaces") return { op: "set", at: [...at, "namespaces"], value, ...(declared !== undefined ? { declared } : {}) };
  return { reason: DERIVED };
}

function addonAttribute(declaration: Declaration, resource: DriftedResource, attribute: string, value: Json, declared: Json | undefined): Match {
  const index = addonIndex(declaration, resource.id);
  if (index < 0) return { reason: "not found in the declaration's add-ons" };
  // A version pin (an add-on left at EKS's default is pinned by naming it with a version).
  if (attribute === "version" && typeof value === "string") return { op: "set", at: ["eks", "addons", index, "version"], value, ...(declared !== undefined ? { declared } : {}) };
  return { reason: DERIVED };
}

function podIdentityAttribute(declaration: Declaration, resource: DriftedResource, attribute: string, value: Json, declared: Json | undefined): Match {
  const index = podIdentityIndex(declaration, resource.id);
  if (index < 0) return { reason: "not found in the declaration's pod identities" };
  if (attribute === "roleArn") return { op: "set", at: ["eks", "podIdentities", index, "roleArn"], value, ...(declared !== undefined ? { declared } : {}) };
  return { reason: DERIVED };
}

function changedAttribute(declaration: Declaration, resource: DriftedResource, attribute: string, inAws: Json, declared: Json | undefined): Match {
  if (attribute === TAGS) return { reason: "okctl's own tags" };
  switch (resource.kind) {
    case "eks-nodegroup":
      return nodegroupAttribute(declaration, resource, attribute, inAws, declared);
    case "launch-template":
      return launchTemplateAttribute(declaration, resource, attribute, inAws, declared);
    case "eks-cluster":
      return clusterAttribute(attribute, inAws, declared);
    case "vpc":
      return attribute === "cidrBlock" ? { op: "set", at: ["vpc", "cidr"], value: inAws, ...(declared !== undefined ? { declared } : {}) } : { reason: DERIVED };
    case "parameter":
      return parameterAttribute(declaration, resource, attribute, inAws, declared);
    case "certificate":
      return certificateAttribute(declaration, resource, attribute, inAws, declared);
    case "eks-access-entry":
      return accessEntryAttribute(declaration, resource, attribute, inAws, declared);
    case "eks-addon":
      return addonAttribute(declaration, resource, attribute, inAws, declared);
    case "eks-pod-identity":
      return podIdentityAttribute(declaration, resource, attribute, inAws, declared);
    default:
      return { reason: DERIVED };
  }
}

// ---- whole resources missing from AWS, or found in AWS and not declared -------------------------

function missingResource(declaration: Declaration, resource: DriftedResource): Match {
  if (resource.kind === "parameter") {
    const index = parameterIndex(declaration, resource.id);
    if (index >= 0) return { op: "remove", at: ["parameters", index], item: `name: ${declaration.parameters[index]!.name}` };
  }
  if (resource.kind === "certificate") {
    const index = certificateIndex(declaration, resource.id);
    if (index >= 0) return { op: "remove", at: ["certificates", index], item: `domain: ${declaration.certificates[index]!.domain}` };
  }
  if (resource.kind === "eks-access-entry") {
    const index = accessEntryIndex(declaration, resource.id);
    if (index >= 0) return { op: "remove", at: ["eks", "accessEntries", index], item: `principalArn: ${declaration.eks.accessEntries[index]!.principalArn}` };
  }
  if (resource.kind === "eks-pod-identity") {
    const index = podIdentityIndex(declaration, resource.id);
    const pod = declaration.eks.podIdentities[index];
    if (pod) return { op: "remove", at: ["eks", "podIdentities", index], item: `namespace: ${pod.namespace}, serviceAccount: ${pod.serviceAccount}` };
  }
  if (resource.kind === "eks-addon") {
    const index = addonIndex(declaration, resource.id);
    const addon = declaration.eks.addons[index];
    if (addon && DEFAULT_ADDONS.includes(addon.name)) return { reason: `${addon.name} is one of the add-ons every cluster runs: the declaration cannot leave it out` };
    if (addon) return { op: "remove", at: ["eks", "addons", index], item: `name: ${addon.name}` };
  }
  if (resource.kind === "eks-nodegroup") {
    const place = nodeGroupOf(declaration, resource.id);
    if (place && !place.group.perAvailabilityZone) return { op: "remove", at: ["eks", "nodeGroups", place.index], item: `name: ${place.group.name}` };
    if (place) return { reason: `one zone's group of the per-zone node group ${place.group.name}: the declaration cannot leave out one zone` };
  }
  return { reason: `the declaration cannot leave out this ${resource.kind}` };
}

function inAwsValue(resource: DriftedResource, attribute: string): Json | undefined {
  const value = resource.attributes.find((entry) => entry.attribute === attribute)?.inAws;
  return isShowable(value) ? value : undefined;
}

function unexpectedResource(cluster: string, resource: DriftedResource): Match {
  if (resource.id.includes("#")) return { reason: "another copy left behind by an interrupted apply: applying deletes it" };
  if (resource.kind === "parameter") {
    const fullName = inAwsValue(resource, "name");
    const type = inAwsValue(resource, "type");
    const prefix = parameterPath(cluster, "");
    if (typeof fullName === "string" && fullName.startsWith(prefix) && typeof type === "string") {
      const description = inAwsValue(resource, "description");
      const value = inAwsValue(resource, "value");
      const item: Record<string, Json> = { name: fullName.slice(prefix.length), type };
      if (type === "SecureString") item.generate = { length: 32 };
      else if (typeof value === "string") item.value = value;
      else return { reason: "its value could not be read" };
      if (typeof description === "string" && description !== "") item.description = description;
      return { op: "add", at: ["parameters", "-"], value: item };
    }
  }
  if (resource.kind === "eks-access-entry") {
    const principalArn = inAwsValue(resource, "principalArn");
    const policy = declaredPolicy(inAwsValue(resource, "accessPolicy") ?? null);
    const namespaces = inAwsValue(resource, "namespaces");
    if (typeof principalArn === "string" && policy !== undefined) {
      return { op: "add", at: ["eks", "accessEntries", "-"], value: { principalArn, accessPolicy: policy, ...(Array.isArray(namespaces) && namespaces.length > 0 ? { namespaces } : {}) } };
    }
  }
  if (resource.kind === "eks-addon") {
    const name = inAwsValue(resource, "name");
    const version = inAwsValue(resource, "version");
    if (typeof name === "string") return { op: "add", at: ["eks", "addons", "-"], value: { name, ...(typeof version === "string" ? { version } : {}) } };
  }
  if (resource.kind === "eks-pod-identity") {
    const namespace = inAwsValue(resource, "namespace");
    const serviceAccount = inAwsValue(resource, "serviceAccount");
    const roleArn = inAwsValue(resource, "roleArn");
    if (typeof namespace === "string" && typeof serviceAccount === "string" && typeof roleArn === "string") {
      return { op: "add", at: ["eks", "podIdentities", "-"], value: { namespace, serviceAccount, roleArn } };
    }
  }
  if (resource.kind === "certificate") {
    const domain = inAwsValue(resource, "domainName");
    const names = inAwsValue(resource, "subjectAlternativeNames");
    if (typeof domain === "string") return { op: "add", at: ["certificates", "-"], value: { domain, subjectAlternativeNames: Array.isArray(names) ? names : [] } };
  }
  return { reason: `tagged as this cluster's but not declared: applying deletes it (to keep it, declare it or take it out of okctl's tags)` };
}

// ---- all together -----------------------------------------------------------------------------

interface Candidate {
  resource: string;
  attribute?: string;
  match: Match;
}

function candidatesOf(declaration: Declaration, cluster: string, resource: DriftedResource): Candidate[] {
  if (resource.drift === "missing") return [{ resource: resource.id, match: missingResource(declaration, resource) }];
  if (resource.drift === "unexpected") return [{ resource: resource.id, match: unexpectedResource(cluster, resource) }];
  // An attribute the plan knows only after apply (a reference to what another change replaces)
  // follows from that other change: nothing to match on its own.
  return resource.attributes.filter((attribute) => !containsUnknown(attribute.declared)).map((attribute) => {
    const inAws = attribute.inAws ?? null;
    const declared = isShowable(attribute.declared) ? attribute.declared : undefined;
    const match: Match = isShowable(inAws)
      ? changedAttribute(declaration, resource, attribute.attribute, inAws, declared)
      : { reason: "AWS's value is not shown (secret or unknown)" };
    return { resource: resource.id, attribute: attribute.attribute, match };
  });
}

/**
 * The dotted form people read. An add-on is named, not numbered: the declaration as defaulted lists
 * the default add-ons first, so its index is not the file's (`eks.addons[name=coredns].version`).
 */
function displayOf(declaration: Declaration, at: Segments): string {
  const [eks, addons, index, ...rest] = at;
  const addon = eks === "eks" && addons === "addons" && typeof index === "number" ? declaration.eks.addons[index] : undefined;
  if (!addon) return displayPath(pointerFrom(at));
  return `eks.addons[name=${addon.name}]${rest.length > 0 ? `.${displayPath(pointerFrom(rest))}` : ""}`;
}

function toMatchingValue(declaration: Declaration, match: Exclude<Match, { reason: string }>, resources: string[]): MatchingValue {
  const path = pointerFrom(match.at);
  const display = displayOf(declaration, match.at);
  if (match.op === "set") return { op: "set", path, display, value: match.value, ...(match.declared !== undefined ? { declared: match.declared } : {}), resources };
  if (match.op === "remove") return { op: "remove", path, display, item: match.item, resources };
  // Appended to a list: shown as the list's path.
  return { op: "add", path, display: displayPath(pointerFrom(match.at.slice(0, -1))), value: match.value, resources };
}

/** Compares JSON pointers segment by segment, numbers as numbers: declaration order. */
function comparePaths(a: string, b: string): number {
  const left = a.split("/");
  const right = b.split("/");
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const x = left[index]!;
    const y = right[index]!;
    if (x === y) continue;
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) return Number(x) - Number(y);
    return compareStrings(x, y);
  }
  return left.length - right.length;
}

/**
 * The declaration changes that would make it match AWS, and the drift it cannot express. Two
 * resources asking for different values at one path (per-zone node groups scaled differently)
 * cannot both be matched: each is listed as unmatchable.
 */
export function matchingValues(declaration: Declaration, cluster: string, resources: readonly DriftedResource[]): { values: MatchingValue[]; unmatchable: Unmatchable[] } {
  const unmatchable: Unmatchable[] = [];
  const byKey = new Map<string, { match: Exclude<Match, { reason: string }>; resources: string[]; attribute?: string; values: Set<string> }>();
  const order: string[] = [];
  for (const candidate of resources.flatMap((resource) => candidatesOf(declaration, cluster, resource))) {
    const { match } = candidate;
    if ("reason" in match) {
      unmatchable.push({ resource: candidate.resource, ...(candidate.attribute ? { attribute: candidate.attribute } : {}), reason: match.reason });
      continue;
    }
    // Additions never collide; a set and a remove at one path do.
    const key = match.op === "add" ? `add:${candidate.resource}` : pointerFrom(match.at);
    const value = match.op === "remove" ? "remove" : canonicalJson(match.value);
    const entry = byKey.get(key);
    if (entry) {
      entry.resources.push(candidate.resource);
      entry.values.add(value);
    } else {
      byKey.set(key, { match, resources: [candidate.resource], ...(candidate.attribute ? { attribute: candidate.attribute } : {}), values: new Set([value]) });
      order.push(key);
    }
  }
  const values: MatchingValue[] = [];
  for (const key of order) {
    const entry = byKey.get(key)!;
    if (entry.values.size === 1) {
      values.push(toMatchingValue(declaration, entry.match, entry.resources));
      continue;
    }
    const display = displayOf(declaration, entry.match.at);
    for (const resource of entry.resources) {
      unmatchable.push({ resource, ...(entry.attribute ? { attribute: entry.attribute } : {}), reason: `AWS differs between ${entry.resources.join(", ")} at ${display}: one declaration value cannot match them all` });
    }
  }
  values.sort((a, b) => comparePaths(a.path, b.path));
  return { values, unmatchable };
}
