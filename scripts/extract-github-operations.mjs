#!/usr/bin/env node
// Extracts, from GitHub's published REST API description (the dereferenced OpenAPI document of
// @octokit/openapi, 70 MB: too large to install), the operations the GitHub stand-in serves,
// into test/support/github-rest-operations.json: each operation's path and query parameters and
// its JSON request body schema. The stand-in validates every request okctl makes against them
// (test/support/github-request-validation.ts), as GitHub itself answers 422 or 404.
//
//   npm pack @octokit/openapi@23.0.1 && tar xzf octokit-openapi-23.0.1.tgz
//   node scripts/extract-github-operations.mjs package/generated/api.github.com.deref.json 23.0.1
//
// The version matches @octokit/openapi-types' "openapi-version" (the types the stand-in's
// response shapes are written against). Re-run it when a route is added to the stand-in.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [specPath, version] = process.argv.slice(2);
if (!specPath || !version) {
  console.error("usage: node scripts/extract-github-operations.mjs <api.github.com.deref.json> <@octokit/openapi version>");
  process.exit(2);
}
const spec = JSON.parse(readFileSync(specPath, "utf8"));

// The stand-in's route templates, as written in its sources (Octokit's `{+name}` is `{name}` in the description).
const supportDir = new URL("../test/support/", import.meta.url).pathname;
const templates = new Set();
for (const file of readdirSync(supportDir).filter((name) => /^github-standin.*\.ts$/.test(name) && !name.endsWith(".test.ts"))) {
  for (const match of readFileSync(join(supportDir, file), "utf8").matchAll(/template: "([A-Z]+ [^"]+)"/g)) templates.add(match[1]);
}

/** OpenAPI 3.0 → JSON Schema: `nullable` becomes a null type; words for people are dropped. */
function toJsonSchema(schema) {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== "object") return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (["description", "example", "examples", "title", "externalDocs", "x-github", "deprecated", "readOnly", "writeOnly", "discriminator", "xml"].includes(key)) continue;
    if (key === "nullable") continue;
    if (key === "properties" || key === "patternProperties") {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub)]));
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (schema.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    else return { anyOf: [out, { type: "null" }] };
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

const operations = {};
const missing = [];
for (const template of [...templates].sort()) {
  const [method, path] = template.split(" ");
  const specPathKey = path.replace(/\{\+/g, "{");
  const operation = spec.paths[specPathKey]?.[method.toLowerCase()];
  if (!operation) {
    missing.push(template);
    continue;
  }
  const parameters = (operation.parameters ?? [])
    .filter((p) => p.in === "path" || p.in === "query")
    .map((p) => ({ name: p.name, in: p.in, required: p.required === true, schema: toJsonSchema(p.schema ?? {}) }));
  const json = operation.requestBody?.content?.["application/json"];
  operations[template] = {
    operationId: operation.operationId,
    parameters,
    ...(json ? { requestBody: { required: operation.requestBody.required === true, schema: toJsonSchema(json.schema) } } : {}),
  };
}
if (missing.length > 0) {
  console.error(`not in GitHub's REST API description: ${missing.join(", ")}`);
  process.exit(1);
}
const out = new URL("../test/support/github-rest-operations.json", import.meta.url).pathname;
writeFileSync(out, JSON.stringify({ source: `@octokit/openapi@${version} generated/api.github.com.deref.json (${spec.info?.version ?? "?"})`, operations }, null, 1) + "\n");
console.log(`${Object.keys(operations).length} operations → ${out}`);
