import { describe, expect, it } from "vitest";
import { DescribeNodegroupCommand } from "@aws-sdk/client-eks";
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { DescribeCertificateCommand } from "@aws-sdk/client-acm";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { applyExample, applyFor, pending, physicalIds, planFor, testClients } from "../../test/support/engine.js";
import { FULL_EXAMPLE_INVENTORY, inventory } from "../../test/support/inventory.js";
import type { Declaration } from "../declaration/types.js";

useMoto();

function changed(base: Declaration): Declaration {
  const [generic] = base.eks.nodeGroups;
  return {
    ...base,
    eks: { ...base.eks, nodeGroups: [{ ...generic!, minSize: 2, desiredSize: 3, maxSize: 12 }] },
    parameters: [...base.parameters, { name: "app/region", type: "String", value: "eu-west-1" }],
    certificates: [...base.certificates, { domain: "grafana.booking-dev.oslo.systems", subjectAlternativeNames: [] }],
  };
}

describe("changing a node group's sizes, adding a parameter and a certificate", () => {
  it("plans exactly those three changes, applies them in place, and then plans nothing", async () => {
    const clients = testClients();
    const before = await applyExample(clients, fullDeclaration());
    const nodegroupBefore = await clients.eks.send(new DescribeNodegroupCommand({ clusterName: "booking-dev", nodegroupName: "generic" }));

    const declaration = changed(fullDeclaration());
    const plan = await planFor(declaration, clients);
    expect(plan.errors).toEqual([]);
    expect(plan.summary).toEqual({ create: 2, update: 1, replace: 0, delete: 0 });
    expect(pending(plan).map((change) => [change.action, change.id])).toEqual([
      ["update", "eks-nodegroup/generic"],
      ["create", "certificate/grafana.booking-dev.oslo.systems"],
      ["create", "parameter/app/region"],
    ]);
    const update = plan.changes.find((change) => change.id === "eks-nodegroup/generic")!;
    expect(update.physicalId).toBe("booking-dev/generic");
    expect(update.attributes).toEqual([
      { attribute: "desiredSize", before: 2, after: 3 },
      { attribute: "maxSize", before: 10, after: 12 },
      { attribute: "minSize", before: 1, after: 2 },
    ]);

    const result = await applyFor(plan, clients);
    expect(result.outcome).toBe("applied");
    if (result.outcome !== "applied") return;
    expect(result.steps.map((step) => [step.operation, step.resourceId, step.status])).toEqual([
      ["update", "eks-nodegroup/generic", "done"],
      ["create", "certificate/grafana.booking-dev.oslo.systems", "done"],
      ["create", "parameter/app/region", "done"],
    ]);

    const nodegroup = (await clients.eks.send(new DescribeNodegroupCommand({ clusterName: "booking-dev", nodegroupName: "generic" }))).nodegroup!;
    expect(nodegroup.scalingConfig).toEqual({ minSize: 2, desiredSize: 3, maxSize: 12 });
    expect(nodegroup.nodegroupArn).toBe(nodegroupBefore.nodegroup!.nodegroupArn);
    expect(nodegroup.createdAt).toEqual(nodegroupBefore.nodegroup!.createdAt);
    const parameter = await clients.ssm.send(new GetParameterCommand({ Name: "/okctl/booking-dev/app/region" }));
    expect(parameter.Parameter?.Value).toBe("eu-west-1");
    const certificateArn = result.outputs["certificate/grafana.booking-dev.oslo.systems"]?.arn;
    expect(typeof certificateArn).toBe("string");
    const certificate = await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: certificateArn as string }));
    expect(certificate.Certificate?.DomainName).toBe("grafana.booking-dev.oslo.systems");

    const after = await planFor(declaration, clients);
    expect(after.errors).toEqual([]);
    expect(pending(after)).toEqual([]);
    // Everything that existed keeps its identity; only the two new resources were added.
    const { "certificate/grafana.booking-dev.oslo.systems": newCertificate, "parameter/app/region": newParameter, ...kept } = physicalIds(after);
    expect(kept).toEqual(physicalIds(before));
    expect([newCertificate, newParameter]).toEqual([certificateArn, "/okctl/booking-dev/app/region"]);
    expect(await inventory(clients, "booking-dev", "booking-dev.oslo.systems")).toEqual({ ...FULL_EXAMPLE_INVENTORY, certificates: 2, parameters: 3 });
  });
});
