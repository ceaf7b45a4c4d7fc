import { defineConfig } from "vitest/config";

// Two projects: pure/unit tests run in parallel; tests that talk to the shared moto server
// (files named *.aws.test.ts) run one file at a time, because each test resets moto.
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
          exclude: ["**/*.aws.test.ts", "**/*.e2e.test.ts", "**/node_modules/**"],
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
    ],
  },
});
