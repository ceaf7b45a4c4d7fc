// One file of a repository at a commit, as raw bytes, in one request: the raw media type serves
// files of any size up to GitHub's 100 MB (the JSON form stops at 1 MB). okctl refuses files over
// maxBytes (1 MiB by default) clearly instead of reading them.
import { statusOf, type Octokit, type RepoRef } from "./types.js";

export const MAX_FILE_BYTES = 1024 * 1024;

export type FetchFileResult = { content: Uint8Array } | { missing: true } | { tooLarge: true; size: number };

export class NotAFileError extends Error {
  constructor(path: string) {
    super(`${path} is not a file (a folder, a submodule or a symbolic link).`);
    this.name = "NotAFileError";
  }
}

export async function fetchFile(octokit: Octokit, input: RepoRef & { path: string; ref: string; maxBytes?: number }): Promise<FetchFileResult> {
  const maxBytes = input.maxBytes ?? MAX_FILE_BYTES;
  let response;
  try {
    response = await octokit.rest.repos.getContent({
      owner: input.owner,
      repo: input.repo,
      path: input.path,
      ref: input.ref,
      mediaType: { format: "raw" },
      // The body stays unread: a raw file is bytes, whatever content type GitHub gives it.
      request: { parseSuccessResponseBody: false },
    });
  } catch (error) {
    if (statusOf(error) === 404) return { missing: true };
    throw error;
  }
  const declared = Number(response.headers["content-length"] ?? Number.NaN);
  // With parseSuccessResponseBody false, Octokit hands over fetch's body stream (typed as the JSON it would have parsed).
  const body = new Response(response.data as unknown as ReadableStream<Uint8Array> | null);
  if (declared > maxBytes) {
    await body.body?.cancel();
    return { tooLarge: true, size: declared };
  }
  const contentType = String(response.headers["content-type"] ?? "");
  const bytes = new Uint8Array(await body.arrayBuffer());
  // For a folder GitHub answers with its JSON listing even when raw is asked for.
  if (/^application\/json/.test(contentType)) throw new NotAFileError(input.path);
  if (bytes.byteLength > maxBytes) return { tooLarge: true, size: bytes.byteLength };
  return { content: bytes };
}
