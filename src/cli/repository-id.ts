// The repository's numeric GitHub id for `okctl plan|apply`: --repository-id, or else asked of
// GitHub's REST API (GET /repos/OWNER/NAME; GITHUB_TOKEN if set, for private repositories).
import { UsageError } from "./types.js";

const GITHUB_API = "https://api.github.com";
const LOOKUP_TIMEOUT_MS = 10_000;

export function parseRepositoryId(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]{0,15}$/.test(value)) throw new UsageError(`--repository-id must be the repository's numeric GitHub id, not "${value}"`);
  return Number(value);
}

export type RepositoryIdLookup = { ok: true; id: number } | { ok: false; message: string };

export async function lookUpRepositoryId(repository: string, env: Readonly<Record<string, string | undefined>>): Promise<RepositoryIdLookup> {
  const token = env.GITHUB_TOKEN?.trim();
  const advice = `pass --repository-id (the number GitHub shows for ${repository}, e.g. gh api repos/${repository} --jq .id)`;
  try {
    const response = await fetch(`${env.GITHUB_API_URL?.trim() || GITHUB_API}/repos/${repository}`, {
      headers: { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
    });
    if (!response.ok) {
      await response.body?.cancel();
      const why = response.status === 404 ? "not found (or private: set GITHUB_TOKEN)" : `HTTP ${response.status}`;
      return { ok: false, message: `could not look up the id of ${repository} on GitHub: ${why}; ${advice}` };
    }
    const body = (await response.json()) as { id?: unknown; full_name?: unknown };
    if (typeof body.id !== "number" || !Number.isSafeInteger(body.id) || body.id <= 0) {
      return { ok: false, message: `GitHub's answer for ${repository} has no repository id; ${advice}` };
    }
    return { ok: true, id: body.id };
  } catch (error) {
    return { ok: false, message: `could not reach GitHub to look up the id of ${repository} (${error instanceof Error ? error.message : String(error)}); ${advice}` };
  }
}
