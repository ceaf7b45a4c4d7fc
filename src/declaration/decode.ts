// The guard in front of the YAML parser: size, encoding and binary content, checked on the raw
// bytes so that hostile input is turned away before any parsing work.
import type { PositionedProblem } from "./problem.js";

/** okctl.yaml may be at most 1 MiB. */
export const MAX_DECLARATION_BYTES = 1024 * 1024;

export type DecodeResult = { ok: true; text: string } | { ok: false; problem: PositionedProblem };

function fail(line: number, column: number, message: string): DecodeResult {
  return { ok: false, problem: { line, column, path: "", message } };
}

/** Line and column (1-based) of a character offset in text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

export function fileTooLargeMessage(bytes: number): string {
  return `the file is ${bytes} bytes; okctl.yaml may be at most 1 MiB (${MAX_DECLARATION_BYTES} bytes)`;
}

/** The byte offset of the first invalid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array, lenient: string): number {
  // Re-encoding the lenient decoding gives the same bytes up to the first invalid sequence, which
  // became U+FFFD (EF BF BD).
  const reencoded = new TextEncoder().encode(lenient);
  const length = Math.min(bytes.length, reencoded.length);
  for (let i = 0; i < length; i += 1) if (bytes[i] !== reencoded[i]) return i;
  return bytes.length === reencoded.length ? -1 : length;
}

function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return fail(1, 1, "the file is UTF-16 encoded; save it as UTF-8");
  }
  const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false }).decode(bytes);
  const bad = firstInvalidUtf8(bytes, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? "\uFEFF" + lenient : lenient);
  if (bad === -1) return { ok: true, text: lenient };
  const before = new TextDecoder("utf-8").decode(bytes.subarray(0, bad));
  const { line, column } = lineColumnAt(before, before.length);
  const byte = bytes[bad]!.toString(16).toUpperCase().padStart(2, "0");
  return fail(line, column, `the file is not valid UTF-8 (byte 0x${byte}); okctl.yaml must be UTF-8 text`);
}

// C0 control characters other than tab, line feed and carriage return, and DEL: YAML forbids them
// and they mean the file is not text.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Checks size, encoding and content; returns the text to parse, without a byte order mark. */
export function decodeDeclaration(content: string | Uint8Array): DecodeResult {
  const size = typeof content === "string" ? Buffer.byteLength(content, "utf8") : content.length;
  if (size > MAX_DECLARATION_BYTES) {
    return fail(1, 1, fileTooLargeMessage(size));
  }
  const decoded = typeof content === "string" ? ({ ok: true, text: content } as const) : decodeBytes(content);
  if (!decoded.ok) return decoded;
  const text = decoded.text.startsWith("\uFEFF") ? decoded.text.slice(1) : decoded.text;
  const control = CONTROL.exec(text);
  if (control) {
    const { line, column } = lineColumnAt(text, control.index);
    const code = control[0].charCodeAt(0);
    const what = code === 0 ? "a NUL byte" : `the control character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    return fail(line, column, `the file contains ${what}: it looks binary, not YAML text`);
  }
  return { ok: true, text };
}
