// The resource model: what every resource kind looks like to the planner and the executor.
// Each kind lives in its own folder under src/resources/ and exports one ResourceKindHandler;
// src/resources/registry.ts lists them by hand.
import type { Declaration, Layout } from "../declaration/types.js";
import type { AddonVersions } from "./eks-addon/versions.js";
import type { SharedReads } from "./shared/shared-reads.js";

/** A JSON value. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * A reference to an output of another resource of the same cluster, e.g. the subnet's VPC id:
 * `{ $ref: "vpc", output: "id" }`. Resolved at plan time from what exists in AWS, and at apply
 * time from what the executor created.
 */
export interface Ref {
  $ref: string;
  output: string;
}

/** A desired property value: JSON, a reference, or arrays/objects containing references. */
export type DesiredValue =
  | string
  | number
  | boolean
  | null
  | Ref
  | DesiredValue[]
  | { [key: string]: DesiredValue };

export type ResourceKind =
  | "vpc"
  | "subnet"
  | "internet-gateway"
  | "elastic-ip"
  | "nat-gateway"
  | "route-table"
  | "eks-cluster"
  | "launch-template"
  | "eks-nodegroup"
  | "eks-access-entry"
  | "eks-addon"
  | "eks-pod-identity"
  | "hosted-zone"
  | "zone-delegation"
  | "certificate"
  | "parameter";

/** What the declaration asks for: one node of the desired graph. */
export interface DesiredResource {
  /** Stable logical id, unique in a cluster, e.g. "subnet/private-b"; the okctl.io/resource tag. */
  id: string;
  kind: ResourceKind;
  /** Human name (the Name tag or the AWS name), e.g. "booking-dev-private-b". */
  name: string;
  /** The managed attributes. Only these are compared with AWS. */
  properties: Record<string, DesiredValue>;
  /** Logical ids this resource needs to exist first (includes every id referenced by a Ref). */
  dependsOn: string[];
  /** Tags to put on the resource at creation (for kinds that take tags). */
  tags: Record<string, string>;
}

/** What was found in AWS, by the okctl tags. */
export interface ActualResource {
  /** Logical id, from the okctl.io/resource tag (or, for untaggable kinds, from its identity). */
  id: string;
  kind: ResourceKind;
  /** The AWS identifier (vpc-…, arn:…, zone id, parameter name …). */
  physicalId: string;
  /** The managed attributes as AWS reports them, in the same shape as DesiredResource.properties. */
  properties: Record<string, Json>;
  /** Values other resources may reference (e.g. { id: "vpc-123" }). */
  outputs: Record<string, Json>;
  tags: Record<string, string>;
  /** The okctl.io/repository tag: the owning repository's owner/name, for people. */
  repository?: string;
  /** The okctl.io/repository-id tag: the owning repository's GitHub id (absent on resources from before ids). */
  repositoryId?: string;
}

