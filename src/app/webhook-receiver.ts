// The webhook endpoint of the running server. Probot's own endpoint builds an installation Octokit
// (with its throttling and retry plugins) for every delivery that has a handler, before the handler
// runs; okctl's handlers never use it (jobs authenticate later, in the worker), and that
// construction alone cost about a fifth of the throughput and doubled the p99 in `npm run bench`.
// This endpoint verifies the signature the same way (@octokit/webhooks, as Probot does) and only
// records the delivery and its jobs.
import { createNodeMiddleware, Webhooks, type EmitterWebhookEvent } from "@octokit/webhooks";
import type { Logger } from "probot";

type Handled = "push" | "pull_request" | "issue_comment";
export type ReceivedEvent = { [E in Handled]: EmitterWebhookEvent<E> }[Handled];

export interface WebhookReceiverOptions {
  secret: string;
  /** The public webhook path, e.g. `/api/github/webhooks`. */
  path: string;
  log: Logger;
  record(event: ReceivedEvent): Promise<void>;
}

/** An HTTP handler for Probot's server (`addHandler`): true when it answered the request. */
export function webhookReceiver(options: WebhookReceiverOptions): (req: unknown, res: unknown) => Promise<boolean> {
  const webhooks = new Webhooks({ secret: options.secret });
  webhooks.on("push", (event) => options.record(event));
  webhooks.on("pull_request", (event) => options.record(event));
  webhooks.on("issue_comment", (event) => options.record(event));
  webhooks.onError((error) => options.log.error({ err: error }, "webhook handler failed"));
  const middleware = createNodeMiddleware(webhooks, { path: options.path, log: options.log });
  return async (req, res) => Boolean(await middleware(req, res));
}
