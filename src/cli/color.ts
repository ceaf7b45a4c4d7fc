// Whether to write ANSI colours: FORCE_COLOR (not "0" or "false") forces them, NO_COLOR (any
// non-empty value, https://no-color.org) turns them off, otherwise only on a terminal.
import type { CliIo } from "./types.js";

export function useColor(io: Pick<CliIo, "env">, stream: NodeJS.WritableStream): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "0" && force.toLowerCase() !== "false") return true;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  return "isTTY" in stream && (stream as { isTTY?: boolean }).isTTY === true;
}
