import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { driftReport } from "./report.js";
import { examplePlan, exampleDeclaration, withProperties, without } from "./testing.js";
import type { Declaration } from "../declaration/types.js";

const declaration = exampleDeclaration();

describe("driftReport", () => {
  it("finds no drift when AWS holds what the declaration says", () => {
    const report = driftReport(examplePlan(), { declaration, cause: { kind: "not-applied", pullRequest: { number: 4, url: "https://github.com/acme/booking/pull/4" } } });
    expect(report.drifted).toBe(false);
    expect(report.resources).toEqual([]);
    expect(report.matchingValues).toEqual([]);
    expect(report.unmatchable).toEqual([]);
    expect(report.cause).toBeUndefined();
    expect(report).toMatchObject({ cluster: "booking-dev", accountId: "123456789012", region: "eu-west-1", repository: "acme/booking" });
  });

  it("reports exactly the hand changes: declared vs in AWS, and the values that would match AWS", () => {
    const plan = examplePlan((actual) => {
      let changed = withProperties(actual, "eks-nodegroup/generic", { desiredSize: 5 });
      changed = withProperties(changed, "parameter/app/log-level", { value: "debug" });
      const table = changed.find((resource) => resource.id === "route-table/public")!;
      const subnets = table.properties.subnetIds as string[];
      changed = withProperties(changed, "route-table/public", { subnetIds: subnets.slice(1) });
      return without(changed, "parameter/argocd/client_secret");
    });
    const report = driftReport(plan, { declaration });
    expect(report.drifted).toBe(true);
    expect(report.summary).toEqual({ create: 1, update: 3, replace: 0, delete: 0 });
    expect(report.resources.map((resource) => [resource.id, resource.drift, resource.action])).toEqual([
      ["route-table/public", "changed", "update"],
      ["eks-nodegroup/generic", "changed", "update"],
      ["parameter/app/log-level", "changed", "update"],
      ["parameter/argocd/client_secret", "missing", "create"],
    ]);
    const nodegroup = report.resources.find((resource) => resource.id === "eks-nodegroup/generic")!;
    expect(nodegroup.attributes).toEqual([{ attribute: "desiredSize", declared: 2, inAws: 5 }]);
    const routeTable = report.resources.find((resource) => resource.id === "route-table/public")!;
    expect(routeTable.attributes).toEqual([
      { attribute: "subnetIds", declared: ["subnet/public-a.id", "subnet/public-b.id", "subnet/public-c.id"], inAws: ["subnet/public-b.id", "subnet/public-c.id"] },
    ]);
    expect(report.matchingValues).toEqual([
      { op: "set", path: "/eks/nodeGroups/0/desiredSize", display: "eks.nodeGroups[0].desiredSize", value: 5, declared: 2, resources: ["eks-nodegroup/generic"] },
      { op: "remove", path: "/parameters/0", display: "parameters[0]", item: "name: argocd/client_secret", resources: ["parameter/argocd/client_secret"] },
      { op: "set", path: "/parameters/1/value", display: "parameters[1].value", value: "debug", declared: "info", resources: ["parameter/app/log-level"] },
    ]);
    expect(report.unmatchable).toEqual([
      { resource: "route-table/public", attribute: "subnetIds", reason: expect.stringContaining("derived by okctl") },
    ]);
  });

  it("gives each value its line in the declaration's text, or where to add it when the file leaves it at its default", () => {
    const source = readFileSync(new URL("../../examples/okctl.yaml", import.meta.url), "utf8");
    const plan = examplePlan((actual) => without(withProperties(withProperties(actual, "eks-nodegroup/generic", { desiredSize: 5 }), "parameter/app/log-level", { value: "debug" }), "parameter/argocd/client_secret"));
    const lines = (text: string) => driftReport(plan, { declaration, source: text }).matchingValues.map((value) => [value.display, value.line, value.inFile]);
    expect(lines(source)).toEqual([
      ["eks.nodeGroups[0].desiredSize", 30, undefined],
      ["parameters[0]", 59, undefined],
      ["parameters[1].value", 64, undefined],
    ]);
    const withoutDesiredSize = source.replace(/^ {6}desiredSize: 2\n/m, "");
    expect(lines(withoutDesiredSize)[0]).toEqual(["eks.nodeGroups[0].desiredSize", 26, false]);
    expect(lines("not: [yaml")).toEqual(lines("").map(([display]) => [display, undefined, undefined]));
  });

  it("carries the cause only when there is drift", () => {
    const cause = { kind: "apply-failed" as const, pullRequest: { number: 12, url: "https://github.com/acme/booking/pull/12" }, detail: "eks-nodegroup/generic: timed out" };
    const plan = examplePlan((actual) => withProperties(actual, "eks-nodegroup/generic", { maxSize: 3 }));
    expect(driftReport(plan, { declaration, cause }).cause).toEqual(cause);
  });

  it("maps cluster, launch template, node group and certificate attributes to their declaration fields", () => {
    const plan = examplePlan((actual) => {
      let changed = withProperties(actual, "eks-cluster", { version: "1.30", publicAccessCidrs: ["10.0.0.0/8"], roleArn: "arn:aws:iam::123456789012:role/other" });
      changed = withProperties(changed, "launch-template/generic", { rootVolumeSize: 100, rootVolumeKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k" });
      changed = withProperties(changed, "eks-nodegroup/generic", { version: "1.30", taints: [{ key: "gpu", value: "", effect: "NO_SCHEDULE" }], labels: {} });
      return withProperties(changed, "certificate/argocd.booking-dev.oslo.systems", { subjectAlternativeNames: ["www.booking-dev.oslo.systems"] });
    });
    const report = driftReport(plan, { declaration });
    expect(report.matchingValues.map((value) => [value.display, value.op === "remove" ? undefined : value.value])).toEqual([
      ["certificates[0].subjectAlternativeNames", ["www.booking-dev.oslo.systems"]],
      ["eks.nodeGroups[0].diskKmsKeyArn", "arn:aws:kms:eu-west-1:123456789012:key/k"],
      ["eks.nodeGroups[0].diskSize", 100],
      ["eks.nodeGroups[0].labels", {}],
      ["eks.nodeGroups[0].taints", [{ key: "gpu", value: "", effect: "NoSchedule" }]],
      ["eks.publicAccessCidrs", ["10.0.0.0/8"]],
      ["eks.version", "1.30"],
    ]);
    // The cluster and its node group both say 1.30: one value, both resources.
    expect(report.matchingValues.find((value) => value.display === "eks.version")?.resources).toEqual(["eks-cluster", "eks-nodegroup/generic"]);
    expect(report.unmatchable).toEqual([{ resource: "eks-cluster", attribute: "roleArn", reason: expect.stringContaining("access entry") }]);
  });

  it("cannot match per-zone node groups scaled differently, and says why", () => {
    const perZone: Declaration = { ...declaration, eks: { ...declaration.eks, nodeGroups: [{ ...declaration.eks.nodeGroups[0]!, perAvailabilityZone: true }] } };
    const plan = examplePlan((actual) => {
      const zoned = actual.flatMap((resource) =>
        resource.id === "eks-nodegroup/generic"
          ? ["a", "b", "c"].map((letter) => ({ ...resource, id: `eks-nodegroup/generic-${letter}`, tags: { ...resource.tags, Name: `booking-dev-generic-${letter}`, "okctl.io/resource": `eks-nodegroup/generic-${letter}` }, properties: { ...resource.properties, name: `generic-${letter}`, subnetIds: [`subnet/private-${letter}.id`] } }))
          : [resource],
      );
      return withProperties(withProperties(zoned, "eks-nodegroup/generic-a", { desiredSize: 4 }), "eks-nodegroup/generic-b", { desiredSize: 3 });
    }, perZone);
    const report = driftReport(plan, { declaration: perZone });
    expect(report.resources.map((resource) => resource.id)).toEqual(["eks-nodegroup/generic-a", "eks-nodegroup/generic-b"]);
    expect(report.matchingValues).toEqual([]);
    expect(report.unmatchable.map((entry) => [entry.resource, entry.attribute])).toEqual([
      ["eks-nodegroup/generic-a", "desiredSize"],
      ["eks-nodegroup/generic-b", "desiredSize"],
    ]);
    expect(report.unmatchable[0]!.reason).toContain("eks.nodeGroups[0].desiredSize");
  });

  it("proposes declaring what AWS has and the declaration lacks, where it can", () => {
    const plan = examplePlan((actual) => {
      const parameter = actual.find((resource) => resource.id === "parameter/app/log-level")!;
      const extra = {
        ...parameter,
        id: "parameter/app/feature",
        physicalId: "/okctl/booking-dev/app/feature",
        properties: { name: "/okctl/booking-dev/app/feature", type: "StringList", value: "a,b", description: "flags" },
        tags: { ...parameter.tags, "okctl.io/resource": "parameter/app/feature" },
      };
      return [...actual, extra];
    });
    const report = driftReport(plan, { declaration });
    expect(report.resources.map((resource) => [resource.id, resource.drift, resource.action])).toEqual([["parameter/app/feature", "unexpected", "delete"]]);
    expect(report.resources[0]!.attributes.find((attribute) => attribute.attribute === "value")).toEqual({ attribute: "value", inAws: "a,b" });
    expect(report.matchingValues).toEqual([
      { op: "add", path: "/parameters/-", display: "parameters", value: { name: "app/feature", type: "StringList", value: "a,b", description: "flags" }, resources: ["parameter/app/feature"] },
    ]);
  });

  it("maps access entries, add-ons and pod identities to their declaration fields, add-ons by name", () => {
    const source = readFileSync(new URL("../../examples/okctl.yaml", import.meta.url), "utf8");
    const plan = examplePlan((actual) => {
      let changed = withProperties(actual, "eks-access-entry/123456789012:role/booking-developers", {
        accessPolicy: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
        namespaces: ["booking", "tools"],
      });
      changed = withProperties(changed, "eks-access-entry/123456789012:role/booking-admins", {
        accessPolicy: ["arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"],
      });
      changed = withProperties(changed, "eks-addon/coredns", { version: "v1.11.4-eksbuild.2" });
      changed = withProperties(changed, "eks-addon/vpc-cni", { version: "v1.19.5-eksbuild.3" });
      changed = withProperties(changed, "eks-pod-identity/booking/api", { roleArn: "arn:aws:iam::123456789012:role/booking-api-v2" });
      return without(without(changed, "eks-addon/aws-ebs-csi-driver"), "eks-addon/kube-proxy");
    });
    const report = driftReport(plan, { declaration, source });
    expect(report.matchingValues.map((value) => [value.op, value.display, value.op === "remove" ? value.item : value.value, value.op === "set" ? value.declared : undefined, value.line, value.inFile])).toEqual([
      ["set", "eks.accessEntries[1].accessPolicy", "view", "edit", 43, undefined],
      ["set", "eks.accessEntries[1].namespaces", ["booking", "tools"], ["booking"], 44, undefined],
      // vpc-cni is not written in the file (a default): pinned by naming it under eks.addons.
      ["set", "eks.addons[name=vpc-cni].version", "v1.19.5-eksbuild.3", null, 45, false],
      ["set", "eks.addons[name=coredns].version", "v1.11.4-eksbuild.2", "v1.11.3-eksbuild.1", 48, undefined],
      ["remove", "eks.addons[name=aws-ebs-csi-driver]", "name: aws-ebs-csi-driver", undefined, 46, undefined],
      ["set", "eks.podIdentities[0].roleArn", "arn:aws:iam::123456789012:role/booking-api-v2", "arn:aws:iam::123456789012:role/booking-api", 52, undefined],
    ]);
    expect(report.unmatchable).toEqual([
      { resource: "eks-access-entry/123456789012:role/booking-admins", attribute: "accessPolicy", reason: expect.stringContaining("cannot express") },
      { resource: "eks-addon/kube-proxy", reason: "kube-proxy is one of the add-ons every cluster runs: the declaration cannot leave it out" },
    ]);
  });

  it("proposes declaring an access entry, add-on or pod identity that AWS has, tagged as this cluster's, and the declaration lacks", () => {
    const plan = examplePlan((actual) => {
      const copy = (id: string, newId: string, properties: Record<string, unknown>) => {
        const resource = actual.find((candidate) => candidate.id === id)!;
        return { ...resource, id: newId, physicalId: `${newId}.id`, properties: { ...resource.properties, ...properties }, tags: { ...resource.tags, "okctl.io/resource": newId } } as (typeof actual)[number];
      };
      return [
        ...actual,
        copy("eks-access-entry/123456789012:role/booking-admins", "eks-access-entry/123456789012:role/ops", { principalArn: "arn:aws:iam::123456789012:role/ops", accessPolicy: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", namespaces: ["ops"] }),
        copy("eks-addon/coredns", "eks-addon/metrics-server", { name: "metrics-server", version: "v0.7.2-eksbuild.1" }),
        copy("eks-pod-identity/booking/api", "eks-pod-identity/booking/worker", { serviceAccount: "worker", roleArn: "arn:aws:iam::123456789012:role/booking-worker" }),
      ];
    });
    const report = driftReport(plan, { declaration });
    expect(report.matchingValues.map((value) => [value.op, value.display, value.op === "remove" ? value.item : value.value])).toEqual([
      ["add", "eks.accessEntries", { principalArn: "arn:aws:iam::123456789012:role/ops", accessPolicy: "view", namespaces: ["ops"] }],
      ["add", "eks.addons", { name: "metrics-server", version: "v0.7.2-eksbuild.1" }],
      ["add", "eks.podIdentities", { namespace: "booking", serviceAccount: "worker", roleArn: "arn:aws:iam::123456789012:role/booking-worker" }],
    ]);
    expect(report.unmatchable).toEqual([]);
  });
});
