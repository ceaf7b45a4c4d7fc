// Every AWS call is bounded: `okctl plan` against an endpoint that accepts connections and never
// answers exits non-zero, naming the call that stalled. The timeouts are shortened through
// OKCTL_AWS_*_TIMEOUT_MS so that the test is quick; the defaults are checked to stay within two
// minutes for the same stall.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_AWS_TIMEOUTS } from "../../src/aws/bounded-calls.js";
import { REPO_ROOT } from "./capture.js";

const ACCESS = `repositories:
  - repository: oslokommune/booking
    roleArn: arn:aws:iam::123456789012:role/okctl-deploy
    accounts: ["123456789012"]
    regions: [eu-west-1]
    allowedDomains: [example.org, "*.example.org"]
    eksClusterRoleArn: arn:aws:iam::123456789012:role/okctl-eks-cluster
    eksNodeRoleArn: arn:aws:iam::123456789012:role/okctl-eks-node
`;
const DECLARATION = `apiVersion: okctl.io/v1alpha1
kind: Cluster
metadata:
  name: stalled
  accountID: "123456789012"
clusterRootDomain: stalled.example.org
`;

let silent: Server;
let port: number;
const sockets = new Set<Socket>();
let dir: string;

beforeAll(async () => {
  // Accepts every connection, reads what is sent, never answers.
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.resume();
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  port = (silent.address() as { port: number }).port;
  dir = mkdtempSync(join(tmpdir(), "okctl-stalled-"));
  writeFileSync(join(dir, "access.yaml"), ACCESS);
  writeFileSync(join(dir, "okctl.yaml"), DECLARATION);
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function okctlPlan(env: Record<string, string>): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [join(REPO_ROOT, "bin/okctl.js"), "plan", "--repository", "oslokommune/booking", "--repository-id", "1"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      OKCTL_ACCESS_CONFIG: join(dir, "access.yaml"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const killer = setTimeout(() => child.kill("SIGKILL"), 120_000);
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(killer);
      resolve({ code, stderr, ms: Date.now() - started });
    }),
  );
}

describe("okctl plan against an endpoint that never answers", () => {
  it("exits non-zero, naming the call that stalled", async () => {
    const result = await okctlPlan({ OKCTL_AWS_CONNECT_TIMEOUT_MS: "300", OKCTL_AWS_REQUEST_TIMEOUT_MS: "300" });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^okctl plan: STS\.AssumeRole did not answer: no answer within 300 ms/m);
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(result.ms).toBeLessThan(30_000);
  }, 60_000);

  it("would give up within 2 minutes with the default timeouts: 5 attempts of the request timeout, plus the SDK's backoff", () => {
    // The SDK's standard retry waits at most 100 ms × 2^n before retry n (n = 1…4, full jitter).
    const backoffMs = [1, 2, 3, 4].reduce((sum, n) => sum + 100 * 2 ** n, 0);
    expect(5 * DEFAULT_AWS_TIMEOUTS.requestMs + backoffMs).toBeLessThan(120_000);
  });
});
