// The real server (`node dist/src/server.js`) with nothing but what it needs to start: an access
// configuration and a data directory in a fresh temporary directory. For tests about the server
// itself (its HTTP endpoint, its start-up checks), not about jobs.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AppProcessOptions } from "./app-process.js";

export const SERVER_SCRIPT = "dist/src/server.js";

export const MINIMAL_ACCESS_CONFIG = `repositories:
  - repository: oslokommune/booking
    roleArn: arn:aws:iam::123456789012:role/okctl-deploy-booking
    accounts: ["123456789012"]
    regions: [eu-west-1]
    allowedDomains: [example.org, "*.example.org"]
    eksClusterRoleArn: arn:aws:iam::123456789012:role/okctl-eks-cluster
    eksNodeRoleArn: arn:aws:iam::123456789012:role/okctl-eks-node
`;

export interface ServerDir {
  dir: string;
  /** Options for startAppProcess / runAppUntilExit: the server script, cwd, access config and data dir, plus `env`. */
  options(env?: Record<string, string | undefined>): AppProcessOptions;
  remove(): void;
}

export function serverDir(): ServerDir {
  const dir = mkdtempSync(join(tmpdir(), "okctl-server-"));
  writeFileSync(join(dir, "access.yaml"), MINIMAL_ACCESS_CONFIG);
  return {
    dir,
    options: (env = {}) => ({
      script: SERVER_SCRIPT,
      cwd: dir,
      env: { OKCTL_ACCESS_CONFIG: join(dir, "access.yaml"), OKCTL_DATA_DIR: join(dir, "data"), ...env },
    }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
