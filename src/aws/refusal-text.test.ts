// The refusal a pull request shows names what the declaration asked for and sends the team to its
// platform team; the operator's message (entry, file, what is allowed) stays on the server's side.
import { describe, expect, it } from "vitest";
import { parseAccessConfig } from "./access-config.js";
import { authorize } from "./authorize.js";
import { publicRefusalMessage } from "./refusal-text.js";

const config = parseAccessConfig(
  `repositories:
  - repository: "acme/*"
    roleArn: arn:aws:iam::123456789012:role/okctl-deploy
    accounts: ["123456789012", "210987654321"]
    regions: [eu-west-1]
    allowedDomains: ["*.acme.example"]
    eksClusterRoleArn: arn:aws:iam::123456789012:role/okctl-eks-cluster
    eksNodeRoleArn: arn:aws:iam::123456789012:role/okctl-eks-node
`,
  "/etc/okctl/secret-place/access.yaml",
);

describe("public refusal messages", () => {
  if (!config.ok) throw new Error("test access config does not parse");
  const base = { repository: "acme/shop", accountId: "123456789012", region: "eu-west-1", domains: [{ field: "clusterRootDomain", name: "shop.acme.example" }], iam: { principals: [], workloadRoles: [] } };
  const cases = [
    { request: { ...base, repository: "other/shop" }, says: "okctl has no access entry for other/shop" },
    { request: { ...base, fromFork: true }, says: "does not plan pull requests from forks of acme/shop" },
    { request: { ...base, accountId: "999999999999" }, says: "declares account 999999999999 (metadata.accountID)" },
    { request: { ...base, region: "us-east-1" }, says: "declares region us-east-1 (metadata.region)" },
    { request: { ...base, domains: [{ field: "clusterRootDomain", name: "evil.example" }] }, says: "evil.example (clusterRootDomain)" },
  ];

  it("says what was refused and to ask the platform team; never the file, the entry's pattern, its accounts, regions, domains or roles", () => {
    for (const { request, says } of cases) {
      const decision = authorize(config.config, request);
      if (decision.ok) throw new Error(`expected a refusal of ${JSON.stringify(request)}`);
      expect(decision.message).toMatch(/secret-place|acme\/\*|administrator/); // the operator's message has the detail
      const shown = publicRefusalMessage(decision, request.repository);
      expect(shown).toContain(says);
      expect(shown).toContain("ask your platform team");
      for (const hidden of ["secret-place", "access.yaml", "acme/*", "210987654321", "*.acme.example", "arn:aws", "okctl-deploy"]) expect(shown).not.toContain(hidden);
      if (request.region === "eu-west-1") expect(shown).not.toContain("eu-west-1");
    }
  });

  it("names the declaration's principals and pod roles that were refused, never the entry's patterns", () => {
    const iam = (principals: string[], workloadRoles: string[]) => ({
      principals: principals.map((arn, i) => ({ field: `eks.accessEntries[${i}].principalArn`, arn })),
      workloadRoles: workloadRoles.map((arn, i) => ({ field: `eks.podIdentities[${i}].roleArn`, arn })),
    });
    const foreign = authorize(config.config, { ...base, iam: iam(["arn:aws:iam::999999999999:role/x"], []) });
    if (foreign.ok) throw new Error("expected a refusal of another account's principal");
    expect(publicRefusalMessage(foreign, "acme/shop")).toBe(
      "okctl.yaml gives cluster access to a principal of another AWS account (eks.accessEntries[0].principalArn), which acme/shop may not give access. Use principals of the declared account, or ask your platform team to allow this one.",
    );
    const roles = authorize(config.config, { ...base, iam: iam([], ["arn:aws:iam::123456789012:role/a", "arn:aws:iam::123456789012:role/b"]) });
    if (roles.ok) throw new Error("expected a refusal of pod roles");
    const shown = publicRefusalMessage(roles, "acme/shop");
    expect(shown).toContain("gives pods IAM roles (eks.podIdentities[0].roleArn, eks.podIdentities[1].roleArn) that acme/shop may not hand to its pods");
    expect(shown).toContain("ask your platform team to allow these");
    expect(shown).not.toMatch(/secret-place|acme\/\*|workloadRoles|arn:aws/);
  });

  it("names AssumeRole's error, not AWS's message, and the declared account on a mismatch", () => {
    expect(publicRefusalMessage({ reason: "assume-role-failed", awsError: "AccessDenied" }, "acme/shop")).toBe(
      "okctl could not assume the AWS role of acme/shop (AccessDenied). Nothing in the repository can fix this: ask your platform team to check the role and its trust policy.",
    );
    expect(publicRefusalMessage({ reason: "account-mismatch", declared: ["123456789012"] }, "acme/shop")).toContain("not in account 123456789012 that okctl.yaml declares");
  });
});
