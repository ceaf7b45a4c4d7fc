// Counting AWS API calls: a middleware on an SDK client that records each call by operation (for
// the API-call budget of a plan) and, process-wide, every call and failure for /metrics. Kept apart
// from clients.ts so that importing it loads no SDK client.
import { awsCalls, awsCallErrors, labelValue } from "../metrics/metrics.js";

interface MiddlewareStackLike {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>, context: { clientName?: string; commandName?: string }) => (args: unknown) => Promise<unknown>,
      options: { step: "initialize"; name: string },
    ): void;
  };
}

/** Counts every call (and, for /metrics, every failure after the SDK's retries) by operation. */
export function countCalls<T>(client: T, service: string, counter?: { record(operation: string): void }): T {
  (client as unknown as MiddlewareStackLike).middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? "Unknown").replace(/Command$/, "");
      counter?.record(`${service}.${operation}`);
      awsCalls.inc({ service, operation });
      try {
        return await next(args);
      } catch (error) {
        awsCallErrors.inc({ service, operation, error: labelValue(error instanceof Error ? error.name : undefined, "Error") });
        throw error;
      }
    },
    { step: "initialize", name: "okctlCountCalls" },
  );
  return client;
}

