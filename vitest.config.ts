import { defineConfig } from "vitest/config";

// Three projects: pure/unit tests run in parallel; tests that talk to the shared moto server
// (files named *.aws.test.ts, *.e2e.test.ts) run one file at a time, because each test resets
// moto; tests of the PostgreSQL store (*.pg.test.ts) get a PostgreSQL server (and a moto server)
// of their own, started once per run, and a database per file.
export default defineConfig({
  test: {
    // The SDK's notice that its releases after January 2027 need Node 22: true, known (README), and
    // printed once per test file otherwise.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    testTimeout: 60_000,
    hookTimeout: 60_000,
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
          fileParallelism: false,
          globalSetup: ["./test/support/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: ["src/**/*.pg.test.ts", "test/**/*.pg.test.ts"],
          fileParallelism: false,
          globalSetup: ["./test/support/postgres-setup.ts"],
        },
      },
    ],
  },
});
