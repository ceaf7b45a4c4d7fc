// Reads the deploy kit's Kubernetes manifests (deploy/kubernetes/*.yaml) the way kubectl does:
// YAML 1.1, several documents per file.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

export const KUBERNETES_DIR = new URL("../../deploy/kubernetes/", import.meta.url).pathname;

/** One YAML document of a manifest file. */
interface ManifestDocument {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A document with the file it came from. */
export type Manifest = ManifestDocument & { file: string };

export function readManifests(file: string): Manifest[] {
  const documents = parseAllDocuments(readFileSync(join(KUBERNETES_DIR, file), "utf8"), { version: "1.1" });
  if (!Array.isArray(documents)) throw new Error(`${file}: empty`);
  return documents.map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
    return { ...(document.toJS() as ManifestDocument), file };
  });
}

export function manifestFiles(): string[] {
  return readdirSync(KUBERNETES_DIR).filter((name) => name.endsWith(".yaml")).sort();
}

/** kubernetes-models' module for an object: `apps/v1` + `Deployment` → `kubernetes-models/apps/v1/Deployment`. */
export function modelModule(apiVersion: string, kind: string): string {
  return `kubernetes-models/${apiVersion}/${kind}`;
}
