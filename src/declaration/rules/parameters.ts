// Parameters: unique names; SecureString takes generate and never value; String and StringList
// take value and never generate.
import { displayPath, pointerFrom } from "../pointer.js";
import type { Problem } from "../problem.js";
import { duplicates, field, list, problemAt, text, type Raw } from "./raw.js";

function shapeProblems(parameter: Raw, index: number): Problem[] {
  const type = text(field(parameter, "type"));
  const name = text(field(parameter, "name"));
  const at = (key: string) => pointerFrom(["parameters", index, key]);
  const label = `${displayPath(pointerFrom(["parameters", index]))}${name ? ` (${name})` : ""}`;
  if (type === "SecureString" && field(parameter, "value") !== undefined) {
    return [
      {
        path: at("value"),
        message: `${label} is a SecureString: okctl generates its value and never shows it; remove value (use generate: {length: 32})`,
        anchor: "key",
      },
    ];
  }
  if (type === "String" || type === "StringList") {
    if (field(parameter, "generate") !== undefined) {
      return [{ path: at("generate"), message: `${label}: only SecureString parameters are generated; give a ${type} a value instead`, anchor: "key" }];
    }
    if (field(parameter, "value") === undefined) {
      return [{ path: at("value"), message: `${label} is a ${type} and needs a value`, anchor: "parent" }];
    }
  }
  return [];
}

export function parameterRules(data: Raw): Problem[] {
  const parameters = list(field(data, "parameters"));
  return [
    ...duplicates(parameters, (p) => text(field(p, "name")), (i) => pointerFrom(["parameters", i, "name"]), "parameter name"),
    ...parameters.flatMap(shapeProblems),
  ];
}
