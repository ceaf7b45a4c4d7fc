import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { run } from "./capture.js";

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "okctl-cli-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const INVALID = 'apiVersion: okctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: booking-dev\n  accountID: 123456789012\nclusterRootDomain: booking-dev.oslo.systems\nvcp: {}\n';

describe("okctl validate", () => {
  it("exits 0 and says so for valid files", async () => {
    expect(await run(["validate", "examples/okctl.yaml", "examples/minimal.yaml"])).toEqual({
      code: 0,
      stdout: "all 2 files are valid\n",
      stderr: "",
    });
  });

  it("reads ./okctl.yaml by default", async () => {
    const cwd = tempDir({ "okctl.yaml": INVALID });
    const { code, stdout } = await run(["validate"], cwd);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        "okctl.yaml:5:14: metadata.accountID must be a quoted string of 12 digits: YAML read 123456789012 as a number",
        'okctl.yaml:7:1: unknown key "vcp" — did you mean "vpc"?',
        "2 problems in okctl.yaml",
        "",
      ].join("\n"),
    );
  });

  it("gives the same as JSON with --format json", async () => {
    const cwd = tempDir({ "okctl.yaml": INVALID });
    const { code, stdout } = await run(["validate", "--format", "json", "okctl.yaml", "../okctl.yaml"], cwd);
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ valid: false, problems: 2 });
    expect(report.files[0].diagnostics[0]).toEqual({
      file: "okctl.yaml",
      line: 5,
      column: 14,
      path: "/metadata/accountID",
      message: "metadata.accountID must be a quoted string of 12 digits: YAML read 123456789012 as a number",
    });
    expect(report.files[1]).toEqual({ file: "../okctl.yaml", valid: false, readable: false, error: "no such file", diagnostics: [] });
    expect(report.summary).toBe("2 problems in okctl.yaml; 1 file could not be read");
  });

  it("exits 2 for a file that cannot be read, saying so without a position or a problem count", async () => {
    const { code, stdout } = await run(["validate", "missing.yaml"], tempDir({}));
    expect(code).toBe(2);
    expect(stdout).toBe("missing.yaml: no such file\n");
    const dir = tempDir({ "okctl.yaml": INVALID });
    expect((await run(["validate", "okctl.yaml", "gone.yaml"], dir)).stdout).toMatch(/\ngone\.yaml: no such file\n2 problems in okctl\.yaml; 1 file could not be read\n$/);
  });

  it("colours on a terminal or with FORCE_COLOR, never with NO_COLOR", async () => {
    const cwd = tempDir({ "okctl.yaml": INVALID });
    const forced = await run(["validate"], cwd, { FORCE_COLOR: "1" });
    expect(forced.stdout).toContain("\u001b[1mokctl.yaml:5:14:\u001b[0m metadata.accountID");
    expect(forced.stdout).toContain("\u001b[31m2 problems in okctl.yaml\u001b[0m");
    const tty = await run(["validate"], cwd, {}, true);
    expect(tty.stdout).toContain("\u001b[");
    expect((await run(["validate"], cwd, { NO_COLOR: "1" }, true)).stdout).not.toContain("\u001b[");
    expect((await run(["validate"], cwd)).stdout).not.toContain("\u001b[");
  });

  it("reports a file over 1 MiB without reading it", async () => {
    const cwd = tempDir({ "big.yaml": `# ${"x".repeat(2 * 1024 * 1024)}\n` });
    const { code, stdout } = await run(["validate", "big.yaml"], cwd);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^big\.yaml:1:1: the file is 2097155 bytes; okctl\.yaml may be at most 1 MiB/);
  });

  it("--show prints the defaulted declaration, the layout and the tags as one valid YAML stream", async () => {
    const { code, stdout } = await run(["validate", "--show", "--repository", "oslokommune/booking", "examples/minimal.yaml", "examples/okctl.yaml"]);
    expect(code).toBe(0);
    const documents = parseAllDocuments(stdout);
    expect(documents).toHaveLength(2);
    for (const document of documents) expect(document.errors).toEqual([]);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("# all 2 files are valid");
    const shown = documents[0]!.toJS();
    expect(shown.declaration.eks.nodeGroups[0].name).toBe("generic");
    expect(shown.layout.availabilityZones).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    expect(shown.layout.subnets[1]).toMatchObject({
      id: "subnet/private-a",
      cidr: "192.168.1.0/24",
      name: "booking-dev-private-a",
      tags: {
        Name: "booking-dev-private-a",
        "okctl.io/cluster": "booking-dev",
        "okctl.io/repository": "oslokommune/booking",
        "okctl.io/resource": "subnet/private-a",
        "okctl.io/managed-by": "okctl",
        "kubernetes.io/cluster/booking-dev": "shared",
        "kubernetes.io/role/internal-elb": "1",
      },
    });
    expect(shown.layout.subnets.find((subnet: { id: string }) => subnet.id === "subnet/public-a").tags["kubernetes.io/role/elb"]).toBe("1");
  });

  it("--show without --repository uses a clear placeholder, and works with JSON", async () => {
    const { stdout } = await run(["validate", "--show", "--format", "json", "examples/okctl.yaml"]);
    const report = JSON.parse(stdout);
    expect(report.files[0].commonTags).toEqual({
      "okctl.io/cluster": "booking-dev",
      "okctl.io/repository": "<owner/name: pass --repository>",
      "okctl.io/repository-id": "<the repository's numeric GitHub id>",
      "okctl.io/managed-by": "okctl",
      "okctl.io/environment": "dev",
    });
    expect(report.files[0].declaration.metadata.environment).toBe("dev");
  });

  it("--show lists every resource okctl will manage, with its name and tags", async () => {
    const { stdout } = await run(["validate", "--show", "--format", "json", "--repository", "oslokommune/booking", "examples/okctl.yaml"]);
    const resources: { id: string; kind: string; name: string; tags: Record<string, string> }[] = JSON.parse(stdout).files[0].resources;
    expect(resources).toHaveLength(38); // 30 + 2 access entries, 5 add-ons, 1 pod identity
    expect(resources.find((resource) => resource.id === "nat-gateway/b")).toMatchObject({
      kind: "nat-gateway",
      tags: { "okctl.io/resource": "nat-gateway/b", "okctl.io/repository": "oslokommune/booking" },
    });
    expect(resources.map((resource) => resource.id)).toContain("parameter/argocd/client_secret");
  });

  it.each([
    [["validate", "--shwo"], 'okctl validate: unknown option "--shwo": did you mean "--show"?'],
    [["validate", "--bogus"], 'unknown option "--bogus" (options: --format, --show, --repository)'],
    [["validate", "--format"], "option --format needs a value: --format VALUE"],
    [["validate", "--show=yes"], "option --show takes no value"],
    [["plan", "--repo", "a/b"], 'unknown option "--repo": did you mean "--repository"?'],
    [["validate", "--format", "xml"], '--format must be text or json, not "xml"'],
    [["validate", "--repository", "nope"], '--repository must be OWNER/NAME, not "nope"'],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["schema", "extra"], "Unexpected argument 'extra'"],
  ])("exits 2 on the usage error %j", async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
  });

  it.each([
    [["drift", "--repo", "a/b"], 'unknown option "--repo": did you mean "--repository"?'],
    [["drift", "--format", "yaml"], '--format must be text or json, not "yaml"'],
    [["drift", "-f", "no-such-file.yaml", "--repository", "a/b"], "no-such-file.yaml"],
  ])("okctl drift exits 1, not 2 (which means drift), on %j", async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
  });
});

describe("okctl schema, help and version", () => {
  it("prints the JSON Schema", async () => {
    const { code, stdout } = await run(["schema"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ $schema: "https://json-schema.org/draft/2020-12/schema", title: "okctl cluster declaration" });
  });

  it("lists the commands for help and --help, and one command's usage", async () => {
    for (const argv of [["help"], ["--help"]]) {
      const { code, stdout } = await run(argv);
      expect(code).toBe(0);
      expect(stdout).toMatch(/validate {2}Check okctl\.yaml files/);
      expect(stdout).toMatch(/schema {4}Print the JSON Schema/);
    }
    expect((await run(["help", "validate"])).stdout).toContain("Usage: okctl validate [options] [FILE…]");
    expect((await run(["validate", "--help"])).stdout).toContain("--format text|json");
  });

  it("prints the version, and usage with exit 2 when no command is given", async () => {
    expect(await run(["--version"])).toEqual({ code: 0, stdout: "okctl 0.1.0\n", stderr: "" });
    const { code, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stderr).toContain("Usage: okctl <command>");
  });
});
