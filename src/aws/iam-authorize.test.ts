// Who a declaration may let into its cluster, and which roles its pods may get: decided from the
// access configuration alone, before any AWS call.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAccessConfig } from "./access-config.js";
import { arnAllowed } from "./arn-patterns.js";
import { authorize } from "./authorize.js";

const text = readFileSync(new URL("../../test/fixtures/access/valid.yaml", import.meta.url), "utf8");
const parsed = parseAccessConfig(text, "/etc/okctl/access.yaml");
if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
const config = parsed.config;
const ROOT = { field: "clusterRootDomain", name: "booking.oslo.systems" };
const booking = { repository: "oslokommune/booking", accountId: "123456789012", region: "eu-west-1", domains: [ROOT] };
const principal = (arn: string, index = 0) => ({ field: `eks.accessEntries[${index}].principalArn`, arn });
const role = (arn: string, index = 0) => ({ field: `eks.podIdentities[${index}].roleArn`, arn });

describe("IAM ARN patterns", () => {
  it("match * across any characters, ? one, and {accountId} as the declared account", () => {
    expect(arnAllowed("arn:aws:iam::123456789012:role/booking-api", ["arn:aws:iam::{accountId}:role/booking-*"], "123456789012")).toBe(true);
    expect(arnAllowed("arn:aws:iam::123456789012:role/teams/booking-api", ["arn:aws:iam::123456789012:role/*"], "123456789012")).toBe(true);
    expect(arnAllowed("arn:aws:iam::123456789012:role/booking-api", ["arn:aws:iam::{accountId}:role/booking-*"], "210987654321")).toBe(false);
    expect(arnAllowed("arn:aws:iam::123456789012:role/ci-1", ["arn:aws:iam::123456789012:role/ci-?"], "123456789012")).toBe(true);
    expect(arnAllowed("arn:aws:iam::123456789012:role/ci-12", ["arn:aws:iam::123456789012:role/ci-?"], "123456789012")).toBe(false);
    // Dots and other regular-expression characters are literal.
    expect(arnAllowed("arn:aws:iam::123456789012:role/aXb", ["arn:aws:iam::123456789012:role/a.b"], "123456789012")).toBe(false);
    expect(arnAllowed("arn:aws:iam::123456789012:role/Booking-api", ["arn:aws:iam::123456789012:role/booking-*"], "123456789012")).toBe(false);
  });

  it("reads allowedPrincipals and workloadRoles, both empty by default", () => {
    expect(config.repositories[0]).toMatchObject({ allowedPrincipals: ["arn:aws:iam::111122223333:role/platform-*"], workloadRoles: ["arn:aws:iam::{accountId}:role/booking-*"] });
    expect(config.repositories[1]).toMatchObject({ allowedPrincipals: [], workloadRoles: [] });
  });

  it("rejects malformed patterns with the line and column", () => {
    const bad = text.replace('workloadRoles: ["arn:aws:iam::{accountId}:role/booking-*"]', 'workloadRoles: ["booking-*"]');
    const result = parseAccessConfig(bad, "access.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "12:21 must be an IAM role ARN pattern, e.g. arn:aws:iam::{accountId}:role/booking-* (* any characters, ? one, {accountId} the declaration's account)",
    ]);
  });
});

describe("authorize: access entries and pod identities", () => {
  it("allows principals of the declared account, and others only through allowedPrincipals", () => {
    const own = authorize(config, { ...booking, iam: { principals: [principal("arn:aws:iam::123456789012:user/anyone")], workloadRoles: [] } });
    expect(own.ok).toBe(true);
    const listed = authorize(config, { ...booking, iam: { principals: [principal("arn:aws:iam::111122223333:role/platform-admins")], workloadRoles: [] } });
    expect(listed.ok).toBe(true);
    const foreign = authorize(config, {
      ...booking,
      iam: { principals: [principal("arn:aws:iam::123456789012:role/ok"), principal("arn:aws:iam::999999999999:role/intruder", 1)], workloadRoles: [] },
    });
    expect(foreign).toEqual({
      ok: false,
      reason: "principal-not-allowed",
      declared: ["eks.accessEntries[1].principalArn"],
      message:
        'okctl.yaml gives cluster access to arn:aws:iam::999999999999:role/intruder (eks.accessEntries[1].principalArn) outside account 123456789012, which the access entry "oslokommune/booking" in /etc/okctl/access.yaml does not allow oslokommune/booking (its allowedPrincipals: arn:aws:iam::111122223333:role/platform-*). Use principals of account 123456789012, or ask an okctl administrator to add them to that entry\'s allowedPrincipals.',
    });
  });

  it("allows pods only the roles workloadRoles lists (none when it lists none)", () => {
    const allowed = authorize(config, { ...booking, iam: { principals: [], workloadRoles: [role("arn:aws:iam::123456789012:role/booking-api")] } });
    expect(allowed.ok).toBe(true);
    const admin = authorize(config, { ...booking, iam: { principals: [], workloadRoles: [role("arn:aws:iam::123456789012:role/okctl-deploy-booking")] } });
    expect(admin).toMatchObject({ ok: false, reason: "workload-role-not-allowed" });
    expect(admin.ok ? "" : admin.message).toContain("its workloadRoles are arn:aws:iam::{accountId}:role/booking-*");
    const none = authorize(config, {
      repository: "oslokommune/shop",
      accountId: "210987654321",
      region: "eu-west-1",
      domains: [{ field: "clusterRootDomain", name: "shop.oslo.systems" }],
      iam: { principals: [], workloadRoles: [role("arn:aws:iam::210987654321:role/shop-api")] },
    });
    expect(none).toMatchObject({ ok: false, reason: "workload-role-not-allowed" });
    expect(none.ok ? "" : none.message).toContain("it lists no workloadRoles");
  });
});
