// Collisions found at plan time (issue 8, point 3) for what AWS would refuse or silently duplicate
// inside an adopted VPC, and for certificates: each is a plan error naming what exists, and the
// plan is never applied.
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteNatGatewayCommand,
  DescribeAddressesCommand,
  DescribeRouteTablesCommand,
  DisassociateAddressCommand,
  DisassociateRouteTableCommand,
} from "@aws-sdk/client-ec2";
import { DescribeCertificateCommand, RequestCertificateCommand } from "@aws-sdk/client-acm";
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand } from "@aws-sdk/client-route-53";
import {
  AssociateAccessPolicyCommand,
  CreateAccessEntryCommand,
  CreateAddonCommand,
  CreatePodIdentityAssociationCommand,
  DescribeAccessEntryCommand,
  DescribeAddonCommand,
  DescribePodIdentityAssociationCommand,
  ListAssociatedAccessPoliciesCommand,
  UpdateClusterConfigCommand,
} from "@aws-sdk/client-eks";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration, TEST_REPOSITORY_ID } from "../../test/support/declarations.js";
import { applyFor, hostParentZone, pending, planFor, testClients } from "../../test/support/engine.js";
import { seedOriginalOkctl } from "../../test/support/original-okctl.js";

useMoto();

const errorsOf = (errors: string[], id: string) => errors.filter((error) => error.startsWith(`${id}: `));

