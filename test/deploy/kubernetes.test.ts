// The deploy kit's Kubernetes manifests, checked against Kubernetes' published API schemas (the
// kubernetes-models package, generated from Kubernetes' OpenAPI description) and against okctl itself:
// the probes, environment and volumes it needs.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { manifestFiles, modelModule, readManifests, type Manifest } from "./manifests.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const all: Manifest[] = manifestFiles().flatMap(readManifests);

interface Container {
  name: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  volumeMounts?: { name: string; mountPath: string }[];
  securityContext?: Record<string, unknown>;
}
interface PodSpec {
  serviceAccountName?: string;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
  volumes?: { name: string; secret?: { secretName: string; items?: { key: string }[] }; configMap?: { name: string }; persistentVolumeClaim?: { claimName: string } }[];
}
interface DeploymentSpec {
  replicas: number;
  selector: { matchLabels: Record<string, string> };
  strategy?: { type: string };
  template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
}

function deploymentOf(file: string): DeploymentSpec {
  const deployment = all.find((m) => m.file === file && m.kind === "Deployment");
  if (!deployment) throw new Error(`${file} has no Deployment`);
  return deployment.spec as unknown as DeploymentSpec;
}
function envOf(container: Container): Map<string, string | undefined> {
  return new Map((container.env ?? []).map((e) => [e.name, e.value]));
}
const secretKeys = new Set(Object.keys((all.find((m) => m.kind === "Secret") as { stringData?: object } | undefined)?.stringData ?? {}));

