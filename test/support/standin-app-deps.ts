// The app's dependencies for a test that runs jobs against the GitHub stand-in, without AWS: the
// installation clients Probot would build for the stand-in, the given store and clock.
import { ProbotOctokit } from "probot";
import type { AppDeps } from "../../src/app/deps.js";
import type { Octokit } from "../../src/github/index.js";
import type { Store } from "../../src/store/store.js";
import { generateTestPrivateKey } from "./app-process.js";
import type { GithubStandin } from "./github-standin.js";

const privateKey = generateTestPrivateKey();

/** Options of the installation client beside its base URL and auth (retries off and throttling off by default). */
type ClientOptions = ConstructorParameters<typeof ProbotOctokit>[0];

export function standinAppDeps(input: { standin: GithubStandin; store: Store; now: () => Date; client?: ClientOptions; wrap?: (octokit: Octokit) => Octokit }): AppDeps {
  const { standin, wrap = (octokit) => octokit } = input;
  return {
    store: input.store,
    accessConfig: { repositories: [] } as unknown as AppDeps["accessConfig"], // no job here gets that far
    octokitFor: async (installationId) =>
      wrap(
        new ProbotOctokit({
          retry: { enabled: false },
          throttle: { enabled: false },
          ...input.client,
          baseUrl: standin.baseUrl,
          auth: { appId: standin.appId, privateKey, installationId },
        }),
      ),
    openSession: async () => {
      throw new Error("no AWS here");
    },
    now: input.now,
    log: { info() {}, warn() {}, error() {} },
  };
}
