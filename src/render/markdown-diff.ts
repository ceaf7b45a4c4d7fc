// One resource change as lines of a `diff` code block. Every line starts with a mark GitHub
// colours, as Atlantis does: `+` green (create, and added values), `-` red (destroy, removed
// values), `!` orange (update, and each changed attribute), `#` grey (comments). A replace is a
// red `-/+` headline whose attributes are marked `!` like an update's: only what changes is
// marked. Tags show one key a line, and only the keys that change; long values break into
// several lines instead of running off the right edge.
import type { Action, AttributeChange, PlanValue, ResourceChange } from "../plan/types.js";
import { TAG_RESOURCE } from "../declaration/tags.js";
import { oneLine } from "./escape.js";
import { formatValue, valueLines } from "./values.js";

type ChangeAction = Exclude<Action, "no-op">;

export const ACTION_SYMBOL: Readonly<Record<ChangeAction, string>> = {
  create: "+",
  update: "!",
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

/** The pseudo-attribute the planner puts tag differences under (src/plan/compare.ts). */
const TAGS = "tags";
const NAME_TAG = "Name";
/** Widest attribute line, in characters after the mark, before a value goes on lines of its own. */
export const DIFF_WIDTH = 100;
const INDENT = "     ";
const NESTED = "         ";

/** Longest headline kept on one line (about the width of a comment's code block). */
const MAX_HEADLINE = 100;

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

/** null is "not set": nothing to show for a create or a destroy. */
function isUnset(value: PlanValue | undefined): boolean {
  return value === undefined || value === null;
}

/** `mark     name: value`, or the name alone and the value on lines of its own when it is long. */
function valueEntry(mark: string, name: string, value: PlanValue | undefined, suffix = ""): string[] {
  const line = `${name}: ${formatValue(value)}${suffix}`;
  if (line.length <= DIFF_WIDTH) return [`${mark}${INDENT}${line}`];
  return [`${mark}${INDENT}${name}:${suffix}`, ...valueLines(value, DIFF_WIDTH - NESTED.length).map((text) => `${mark}${NESTED}${text}`)];
}

/** An attribute that changes: on one line when it fits, else its old value (red) over its new one (green). */
function changedEntry(name: string, before: PlanValue | undefined, after: PlanValue | undefined, suffix = ""): string[] {
  if (before === undefined || before === null) return valueEntry("+", name, after, `${suffix} (added)`);
  if (after === undefined || after === null) return valueEntry("-", name, before, `${suffix} (removed)`);
  const line = `${name}: ${formatValue(before)} → ${formatValue(after)}${suffix}`;
  if (line.length <= DIFF_WIDTH) return [`!${INDENT}${line}`];
  const width = DIFF_WIDTH - NESTED.length;
  return [
    `!${INDENT}${name}:${suffix}`,
    ...valueLines(before, width).map((text) => `-${NESTED}${text}`),
    ...valueLines(after, width).map((text) => `+${NESTED}${text}`),
  ];
}

function tagRecord(value: PlanValue | undefined): Record<string, PlanValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, PlanValue>) : {};
}

/** Tags one key a line: `tags["okctl.io/environment"]: "dev" → "prod"`. */
function tagLines(action: ChangeAction, attribute: AttributeChange, hidden: ReadonlySet<string>): string[] {
  const before = tagRecord(attribute.before);
  const after = tagRecord(attribute.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !hidden.has(key));
  const label = (key: string): string => `${TAGS}[${JSON.stringify(key)}]`;
  return keys.flatMap((key) => {
    if (action === "create") return valueEntry("+", oneLine(label(key)), after[key]);
    if (action === "delete") return valueEntry("-", oneLine(label(key)), before[key]);
    return changedEntry(oneLine(label(key)), before[key], after[key]);
  });
}