describe("Kubernetes manifests", () => {
  it("are the objects the deploy kit promises", () => {
    const kinds = all.map((m) => `${m.file}:${m.kind}`).sort();
    expect(kinds).toEqual([
      "common.yaml:ConfigMap", "common.yaml:Service", "common.yaml:ServiceAccount",
      "postgres.yaml:Deployment", "postgres.yaml:PodDisruptionBudget",
      "secret.example.yaml:Secret",
      "sqlite.yaml:Deployment", "sqlite.yaml:PersistentVolumeClaim",
    ]);
  });

  it.each(all.map((m) => [`${m.file} ${m.kind}`, m] as const))("%s is valid against Kubernetes' schema", async (_label, manifest) => {
    const model = (await import(modelModule(manifest.apiVersion, manifest.kind))) as Record<string, new (data: unknown) => { validate(): void }>;
    const Model = model[manifest.kind];
    if (!Model) throw new Error(`no model for ${manifest.apiVersion} ${manifest.kind}`);
    const { file: _file, ...data } = manifest;
    expect(() => new Model(data).validate()).not.toThrow();
  });

  it("the schema check is real: a wrong type is rejected", async () => {
    const { Deployment } = await import("kubernetes-models/apps/v1/Deployment");
    const spec = { ...deploymentOf("postgres.yaml"), replicas: "two" };
    expect(() => new Deployment({ metadata: { name: "x" }, spec } as never).validate()).toThrow(/replicas/);
  });

  it("have no unknown or misspelt fields (kubectl's strict field validation)", () => {
    // Kubernetes' schemas allow unknown fields, kubectl --validate=strict does not: type each object
    // with its published TypeScript interface, whose excess-property check rejects unknown fields.
    const dir = join(ROOT, "node_modules/.cache/okctl-manifest-check");
    mkdirSync(dir, { recursive: true });
    const check = (source: string): string[] => {
      const file = join(dir, "manifests.ts");
      writeFileSync(file, source);
      const program = ts.createProgram([file], {
        strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [],
      });
      return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    };
    const typed = (manifests: Manifest[]): string => manifests.map((m, i) => {
      const { file: _file, ...data } = m;
      return `import type { I${m.kind} as T${i} } from "${modelModule(m.apiVersion, m.kind)}";\nexport const m${i}: T${i} = ${JSON.stringify(data)};`;
    }).join("\n");
    expect(check(typed(all))).toEqual([]);
    // …and the check would catch a misspelt probe.
    const deployment = all.find((m) => m.kind === "Deployment")!;
    const misspelt = JSON.parse(JSON.stringify(deployment).replace('"readinessProbe"', '"readinessProbes"')) as Manifest;
    expect(check(typed([misspelt])).join("\n")).toMatch(/readinessProbes/);
    expect(dirname(dir)).toContain("node_modules");
  });

  it("run two replicas with PostgreSQL and one with SQLite on a volume", () => {
    const postgres = deploymentOf("postgres.yaml");
    const sqlite = deploymentOf("sqlite.yaml");
    expect(postgres.replicas).toBe(2);
    expect(envOf(postgres.template.spec.containers[0]!).has("OKCTL_DATABASE_URL")).toBe(true);
    expect(sqlite.replicas).toBe(1);
    expect(sqlite.strategy?.type).toBe("Recreate");
    const container = sqlite.template.spec.containers[0]!;
    const dataDir = envOf(container).get("OKCTL_DATA_DIR");
    const mount = container.volumeMounts?.find((v) => v.mountPath === dataDir);
    const volume = sqlite.template.spec.volumes?.find((v) => v.name === mount?.name);
    const claim = all.find((m) => m.kind === "PersistentVolumeClaim");
    expect(volume?.persistentVolumeClaim?.claimName).toBe(claim?.metadata.name);
  });

  it.each(["postgres.yaml", "sqlite.yaml"])("%s: probes on /healthz and /readyz, non-root, secrets and access configuration mounted", (file) => {
    const spec = deploymentOf(file);
    expect(spec.selector.matchLabels).toEqual(spec.template.metadata.labels);
    const pod = spec.template.spec;
    const container = pod.containers[0]!;
    const portNames = new Set((container.ports ?? []).map((p) => p.name));
    expect(container.readinessProbe?.httpGet?.path).toBe("/readyz");
    expect(container.livenessProbe?.httpGet?.path).toBe("/healthz");
    expect(portNames.has(String(container.readinessProbe?.httpGet?.port))).toBe(true);
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    expect(pod.securityContext?.runAsUser).not.toBe(0);
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(pod.serviceAccountName).toBe(all.find((m) => m.kind === "ServiceAccount")?.metadata.name);

    const env = envOf(container);
    expect(env.get("HOST")).toBe("0.0.0.0");
    expect(env.get("NODE_ENV")).toBe("production");
    // The private key and the access configuration are files on mounted volumes…
    for (const variable of ["PRIVATE_KEY_PATH", "OKCTL_ACCESS_CONFIG"]) {
      const path = env.get(variable)!;
      const mount = container.volumeMounts?.find((v) => path.startsWith(`${v.mountPath}/`));
      const volume = pod.volumes?.find((v) => v.name === mount?.name);
      expect(volume, variable).toBeDefined();
      if (volume?.configMap) {
        const configMap = all.find((m) => m.kind === "ConfigMap" && m.metadata.name === volume.configMap!.name) as { data?: Record<string, string> } | undefined;
        expect(Object.keys(configMap?.data ?? {})).toContain(path.slice(mount!.mountPath.length + 1));
      } else {
        expect(volume?.secret?.items?.map((i) => i.key)).toContain(path.slice(mount!.mountPath.length + 1));
      }
    }
    // …the other secrets come from the Secret's keys.
    for (const e of container.env ?? []) {
      if (e.valueFrom?.secretKeyRef) expect(secretKeys.has(e.valueFrom.secretKeyRef.key), e.name).toBe(true);
    }
  });

  it("set only environment variables that okctl or Probot reads", () => {
    const readers = [
      ...sourceTexts(join(ROOT, "src")),
      readFileSync(join(ROOT, "node_modules/probot/lib/server/server.js"), "utf8"),
      readFileSync(join(ROOT, "node_modules/probot/lib/bin/read-env-options.js"), "utf8"),
      readFileSync(join(ROOT, "node_modules/probot/lib/run.js"), "utf8"),
    ].join("\n");
    const names = new Set(all.flatMap((m) => m.kind === "Deployment" ? ((m.spec as unknown as DeploymentSpec).template.spec.containers.flatMap((c) => (c.env ?? []).map((e) => e.name))) : []));
    for (const name of names) expect(readers.includes(name), name).toBe(true);
  });

  it("the access configuration in the ConfigMap is valid", async () => {
    const { parseAccessConfig } = await import("../../src/aws/access-config.js");
    const configMap = all.find((m) => m.kind === "ConfigMap") as unknown as { data: Record<string, string> };
    const result = parseAccessConfig(configMap.data["access-config.yaml"]!, "access-config.yaml");
    expect(result.ok ? [] : result.diagnostics).toEqual([]);
  });

  it("the Service and the PodDisruptionBudget select the pods", () => {
    const service = all.find((m) => m.kind === "Service")!;
    const budget = all.find((m) => m.kind === "PodDisruptionBudget")!;
    const labels = deploymentOf("postgres.yaml").template.metadata.labels;
    expect(service.spec?.selector).toEqual(labels);
    expect((budget.spec?.selector as { matchLabels: object }).matchLabels).toEqual(labels);
    expect(budget.spec?.minAvailable).toBe(1);
  });
});

function sourceTexts(dir: string): string[] {
  const texts: string[] = [];
  for (const entry of ts.sys.readDirectory(dir, [".ts"], ["**/*.test.ts"])) texts.push(readFileSync(entry, "utf8"));
  return texts;
}
