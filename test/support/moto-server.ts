// Starts one moto server (the AWS emulator) on a free loopback port, for the test suite and the
// benchmarks. moto 5.2.1 is expected on PATH as `moto_server`.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export const MOTO_INSTALL_HINT =
  "moto_server was not found on PATH. okctl's tests run against the moto AWS emulator; install it with:\n" +
  "    pip install 'moto[server]==5.2.1'\n" +
  "(or set OKCTL_TEST_AWS_ENDPOINT to the URL of a moto server you already run).";

export interface MotoServer {
  endpoint: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function motoAvailable(): boolean {
  const probe = spawnSync("moto_server", ["--help"], { stdio: "ignore" });
  return !probe.error && probe.status === 0;
}

async function waitUntilUp(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once("exit", () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`moto_server exited during start-up (exit code ${child.exitCode})`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs / 1000}s`);
}

export async function startMotoServer(options: { acmValidationWaitSeconds?: number } = {}): Promise<MotoServer> {
  const external = process.env.OKCTL_TEST_AWS_ENDPOINT;
  if (external) return { endpoint: external.replace(/\/$/, ""), stop: async () => {} };
  if (!motoAvailable()) throw new Error(MOTO_INSTALL_HINT);
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  // No default AMIs: okctl never reads images, and loading moto's catalogue again after every reset
  // made the first EC2 call of each test take 0.4–0.8 s instead of under 0.1 s.
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, MOTO_ACM_VALIDATION_WAIT: String(options.acmValidationWaitSeconds ?? 0), MOTO_EC2_LOAD_DEFAULT_AMIS: "false" },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    await waitUntilUp(endpoint, child, 30_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}

export async function resetMoto(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
  if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
}
