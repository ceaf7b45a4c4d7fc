// The okctl subcommands. A new command is one file exporting a Command, and one line here.
import { applyCommand } from "./apply-command.js";
import { driftCommand } from "./drift-command.js";
import { jobsCommand } from "./jobs-command.js";
import { outputsCommand } from "./outputs-command.js";
import { planCommand } from "./plan-command.js";
import { schemaCommand } from "./schema-command.js";
import type { Command } from "./types.js";
import { validateCommand } from "./validate-command.js";

export const COMMANDS: readonly Command[] = [validateCommand, planCommand, applyCommand, driftCommand, outputsCommand, schemaCommand, jobsCommand];
