// EKS updates, which moto can't do (no UpdateClusterVersion, no DescribeUpdate): a fake client.
import { describe, expect, it } from "vitest";
import { awsError, fakeClients, testApplyContext, type FakeCall } from "../shared/test-context.js";
import { createEksCluster, deleteEksCluster } from "./create.js";
import { updateEksCluster, versionSteps } from "./update.js";

const properties = {
  name: "booking-dev",
  version: "1.31",
  roleArn: "arn:aws:iam::123456789012:role/okctl-eks-cluster",
  subnetIds: ["subnet-a", "subnet-b"],
  endpointPublicAccess: true,
  endpointPrivateAccess: true,
  publicAccessCidrs: ["0.0.0.0/0"],
  logging: ["api"],
};
const cluster = (status: string) => ({ cluster: { name: "booking-dev", status, tags: {} } });

/** A cluster whose updates each report InProgress `busyPolls` times, then `final`. */
function eksFake(options: { busyPolls?: number; final?: string; errors?: unknown[] } = {}) {
  const polls = new Map<string, number>();
  let updates = 0;
  return fakeClients((call: FakeCall) => {
    switch (call.command) {
      case "DescribeClusterCommand":
        return cluster("ACTIVE");
      case "UpdateClusterVersionCommand":
      case "UpdateClusterConfigCommand":
        updates += 1;
        return { update: { id: `update-${updates}`, status: "InProgress" } };
      case "DescribeUpdateCommand": {
        const id = call.input.updateId as string;
        const count = (polls.get(id) ?? 0) + 1;
        polls.set(id, count);
        const done = count > (options.busyPolls ?? 1);
        return { update: { id, status: done ? (options.final ?? "Successful") : "InProgress", errors: options.errors ?? [] } };
      }
      default:
        throw new Error(`unexpected ${call.command}`);
    }
  });
}

function update(changed: string[], before: Record<string, unknown>, after: Record<string, unknown> = {}) {
  return { id: "eks-cluster", name: "booking-dev", physicalId: "booking-dev", tags: {}, properties: { ...properties, ...after }, changed, before: { ...properties, ...before } as typeof properties };
}

describe("EKS version steps", () => {
  it("go one minor version at a time, and refuse downgrades", () => {
    expect(versionSteps("1.29", "1.31")).toEqual(["1.30", "1.31"]);
    expect(versionSteps("1.31", "1.31")).toEqual([]);
    expect(() => versionSteps("1.31", "1.30")).toThrow(/downgraded/);
    expect(() => versionSteps("1.31", "2.0")).toThrow(/major/);
  });
});

