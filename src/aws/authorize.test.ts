import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAccessConfig } from "./access-config.js";
import type { AccessConfig } from "./access-config-types.js";
import { authorize } from "./authorize.js";
import { accessEntry } from "./testing.js";

function fixture(): AccessConfig {
  const text = readFileSync(new URL("../../test/fixtures/access/valid.yaml", import.meta.url), "utf8");
  const result = parseAccessConfig(text, "/etc/okctl/access.yaml");
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.config;
}

const config = fixture();
const ROOT = { field: "clusterRootDomain", name: "booking.oslo.systems" };
/** A declaration without access entries or pod identities: no IAM of its own to authorize. */
const NO_IAM = { principals: [], workloadRoles: [] };
const booking = { repository: "oslokommune/booking", accountId: "123456789012", region: "eu-west-1", domains: [ROOT], iam: NO_IAM };

describe("authorize", () => {
  it("allows a repository in an allowed account and region, with its own entry", () => {
    const result = authorize(config, booking);
    expect(result).toMatchObject({ ok: true, entry: { repository: "oslokommune/booking", allowDestroy: true } });
  });

  it("uses the most specific glob", () => {
    const result = authorize(config, { repository: "oslokommune/team-x", accountId: "111122223333", region: "eu-north-1", domains: [], iam: NO_IAM });
    expect(result).toMatchObject({ ok: true, entry: { repository: "oslokommune/team-*" } });
  });

  it("returns the entry with {accountId} replaced by the declared account", () => {
    const templated = accessEntry({
      repository: "acme/*",
      roleArn: "arn:aws:iam::{accountId}:role/okctl-deploy",
      eksClusterRoleArn: "arn:aws:iam::{accountId}:role/eks-cluster",
      eksNodeRoleArn: "arn:aws:iam::{accountId}:role/eks-node",
      accounts: ["123456789012", "210987654321"],
    });
    const result = authorize({ file: "access.yaml", repositories: [templated] }, { repository: "acme/app", accountId: "210987654321", region: "eu-west-1", domains: [{ field: "clusterRootDomain", name: "app.oslo.systems" }], iam: NO_IAM });
    expect(result).toMatchObject({
      ok: true,
      entry: {
        repository: "acme/*",
        roleArn: "arn:aws:iam::210987654321:role/okctl-deploy",
        eksClusterRoleArn: "arn:aws:iam::210987654321:role/eks-cluster",
        eksNodeRoleArn: "arn:aws:iam::210987654321:role/eks-node",
      },
    });
  });

  it("refuses a repository without an entry, saying what the administrator must add", () => {
    const result = authorize(config, { ...booking, repository: "someone/else" });
    expect(result).toMatchObject({ ok: false, reason: "no-entry" });
    if (result.ok) return;
    expect(result.message).toContain("no access entry for someone/else");
    expect(result.message).toContain("/etc/okctl/access.yaml");
    expect(result.message).toContain("repository: someone/else (or a glob such as someone/*)");
  });

  it("refuses an account the entry does not allow, listing the allowed ones", () => {
    const result = authorize(config, { ...booking, accountId: "210987654321" });
    expect(result).toMatchObject({ ok: false, reason: "account-not-allowed" });
    if (result.ok) return;
    expect(result.message).toContain("declares account 210987654321");
    expect(result.message).toContain('the access entry "oslokommune/booking"');
    expect(result.message).toContain("only account 123456789012");
    expect(result.message).toContain("add 210987654321 to that entry's accounts");
  });

  it("refuses a region the entry does not allow, listing the allowed ones", () => {
    const result = authorize(config, { ...booking, region: "us-east-1" });
    expect(result).toMatchObject({ ok: false, reason: "region-not-allowed" });
    if (result.ok) return;
    expect(result.message).toContain("only regions eu-west-1, eu-north-1");
    expect(result.message).toContain("add us-east-1 to that entry's regions");
  });

  it("refuses forks unless the entry opts in, before looking at account or region", () => {
    const refused = authorize(config, { ...booking, accountId: "999999999999", fromFork: true });
    expect(refused).toMatchObject({ ok: false, reason: "fork-not-allowed" });
    if (!refused.ok) expect(refused.message).toContain("allowForkPullRequests: true");

    const teams = { repository: "oslokommune/team-x", accountId: "111122223333", region: "eu-north-1", domains: [], iam: NO_IAM, fromFork: true };
    expect(authorize(config, teams)).toMatchObject({ ok: true });
    expect(authorize(config, { ...booking, fromFork: false })).toMatchObject({ ok: true });
  });

  it("allows DNS names within the entry's allowedDomains: exact names and names below a *. wildcard", () => {
    const domains = [
      ROOT,
      { field: "dns.delegateFrom", name: "oslo.systems" },
      { field: "certificates[0].domain", name: "*.Booking.oslo.systems." },
      { field: "certificates[0].subjectAlternativeNames[0]", name: "a.b.booking.oslo.systems" },
    ];
    expect(authorize(config, { ...booking, domains })).toMatchObject({ ok: true });
  });

  it("refuses DNS names outside the entry's allowedDomains, naming each with its field", () => {
    const domains = [
      { field: "clusterRootDomain", name: "payments.oslo.systems" },
      { field: "dns.delegateFrom", name: "oslo.systems" },
      { field: "certificates[0].domain", name: "payments.oslo.systems" },
      { field: "certificates[0].subjectAlternativeNames[0]", name: "xbooking.oslo.systems" },
    ];
    const result = authorize(config, { ...booking, domains });
    expect(result).toMatchObject({ ok: false, reason: "domain-not-allowed" });
    if (result.ok) return;
    expect(result.message).toContain(
      "uses DNS names payments.oslo.systems (clusterRootDomain), payments.oslo.systems (certificates[0].domain), xbooking.oslo.systems (certificates[0].subjectAlternativeNames[0])",
    );
    expect(result.message).toContain('the access entry "oslokommune/booking" in /etc/okctl/access.yaml allows oslokommune/booking: oslo.systems, booking.oslo.systems, *.booking.oslo.systems');
    expect(result.message).toContain("add payments.oslo.systems, xbooking.oslo.systems to that entry's allowedDomains");
  });

  it("checks domains after account and region, so the first refusal names the more basic problem", () => {
    const outside = { ...booking, region: "us-east-1", domains: [{ field: "clusterRootDomain", name: "evil.example.com" }] };
    expect(authorize(config, outside)).toMatchObject({ ok: false, reason: "region-not-allowed" });
  });
});
