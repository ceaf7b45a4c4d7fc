// The server's logger: Probot's own (pino through @probot/pino, configured from the same
// LOG_LEVEL / LOG_FORMAT / LOG_MESSAGE_KEY / SENTRY_DSN settings) with redaction on top, so that a
// credential that ever reaches a log call comes out as "[Redacted]": GitHub tokens and keys in
// request headers or errors, AWS credentials, the role's external id, the webhook secret.
import { getTransformStream } from "@probot/pino";
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";

// Kept short: pino-http binds every request to a child logger, and each child's bindings pass
// through these paths (a second wildcard level cost a fifth of the webhook throughput).
const SECRET_KEYS = [
  "authorization",
  "token",
  "privateKey",
  "secret",
  "credentials",
  "Credentials",
  "secretAccessKey",
  "SecretAccessKey",
  "sessionToken",
  "SessionToken",
  "externalId",
];

/** Where secrets can sit in a log record: at the top, one level down, and in requests' headers. */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS.map((key) => `${key}`),
  ...SECRET_KEYS.map((key) => `*.${key}`),
  "err.request.headers.authorization",
  "err.response.headers.authorization",
  "req.headers.authorization",
  'req.headers["x-hub-signature-256"]',
  'req.headers["x-hub-signature"]',
];

const LEVELS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "silent"]);

export function loggerOptions(env: NodeJS.ProcessEnv): LoggerOptions {
  return {
    // An unknown level is reported by the start-up check (src/app/start-settings.ts); the logger
    // that reports it must still be built.
    level: env.LOG_LEVEL && LEVELS.has(env.LOG_LEVEL) ? env.LOG_LEVEL : "info",
    name: "probot",
    messageKey: env.LOG_MESSAGE_KEY || "msg",
    redact: { paths: [...REDACT_PATHS] },
  };
}

/** A logger writing to `destination` (tests), with okctl's redaction. */
export function loggerTo(env: NodeJS.ProcessEnv, destination: DestinationStream): Logger {
  return pino(loggerOptions(env), destination);
}

/** The same output Probot's default logger gives (pretty or JSON lines on stdout), redacted. */
export async function createServerLogger(env: NodeJS.ProcessEnv): Promise<Logger> {
  const format = env.LOG_FORMAT ? (env.LOG_FORMAT === "pretty" ? "pretty" : "json") : env.NODE_ENV === "production" ? "json" : "pretty";
  const transform = await getTransformStream({
    logFormat: format,
    logLevelInString: env.LOG_LEVEL_IN_STRING === "true",
    ...(env.SENTRY_DSN ? { sentryDsn: env.SENTRY_DSN } : {}),
  });
  // SonicBoom is a writable stream at run time (Probot pipes into it the same way); its types lack `writable`.
  transform.pipe(pino.destination(1) as unknown as NodeJS.WritableStream);
  const log = loggerTo(env, transform);
  routeProcessOutput(log);
  return log;
}

/**
 * What Node itself would print as plain text goes through the logger instead, so that with
 * LOG_FORMAT=json every line the process writes is JSON: process warnings (deprecations, the AWS
 * SDK's notices), uncaught exceptions and unhandled rejections.
 */
function routeProcessOutput(log: Logger): void {
  process.removeAllListeners("warning"); // Node's own printer
  process.on("warning", (warning) => log.warn({ warning: { name: warning.name, message: warning.message } }, `process warning: ${warning.message}`));
  process.on("uncaughtException", (error) => {
    log.fatal({ err: error }, "uncaught exception: exiting");
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 100);
  });
  process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled promise rejection"));
}
