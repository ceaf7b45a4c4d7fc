// Recognising AWS service errors by name, the same way for every SDK client.

/** True when `error` is an AWS service error with one of the given names (e.g. "ResourceNotFoundException"). */
export function isAwsError(error: unknown, ...names: string[]): boolean {
  if (typeof error !== "object" || error === null) return false;
  const candidate = error as { name?: unknown; Code?: unknown; __type?: unknown };
  return [candidate.name, candidate.Code, candidate.__type].some(
    (value) => typeof value === "string" && names.some((name) => value === name || value.endsWith(`#${name}`)),
  );
}

/** The error's message, for wrapping it in a clearer one. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * True when the endpoint doesn't implement the operation at all: an HTML 404 the SDK can't parse.
 * AWS itself answers every operation it documents; emulators (moto) lack some, e.g. EKS
 * DescribeUpdate. Only used to fall back to an equivalent, slower check.
 */
export function isUnimplementedOperation(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== "SyntaxError") return false;
  const response = (error as { $response?: { statusCode?: number } }).$response;
  return response?.statusCode === 404;
}
