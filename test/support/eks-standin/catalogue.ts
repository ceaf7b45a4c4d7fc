// What the stand-in's EKS offers: the add-ons with their versions per Kubernetes version (what
// DescribeAddonVersions lists, one default per add-on and Kubernetes version, as on AWS) and the
// access policies AssociateAccessPolicy accepts.

export interface AddonVersionInfo {
  addonVersion: string;
  /** Kubernetes minor versions it runs on, and the one(s) it is the default for. */
  clusterVersions: readonly string[];
  defaultFor: readonly string[];
}

export interface AddonInfo {
  addonName: string;
  type: string;
  owner: string;
  publisher: string;
  /** Needs worker nodes to become ACTIVE (its pods are a Deployment). */
  needsNodes: boolean;
  versions: readonly AddonVersionInfo[];
}

const KUBERNETES = ["1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34"] as const;

/** One build per Kubernetes minor (kube-proxy follows the control plane's version). */
function perMinor(build: (minor: string) => string): AddonVersionInfo[] {
  return KUBERNETES.map((minor) => ({ addonVersion: build(minor), clusterVersions: [minor], defaultFor: [minor] }));
}

export const ADDONS: readonly AddonInfo[] = [
  {
    addonName: "vpc-cni",
    type: "networking",
    owner: "aws",
    publisher: "eks",
    needsNodes: false,
    versions: [
      { addonVersion: "v1.18.6-eksbuild.1", clusterVersions: ["1.28", "1.29", "1.30", "1.31"], defaultFor: ["1.28", "1.29"] },
      { addonVersion: "v1.19.2-eksbuild.1", clusterVersions: ["1.28", "1.29", "1.30", "1.31", "1.32"], defaultFor: ["1.30", "1.31"] },
      { addonVersion: "v1.19.5-eksbuild.3", clusterVersions: ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34"], defaultFor: ["1.32", "1.33", "1.34"] },
    ],
  },
  {
    addonName: "coredns",
    type: "networking",
    owner: "aws",
    publisher: "eks",
    needsNodes: true,
    versions: [
      { addonVersion: "v1.10.1-eksbuild.18", clusterVersions: ["1.28"], defaultFor: ["1.28"] },
      { addonVersion: "v1.11.1-eksbuild.13", clusterVersions: ["1.29"], defaultFor: ["1.29"] },
      { addonVersion: "v1.11.3-eksbuild.1", clusterVersions: ["1.29", "1.30", "1.31"], defaultFor: ["1.30", "1.31"] },
      { addonVersion: "v1.11.4-eksbuild.2", clusterVersions: ["1.31", "1.32"], defaultFor: ["1.32"] },
      { addonVersion: "v1.12.1-eksbuild.2", clusterVersions: ["1.32", "1.33", "1.34"], defaultFor: ["1.33", "1.34"] },
    ],
  },
  {
    addonName: "kube-proxy",
    type: "networking",
    owner: "aws",
    publisher: "eks",
    needsNodes: false,
    versions: perMinor((minor) => `v${minor}.${Number(minor.split(".")[1]) % 7}-eksbuild.2`),
  },
  {
    addonName: "eks-pod-identity-agent",
    type: "security",
    owner: "aws",
    publisher: "eks",
    needsNodes: false,
    versions: [
      { addonVersion: "v1.3.4-eksbuild.1", clusterVersions: ["1.28", "1.29", "1.30", "1.31", "1.32"], defaultFor: ["1.28", "1.29", "1.30", "1.31"] },
      { addonVersion: "v1.3.7-eksbuild.2", clusterVersions: ["1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34"], defaultFor: ["1.32", "1.33", "1.34"] },
    ],
  },
  {
    addonName: "aws-ebs-csi-driver",
    type: "storage",
    owner: "aws",
    publisher: "eks",
    needsNodes: true,
    versions: [
      { addonVersion: "v1.37.0-eksbuild.1", clusterVersions: ["1.28", "1.29", "1.30", "1.31", "1.32"], defaultFor: ["1.28", "1.29", "1.30", "1.31", "1.32"] },
      { addonVersion: "v1.44.0-eksbuild.1", clusterVersions: ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34"], defaultFor: ["1.33", "1.34"] },
    ],
  },
  {
    addonName: "aws-efs-csi-driver",
    type: "storage",
    owner: "aws",
    publisher: "eks",
    needsNodes: true,
    versions: [{ addonVersion: "v2.1.4-eksbuild.1", clusterVersions: [...KUBERNETES], defaultFor: [...KUBERNETES] }],
  },
  {
    addonName: "snapshot-controller",
    type: "storage",
    owner: "aws",
    publisher: "eks",
    needsNodes: true,
    versions: [{ addonVersion: "v8.1.0-eksbuild.2", clusterVersions: [...KUBERNETES], defaultFor: [...KUBERNETES] }],
  },
];

export function addonInfo(name: string): AddonInfo | undefined {
  return ADDONS.find((addon) => addon.addonName === name);
}

export const ACCESS_POLICY_PREFIX = "arn:aws:eks::aws:cluster-access-policy/";

export const ACCESS_POLICIES: readonly string[] = [
  "AmazonEKSAdminPolicy",
  "AmazonEKSAdminViewPolicy",
  "AmazonEKSClusterAdminPolicy",
  "AmazonEKSEditPolicy",
  "AmazonEKSViewPolicy",
].map((name) => `${ACCESS_POLICY_PREFIX}${name}`);
