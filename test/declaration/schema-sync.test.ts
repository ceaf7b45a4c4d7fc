import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { applyDefaults, DEFAULT_NODE_GROUP } from "../../src/declaration/defaults.js";
import { DEFAULT_EKS_VERSION, SUPPORTED_EKS_VERSIONS } from "../../src/declaration/eks-versions.js";
import { DECLARATION_SCHEMA } from "../../src/declaration/schema.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
type Node = Record<string, unknown>;

function resolve(node: Node): Node {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  const defs = DECLARATION_SCHEMA.$defs as Record<string, Node>;
  return { ...resolve(defs[ref.replace("#/$defs/", "")]!), ...node, $ref: undefined };
}

function property(path: string[]): Node {
  let node = DECLARATION_SCHEMA as Node;
  for (const key of path) {
    const here = resolve(node);
    const container = here.items ? resolve(here.items as Node) : here;
    node = resolve((container.properties as Record<string, Node>)[key]!);
  }
  return node;
}

describe("the schema is the one source of the structure", () => {
  it("schema-types.generated.ts is what the generator makes from the schema today", () => {
    expect(() => execFileSync(process.execPath, ["scripts/generate-schema-types.mjs", "--check"], { cwd: root, stdio: "pipe" })).not.toThrow();
  });

  it("declares the same defaults as defaults.ts applies", () => {
    const declaration = applyDefaults({
      apiVersion: "okctl.io/v1alpha1",
      kind: "Cluster",
      metadata: { name: "abc", accountID: "123456789012" },
      clusterRootDomain: "a.example.com",
      eks: { nodeGroups: [{ name: "g" }] },
      parameters: [{ name: "p", type: "SecureString", generate: {} }],
    });
    expect(property(["metadata", "region"]).default).toBe(declaration.metadata.region);
    for (const key of ["cidr", "highAvailability", "availabilityZones"] as const) expect(property(["vpc", key]).default).toEqual(declaration.vpc[key]);
    for (const key of ["version", "endpointPublicAccess", "endpointPrivateAccess", "publicAccessCidrs", "logging"] as const) {
      expect(property(["eks", key]).default).toEqual(declaration.eks[key]);
    }
    expect(property(["eks", "nodeGroups"]).default).toEqual([DEFAULT_NODE_GROUP]);
    const group = declaration.eks.nodeGroups[0]!;
    for (const key of ["instanceTypes", "capacityType", "minSize", "desiredSize", "maxSize", "diskSize", "perAvailabilityZone", "labels", "taints"] as const) {
      expect(property(["eks", "nodeGroups", key]).default).toEqual(group[key]);
    }
    expect(property(["parameters", "generate", "length"]).default).toBe(32);
    expect(property(["certificates"]).default).toEqual(declaration.certificates);
  });

  it("offers the supported EKS versions and defaults to the newest", () => {
    expect(property(["eks", "version"]).default).toBe(DEFAULT_EKS_VERSION);
    expect(property(["eks", "version"]).examples).toEqual([...SUPPORTED_EKS_VERSIONS]);
    expect(DEFAULT_EKS_VERSION).toBe(SUPPORTED_EKS_VERSIONS[SUPPORTED_EKS_VERSIONS.length - 1]);
  });

  it("closes every object: additionalProperties false except the labels map", () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== "object" || node === null) return;
      const n = node as Node;
      if (n.type === "object" && n.additionalProperties !== false && !path.endsWith("/labels")) open.push(path);
      for (const [key, child] of Object.entries(n)) walk(child, `${path}/${key}`);
    };
    walk(DECLARATION_SCHEMA, "");
    expect(open).toEqual([]);
  });

  it("gives every property a title and a description", () => {
    const missing: string[] = [];
    const walk = (node: Node, path: string): void => {
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
        const resolved = resolve(child);
        if (!resolved.title || !resolved.description) missing.push(`${path}/${key}`);
        walk(resolved, `${path}/${key}`);
        if (resolved.items) walk(resolve(resolved.items as Node), `${path}/${key}/items`);
      }
    };
    walk(DECLARATION_SCHEMA as Node, "");
    expect(missing).toEqual([]);
  });

  it("has every property shown in examples/okctl.yaml (set or in a comment) and documented in docs/declaration.md", () => {
    const example = readFileSync(`${root}examples/okctl.yaml`, "utf8");
    const reference = readFileSync(`${root}docs/declaration.md`, "utf8");
    const missing: string[] = [];
    const walk = (node: Node, path: string): void => {
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
        if (!new RegExp(`(^|[\\s{,#-])${key}:`, "m").test(example)) missing.push(`${path}/${key} not in examples/okctl.yaml`);
        if (!reference.includes(`\`${key}\``) && !reference.includes(`.${key}\``)) missing.push(`${path}/${key} not in docs/declaration.md`);
        const resolved = resolve(child);
        walk(resolved, `${path}/${key}`);
        if (resolved.items) walk(resolve(resolved.items as Node), `${path}/${key}/items`);
      }
    };
    walk(DECLARATION_SCHEMA as Node, "");
    expect(missing).toEqual([]);
  });

  it("ships the schema file that `okctl schema` prints", () => {
    expect(JSON.parse(readFileSync(new URL("../../schemas/okctl.schema.json", import.meta.url), "utf8"))).toEqual(DECLARATION_SCHEMA);
  });
});
