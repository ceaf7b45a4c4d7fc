import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AccessConfigError, loadAccessConfig, parseAccessConfig } from "./access-config.js";

const FIXTURE = new URL("../../test/fixtures/access/valid.yaml", import.meta.url);

const ENTRY = `
  - repository: acme/app
    roleArn: arn:aws:iam::123456789012:role/deploy
    accounts: ["123456789012"]
    regions: [eu-west-1]
    allowedDomains: [app.acme.example, "*.app.acme.example"]
    eksClusterRoleArn: arn:aws:iam::123456789012:role/eks-cluster
    eksNodeRoleArn: arn:aws:iam::123456789012:role/eks-node`;

function diagnosticsOf(text: string) {
  const result = parseAccessConfig(text, "access.yaml");
  if (result.ok) throw new Error("expected diagnostics, got a valid configuration");
  return result.diagnostics;
}

describe("parseAccessConfig", () => {
  it("accepts the example and applies defaults", async () => {
    const result = parseAccessConfig(await readFile(FIXTURE, "utf8"), "access.yaml");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.file).toBe("access.yaml");
    expect(result.config.repositories.map((e) => e.repository)).toEqual(["oslokommune/booking", "oslokommune/*", "oslokommune/team-*"]);
    const [booking, all, teams] = result.config.repositories;
    expect(booking).toMatchObject({ externalId: "b3c1f0e4-okctl-booking", allowDestroy: true, allowForkPullRequests: false, applyRequires: "approved" });
    expect(all).toMatchObject({ allowDestroy: false, allowForkPullRequests: false, applyRequires: "approved" });
    expect(all?.externalId).toBeUndefined();
    expect(teams).toMatchObject({ allowDestroy: false, allowForkPullRequests: true, regions: ["eu-north-1"], applyRequires: "none" });
  });

  it("reports an unknown key at the key's line and column, listing the allowed keys", () => {
    const [d, ...rest] = diagnosticsOf(`repositories:${ENTRY}\n    allowDelete: true\n`);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: "access.yaml", line: 9, column: 5, path: "/repositories/0/allowDelete" });
    expect(d?.message).toContain('unknown key "allowDelete"');
    expect(d?.message).toContain("allowDestroy");
  });

  it("reports an unknown top-level key", () => {
    const [d] = diagnosticsOf(`repositories:${ENTRY}\nroles: []\n`);
    expect(d).toMatchObject({ line: 9, column: 1, path: "/roles" });
  });

  it("collects every problem at once, each at its own position", () => {
    const text = [
      "repositories:",
      "  - repository: acme/app",
      "    roleArn: not-an-arn",
      "    accounts: [123456789012]",
      "    regions: [Europe]",
      "    allowedDomains: [booking.oslo.systems]",
      "    eksClusterRoleArn: arn:aws:iam::123456789012:role/eks-cluster",
      "",
    ].join("\n");
    const diagnostics = diagnosticsOf(text);
    const byPath = Object.fromEntries(diagnostics.map((d) => [d.path, d]));
    expect(byPath["/repositories/0/roleArn"]).toMatchObject({ line: 3, column: 14 });
    expect(byPath["/repositories/0/roleArn"]?.message).toContain("IAM role ARN");
    expect(byPath["/repositories/0/accounts/0"]).toMatchObject({ line: 4, column: 16 });
    expect(byPath["/repositories/0/accounts/0"]?.message).toMatch(/in quotes.*YAML reads it as a number/);
    expect(byPath["/repositories/0/regions/0"]?.message).toContain("eu-west-1");
    expect(byPath["/repositories/0"]).toMatchObject({ line: 2, column: 5, message: 'missing required key "eksNodeRoleArn"' });
  });

  it("rejects a repository pattern listed twice, case-insensitively, naming the first", () => {
    const second = ENTRY.replace("acme/app", "ACME/App");
    const [d, ...rest] = diagnosticsOf(`repositories:${ENTRY}${second}\n`);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ line: 9, path: "/repositories/1/repository" });
    expect(d?.message).toContain("already listed at line 2");
  });

  it("rejects a duplicate YAML key with its position", () => {
    const [d] = diagnosticsOf(`repositories:${ENTRY}\n    regions: [eu-north-1]\n`);
    expect(d?.line).toBe(9);
    expect(d?.message).toMatch(/^YAML: .*unique/i);
  });

  it("rejects a role outside the entry's accounts, and EKS roles of another account", () => {
    const text = `repositories:${ENTRY.replace("role/deploy", "role/deploy").replace('["123456789012"]', '["999999999999"]').replace("123456789012:role/eks-node", "999999999999:role/eks-node")}\n`;
    const diagnostics = diagnosticsOf(text);
    expect(diagnostics.map((d) => d.path)).toEqual(["/repositories/0/roleArn", "/repositories/0/eksNodeRoleArn"]);
    expect(diagnostics[0]?.message).toContain("account 123456789012, which is not in this entry's accounts (999999999999)");
    expect(diagnostics[1]?.message).toContain("EKS can only use roles of the cluster's own account");
  });

  it("accepts {accountId} in role ARNs, for an entry serving several accounts", () => {
    const templated = ENTRY.replace('["123456789012"]', '["123456789012", "210987654321"]').replaceAll("123456789012:role", "{accountId}:role");
    const result = parseAccessConfig(`repositories:${templated}\n`, "access.yaml");
    expect(result).toMatchObject({ ok: true, config: { repositories: [{ roleArn: "arn:aws:iam::{accountId}:role/deploy" }] } });

    const mixed = templated.replace("{accountId}:role/eks-node", "123456789012:role/eks-node");
    const [d] = diagnosticsOf(`repositories:${mixed}\n`);
    expect(d).toMatchObject({ path: "/repositories/0/eksNodeRoleArn", message: expect.stringContaining("or {accountId} in both") });
  });

  it("requires allowedDomains, with names or *. wildcards only", () => {
    const without = ENTRY.replace(/\n    allowedDomains: .*/, "");
    expect(diagnosticsOf(`repositories:${without}\n`)[0]).toMatchObject({ line: 2, path: "/repositories/0", message: 'missing required key "allowedDomains"' });
    const empty = ENTRY.replace(/allowedDomains: .*/, "allowedDomains: []");
    expect(diagnosticsOf(`repositories:${empty}\n`)[0]).toMatchObject({ line: 6, path: "/repositories/0/allowedDomains", message: expect.stringContaining("at least one") });
    for (const bad of ['"*"', '"*.com"', '"a.*.example.com"', "localhost", '"app..example"']) {
      const text = `repositories:${ENTRY.replace(/allowedDomains: .*/, `allowedDomains: [ok.example.com, ${bad}]`)}\n`;
      expect(diagnosticsOf(text)[0], bad).toMatchObject({ path: "/repositories/0/allowedDomains/1", message: expect.stringContaining('"*." wildcard') });
    }
  });

  it("takes applyRequires approved (the default) or none, and says what else it could be", () => {
    for (const value of ["approved", "none"] as const) {
      const result = parseAccessConfig(`repositories:${ENTRY}\n    applyRequires: ${value}\n`, "access.yaml");
      expect(result).toMatchObject({ ok: true, config: { repositories: [{ applyRequires: value }] } });
    }
    expect(parseAccessConfig(`repositories:${ENTRY}\n`, "access.yaml")).toMatchObject({ ok: true, config: { repositories: [{ applyRequires: "approved" }] } });
    for (const bad of ["approval", "true", '""', "[approved]"]) {
      const [d, ...rest] = diagnosticsOf(`repositories:${ENTRY}\n    applyRequires: ${bad}\n`);
      expect(rest, bad).toEqual([]);
      expect(d, bad).toMatchObject({ line: 9, column: 20, path: "/repositories/0/applyRequires" });
      expect(d?.message, bad).toMatch(/^must be one of: "approved", "none" \("approved": an approving review by someone with write permission/);
    }
  });

  it("rejects bad globs and an empty file", () => {
    expect(diagnosticsOf(`repositories:${ENTRY.replace("acme/app", "acme/**/x")}\n`)[0]?.message).toContain('"owner/name" or a glob');
    expect(diagnosticsOf("")[0]).toMatchObject({ line: 1, column: 1, message: expect.stringContaining("empty") });
  });
});

