import { describe, expect, it } from "vitest";
import { DescribeLaunchTemplateVersionsCommand, DescribeNatGatewaysCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { DescribeAddonCommand, DescribeClusterCommand, DescribeNodegroupCommand, ListAccessEntriesCommand, ListAddonsCommand, ListPodIdentityAssociationsCommand } from "@aws-sdk/client-eks";
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { ListResourceRecordSetsCommand, ListHostedZonesByNameCommand } from "@aws-sdk/client-route-53";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { applyFor, hostParentZone, planFor, testClients } from "../../test/support/engine.js";

useMoto();

describe("the engine against moto", () => {
  it("applies the full example on an empty account, and then plans no changes", async () => {
    const clients = testClients();
    await hostParentZone(clients);
    const declaration = fullDeclaration();
    const plan = await planFor(declaration, clients);
    expect(plan.errors).toEqual([]);
    expect(plan.summary).toEqual({ create: 38, update: 0, replace: 0, delete: 0 });

    const result = await applyFor(plan, clients);
    expect(result.outcome).toBe("applied");
    if (result.outcome !== "applied") return;
    expect(result.steps.filter((step) => step.status !== "done")).toEqual([]);

    const vpcs = await clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "tag:okctl.io/cluster", Values: ["booking-dev"] }] }));
    expect(vpcs.Vpcs).toHaveLength(1);
    expect(vpcs.Vpcs![0]!.CidrBlock).toBe("192.168.0.0/20");
    const subnets = await clients.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcs.Vpcs![0]!.VpcId!] }] }));
    expect(subnets.Subnets!.map((subnet) => subnet.CidrBlock).sort()).toEqual(
      Array.from({ length: 9 }, (_, i) => `192.168.${i}.0/24`).sort(),
    );
    const nats = await clients.ec2.send(new DescribeNatGatewaysCommand({ Filter: [{ Name: "vpc-id", Values: [vpcs.Vpcs![0]!.VpcId!] }] }));
    expect(nats.NatGateways!.filter((nat) => nat.State === "available")).toHaveLength(3);
    const cluster = await clients.eks.send(new DescribeClusterCommand({ name: "booking-dev" }));
    expect(cluster.cluster?.version).toBe("1.31");
    expect(cluster.cluster?.tags?.["okctl.io/repository"]).toBe("oslokommune/booking");
    const nodegroup = await clients.eks.send(new DescribeNodegroupCommand({ clusterName: "booking-dev", nodegroupName: "generic" }));
    expect(nodegroup.nodegroup?.scalingConfig).toEqual({ minSize: 1, desiredSize: 2, maxSize: 10 });
    expect(nodegroup.nodegroup?.version).toBe("1.31"); // the cluster's version, not moto's default
    const templateId = nodegroup.nodegroup?.launchTemplate?.id;
    expect(nodegroup.nodegroup?.launchTemplate).toMatchObject({ name: "booking-dev-generic", version: "1" });
    const [version] = (await clients.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: ["$Latest"] }))).LaunchTemplateVersions!;
    expect(version!.LaunchTemplateData).toMatchObject({
      BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeSize: 80, VolumeType: "gp3", Encrypted: true } }],
      MetadataOptions: { HttpTokens: "required", HttpPutResponseHopLimit: 2 },
    });
    expect(cluster.cluster?.accessConfig?.authenticationMode).toBe("API");
    const entries = await clients.eks.send(new ListAccessEntriesCommand({ clusterName: "booking-dev" }));
    expect(entries.accessEntries).toEqual(
      expect.arrayContaining(["arn:aws:iam::123456789012:role/booking-admins", "arn:aws:iam::123456789012:role/booking-developers", "arn:aws:iam::123456789012:role/okctl-eks-node"]),
    );
    const addons = await clients.eks.send(new ListAddonsCommand({ clusterName: "booking-dev" }));
    expect([...(addons.addons ?? [])].sort()).toEqual(["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    const coredns = await clients.eks.send(new DescribeAddonCommand({ clusterName: "booking-dev", addonName: "coredns" }));
    expect(coredns.addon).toMatchObject({ status: "ACTIVE", addonVersion: "v1.11.3-eksbuild.1" });
    const pods = await clients.eks.send(new ListPodIdentityAssociationsCommand({ clusterName: "booking-dev" }));
    expect(pods.associations?.map((a) => `${a.namespace}/${a.serviceAccount}`)).toEqual(["booking/api"]);
    const parameter = await clients.ssm.send(new GetParameterCommand({ Name: "/okctl/booking-dev/app/log-level" }));
    expect(parameter.Parameter?.Value).toBe("info");
    const parent = await clients.route53.send(new ListHostedZonesByNameCommand({ DNSName: "oslo.systems" }));
    const records = await clients.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: parent.HostedZones![0]!.Id! }));
    expect(records.ResourceRecordSets!.some((set) => set.Type === "NS" && set.Name === "booking-dev.oslo.systems.")).toBe(true);

    const counted = testClients();
    const second = await planFor(declaration, counted);
    // Lookups several kinds need are made once per plan, and the read stays batched: the parent zone
    // is found in the one ListHostedZones the hosted-zone read makes, with no look-up by name.
    const calls = counted.calls.byOperation;
    expect([calls.get("EKS.DescribeCluster"), calls.get("Route53.ListHostedZonesByName"), calls.get("Route53.ListHostedZones"), calls.get("EKS.ListClusters")]).toEqual([1, undefined, 1, undefined]);
    expect(counted.calls.total).toBeLessThanOrEqual(40);
    expect(second.errors).toEqual([]);
    expect(second.changes.filter((change) => change.action !== "no-op")).toEqual([]);
    expect(second.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0 });
  });
});
