// The validated, fully defaulted declaration and what is derived from it. Everything downstream of
// src/declaration/ takes these types only; nothing downstream sees raw YAML.
//
// The structure is defined once, in schemas/okctl.schema.json. `DeclarationInput` (what a user may
// write) is generated from it into ./schema-types.generated.ts; `Declaration` below is that input
// with every default applied, and a compile-time check in ./schema-conformance.ts proves that a
// Declaration is still a valid DeclarationInput, so the two cannot drift apart.

export type Tier = "public" | "private" | "database";
export type CapacityType = "ON_DEMAND" | "SPOT";
export type ControlPlaneLogType = "api" | "audit" | "authenticator" | "controllerManager" | "scheduler";
export type ParameterType = "String" | "StringList" | "SecureString";
export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

export interface Taint {
  key: string;
  /** "" when the taint has no value. */
  value: string;
  effect: TaintEffect;
}

export interface NodeGroup {
  name: string;
  instanceTypes: string[];
  capacityType: CapacityType;
  minSize: number;
  desiredSize: number;
  maxSize: number;
  /** GiB of the gp3 root volume, always encrypted. */
  diskSize: number;
  /** KMS key for the root volume; absent: the account's default EBS key. */
  diskKmsKeyArn?: string;
  /** One EKS node group per availability zone (named <name>-<zone letter>) instead of one across all. */
  perAvailabilityZone: boolean;
  labels: Record<string, string>;
  taints: Taint[];
}

export type AccessPolicyName = "cluster-admin" | "admin" | "edit" | "view";

/** An IAM principal given access to the cluster's Kubernetes API (an EKS access entry). */
export interface ClusterAccessEntry {
  principalArn: string;
  accessPolicy: AccessPolicyName;
  /** Empty: the whole cluster. */
  namespaces: string[];
}

/** An EKS managed add-on; no version: EKS's default for the cluster's Kubernetes version. */
export interface Addon {
  name: string;
  version?: string;
}

/** An EKS Pod Identity association: the service account's pods get the role. */
export interface PodIdentity {
  namespace: string;
  serviceAccount: string;
  roleArn: string;
}

export interface Certificate {
  domain: string;
  subjectAlternativeNames: string[];
}

export type Parameter =
  | { name: string; type: "String" | "StringList"; value: string; description?: string }
  | { name: string; type: "SecureString"; generate: { length: number }; description?: string };

/** An existing AWS resource to take over: a logical id of the declaration and the AWS identifier. */
export interface Adoption {
  resource: string;
  id: string;
}

export interface Declaration {
  apiVersion: "okctl.io/v1alpha1";
  kind: "Cluster";
  metadata: {
    name: string;
    accountID: string;
    region: string;
    environment?: string;
  };
  clusterRootDomain: string;
  vpc: {
    cidr: string;
    highAvailability: boolean;
    availabilityZones: 2 | 3;
  };
  eks: {
    version: string;
    endpointPublicAccess: boolean;
    endpointPrivateAccess: boolean;
    publicAccessCidrs: string[];
    logging: ControlPlaneLogType[];
    nodeGroups: NodeGroup[];
    authenticationMode: "API" | "API_AND_CONFIG_MAP";
    accessEntries: ClusterAccessEntry[];
    /** Every add-on the cluster runs: the four defaults first, then those declared. */
    addons: Addon[];
    podIdentities: PodIdentity[];
  };
  dns: {
    delegateFrom?: string;
  };
  certificates: Certificate[];
  parameters: Parameter[];
  adopt: Adoption[];
}

/** One subnet of the derived layout. */
export interface SubnetLayout {
  /** Stable logical id, e.g. "subnet/private-b". */
  id: string;
  tier: Tier;
  /** "a", "b" or "c". */
  zoneLetter: string;
  /** e.g. "eu-west-1b". */
  availabilityZone: string;
  /** 0-based index of the block in the 16-way split of vpc.cidr (az × 3 + tier). */
  block: number;
  cidr: string;
  /** Value of the Name tag, e.g. "booking-dev-private-b". */
  name: string;
}

/** Values computed once, purely, from a Declaration (see derive.ts). */
export interface Layout {
  availabilityZones: string[];
  subnets: SubnetLayout[];
}

/** One problem found in a declaration. Positions are 1-based; path is a JSON pointer. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  /** JSON pointer of the offending node, e.g. "/metadata/accountID"; "" for the whole document. */
  path: string;
  message: string;
}

export type LoadResult =
  | { ok: true; declaration: Declaration; layout: Layout }
  | { ok: false; diagnostics: Diagnostic[] };
