// The command line's narrow view of the outside world, and the shape of one subcommand.

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** For confirmations (okctl apply without --yes); absent or not a terminal means no one to ask. */
  stdin?: NodeJS.ReadableStream;
}

/** Exit codes: 0 success, 1 the input is invalid (or the command failed), 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export interface Command {
  name: string;
  /** One line for `okctl help`. */
  summary: string;
  /** The full help text of `okctl <name> --help`. */
  usage: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown by argument parsing; main() prints it with the command's usage and exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
