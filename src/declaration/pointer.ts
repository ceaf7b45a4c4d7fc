// JSON pointers (RFC 6901) for diagnostics, and the dotted form people read in messages.

export function pointerFrom(segments: readonly (string | number)[]): string {
  return segments.map((s) => "/" + String(s).replaceAll("~", "~0").replaceAll("/", "~1")).join("");
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

export function parentPointer(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf("/")));
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** "/eks/nodeGroups/0/minSize" → "eks.nodeGroups[0].minSize"; "" → "the declaration". */
export function displayPath(pointer: string): string {
  let text = "";
  for (const segment of pointerSegments(pointer)) {
    if (/^(0|[1-9]\d*)$/.test(segment)) text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === "" ? "the declaration" : text;
}
