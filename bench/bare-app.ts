// A Probot app with no handlers, started with Probot's own `run` (its Server, webhook middleware,
// /ping and logging), as the baseline for the webhook benchmark and for the harness's tests.
import { run } from "probot";

await run(() => {});
