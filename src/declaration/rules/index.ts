// The rules a schema cannot express, run after it on the same data.
import type { Problem } from "../problem.js";
import { adoptRules } from "./adopt.js";
import { domainRules } from "./domains.js";
import { eksRules } from "./eks.js";
import { eksAccessRules } from "./eks-access.js";
import { networkRules } from "./network.js";
import { nodeGroupRules } from "./node-groups.js";
import { parameterRules } from "./parameters.js";
import { regionRules } from "./region.js";
import type { Raw, Rule } from "./raw.js";

export const RULES: readonly Rule[] = [regionRules, networkRules, eksRules, eksAccessRules, nodeGroupRules, domainRules, parameterRules, adoptRules];

export function semanticProblems(data: Raw): Problem[] {
  return RULES.flatMap((rule) => rule(data));
}
