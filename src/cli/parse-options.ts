// node:util parseArgs, behind okctl's own checks: an unknown option gets a did-you-mean, an option
// missing its value or given one it does not take says so; all are UsageErrors (exit code 2).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { closestMatch } from "../declaration/did-you-mean.js";
import { UsageError } from "./types.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Handled by main() before a command runs; never unknown. */
const HELP = { help: { type: "boolean", short: "h" } } as const;

function unknownOption(arg: string, names: readonly string[]): UsageError {
  const word = arg.slice(2);
  // "--repo" for "--repository": a prefix of one option (or of one that the others extend, as
  // --repository-id extends --repository), else the nearest by spelling.
  const prefixed = word.length >= 2 ? names.filter((name) => name.startsWith(word)).sort((a, b) => a.length - b.length) : [];
  const [shortest] = prefixed;
  const extended = shortest !== undefined && prefixed.every((name) => name.startsWith(shortest)) ? shortest : undefined;
  const suggestion = !arg.startsWith("--") ? undefined : (extended ?? closestMatch(word, names));
  const known = names.map((name) => `--${name}`).join(", ");
  return new UsageError(suggestion ? `unknown option "${arg}": did you mean "--${suggestion}"?` : `unknown option "${arg}" (options: ${known})`);
}

/** Checks every option before parsing, so that a mistake gets okctl's message rather than Node's. */
function checkOptions(args: readonly string[], options: Options): void {
  const all: Options = { ...options, ...HELP };
  const names = Object.keys(options);
  const byShort = new Map(Object.entries(all).flatMap(([name, option]) => (option.short ? [[option.short, name] as const] : [])));
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === "--") return;
    if (!arg.startsWith("-") || arg === "-") continue;
    const long = arg.startsWith("--");
    const name = long ? arg.slice(2).split("=")[0]! : byShort.get(arg.slice(1, 2));
    const option = name === undefined ? undefined : all[name];
    if (!option || name === undefined) throw unknownOption(long ? arg.split("=")[0]! : arg, names);
    const inline = long ? arg.includes("=") : arg.length > 2;
    if (option.type === "boolean") {
      if (inline) throw new UsageError(`option --${name} takes no value`);
      continue;
    }
    if (inline) continue;
    const value = args[index + 1];
    if (value === undefined || (value.startsWith("-") && value !== "-")) throw new UsageError(`option --${name} needs a value: --${name} VALUE`);
    index += 1;
  }
}

export function parseOptions<O extends Options>(args: string[], options: O, allowPositionals: boolean) {
  checkOptions(args, options);
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split("\n")[0]! : String(error));
  }
}
