// The GitHub repository of a working copy, from its `origin` remote, so that a developer's local
// `okctl plan` needs no --repository. Undefined when there is no such remote.
import { execFile } from "node:child_process";

const GITHUB_REMOTE = /^(?:https:\/\/(?:[^@/]+@)?github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/;

/** "owner/name" from a GitHub remote URL (https or ssh), or undefined. */
export function repositoryOfRemote(url: string): string | undefined {
  const match = GITHUB_REMOTE.exec(url.trim());
  return match ? `${match[1]}/${match[2]}` : undefined;
}

export function repositoryFromGit(cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("git", ["config", "--get", "remote.origin.url"], { cwd, timeout: 5000, maxBuffer: 64 * 1024 }, (error, stdout) => {
      resolve(error ? undefined : repositoryOfRemote(String(stdout)));
    });
  });
}