/** Per-kind rules the planner needs (pure data, no I/O). */
export interface KindRules {
  /** Properties whose change needs the resource destroyed and created again. */
  replaceOn: readonly string[];
  /** Properties whose values are secret: never shown, never compared after creation. */
  sensitive?: readonly string[];
  /** Properties set at creation and never updated afterwards (e.g. a generated secret). */
  createOnly?: readonly string[];
  /** Array properties whose order does not matter: compared as sets (sorted canonically). */
  unorderedLists?: readonly string[];
  /**
   * Outputs an in-place update changes (e.g. a launch template's latest version): a reference to
   * one of them is unknown until the update has run, so whatever refers to it is planned to change.
   */
  outputsChangedByUpdate?: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// The I/O side of a kind. Clients come from src/aws/ (nothing else builds SDK clients).

import type { AwsClients } from "../aws/clients.js";

export interface ReadContext {
  clients: AwsClients;
  cluster: string;
  region: string;
  accountId: string;
  /** The desired graph, for kinds whose resources can't be tagged and are found by identity. */
  desired: readonly DesiredResource[];
  /** Lookups shared between kinds within one read (src/resources/shared/shared-reads.ts). */
  shared?: SharedReads;
  /** For collision look-ups: the AWS ids of what the plan keeps or adopts (never a collision). */
  claimed?: ReadonlySet<string>;
}

export interface ApplyContext {
  clients: AwsClients;
  cluster: string;
  region: string;
  accountId: string;
  repository: string;
  /** The repository's numeric GitHub id, as a string: an update or delete touches only what is tagged with it. */
  repositoryId: string;
  /** Report that the action is waiting on AWS (shown as a progress event). */
  waiting(message: string): void;
  /** Sleep between polls; replaced by a fake clock in unit tests. */
  sleep(ms: number): Promise<void>;
  /** Time between two looks at a resource that is settling, for every kind (default: each kind's own). */
  pollIntervalMs?: number;
  /** Abort signal: set when the whole apply is cancelled. */
  signal?: AbortSignal;
  /** Poll timeouts in milliseconds per wait kind; defaults in src/apply/waits.ts. */
  timeouts: WaitTimeouts;
}

export interface WaitTimeouts {
  eksCluster: number;
  eksNodegroup: number;
  natGateway: number;
  certificate: number;
  route53Change: number;
  other: number;
}

/** Desired properties with every Ref replaced by the referenced output. */
export type ResolvedProperties = Record<string, Json>;

export interface ResourceKindHandler {
  kind: ResourceKind;
  rules: KindRules;
  /** All resources of this kind for the cluster, found by tag (one batched call where possible). */
  read(ctx: ReadContext): Promise<ActualResource[]>;
  /** Creates it, tagged at creation, idempotently (client token or find-by-tag first). Returns outputs. */
  create(ctx: ApplyContext, resource: { id: string; name: string; properties: ResolvedProperties; tags: Record<string, string> }): Promise<{ physicalId: string; outputs: Record<string, Json> }>;
  /** Updates changed attributes in place. Returns the (possibly new) outputs. */
  update(ctx: ApplyContext, resource: { id: string; name: string; physicalId: string; properties: ResolvedProperties; tags: Record<string, string>; changed: string[]; before: Record<string, Json> }): Promise<{ outputs: Record<string, Json> }>;
  /** Deletes it and waits until it is gone; succeeds if it is already gone. `before`: its properties as the plan saw them (an apply passes them). */
  delete(ctx: ApplyContext, resource: { id: string; physicalId: string; outputs: Record<string, Json>; before?: Record<string, Json> }): Promise<void>;
  /**
   * For kinds whose updates and deletes address the resource by a name someone else can take (not by
   * an id AWS generated): the tags of what holds `physicalId` now, undefined when nothing does. The
   * apply checks them before each update or delete (src/apply/ownership-guard.ts).
   */
  currentTags?(ctx: ApplyContext, physicalId: string): Promise<Record<string, string> | undefined>;
  /** Taking over an existing resource (declared in `adopt`). Absent for kinds found by identity, which are ours only by proof. */
  adoption?: AdoptionHandler;
  /**
   * Existing resources okctl does not own with the natural identity of these desired resources
   * (all of this kind, all to be created): a zone of the same name, a cluster of the same name …
   * Called only for resources the plan creates, so a plan without creates makes no such call.
   * References in `creating` and in `ctx.desired` are resolved where the plan knows them (the id
   * of an adopted VPC, say) and `{ unknown: true }` where they are known only after apply.
   */
  collisions?(ctx: ReadContext, creating: readonly DesiredResource[]): Promise<Collision[]>;
}

export interface AdoptionHandler {
  /** The resource with this AWS identifier, as read() would report it but under the logical id `id`; undefined when it does not exist. */
  read(ctx: ReadContext, physicalId: string, id: string): Promise<ActualResource | undefined>;
  /** Puts okctl's tags on it (applying an adoption; the update that follows changes the rest). */
  tag(ctx: ApplyContext, physicalId: string, tags: Record<string, string>): Promise<void>;
}

/** What a create would collide with: found by natural identity, not ours. */
export interface Collision {
  /** The logical id of the resource the plan would create. */
  id: string;
  kind: ResourceKind;
  /** The AWS identifier of what exists (what an `adopt` entry names). */
  physicalId: string;
  /** What exists, for people: "public hosted zone booking-dev.oslo.systems (Z123), tagged alpha.okctl.io/cluster-name=booking-dev". */
  description: string;
  /** What creating it anyway would do ("fail (…)", "make a second one"); by default, by kind. */
  consequence?: string;
  /** The ways forward, when adopting it is not one of them (e.g. a subnet that only overlaps). */
  advice?: string;
  /** The way forward other than adopting it, when it is not "choose another name" (e.g. "leave coredns out of eks.addons"). */
  instead?: string;
}


/** What every kind's pure `desired…()` builder receives. */
export interface DesiredInput {
  declaration: Declaration;
  layout: Layout;
  /** "owner/name" of the repository the declaration lives in. */
  repository: string;
  /** The repository's numeric GitHub id, as a string: ownership goes by it. */
  repositoryId: string;
  /** From the repository's access entry: IAM roles are provisioned by administrators. */
  eksClusterRoleArn: string;
  eksNodeRoleArn: string;
  /**
   * DescribeAddonVersions for the declared Kubernetes version (looked up once per plan): the
   * add-ons' default versions. Without it, unpinned add-ons have no version (null).
   */
  addonVersions?: AddonVersions;
}