describe("loadAccessConfig", () => {
  it("says what to set when OKCTL_ACCESS_CONFIG is unset", async () => {
    await expect(loadAccessConfig({})).rejects.toThrow(/OKCTL_ACCESS_CONFIG is not set\. Set it to the path/);
  });

  it("says which file it could not read", async () => {
    await expect(loadAccessConfig({ OKCTL_ACCESS_CONFIG: "/nonexistent/access.yaml" })).rejects.toThrow(
      /Cannot read the access configuration \/nonexistent\/access\.yaml \(OKCTL_ACCESS_CONFIG\): ENOENT/,
    );
  });

  it("throws every diagnostic of an invalid file, and returns a valid one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "okctl-access-"));
    const bad = join(dir, "bad.yaml");
    await writeFile(bad, `repositories:${ENTRY}\n    extra: 1\n`);
    const error = await loadAccessConfig({ OKCTL_ACCESS_CONFIG: bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessConfigError);
    expect((error as AccessConfigError).message).toContain(`${bad}:9:5: unknown key "extra"`);
    expect((error as AccessConfigError).diagnostics).toHaveLength(1);

    const config = await loadAccessConfig({ OKCTL_ACCESS_CONFIG: ` ${FIXTURE.pathname} ` });
    expect(config.repositories).toHaveLength(3);
  });
});
