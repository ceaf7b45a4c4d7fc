// okctl schema: prints the JSON Schema of okctl.yaml.
import { DECLARATION_SCHEMA } from "../declaration/schema.js";
import { parseOptions } from "./parse-options.js";
import { EXIT_OK, type Command } from "./types.js";

export const schemaCommand: Command = {
  name: "schema",
  summary: "Print the JSON Schema of okctl.yaml (for editors and other tools)",
  usage: [
    "Usage: okctl schema",
    "",
    "Prints the JSON Schema (2020-12) of okctl.yaml to standard output. Editors that use the YAML",
    "language server read it from a first line such as:",
    "  # yaml-language-server: $schema=<path or URL of okctl.schema.json>",
    "",
  ].join("\n"),
  async run(args, io) {
    parseOptions(args, {}, false);
    io.stdout.write(`${JSON.stringify(DECLARATION_SCHEMA, null, 2)}\n`);
    return EXIT_OK;
  },
};
