// The desired SSM parameters, under /okctl/<cluster>/. A SecureString carries no value: it is
// generated at creation (`generate`, create-only) and never read back or compared.
import { tagsFor } from "../shared/desired-tags.js";
import type { DesiredInput, DesiredResource, DesiredValue } from "../types.js";

export function parameterId(name: string): string {
  return `parameter/${name}`;
}

/** The SSM name of a declared parameter: /okctl/<cluster>/<name>. */
export function parameterPath(cluster: string, name: string): string {
  return `/okctl/${cluster}/${name}`;
}

export function desiredParameters(input: DesiredInput): DesiredResource[] {
  const cluster = input.declaration.metadata.name;
  return input.declaration.parameters.map((parameter) => {
    const id = parameterId(parameter.name);
    const name = parameterPath(cluster, parameter.name);
    const properties: Record<string, DesiredValue> = {
      name,
      type: parameter.type,
      description: parameter.description ?? null,
    };
    if (parameter.type === "SecureString") properties.generate = { length: parameter.generate.length };
    else properties.value = parameter.value;
    return { id, kind: "parameter", name, properties, dependsOn: [], tags: tagsFor(input, id, name) };
  });
}
