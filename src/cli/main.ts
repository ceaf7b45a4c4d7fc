// The `okctl` command line: finds the subcommand in COMMANDS and runs it. Thin on purpose.
import { COMMANDS } from "./commands.js";
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, type CliIo, type Command } from "./types.js";
import { okctlVersion } from "./version.js";
import { safeOutput } from "./safe-output.js";

export type { CliIo } from "./types.js";

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "okctl: declare an AWS platform (VPC, EKS, DNS, certificates, parameters) in okctl.yaml.",
    "",
    "Usage: okctl <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${"help".padEnd(width)}  Show this help, or a command's: okctl help <command>`,
    "",
    "Options: --help, --version",
    "Exit codes: 0 success, 1 invalid input or failure, 2 usage error (okctl drift: 2 is drift, 1 any error).",
    "",
  ].join("\n");
}

function findCommand(name: string | undefined): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export async function main(argv: string[], rawIo: CliIo): Promise<number> {
  const io: CliIo = { ...rawIo, stdout: safeOutput(rawIo.stdout), stderr: safeOutput(rawIo.stderr) };
  const [first, ...rest] = argv;
  if (first === undefined || first === "help" || first === "--help" || first === "-h") {
    const command = first === "help" ? findCommand(rest[0]) : undefined;
    if (first === "help" && rest[0] !== undefined && !command) {
      io.stderr.write(`okctl: unknown command "${rest[0]}"\n\n${overview()}`);
      return EXIT_USAGE;
    }
    (first === undefined ? io.stderr : io.stdout).write(command ? command.usage : overview());
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === "--version" || first === "-V") {
    io.stdout.write(`okctl ${okctlVersion()}\n`);
    return EXIT_OK;
  }
  const command = findCommand(first);
  if (!command) {
    io.stderr.write(`okctl: unknown command "${first}"\n\n${overview()}`);
    return EXIT_USAGE;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(command.usage);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`okctl ${command.name}: ${error.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    // AWS or GitHub failed (e.g. a call that timed out, named by CallTimeoutError): one line, no stack.
    io.stderr.write(`okctl ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_INVALID;
  }
}