describe("collisions at plan time", () => {
  it("adopting only the original's VPC and subnets: its internet gateway, addresses, NAT gateways and route tables are plan errors, not duplicates", async () => {
    const clients = testClients();
    const original = await seedOriginalOkctl(clients);
    const networkIds = new Set(Object.keys(original.gatewayIds));
    const plan = await planFor(fullDeclaration({ adopt: original.adopt.filter((entry) => !networkIds.has(entry.resource)) }), clients);

    for (const [id, physicalId] of Object.entries(original.gatewayIds)) {
      const errors = errorsOf(plan.errors, id);
      expect(errors, id).toHaveLength(1);
      expect(errors[0]).toContain(`adopt: [{ resource: ${id}, id: ${physicalId} }]`);
      expect(errors[0]).toContain("made by the original okctl for cluster booking-dev");
    }
    expect(errorsOf(plan.errors, "internet-gateway")[0]).toContain(`attached to ${original.vpcId}`);
    expect(errorsOf(plan.errors, "internet-gateway")[0]).toContain("would fail");
    expect(errorsOf(plan.errors, "nat-gateway/a")[0]).toContain(`in ${original.subnetIds["subnet/public-a"]}`);
    expect(errorsOf(plan.errors, "nat-gateway/a")[0]).toContain("would make a second one");
    expect(errorsOf(plan.errors, "elastic-ip/b")[0]).toContain(`the address of the NAT gateway ${original.gatewayIds["nat-gateway/b"]}`);
    expect(errorsOf(plan.errors, "route-table/public")[0]).toContain("would move its subnets away from it");
    const fresh = testClients();
    expect(await applyFor(plan, fresh)).toMatchObject({ outcome: "refused", reason: "plan-has-errors" });
    expect(fresh.calls.total).toBe(0);
  });

  it("an Elastic IP whose NAT gateway is gone and a route table whose subnets were taken away, left by the original okctl, are plan errors too; adopted, they are no duplicates", async () => {
    const clients = testClients();
    const original = await seedOriginalOkctl(clients);
    const addressB = original.gatewayIds["elastic-ip/b"]!;
    const tableB = original.gatewayIds["route-table/private-b"]!;
    // By hand, later: zone b's NAT gateway deleted (its address stays, attached to nothing), and its route table's subnet taken away.
    await clients.ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: original.gatewayIds["nat-gateway/b"] }));
    const [table] = (await clients.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [tableB] }))).RouteTables ?? [];
    for (const association of table!.Associations ?? []) await clients.ec2.send(new DisassociateRouteTableCommand({ AssociationId: association.RouteTableAssociationId! }));
    // AWS lets go of a deleted NAT gateway's address; moto keeps it associated (../shared/reference/moto.md), so let go here.
    const address = async () => (await clients.ec2.send(new DescribeAddressesCommand({ AllocationIds: [addressB] }))).Addresses?.[0];
    const association = (await address())?.AssociationId;
    if (association) await clients.ec2.send(new DisassociateAddressCommand({ AssociationId: association }));
    const { PublicIp: publicIp, AssociationId: left, NetworkInterfaceId: eni } = (await address())!;
    expect([left, eni || undefined]).toEqual([undefined, undefined]); // moto says "" for no interface
    const alone = new Set(["elastic-ip/b", "nat-gateway/b", "route-table/private-b"]);
    const declaration = (adopt: typeof original.adopt) => {
      const full = fullDeclaration({ adopt });
      return { ...full, eks: { ...full.eks, authenticationMode: "API_AND_CONFIG_MAP" as const } };
    };

    const plan = await planFor(declaration(original.adopt.filter((entry) => !alone.has(entry.resource))), clients);
    expect(errorsOf(plan.errors, "elastic-ip/b")).toEqual([
      expect.stringContaining(`the Elastic IP ${addressB} (${publicIp}, attached to nothing, made by the original okctl for cluster booking-dev`),
    ]);
    expect(errorsOf(plan.errors, "elastic-ip/b")[0]).toContain(`Either adopt it (add to okctl.yaml: adopt: [{ resource: elastic-ip/b, id: ${addressB} }]) or release it`);
    expect(errorsOf(plan.errors, "route-table/private-b")).toEqual([
      expect.stringContaining(`the route table ${tableB} in ${original.vpcId} (no subnet associated, made by the original okctl for cluster booking-dev`),
    ]);
    expect(errorsOf(plan.errors, "route-table/private-b")[0]).toContain("or delete it (no subnet uses it)");
    expect(plan.errors).toHaveLength(2); // the NAT gateway is gone: creating one is no collision

    // Adopted (the new NAT gateway then uses the address): no error, nothing of either created.
    const adopting = await planFor(declaration(original.adopt.filter((entry) => entry.resource !== "nat-gateway/b")), clients);
    expect(adopting.errors).toEqual([]);
    const actions = Object.fromEntries(adopting.changes.filter((change) => alone.has(change.id)).map((change) => [change.id, [change.action, change.physicalId]]));
    expect(actions).toEqual({ "elastic-ip/b": ["adopt", addressB], "nat-gateway/b": ["create", undefined], "route-table/private-b": ["adopt", tableB] });
    expect(adopting.changes.find((change) => change.id === "route-table/private-b")!.attributes.map((attribute) => attribute.attribute)).toContain("subnetIds");
  });

  it("a subnet overlapping one that exists in the adopted VPC is a plan error (AWS refuses it); equal CIDRs can be adopted", async () => {
    const clients = testClients();
    await hostParentZone(clients);
    const vpc = await clients.ec2.send(new CreateVpcCommand({ CidrBlock: "192.168.0.0/20" }));
    const vpcId = vpc.Vpc!.VpcId!;
    const wide = await clients.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: "192.168.0.0/23", AvailabilityZone: "eu-west-1a" }));
    const same = await clients.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: "192.168.6.0/24", AvailabilityZone: "eu-west-1a" }));
    const plan = await planFor(fullDeclaration({ adopt: [{ resource: "vpc", id: vpcId }] }), clients);

    // public-a is 192.168.0.0/24 and private-a 192.168.1.0/24: inside the /23.
    for (const id of ["subnet/public-a", "subnet/private-a"]) {
      expect(errorsOf(plan.errors, id), id).toEqual([expect.stringContaining(`the subnet ${wide.Subnet!.SubnetId} (192.168.0.0/23 in eu-west-1a) in ${vpcId}`)]);
      expect(errorsOf(plan.errors, id)[0]).toContain("AWS refuses a subnet whose CIDR overlaps another in the VPC");
    }
    // public-c is 192.168.6.0/24 exactly: adopting it is the way forward.
    expect(errorsOf(plan.errors, "subnet/public-c")).toEqual([expect.stringContaining(`adopt: [{ resource: subnet/public-c, id: ${same.Subnet!.SubnetId} }]`)]);
    expect(errorsOf(plan.errors, "subnet/database-a")).toEqual([]);
    expect(await applyFor(plan, clients)).toMatchObject({ outcome: "refused", reason: "plan-has-errors" });
  });

  it("an ACM certificate for a declared domain that okctl does not own is a plan error: ACM would issue a second one", async () => {
    const clients = testClients();
    await hostParentZone(clients);
    const { CertificateArn: arn } = await clients.acm.send(new RequestCertificateCommand({ DomainName: "argocd.booking-dev.oslo.systems", ValidationMethod: "DNS" }));
    const plan = await planFor(fullDeclaration(), clients);
    expect(errorsOf(plan.errors, "certificate/argocd.booking-dev.oslo.systems")).toEqual([
      expect.stringContaining(`the ACM certificate ${arn} for argocd.booking-dev.oslo.systems (`),
    ]);
    expect(plan.errors.join("\n")).toContain("would make a second one");
    expect(plan.errors).toHaveLength(1);
  });

  it("an access entry, an add-on and a pod identity association okctl does not own on an adopted cluster are plan errors; adopted, they are tagged and updated like any other", async () => {
    const clients = testClients();
    const original = await seedOriginalOkctl(clients);
    // By hand, in the console: access entries on, an entry, a managed add-on and an association.
    const developers = "arn:aws:iam::123456789012:role/booking-developers";
    await clients.eks.send(new UpdateClusterConfigCommand({ name: "booking-dev", accessConfig: { authenticationMode: "API_AND_CONFIG_MAP" } }));
    await clients.eks.send(new CreateAccessEntryCommand({ clusterName: "booking-dev", principalArn: developers }));
    await clients.eks.send(
      new AssociateAccessPolicyCommand({ clusterName: "booking-dev", principalArn: developers, policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", accessScope: { type: "cluster" } }),
    );
    await clients.eks.send(new CreateAddonCommand({ clusterName: "booking-dev", addonName: "vpc-cni", addonVersion: "v1.18.6-eksbuild.1" }));
    const { association } = await clients.eks.send(
      new CreatePodIdentityAssociationCommand({ clusterName: "booking-dev", namespace: "booking", serviceAccount: "api", roleArn: "arn:aws:iam::123456789012:role/booking-api-old" }),
    );
    const associationId = association!.associationId!;
    const declaration = (adopt: typeof original.adopt) => {
      const full = fullDeclaration({ adopt });
      return { ...full, eks: { ...full.eks, authenticationMode: "API_AND_CONFIG_MAP" as const } };
    };

    const plan = await planFor(declaration(original.adopt), clients);
    const entryErrors = errorsOf(plan.errors, "eks-access-entry/123456789012:role/booking-developers");
    expect(entryErrors).toEqual([expect.stringContaining(`the access entry for ${developers} on the EKS cluster booking-dev (STANDARD) already exists, and okctl does not own it`)]);
    expect(entryErrors[0]).toContain("would fail (EKS keeps one access entry per principal: ResourceInUseException)");
    expect(entryErrors[0]).toContain(`Either adopt it (add to okctl.yaml: adopt: [{ resource: eks-access-entry/123456789012:role/booking-developers, id: ${developers} }]) or leave ${developers} out of eks.accessEntries`);
    expect(errorsOf(plan.errors, "eks-addon/vpc-cni")).toEqual([expect.stringContaining("the managed add-on vpc-cni v1.18.6-eksbuild.1 on the EKS cluster booking-dev (")]);
    // vpc-cni runs on every cluster: it can't be left out of the declaration, only adopted or let go of.
    expect(errorsOf(plan.errors, "eks-addon/vpc-cni")[0]).toContain(
      "adopt: [{ resource: eks-addon/vpc-cni, id: vpc-cni }]) or delete it with `aws eks delete-addon --cluster-name booking-dev --addon-name vpc-cni --preserve`",
    );
    expect(errorsOf(plan.errors, "eks-pod-identity/booking/api")).toEqual([
      expect.stringContaining(`the pod identity association ${associationId} for booking/api on the EKS cluster booking-dev (role arn:aws:iam::123456789012:role/booking-api-old)`),
    ]);
    expect(errorsOf(plan.errors, "eks-pod-identity/booking/api")[0]).toContain(`adopt: [{ resource: eks-pod-identity/booking/api, id: ${associationId} }]`);
    // What nobody made yet is no collision.
    expect(errorsOf(plan.errors, "eks-access-entry/123456789012:role/booking-admins")).toEqual([]);
    expect(errorsOf(plan.errors, "eks-addon/coredns")).toEqual([]);
    expect(plan.errors).toHaveLength(3);
    expect(await applyFor(plan, testClients())).toMatchObject({ outcome: "refused", reason: "plan-has-errors" });

    // Adopted under the identifiers the errors name (the association also by its service account).
    const adopt = [
      ...original.adopt,
      { resource: "eks-access-entry/123456789012:role/booking-developers", id: developers },
      { resource: "eks-addon/vpc-cni", id: "vpc-cni" },
      { resource: "eks-pod-identity/booking/api", id: "booking/api" },
    ];
    // Another repository may not take them over once they are ours; before, it may plan to.
    const adopting = await planFor(declaration(adopt), clients);
    expect(adopting.errors).toEqual([]);
    const diff = (id: string) => {
      const change = adopting.changes.find((candidate) => candidate.id === id)!;
      expect(change.action, id).toBe("adopt");
      return Object.fromEntries(change.attributes.filter((a) => a.attribute !== "tags").map((a) => [a.attribute, [a.before, a.after]]));
    };
    expect(diff("eks-access-entry/123456789012:role/booking-developers")).toEqual({
      accessPolicy: ["arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy"],
      namespaces: [[], ["booking"]],
    });
    expect(diff("eks-addon/vpc-cni")).toEqual({ version: ["v1.18.6-eksbuild.1", "v1.19.2-eksbuild.1"] });
    expect(diff("eks-pod-identity/booking/api")).toEqual({ roleArn: ["arn:aws:iam::123456789012:role/booking-api-old", "arn:aws:iam::123456789012:role/booking-api"] });
    expect(adopting.changes.find((change) => change.id === "eks-pod-identity/booking/api")!.physicalId).toBe(`booking-dev/${associationId}`);

    expect(await applyFor(adopting, clients)).toMatchObject({ outcome: "applied", ok: true });
    const entry = (await clients.eks.send(new DescribeAccessEntryCommand({ clusterName: "booking-dev", principalArn: developers }))).accessEntry!;
    expect(entry.tags).toMatchObject({
      "okctl.io/cluster": "booking-dev",
      "okctl.io/resource": "eks-access-entry/123456789012:role/booking-developers",
      "okctl.io/repository-id": TEST_REPOSITORY_ID,
    });
    const policies = await clients.eks.send(new ListAssociatedAccessPoliciesCommand({ clusterName: "booking-dev", principalArn: developers }));
    expect(policies.associatedAccessPolicies?.map((policy) => [policy.policyArn, policy.accessScope])).toEqual([
      ["arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy", { type: "namespace", namespaces: ["booking"] }],
    ]);
    const addon = (await clients.eks.send(new DescribeAddonCommand({ clusterName: "booking-dev", addonName: "vpc-cni" }))).addon!;
    expect([addon.addonVersion, addon.tags?.["okctl.io/resource"]]).toEqual(["v1.19.2-eksbuild.1", "eks-addon/vpc-cni"]);
    const pod = (await clients.eks.send(new DescribePodIdentityAssociationCommand({ clusterName: "booking-dev", associationId }))).association!;
    expect([pod.roleArn, pod.tags?.["okctl.io/resource"]]).toEqual(["arn:aws:iam::123456789012:role/booking-api", "eks-pod-identity/booking/api"]);

    // Ours by tag now: nothing left to do, with or without the adopt entries; another repository's adoption is a conflict.
    expect(pending(await planFor(declaration(adopt), clients))).toEqual([]);
    expect(pending(await planFor(declaration(original.adopt), clients))).toEqual([]);
    const theirs = await planFor(declaration(adopt), clients, "oslokommune/someone-else");
    expect(errorsOf(theirs.errors, "eks-addon/vpc-cni")).toEqual([expect.stringContaining("belongs to the repository oslokommune/booking")]);
    expect(errorsOf(theirs.errors, "eks-pod-identity/booking/api")).toEqual([expect.stringContaining("belongs to the repository oslokommune/booking")]);
    expect(await applyFor(theirs, clients)).toMatchObject({ outcome: "refused", reason: "plan-has-errors" });
  });

  it("an access entry for a declared principal written in other letter case, or one that is not STANDARD, is a plan error; adopting a non-STANDARD one too", async () => {
    const clients = testClients();
    const original = await seedOriginalOkctl(clients);
    // By hand: the developers' role as IAM spells it (IAM names ignore case: one principal), and an EC2_LINUX entry for the admins' role.
    const developers = "arn:aws:iam::123456789012:role/Booking-Developers";
    const admins = "arn:aws:iam::123456789012:role/booking-admins";
    await clients.eks.send(new UpdateClusterConfigCommand({ name: "booking-dev", accessConfig: { authenticationMode: "API_AND_CONFIG_MAP" } }));
    await clients.eks.send(new CreateAccessEntryCommand({ clusterName: "booking-dev", principalArn: developers }));
    await clients.eks.send(new CreateAccessEntryCommand({ clusterName: "booking-dev", principalArn: admins, type: "EC2_LINUX" }));
    const declaration = (adopt: typeof original.adopt) => {
      const full = fullDeclaration({ adopt });
      return { ...full, eks: { ...full.eks, authenticationMode: "API_AND_CONFIG_MAP" as const } };
    };

    const plan = await planFor(declaration(original.adopt), clients);
    const developerErrors = errorsOf(plan.errors, "eks-access-entry/123456789012:role/booking-developers");
    expect(developerErrors).toEqual([
      expect.stringContaining(`the access entry for ${developers} on the EKS cluster booking-dev (STANDARD), the same IAM principal as arn:aws:iam::123456789012:role/booking-developers (IAM role and user names ignore letter case) already exists`),
    ]);
    expect(developerErrors[0]).toContain(`Write the principal in eks.accessEntries as the entry has it (${developers}), then either adopt it (add to okctl.yaml: adopt: [{ resource: eks-access-entry/123456789012:role/Booking-Developers, id: ${developers} }])`);
    const adminErrors = errorsOf(plan.errors, "eks-access-entry/123456789012:role/booking-admins");
    expect(adminErrors).toEqual([expect.stringContaining(`the access entry for ${admins} on the EKS cluster booking-dev (EC2_LINUX, Kubernetes groups system:nodes) already exists`)]);
    expect(adminErrors[0]).toContain(`Leave ${admins} out of eks.accessEntries: it is an access entry of type EC2_LINUX`);
    expect(adminErrors[0]).not.toContain("adopt: [");
    expect(plan.errors).toHaveLength(2);

    // Adopting the EC2_LINUX entry anyway: refused at plan time, not by EKS halfway through the apply.
    const adopting = await planFor(declaration([...original.adopt, { resource: "eks-access-entry/123456789012:role/booking-admins", id: admins }]), clients);
    expect(errorsOf(adopting.errors, "eks-access-entry/123456789012:role/booking-admins")).toEqual([
      `eks-access-entry/123456789012:role/booking-admins: can't adopt eks-access-entry ${admins}: it is an access entry of type EC2_LINUX, Kubernetes groups system:nodes, for the nodes or pods that run as ${admins}. ` +
        `EKS associates access policies only with STANDARD entries, so okctl can't manage it, and it keeps the access it has. Remove this adopt entry, and leave ${admins} out of eks.accessEntries.`,
      adminErrors[0], // the create it stays is the collision above
    ]);
    const fresh = testClients();
    expect(await applyFor(adopting, fresh)).toMatchObject({ outcome: "refused", reason: "plan-has-errors" });
    expect(fresh.calls.total).toBe(0);
  });

  it("a record in the way of a certificate's DNS validation is a plan error, not a stop halfway through the apply", async () => {
    const clients = testClients();
    await hostParentZone(clients);
    const zone = await clients.route53.send(new CreateHostedZoneCommand({ Name: "booking-dev.oslo.systems", CallerReference: "by-hand" }));
    const zoneId = zone.HostedZone!.Id!.replace("/hostedzone/", "");
    const domain = "argocd.booking-dev.oslo.systems";
    const { CertificateArn: arn } = await clients.acm.send(new RequestCertificateCommand({ DomainName: domain, ValidationMethod: "DNS" }));
    const record = (await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!.DomainValidationOptions![0]!.ResourceRecord!;
    // Someone's stale record at the validation name (another account's validation, say).
    await clients.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: { Changes: [{ Action: "CREATE", ResourceRecordSet: { Name: record.Name, Type: "CNAME", TTL: 300, ResourceRecords: [{ Value: "_stale.acm-validations.aws." }] } }] },
      }),
    );
    const id = `certificate/${domain}`;
    const expected = `the hosted zone ${zoneId} already has a record ${record.Name!.replace(/\.$/, "")} (CNAME _stale.acm-validations.aws.) where the DNS validation of certificate ${domain} needs the CNAME ${record.Value}`;

    // Adopting the certificate: its own validation record is in the way.
    const adopting = await planFor(fullDeclaration({ adopt: [{ resource: "hosted-zone", id: zoneId }, { resource: id, id: arn! }] }), clients);
    expect(adopting.changes.find((change) => change.id === id)?.action).toBe("adopt");
    expect(errorsOf(adopting.errors, id)).toEqual([expect.stringContaining(expected)]);
    expect(errorsOf(adopting.errors, id)[0]).toContain("Delete that record if it is stale, or declare the certificate for another domain.");
    expect(adopting.errors).toHaveLength(1);
    const fresh = testClients();
    expect(await applyFor(adopting, fresh)).toMatchObject({ outcome: "refused", reason: "plan-has-errors" });
    expect(fresh.calls.total).toBe(0);

    // Requesting a new one: ACM gives it the same validation record as the account's other certificate of the name.
    const creating = await planFor(fullDeclaration({ adopt: [{ resource: "hosted-zone", id: zoneId }] }), clients);
    expect(creating.changes.find((change) => change.id === id)?.action).toBe("create");
    expect(errorsOf(creating.errors, id)).toEqual([expect.stringContaining(expected), expect.stringContaining("would make a second one")]);

    // The record removed (or saying what ACM says): no error.
    await clients.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: { Changes: [{ Action: "UPSERT", ResourceRecordSet: { Name: record.Name, Type: "CNAME", TTL: 300, ResourceRecords: [{ Value: record.Value }] } }] },
      }),
    );
    expect((await planFor(fullDeclaration({ adopt: [{ resource: "hosted-zone", id: zoneId }, { resource: id, id: arn! }] }), clients)).errors).toEqual([]);
  });
});
