// The repository's numeric GitHub id for `okctl plan|apply`: --repository-id, or else asked of
// GitHub's REST API (GET /repos/OWNER/NAME; GITHUB_TOKEN if set, for private repositories).
import { UsageError } from "./types.js";

const GITHUB_API = "https://api.github.com";
const LOOKUP_TIMEOUT_MS = 10_000;
/** A repository's JSON is a few kilobytes; an answer larger than this is not read to its end. */
export const MAX_LOOKUP_ANSWER_BYTES = 256 * 1024;

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
    const text = await readCapped(response, MAX_LOOKUP_ANSWER_BYTES);
    if (text === undefined) return { ok: false, message: `GitHub's answer for ${repository} is larger than ${MAX_LOOKUP_ANSWER_BYTES} bytes; ${advice}` };
    const body = parseJsonObject(text);
    if (typeof body.id !== "number" || !Number.isSafeInteger(body.id) || body.id <= 0) {
      return { ok: false, message: `GitHub's answer for ${repository} has no repository id; ${advice}` };
    }
    return { ok: true, id: body.id };
  } catch (error) {
    return { ok: false, message: `could not reach GitHub to look up the id of ${repository} (${error instanceof Error ? error.message : String(error)}); ${advice}` };
  }
}

/** The body as text, or undefined once more than maxBytes arrived (the rest is never read). */
async function readCapped(response: Response, maxBytes: number): Promise<string | undefined> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJsonObject(text: string): { id?: unknown } {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? (parsed as { id?: unknown }) : {};
  } catch {
    return {};
  }
}