function attributeLines(action: ChangeAction, attribute: AttributeChange, hiddenTags: ReadonlySet<string>): string[] {
  if (attribute.attribute === TAGS) return tagLines(action, attribute, hiddenTags);
  const name = oneLine(attribute.attribute);
  if (action === "create") return isUnset(attribute.after) ? [] : valueEntry("+", name, attribute.after);
  if (action === "delete") return isUnset(attribute.before) ? [] : valueEntry("-", name, attribute.before);
  return changedEntry(name, attribute.before, attribute.after, attribute.forcesReplacement ? "   # forces replacement" : "");
}

export interface DiffOptions {
  /** Tag keys (with their values) stated once for the whole plan, left out of each created resource. */
  commonTags?: Readonly<Record<string, string>>;
}

/** Tags of a created resource that the plan's tag note covers: the common ones, its Name, its id. */
function coveredTags(change: ResourceChange, tags: Record<string, PlanValue>, common: Readonly<Record<string, string>>): Set<string> {
  const covered = new Set(Object.keys(common).filter((key) => tags[key] === common[key]));
  if (tags[NAME_TAG] === change.name) covered.add(NAME_TAG);
  if (tags[TAG_RESOURCE] === change.id) covered.add(TAG_RESOURCE);
  return covered;
}

/** The lines for one changed resource (none for a no-op). */
export function resourceDiff(change: ResourceChange, options: DiffOptions = {}): string {
  if (change.action === "no-op") return "";
  const action = change.action;
  const headline = `${ACTION_SYMBOL[action]} ${ACTION_VERB[action]} ${resourceTitle(change)}`;
  // A long AWS identifier (an ARN) would push the headline off the comment's edge: on its own line.
  const lines = headline.length > MAX_HEADLINE && change.physicalId
    ? [`${ACTION_SYMBOL[action]} ${ACTION_VERB[action]} ${resourceTitle({ ...change, physicalId: undefined })}`, `#${INDENT}${oneLine(change.physicalId)}`]
    : [headline];
  if (change.reason) lines.push(`#${INDENT}${oneLine(change.reason)}`);
  const common = options.commonTags ?? {};
  for (const attribute of change.attributes) {
    const covered = attribute.attribute === TAGS && action === "create" ? coveredTags(change, tagRecord(attribute.after), common) : new Set<string>();
    lines.push(...attributeLines(action, attribute, covered));
  }
  return lines.join("\n");
}

/**
 * The tags every created resource of the plan carries with the same value (okctl's ownership
 * tags), so that they are shown once instead of on every resource.
 */
export function commonCreateTags(changes: readonly ResourceChange[]): Record<string, string> {
  const tagMaps = changes
    .filter((change) => change.action === "create")
    .flatMap((change) => change.attributes.filter((attribute) => attribute.attribute === TAGS).map((attribute) => tagRecord(attribute.after)));
  const [first, ...rest] = tagMaps;
  if (!first) return {};
  const common: Record<string, string> = {};
  for (const [key, value] of Object.entries(first)) {
    if (key !== NAME_TAG && key !== TAG_RESOURCE && typeof value === "string" && rest.every((tags) => tags[key] === value)) common[key] = value;
  }
  return common;
}

/** The `#` note, above the resources, of the tags each created resource carries but does not list. */
export function tagNote(common: Readonly<Record<string, string>>): string {
  return [
    `# Each created resource is tagged ${NAME_TAG} (its name), ${TAG_RESOURCE} (its id), the tags it lists, and:`,
    ...Object.keys(common).map((key) => `#${INDENT}${oneLine(`${TAGS}[${JSON.stringify(key)}]: ${JSON.stringify(common[key])}`)}`),
  ].join("\n");
}

export interface PlanDiff {
  /** The tag note, when something is created; else "". */
  header: string;
  /** One chunk a changed resource, in plan order. */
  chunks: string[];
}

/** The diff of a plan's changes: the tags shared by every created resource once, then each resource. */
export function planDiff(changes: readonly ResourceChange[]): PlanDiff {
  const changed = changedResources(changes);
  const commonTags = commonCreateTags(changed);
  const header = changed.some((change) => change.action === "create") ? tagNote(commonTags) : "";
  return { header, chunks: changed.map((change) => resourceDiff(change, { commonTags })) };
}
