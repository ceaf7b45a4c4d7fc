// Every AWS call is bounded: a connection timeout and a request timeout on every client (an
// endpoint that accepts connections and never answers cannot hold a job or the CLI), the running
// job's abort signal on every call (src/bounds/call-scope.ts), and a timeout error that names the
// call that stalled.
import { CallTimeoutError, currentCallScope } from "../bounds/call-scope.js";

export interface AwsTimeouts {
  /** To open the TCP connection (default 5 s). */
  connectionMs: number;
  /** For the whole response, per attempt (default 15 s; the SDK retries a timed-out attempt). */
  requestMs: number;
}

export const DEFAULT_AWS_TIMEOUTS: AwsTimeouts = { connectionMs: 5_000, requestMs: 15_000 };

function positiveMs(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number of milliseconds, not "${raw}"`);
  return value;
}

/** OKCTL_AWS_CONNECT_TIMEOUT_MS and OKCTL_AWS_REQUEST_TIMEOUT_MS, or the defaults. */
export function awsTimeoutsFromEnv(env: NodeJS.ProcessEnv): AwsTimeouts {
  return {
    connectionMs: positiveMs(env, "OKCTL_AWS_CONNECT_TIMEOUT_MS", DEFAULT_AWS_TIMEOUTS.connectionMs),
    requestMs: positiveMs(env, "OKCTL_AWS_REQUEST_TIMEOUT_MS", DEFAULT_AWS_TIMEOUTS.requestMs),
  };
}

/** The part of every client's configuration that bounds its calls. */
export function boundedClientConfig(timeouts: AwsTimeouts, maxAttempts: number) {
  return {
    maxAttempts,
    requestHandler: { connectionTimeout: timeouts.connectionMs, requestTimeout: timeouts.requestMs, throwOnRequestTimeout: true },
  };
}

interface SendableClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => Promise<unknown>,
      options: { step: "initialize"; name: string },
    ): void;
  };
}

function isTimeout(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | null;
  return e?.name === "TimeoutError" || e?.code === "ETIMEDOUT";
}

function isAbort(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === "AbortError";
}

/**
 * Gives every call of `client` the current job's abort signal, reports each answer as the job's
 * progress, counts calls in `record`, and turns a timeout into a CallTimeoutError naming the call.
 */
export function boundCalls<T>(client: T, service: string, timeouts: AwsTimeouts, record: (operation: string) => void = () => {}): T {
  const sendable = client as unknown as SendableClient;
  const send = sendable.send.bind(sendable);
  sendable.send = (command, options) => {
    const signal = options?.abortSignal ?? currentCallScope()?.signal;
    return send(command, signal ? { ...options, abortSignal: signal } : options);
  };
  sendable.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = `${service}.${(context.commandName ?? "Unknown").replace(/Command$/, "")}`;
      record(operation);
      try {
        const output = await next(args);
        currentCallScope()?.progress();
        return output;
      } catch (error) {
        if (isTimeout(error)) {
          throw new CallTimeoutError(operation, `no answer within ${timeouts.requestMs} ms (connection ${timeouts.connectionMs} ms), retries included; is the endpoint reachable?`);
        }
        if (!isAbort(error)) currentCallScope()?.progress(); // AWS answered, with an error
        throw error;
      }
    },
    { step: "initialize", name: "okctlBoundCalls" },
  );
  return client;
}
