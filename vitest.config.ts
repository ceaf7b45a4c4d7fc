import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Three projects, run together by one pool of workers (as many as cores, at least 2: the AWS tests
// spend much of their time waiting on moto and on server processes): pure/unit tests; tests that
// talk to moto (files named *.aws.test.ts, *.e2e.test.ts), each worker with a moto server of its
// own, since each test resets it (test/support/worker-aws.ts); tests of the PostgreSQL store
// (*.pg.test.ts), with a PostgreSQL server started once per run and a database per file.
// With an external moto (OKCTL_TEST_AWS_ENDPOINT) there is only one: the files that use it run one
// at a time.
const sharedMoto = Boolean(process.env.OKCTL_TEST_AWS_ENDPOINT);

export default defineConfig({
  test: {
    // The SDK's notice that its releases after January 2027 need Node 22: true, known (README), and
    // printed once per test file otherwise.
    // moto and the EKS stand-in settle at once or after a look or two: applies (in process, through
    // the command line, and in the servers the tests start) look again after 100 ms, not AWS's 5–15 s.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", OKCTL_AWS_POLL_INTERVAL_MS: "100" },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // At most 4: each worker runs a moto server of its own (~200 MB, a few seconds to start), and a
    // many-core laptop gains little from more while the aws files dominate.
    maxWorkers: Math.min(4, Math.max(2, availableParallelism())),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["**/*.aws.test.ts", "**/*.e2e.test.ts", "**/*.pg.test.ts", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "aws",
          include: ["src/**/*.aws.test.ts", "test/**/*.aws.test.ts", "test/**/*.e2e.test.ts"],
          ...(sharedMoto ? { fileParallelism: false } : {}),
          globalSetup: ["./test/support/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: ["src/**/*.pg.test.ts", "test/**/*.pg.test.ts"],
          ...(sharedMoto ? { fileParallelism: false } : {}),
          globalSetup: ["./test/support/postgres-setup.ts"],
        },
      },
    ],
  },
});
