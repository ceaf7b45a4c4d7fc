// Collisions found at plan time (issue 8, point 3) for what AWS would refuse or silently duplicate
// inside an adopted VPC, and for certificates: each is a plan error naming what exists, and the
// plan is never applied.
import { CreateSubnetCommand, CreateVpcCommand } from "@aws-sdk/client-ec2";
import { RequestCertificateCommand } from "@aws-sdk/client-acm";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { applyFor, hostParentZone, planFor, testClients } from "../../test/support/engine.js";
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
});
