// Runs main() with in-memory streams.
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

class Sink extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs `okctl argv` in `cwd` with `env`; `tty` makes stdout and stderr look like a terminal. */
export async function run(argv: string[], cwd = REPO_ROOT, env: NodeJS.ProcessEnv = {}, tty = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Sink();
  const stderr = new Sink();
  if (tty) Object.assign(stdout, { isTTY: true }) && Object.assign(stderr, { isTTY: true });
  const code = await main(argv, { stdout, stderr, env, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
