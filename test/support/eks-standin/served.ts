// What an operation the stand-in serves receives: the validated input, the request's region, the
// state, and a link to moto for what moto keeps (clusters, node groups, the caller's identity).
import type { EksStandinState, LaunchTemplateSpec } from "./state.js";

export interface MotoCluster {
  name: string;
  arn: string;
  account: string;
  version: string;
  status: string;
}

export interface MotoLaunchTemplate {
  id: string;
  name: string;
  defaultVersion: number;
  latestVersion: number;
}

export interface MotoLink {
  /** The cluster as moto has it; throws EKS's ResourceNotFoundException when it has none. */
  cluster(name: string): Promise<MotoCluster>;
  /** The node group's Kubernetes version, status, tags and launch template (as created), or undefined. */
  nodegroup(clusterName: string, nodegroupName: string): Promise<{ version: string; status: string; tags: Record<string, string>; launchTemplate?: LaunchTemplateSpec } | undefined>;
  /** A launch template in moto's EC2, by id or name, with its version numbers; undefined when there is none. */
  launchTemplate(spec: { id?: string; name?: string }): Promise<MotoLaunchTemplate | undefined>;
  nodegroupNames(clusterName: string): Promise<string[]>;
  /** The IAM ARN of the caller (an assumed role's role ARN). */
  callerArn(): Promise<string>;
}

export interface ServedCall {
  input: Record<string, unknown>;
  region: string;
  state: EksStandinState;
  moto: MotoLink;
}

export type Served = (call: ServedCall) => Promise<unknown>;
