// okctl jobs: the operator's view of the server's durable jobs, read from the store the server
// uses (PostgreSQL at OKCTL_DATABASE_URL, else SQLite in OKCTL_DATA_DIR): list them, and retry one
// that gave up.
import { DATABASE_URL_ENV, DATA_DIR_ENV, DEFAULT_DATA_DIR, NoStoreError, openExistingStore } from "../app/config-from-env.js";
import type { Job, JobState } from "../store/job.js";
import { parseOptions } from "./parse-options.js";
import {
  EXIT_INVALID,
  EXIT_OK,
  UsageError,
  type CliIo,
  type Command,
} from "./types.js";

const STATES: readonly JobState[] = [
  "pending",
  "leased",
  "completed",
  "dead",
  "superseded",
];

function line(job: Job): string {
  const when =
    job.state === "pending"
      ? ` next ${job.runAfter.toISOString()}`
      : job.finishedAt
        ? ` at ${job.finishedAt.toISOString()}`
        : "";
  const error = job.lastError
    ? `  ${job.lastError.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ").slice(0, 300)}`
    : "";
  return `${job.id}\t${job.state}\t${job.kind}\t${job.key}\tattempt ${job.attempts}/${job.maxAttempts}${when}${error}`;
}

/** The server's store (OKCTL_DATABASE_URL, else OKCTL_DATA_DIR); an error, not a new empty store, when there is none. */
const openStore = (io: CliIo) => openExistingStore(io.env, io.cwd);

export const jobsCommand: Command = {
  name: "jobs",
  summary:
    "List the server's jobs, or retry one that gave up (reads the server's store: OKCTL_DATABASE_URL or OKCTL_DATA_DIR)",
  usage: [
    "Usage: okctl jobs list [--state pending|leased|completed|dead|superseded] [--kind KIND] [--limit N]",
    "       okctl jobs retry JOB_ID",
    "",
    `Reads the server's store: the PostgreSQL database at ${DATABASE_URL_ENV} when set, else the SQLite`,
    `store in ${DATA_DIR_ENV} (default ${DEFAULT_DATA_DIR}). \`list\` prints one job a line:`,
    'id, state, kind, what it is about, attempts, and its last error ("AWS refused: …",',
    '"GitHub unreachable: …", "access configuration: …"). `retry` makes a dead job pending again,',
    "with fresh attempts: the running server picks it up.",
    "",
  ].join("\n"),
  async run(args, io) {
    try {
      return await runJobs(args, io);
    } catch (error) {
      if (!(error instanceof NoStoreError)) throw error;
      io.stderr.write(`${error.message}\n`);
      return EXIT_INVALID;
    }
  },
};

async function runJobs(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === "list") {
    const { values } = parseOptions(
      rest,
      {
        state: { type: "string" },
        kind: { type: "string" },
        limit: { type: "string" },
      },
      false,
    );
    if (
      values.state !== undefined &&
      !STATES.includes(values.state as JobState)
    )
      throw new UsageError(`--state must be one of ${STATES.join(", ")}`);
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
      throw new UsageError("--limit must be a positive whole number");
    const store = await openStore(io);
    try {
      const jobs = await store.listJobs({
        ...(values.state ? { state: values.state as JobState } : {}),
        ...(values.kind ? { kind: values.kind } : {}),
      });
      for (const job of limit === undefined ? jobs : jobs.slice(-limit))
        io.stdout.write(`${line(job)}\n`);
      return EXIT_OK;
    } finally {
      await store.close();
    }
  }
  if (action === "retry") {
    const { positionals } = parseOptions(rest, {}, true);
    if (positionals.length !== 1)
      throw new UsageError("okctl jobs retry takes one job id");
    const store = await openStore(io);
    try {
      const id = positionals[0]!;
      if (await store.retryJob(id, new Date())) {
        io.stdout.write(`job ${id} is pending again\n`);
        return EXIT_OK;
      }
      const job = await store.getJob(id);
      io.stderr.write(
        job
          ? `job ${id} is ${job.state}: only a dead job can be retried\n`
          : `no job ${id}\n`,
      );
      return EXIT_INVALID;
    } finally {
      await store.close();
    }
  }
  throw new UsageError("okctl jobs takes list or retry");
}