describe("updating an EKS cluster", () => {
  it("upgrades one minor version at a time, waiting for each update to succeed", async () => {
    const { clients, calls } = eksFake();
    const ctx = testApplyContext({ clients });
    await updateEksCluster(ctx, update(["version"], { version: "1.29" }));
    const sequence = calls.map((c) => (c.command === "UpdateClusterVersionCommand" ? `upgrade ${c.input.version}` : c.command));
    expect(sequence).toEqual([
      "DescribeClusterCommand",
      "upgrade 1.30",
      "DescribeUpdateCommand",
      "DescribeUpdateCommand",
      "DescribeClusterCommand",
      "upgrade 1.31",
      "DescribeUpdateCommand",
      "DescribeUpdateCommand",
      "DescribeClusterCommand",
    ]);
    expect(ctx.waits).toEqual([
      "the upgrade to Kubernetes 1.30 on EKS cluster booking-dev to finish",
      "the upgrade to Kubernetes 1.31 on EKS cluster booking-dev to finish",
    ]);
  });

  it("does the endpoint and logging updates one after the other", async () => {
    const { clients, calls } = eksFake({ busyPolls: 0 });
    await updateEksCluster(testApplyContext({ clients }), update(["publicAccessCidrs", "logging"], { publicAccessCidrs: ["10.0.0.0/8"], logging: [] }));
    const updates = calls.filter((c) => c.command === "UpdateClusterConfigCommand").map((c) => Object.keys(c.input).sort());
    expect(updates).toEqual([["name", "resourcesVpcConfig"], ["logging", "name"]]);
    const logging = calls.find((c) => c.input.logging)!.input.logging;
    expect(logging).toEqual({
      clusterLogging: [
        { types: ["api"], enabled: true },
        { types: ["audit", "authenticator", "controllerManager", "scheduler"], enabled: false },
      ],
    });
    expect(calls.map((c) => c.command).indexOf("DescribeUpdateCommand")).toBeLessThan(calls.map((c) => c.command).lastIndexOf("UpdateClusterConfigCommand"));
  });

  it("fails with EKS's reasons when an update fails", async () => {
    const { clients } = eksFake({ final: "Failed", errors: [{ errorCode: "InsufficientFreeAddresses", errorMessage: "subnet full" }] });
    await expect(updateEksCluster(testApplyContext({ clients }), update(["version"], { version: "1.30" }))).rejects.toThrow(
      "the upgrade to Kubernetes 1.31 on EKS cluster booking-dev failed: InsufficientFreeAddresses: subnet full",
    );
  });

  it("times out naming the slow update", async () => {
    const { clients } = eksFake({ busyPolls: 1_000 });
    const ctx = { ...testApplyContext({ clients }), timeouts: { ...testApplyContext().timeouts, eksCluster: 60_000 } };
    await expect(updateEksCluster(ctx, update(["version"], { version: "1.30" }))).rejects.toThrow(
      /timed out after 60s waiting for the upgrade to Kubernetes 1.31 on EKS cluster booking-dev to finish \(last state: InProgress\)/,
    );
  });
});

describe("creating and deleting an EKS cluster", () => {
  it("waits for a CREATING cluster to become ACTIVE, and sends a stable request token", async () => {
    const statuses = ["CREATING", "CREATING", "ACTIVE"];
    const { clients, calls } = fakeClients((call) => (call.command === "CreateClusterCommand" ? {} : cluster(statuses.shift()!)));
    const ctx = testApplyContext({ clients });
    const resource = { id: "eks-cluster", name: "booking-dev", properties, tags: { "okctl.io/repository": "oslokommune/booking" } };
    await createEksCluster(ctx, resource);
    expect(ctx.waits).toEqual(["EKS cluster booking-dev to become ACTIVE"]);
    expect(ctx.slept).toHaveLength(2);

    const retry = fakeClients(() => cluster("ACTIVE"));
    await createEksCluster(testApplyContext({ clients: retry.clients }), resource);
    const token = calls[0]!.input.clientRequestToken;
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(retry.calls[0]!.input.clientRequestToken).toBe(token);
    const replacement = fakeClients(() => cluster("ACTIVE"));
    await createEksCluster(testApplyContext({ clients: replacement.clients }), { ...resource, properties: { ...properties, subnetIds: ["subnet-c"] } });
    expect(replacement.calls[0]!.input.clientRequestToken).not.toBe(token);
  });

  it("fails at once when the cluster is FAILED", async () => {
    const { clients } = fakeClients((call) => (call.command === "CreateClusterCommand" ? {} : cluster("FAILED")));
    await expect(createEksCluster(testApplyContext({ clients }), { id: "eks-cluster", name: "booking-dev", properties, tags: {} })).rejects.toThrow(/FAILED/);
  });

  it("retries a delete while node groups are still going, then waits until the cluster is gone", async () => {
    const deletes = [awsError("ResourceInUseException"), awsError("ResourceInUseException"), undefined];
    const describes = [cluster("DELETING"), awsError("ResourceNotFoundException")];
    const { clients, calls } = fakeClients((call) => {
      const next = call.command === "DeleteClusterCommand" ? deletes.shift() : describes.shift();
      if (next instanceof Error) throw next;
      return next ?? {};
    });
    const ctx = testApplyContext({ clients });
    await deleteEksCluster(ctx, { physicalId: "booking-dev" });
    expect(calls.map((c) => c.command)).toEqual([
      "DeleteClusterCommand",
      "DeleteClusterCommand",
      "DeleteClusterCommand",
      "DescribeClusterCommand",
      "DescribeClusterCommand",
    ]);
  });
});
