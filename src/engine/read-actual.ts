// Reads what exists in AWS for one cluster: one read per kind, all kinds concurrently.
import { createSharedReads } from "../resources/shared/shared-reads.js";
import type { ActualResource, ReadContext, ResourceKindHandler } from "../resources/types.js";

export class ReadError extends Error {
  constructor(
    readonly kind: string,
    override readonly cause: unknown,
  ) {
    super(`reading ${kind} resources from AWS failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "ReadError";
  }
}

export async function readActual(
  handlers: readonly ResourceKindHandler[],
  context: ReadContext,
): Promise<ActualResource[]> {
  const shared = { ...context, shared: context.shared ?? createSharedReads() };
  const results = await Promise.allSettled(handlers.map((handler) => handler.read(shared)));
  const actual: ActualResource[] = [];
  results.forEach((result, index) => {
    if (result.status === "rejected") throw new ReadError(handlers[index]!.kind, result.reason);
    actual.push(...result.value);
  });
  return actual;
}
