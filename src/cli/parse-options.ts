// node:util parseArgs, with its errors turned into UsageErrors (exit code 2).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./types.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseOptions<O extends Options>(args: string[], options: O, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split("\n")[0]! : String(error));
  }
}
