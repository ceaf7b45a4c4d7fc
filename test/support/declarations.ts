// Typed, fully defaulted declarations for engine tests (the YAML examples live in examples/).
import type { Declaration } from "../../src/declaration/types.js";

import { testRepositoryId } from "./webhooks-examples.js";

export const TEST_REPOSITORY = "oslokommune/booking";
/** Its numeric GitHub id, as the test webhook payloads carry it. */
export const TEST_REPOSITORY_ID = String(testRepositoryId(TEST_REPOSITORY));

/** The id of a test repository named `name`: the test repository's for its name (any case), stable for any other. */
export function repositoryIdOf(name: string): string {
  return String(testRepositoryId(name));
}

/** The full example of examples/okctl.yaml, as the validator returns it. */
export function fullDeclaration(overrides: Partial<Declaration> = {}): Declaration {
  return {
    apiVersion: "okctl.io/v1alpha1",
    kind: "Cluster",
    metadata: { name: "booking-dev", accountID: "123456789012", region: "eu-west-1", environment: "dev" },
    clusterRootDomain: "booking-dev.oslo.systems",
    vpc: { cidr: "192.168.0.0/20", highAvailability: true, availabilityZones: 3 },
    eks: {
      version: "1.31",
      endpointPublicAccess: true,
      endpointPrivateAccess: true,
      publicAccessCidrs: ["0.0.0.0/0"],
      logging: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      nodeGroups: [
        {
          name: "generic",
          instanceTypes: ["m5.large"],
          capacityType: "ON_DEMAND",
          minSize: 1,
          desiredSize: 2,
          maxSize: 10,
          diskSize: 80,
          perAvailabilityZone: false,
          labels: { pool: "generic" },
          taints: [],
        },
      ],
      authenticationMode: "API",
      accessEntries: [
        { principalArn: "arn:aws:iam::123456789012:role/booking-admins", accessPolicy: "cluster-admin", namespaces: [] },
        { principalArn: "arn:aws:iam::123456789012:role/booking-developers", accessPolicy: "edit", namespaces: ["booking"] },
      ],
      addons: [{ name: "vpc-cni" }, { name: "coredns", version: "v1.11.3-eksbuild.1" }, { name: "kube-proxy" }, { name: "eks-pod-identity-agent" }, { name: "aws-ebs-csi-driver" }],
      podIdentities: [{ namespace: "booking", serviceAccount: "api", roleArn: "arn:aws:iam::123456789012:role/booking-api" }],
    },
    dns: { delegateFrom: "oslo.systems" },
    certificates: [{ domain: "argocd.booking-dev.oslo.systems", subjectAlternativeNames: [] }],
    parameters: [
      { name: "argocd/client_secret", type: "SecureString", generate: { length: 32 } },
      { name: "app/log-level", type: "String", value: "info" },
    ],
    adopt: [],
    ...overrides,
  };
}

export const TEST_EKS_CLUSTER_ROLE_ARN = "arn:aws:iam::123456789012:role/okctl-eks-cluster";
export const TEST_EKS_NODE_ROLE_ARN = "arn:aws:iam::123456789012:role/okctl-eks-node";
