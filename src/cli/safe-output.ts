// The command line's output streams as commands see them: every string written passes through
// terminalSafe (src/render/controls.ts), so that no value from AWS, a declaration or the store
// (a Name tag, an error text, a job's last error) can move the cursor, retitle or clear the
// terminal, hide text or reorder it with bidi controls, whichever renderer printed it.
import { terminalSafe } from "../render/controls.js";

type Write = NodeJS.WritableStream["write"];

export function safeOutput(stream: NodeJS.WritableStream): NodeJS.WritableStream {
  const write = ((chunk: unknown, ...rest: unknown[]) =>
    (stream.write as (...args: unknown[]) => boolean)(typeof chunk === "string" ? terminalSafe(chunk) : chunk, ...rest)) as Write;
  return new Proxy(stream, {
    get(target, property) {
      if (property === "write") return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
