// Applying a reviewed plan: refuse what must not run, then walk the plan's steps as a DAG,
// calling each kind's handler with references resolved from what exists or was just created.
import { TAGS_ATTRIBUTE } from "../plan/compare.js";
import { logicalIdOf } from "../plan/ownership.js";
import { resolveForApply } from "../plan/refs.js";
import type { Plan, ResourceChange } from "../plan/types.js";
import { isSensitiveValue } from "../plan/values.js";
import type { ApplyContext, Json, ResourceKind, ResourceKindHandler } from "../resources/types.js";
import { buildApplyGraph, type ApplyOperation, type ApplyStep } from "./build-graph.js";
import { executeGraph } from "./executor.js";
import { guardOwnership } from "./ownership-guard.js";
import { refusalFor, type ApplyRefusal } from "./refusal.js";
import type { ExecutionReport, ExecutorEvent, GraphNode, NodeProgress, NodeReport } from "./types.js";

export type HandlerLookup = Readonly<Record<ResourceKind, ResourceKindHandler>> | ((kind: ResourceKind) => ResourceKindHandler | undefined);

/** An executor event, with the resource and operation it is about. */
export interface ApplyEvent extends ExecutorEvent {
  resourceId: string;
  kind: ResourceKind;
  operation: ApplyOperation;
}

export interface ApplyOptions {
  handlers: HandlerLookup;
  context: Omit<ApplyContext, "waiting">;
  /** Delete and replace run only when this is true. */
  allowDestroy: boolean;
  onEvent?(event: ApplyEvent): void;
  signal?: AbortSignal;
  /** Stop starting new steps once this many have finished (crash simulation). */
  stopAfter?: number;
  concurrency?: number;
  now?(): number;
}

export type Outputs = Record<string, Record<string, Json>>;

/** A step's outcome, with the resource and operation it is about. */
export interface ApplyStepReport extends NodeReport {
  resourceId: string;
  kind: ResourceKind;
  operation: ApplyOperation;
}

export interface ApplyDone {
  outcome: "applied";
  /** Every step done. */
  ok: boolean;
  report: ExecutionReport;
  /** The report's nodes with their resources: delete-phase steps first, then creates and updates. */
  steps: ApplyStepReport[];
  /** Outputs by logical id: of resources created or updated in this run, and of the others found. */
  outputs: Outputs;
}

export type ApplyResult = ApplyRefusal | ApplyDone;

function handlerFor(handlers: HandlerLookup, kind: ResourceKind): ResourceKindHandler {
  const handler = typeof handlers === "function" ? handlers(kind) : handlers[kind];
  if (!handler) throw new Error(`no handler registered for resource kind "${kind}"`);
  return handler;
}

/** Outputs of resources that exist and keep their identity: update and no-op (a replace's old outputs die with it). */
function existingOutputs(plan: Plan): Outputs {
  const outputs: Outputs = {};
  for (const change of plan.changes) {
    if ((change.action === "update" || change.action === "no-op" || change.action === "adopt") && change.outputs) outputs[change.id] = change.outputs;
  }
  return outputs;
}

function beforeValues(change: ResourceChange): Record<string, Json> {
  const before: Record<string, Json> = {};
  // Sensitive values are not in the plan, so a handler never receives them as "before".
  for (const attribute of change.attributes) {
    if (attribute.before !== undefined && !isSensitiveValue(attribute.before)) before[attribute.attribute] = attribute.before as Json;
  }
  return before;
}

/** Adopting: tag the existing resource as ours, then update what differs (a SecureString's value is never among it). */
async function adopt(
  handler: ResourceKindHandler,
  ctx: ApplyContext,
  change: ResourceChange,
  resource: { id: string; name: string; properties: Record<string, Json>; tags: Record<string, string> },
  outputs: Outputs,
): Promise<void> {
  if (!handler.adoption) throw new Error(`${change.id}: a ${change.kind} can't be adopted`);
  const physicalId = change.physicalId ?? "";
  await handler.adoption.tag(ctx, physicalId, resource.tags);
  const changed = change.attributes.map((attribute) => attribute.attribute).filter((attribute) => attribute !== TAGS_ATTRIBUTE);
  if (changed.length === 0) return;
  const result = await handler.update(ctx, { ...resource, physicalId, changed, before: beforeValues(change) });
  outputs[change.id] = result.outputs;
}

async function runStep(step: ApplyStep, handler: ResourceKindHandler, ctx: ApplyContext, outputs: Outputs): Promise<void> {
  const { change } = step;
  await guardOwnership(handler, ctx, change, step.operation);
  if (step.operation === "delete" || step.operation === "destroy-old") {
    await handler.delete(ctx, { id: logicalIdOf(change.id), physicalId: change.physicalId ?? "", outputs: change.outputs ?? {}, before: beforeValues(change) });
    return;
  }
  const desired = change.desired;
  if (!desired) throw new Error(`${change.id}: the plan has no desired properties for a ${change.action}`);
  const properties: Record<string, Json> = {};
  for (const [name, value] of Object.entries(desired.properties)) {
    properties[name] = resolveForApply(value, (ref) => outputs[ref.$ref]?.[ref.output]);
  }
  const resource = { id: change.id, name: change.name, properties, tags: desired.tags };
  if (step.operation === "update" && change.action === "adopt") {
    await adopt(handler, ctx, change, resource, outputs);
  } else if (step.operation === "update") {
    const changed = change.attributes.map((attribute) => attribute.attribute);
    const result = await handler.update(ctx, { ...resource, physicalId: change.physicalId ?? "", changed, before: beforeValues(change) });
    outputs[change.id] = result.outputs;
  } else {
    const result = await handler.create(ctx, resource);
    outputs[change.id] = result.outputs;
  }
}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const refusal = refusalFor(plan, options.allowDestroy);
  if (refusal) return refusal;
  const steps = buildApplyGraph(plan);
  const handlers = new Map(steps.map((step) => [step.change.kind, handlerFor(options.handlers, step.change.kind)]));
  const outputs = existingOutputs(plan);
  const stepsById = new Map(steps.map((step) => [step.id, step]));
  const nodes: GraphNode[] = steps.map((step) => ({
    id: step.id,
    after: step.after,
    run: (signal: AbortSignal, progress: NodeProgress) =>
      runStep(step, handlers.get(step.change.kind)!, { ...options.context, signal, waiting: progress.waiting }, outputs),
  }));
  const report = await executeGraph(nodes, {
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...((options.signal ?? options.context.signal) ? { signal: options.signal ?? options.context.signal } : {}),
    ...(options.stopAfter !== undefined ? { stopAfter: options.stopAfter } : {}),
    ...(options.now ? { now: options.now } : {}),
    onEvent: (event) => {
      const step = stepsById.get(event.id)!;
      options.onEvent?.({ ...event, resourceId: step.change.id, kind: step.change.kind, operation: step.operation });
    },
  });
  const stepReports = report.nodes.map((node) => {
    const { change, operation } = stepsById.get(node.id)!;
    return { ...node, resourceId: change.id, kind: change.kind, operation };
  });
  return { outcome: "applied", ok: report.ok, report, steps: stepReports, outputs };
}
