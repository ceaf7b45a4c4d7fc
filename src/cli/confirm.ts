// Asking a person on the terminal to confirm, Terraform-style: only "yes" is accepted.
import { createInterface } from "node:readline/promises";
import type { CliIo } from "./types.js";

export async function confirm(io: CliIo, question: string): Promise<"yes" | "no" | "no-terminal"> {
  const stdin = io.stdin;
  if (!stdin || !("isTTY" in stdin) || stdin.isTTY !== true) return "no-terminal";
  const prompt = createInterface({ input: stdin, output: io.stdout });
  try {
    const answer = await prompt.question(`${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `);
    return answer.trim() === "yes" ? "yes" : "no";
  } finally {
    prompt.close();
  }
}
