// `npm run bench webhooks-postgres`, small (bench/webhooks-postgres.ts), on the run's PostgreSQL
// server: pull_request deliveries with the PostgreSQL store and with SQLite (the pull_request
// scenario of bench/webhooks.ts), then pushes with PostgreSQL. The real server (dist/src/server.js)
// and the bare app are built by `npm test`.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { BARE_APP_SCRIPT, OKCTL_SERVER_SCRIPT } from "../../bench/webhooks.js";
import { formatWebhookPostgresBenchmark, runWebhookPostgresBenchmark } from "../../bench/webhooks-postgres.js";
import { expectPullRequestsRefused, expectPushesIgnored, requireBuilt, TINY_WEBHOOK_RUN } from "./smoke.js";

beforeAll(() => requireBuilt(BARE_APP_SCRIPT, OKCTL_SERVER_SCRIPT));

describe("runWebhookPostgresBenchmark", () => {
  it("smoke: each store records every pull request delivery and its job, the worker refuses each pull request once; pushes are ignored", async () => {
    const result = await runWebhookPostgresBenchmark({ postgresAdminUrl: inject("postgresAdminUrl"), size: TINY_WEBHOOK_RUN });
    expectPullRequestsRefused(result.postgres, TINY_WEBHOOK_RUN.warmup);
    expectPullRequestsRefused(result.sqlite, TINY_WEBHOOK_RUN.warmup);
    expectPushesIgnored(result.postgresPush, TINY_WEBHOOK_RUN.warmup);
    expect(formatWebhookPostgresBenchmark(result)).toContain("okctl's store: PostgreSQL");
  }, 120_000);
});
