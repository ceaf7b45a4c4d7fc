import { describe, expect, it } from "vitest";
import { loadDeclaration } from "../../src/declaration/load.js";
import { fixture, problemLines, withRequired } from "./helpers.js";

/** Runs the loader and asserts it finished quickly. */
function timed(content: string | Uint8Array): string[] {
  const started = performance.now();
  const lines = problemLines(content);
  expect(performance.now() - started).toBeLessThan(1500);
  return lines;
}

describe("hostile and broken input: a clear error, fast, never a crash", () => {
  it.each([
    ["syntax-error.yaml", ["5:1  YAML syntax: all mapping items must start at the same column"]],
    ["empty.yaml", ["1:1  the file is empty; it needs at least apiVersion, kind, metadata and clusterRootDomain"]],
    ["comments-only.yaml", ["1:1  the file is empty; it needs at least apiVersion, kind, metadata and clusterRootDomain"]],
    ["several-documents.yaml", ["3:1  YAML syntax: the file holds several YAML documents (separated by ---); okctl.yaml must be exactly one"]],
    ["duplicate-keys.yaml", ['6:3 /metadata/name duplicate key "name" (first at line 4); each key may appear only once']],
    ["top-level-list.yaml", ["1:1  the top level must be a mapping of keys such as apiVersion and kind, not a list"]],
    ["top-level-scalar.yaml", ["1:1  the top level must be a mapping of keys such as apiVersion and kind, not a single value"]],
    ["alias-bomb.yaml", ["1:1  the aliases in this file expand to more than 10000 values (an alias bomb?); okctl.yaml needs far fewer"]],
    [
      "non-string-keys.yaml",
      [
        '11:9 /eks/nodeGroups/0/labels key 1 must be text, but YAML read it as a number; quote it: "1"',
        '12:9 /eks/nodeGroups/0/labels key true must be text, but YAML read it as a boolean; quote it: "true"',
        "13:3  a key must be text, not a list",
      ],
    ],
    [
      "numbers-for-strings.yaml",
      [
        '4:9 /metadata/name metadata.name must be lowercase letters, digits and "-", starting with a letter, ending with a letter or digit, without "--" (e.g. booking-dev): YAML read 12345 as a number; put it in quotes',
        "5:14 /metadata/accountID metadata.accountID must be a quoted string of 12 digits: YAML read 012345678901 as a number (12345678901)",
        "6:16 /metadata/environment metadata.environment must start with a letter or digit and contain only letters, digits, spaces and _ . : / = + @ -: YAML read 2024 as a number; put it in quotes",
        '9:21 /vpc/highAvailability vpc.highAvailability must be true or false: YAML read "true" as text',
        '11:12 /eks/version eks.version must be a quoted Kubernetes minor version such as "1.33": YAML read 1.30 as a number (1.3)',
        "15:12 /parameters/0/value parameters[0].value must be text: YAML read 8080 as a number; put it in quotes",
      ],
    ],
  ])("%s", (name, expected) => {
    expect(timed(fixture(`hostile/${name}`))).toEqual(expected);
  });

  it("rejects __proto__, constructor and prototype keys without polluting any prototype", () => {
    expect(timed(fixture("hostile/prototype-keys.yaml"))).toEqual([
      '3:1 /__proto__ the key "__proto__" is not allowed',
      '8:3 /metadata/constructor the key "constructor" is not allowed',
    ]);
    const inFlow = timed(withRequired('eks: {nodeGroups: [{name: a, labels: {"prototype": x}}]}\n'));
    expect(inFlow).toEqual(['7:39 /eks/nodeGroups/0/labels/prototype the key "prototype" is not allowed']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("rejects files over 1 MiB before parsing", () => {
    const big = withRequired(`# ${"x".repeat(1024 * 1024)}\n`);
    expect(timed(big)).toEqual([`1:1  the file is ${Buffer.byteLength(big)} bytes; okctl.yaml may be at most 1 MiB (1048576 bytes)`]);
  });

  it("rejects invalid UTF-8 at the line and column of the bad byte", () => {
    const bytes = Buffer.concat([Buffer.from("apiVersion: okctl.io/v1alpha1\nkind: Clu"), Buffer.from([0xc3, 0x28]), Buffer.from("ster\n")]);
    expect(timed(bytes)).toEqual(["2:10  the file is not valid UTF-8 (byte 0xC3); okctl.yaml must be UTF-8 text"]);
  });

  it("recognises UTF-16", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a: 1", "utf16le")]);
    expect(timed(bytes)).toEqual(["1:1  the file is UTF-16 encoded; save it as UTF-8"]);
  });

  it("rejects binary content: NUL bytes and control characters", () => {
    expect(timed(Buffer.from("apiVersion: okctl.io/v1alpha1\nkind: \u0000Cluster\n"))).toEqual([
      "2:7  the file contains a NUL byte: it looks binary, not YAML text",
    ]);
    expect(timed(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toHaveLength(1);
    expect(timed("a: \u0007\n")).toEqual(["1:4  the file contains the control character U+0007: it looks binary, not YAML text"]);
  });

  it("stops at deep nesting, huge lists and many keys, quickly", () => {
    expect(timed(`a: ${"[".repeat(200_000)}`)).toEqual(["1:1  the file nests [ ] or { } more than 64 levels deep"]);
    expect(timed(`a: [${"1,".repeat(300_000)}1]`)).toEqual([
      "1:1  the file holds too many YAML values (more than 50000 tokens); okctl.yaml needs far fewer",
    ]);
    expect(timed(Array.from({ length: 60_000 }, (_, i) => `k${i}: 1`).join("\n"))).toHaveLength(1);
    const deepBlock = Array.from({ length: 1200 }, (_, i) => `${" ".repeat(i)}a:`).join("\n");
    expect(timed(deepBlock)).toEqual([expect.stringMatching(/^\d+:\d+  YAML syntax: the file nests too deeply$/)]);
    expect(timed("a: &a [*a]\n")[0]).toContain("alias bomb");
  });

  it("reports an alias to an anchor that does not exist", () => {
    expect(timed(withRequired("vpc: *nowhere\n"))).toEqual(["7:6 /vpc alias *nowhere refers to no anchor &nowhere"]);
  });

  it("never throws, whatever it is given", () => {
    const inputs = ["{", "]", "? ? ?", "!!binary AAAA", "a: !!set {x}", "- &a\n- *a", "%YAML 9.9\n---\na: 1", "\t\t", "'", '"\\u', "a: 1\n...\n---\n"];
    for (const input of inputs) {
      const result = loadDeclaration(input, "f.yaml");
      expect(result.ok).toBe(false);
      if (!result.ok) for (const d of result.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
    }
  });
});
