// A cheap look at the token stream before the full YAML parse, which is slow (seconds) on large or
// deeply nested input: okctl.yaml needs a few thousand tokens, so far more means hostile input.
import { Lexer } from "yaml";

/** A real okctl.yaml has a few thousand tokens; 50 000 is some 8 000 lines. */
export const MAX_YAML_TOKENS = 50_000;
/** At most this deep nesting of [ ] and { }. */
export const MAX_FLOW_DEPTH = 64;

/** A message when the text is over budget, else undefined. Stops reading at the limit. */
export function yamlBudgetProblem(text: string): string | undefined {
  let tokens = 0;
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    tokens += 1;
    if (tokens > MAX_YAML_TOKENS) {
      return `the file holds too many YAML values (more than ${MAX_YAML_TOKENS} tokens); okctl.yaml needs far fewer`;
    }
    if (token === "[" || token === "{") {
      depth += 1;
      if (depth > MAX_FLOW_DEPTH) return `the file nests [ ] or { } more than ${MAX_FLOW_DEPTH} levels deep`;
    } else if ((token === "]" || token === "}") && depth > 0) {
      depth -= 1;
    }
  }
  return undefined;
}
