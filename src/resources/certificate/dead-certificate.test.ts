// A certificate ACM has given up on (FAILED, VALIDATION_TIMED_OUT, REVOKED, EXPIRED) is replaced,
// loudly, instead of being waited for forever. moto never fails a certificate, so this is pinned
// down with the real rules and desired graph, and an actual state built by hand.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadDeclaration } from "../../declaration/load.js";
import { computePlan } from "../../plan/plan.js";
import { desiredGraph } from "../desired-graph.js";
import { KIND_RULES } from "../kind-rules.js";
import type { ActualResource, DesiredResource } from "../types.js";

const REPOSITORY = "oslokommune/booking";
const minimal = readFileSync(new URL("../../../examples/minimal.yaml", import.meta.url), "utf8");
const yaml = `${minimal}certificates:\n  - domain: argocd.booking-dev.oslo.systems\n`;

function desiredOf(): DesiredResource[] {
  const loaded = loadDeclaration(yaml, "okctl.yaml");
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  const graph = desiredGraph({ declaration: loaded.declaration, layout: loaded.layout, repository: REPOSITORY, repositoryId: "1001", eksClusterRoleArn: "arn:aws:iam::123456789012:role/c", eksNodeRoleArn: "arn:aws:iam::123456789012:role/n" });
  return graph.filter((resource) => resource.kind === "hosted-zone" || resource.kind === "certificate");
}

function actualOf(desired: DesiredResource[], issuable: boolean): ActualResource[] {
  const zone = desired.find((resource) => resource.kind === "hosted-zone")!;
  const certificate = desired.find((resource) => resource.kind === "certificate")!;
  return [
    { id: zone.id, kind: "hosted-zone", physicalId: "Z1", properties: { name: "booking-dev.oslo.systems" }, outputs: { id: "Z1", nameServers: ["ns-1.awsdns-01.org"] }, tags: zone.tags, repository: REPOSITORY },
    {
      id: certificate.id,
      kind: "certificate",
      physicalId: "arn:aws:acm:eu-west-1:123456789012:certificate/1",
      properties: { domainName: "argocd.booking-dev.oslo.systems", subjectAlternativeNames: [], hostedZoneId: "Z1", issuable },
      outputs: { arn: "arn:aws:acm:eu-west-1:123456789012:certificate/1" },
      tags: certificate.tags,
      repository: REPOSITORY,
    },
  ];
}

const planOf = (actual: ActualResource[], desired: DesiredResource[]) =>
  computePlan({ desired, actual, rules: KIND_RULES, cluster: "booking-dev", accountId: "123456789012", region: "eu-west-1", repository: REPOSITORY, repositoryId: "1001" });

describe("a certificate ACM will never issue", () => {
  it("is replaced, with issuable forcing it", () => {
    const desired = desiredOf();
    const plan = planOf(actualOf(desired, false), desired);
    const change = plan.changes.find((candidate) => candidate.kind === "certificate");
    expect(change).toMatchObject({ action: "replace", attributes: [{ attribute: "issuable", before: false, after: true, forcesReplacement: true }] });
    expect(plan.summary).toEqual({ create: 0, update: 0, replace: 1, delete: 0 });
  });

  it("while one that is issued or still pending validation is left alone", () => {
    const desired = desiredOf();
    expect(planOf(actualOf(desired, true), desired).summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0 });
  });
});
