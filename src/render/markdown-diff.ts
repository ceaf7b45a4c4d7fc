// One resource change as lines of a `diff` code block, Terraform style: the symbol first so that
// GitHub colours the line. `+ create`, `~ update` (attr: old → new), `-/+ replace`
// (`# forces replacement` on the attribute responsible), `- destroy`.
import type { Action, AttributeChange, ResourceChange } from "../plan/types.js";
import { oneLine } from "./escape.js";
import { formatValue } from "./values.js";

type ChangeAction = Exclude<Action, "no-op">;

export const ACTION_SYMBOL: Readonly<Record<ChangeAction, string>> = {
  create: "+",
  update: "~",
  replace: "-/+",
  delete: "-",
  adopt: "<=",
};

export const ACTION_VERB: Readonly<Record<ChangeAction, string>> = {
  create: "create",
  update: "update",
  replace: "replace",
  delete: "destroy",
  adopt: "adopt",
};

/** The resources that change, in plan order (no-ops left out). */
export function changedResources(changes: readonly ResourceChange[]): ResourceChange[] {
  return changes.filter((change) => change.action !== "no-op");
}

/** `subnet "subnet/private-a" (shop-dev-private-a) [subnet-0abc]`, on one line. */
export function resourceTitle(change: ResourceChange): string {
  const name = change.name && change.name !== change.id ? ` (${oneLine(change.name)})` : "";
  const physical = change.physicalId ? ` [${oneLine(change.physicalId)}]` : "";
  return `${change.kind} ${JSON.stringify(change.id)}${name}${physical}`;
}

function attributeLine(action: ChangeAction, attribute: AttributeChange): string {
  const name = oneLine(attribute.attribute);
  let text: string;
  if (action === "create") text = `${name}: ${formatValue(attribute.after)}`;
  else if (action === "delete") text = `${name}: ${formatValue(attribute.before)}`;
  else if (attribute.before === undefined) text = `${name}: ${formatValue(attribute.after)} (added)`;
  else if (attribute.after === undefined) text = `${name}: ${formatValue(attribute.before)} (removed)`;
  else text = `${name}: ${formatValue(attribute.before)} → ${formatValue(attribute.after)}`;
  const forces = attribute.forcesReplacement ? "   # forces replacement" : "";
  return `${ACTION_SYMBOL[action]}     ${text}${forces}`;
}

/** The lines for one changed resource (none for a no-op). */
export function resourceDiff(change: ResourceChange): string {
  if (change.action === "no-op") return "";
  const action = change.action;
  const lines = [`${ACTION_SYMBOL[action]} ${ACTION_VERB[action]} ${resourceTitle(change)}`];
  if (change.reason) lines.push(`#     ${oneLine(change.reason)}`);
  for (const attribute of change.attributes) lines.push(attributeLine(action, attribute));
  return lines.join("\n");
}
