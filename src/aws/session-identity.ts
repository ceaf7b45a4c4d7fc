// How an assumed-role session names the repository it acts for: the RoleSessionName (shown in
// CloudTrail) and the session tags (usable in the deploy role's policies as aws:PrincipalTag): the
// repository's numeric id, which the deploy role's tag conditions key on (a name can be renamed or
// taken by another repository), and its owner/name in lower case, which the trust policy matches
// (GitHub names are case-insensitive, and so are access entries).
import { createHash } from "node:crypto";

export const SESSION_NAME_MAX = 64;
export const SESSION_TAG_REPOSITORY = "okctl:repository";
export const SESSION_TAG_REPOSITORY_ID = "okctl:repository-id";
/** Both session tags are transitive (kept by any role chained from the session). */
export const SESSION_TAG_KEYS: readonly string[] = [SESSION_TAG_REPOSITORY, SESSION_TAG_REPOSITORY_ID];
const TAG_VALUE_MAX = 256;
const HASH_LENGTH = 8;

/**
 * `okctl-<owner>-<name>-<run>-<hash>`: readable in CloudTrail, limited to the characters AWS
 * allows ([\w+=,.@-]) and to 64 characters (the readable part is cut when too long). The hash of
 * the exact repository and run ends it, so that two repositories or runs never share a session
 * name, even when their readable parts are cut or read alike ("a-b/c" and "a/b-c").
 */
export function roleSessionName(repository: string, runId: string): string {
  const hash = createHash("sha256").update(`${repository}\n${runId}`).digest("hex").slice(0, HASH_LENGTH);
  const readable = `okctl-${repository.replace("/", "-")}-${runId}`.replace(/[^\w+=,.@-]/g, "-");
  return `${readable.slice(0, SESSION_NAME_MAX - HASH_LENGTH - 1)}-${hash}`;
}

/** Session tag values allow letters, digits, spaces and _ . : / = + - @, up to 256 characters. */
export function sessionTagValue(value: string): string {
  return value.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, "_").slice(0, TAG_VALUE_MAX);
}

export function sessionTags(repository: string, repositoryId: string): { Key: string; Value: string }[] {
  return [
    { Key: SESSION_TAG_REPOSITORY, Value: sessionTagValue(repository.toLowerCase()) },
    { Key: SESSION_TAG_REPOSITORY_ID, Value: sessionTagValue(repositoryId) },
  ];
}
