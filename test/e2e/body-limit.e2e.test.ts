// Bounded input, against the real server over HTTP: no webhook body over 25 MB is ever buffered,
// whether it declares its size or not, on every path that takes deliveries; a bad signature is one
// rate-limited warning line that never carries the body.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, WEBHOOK_PATH, type AppProcess } from "../support/app-process.js";
import { sendOversizedBody } from "../support/oversized-body.js";
import { pushPayload, sendWebhook } from "../support/webhooks.js";
import { serverDir, type ServerDir } from "../support/server-start.js";

const LIMIT = 25 * 1024 * 1024;
const MB = 1024 * 1024;

let dir: ServerDir;
let app: AppProcess;

beforeAll(async () => {
  dir = serverDir();
  app = await startAppProcess(dir.options());
});
afterAll(async () => {
  await app?.stop();
  dir?.remove();
});

describe("the webhook body limit", () => {
  it("answers 413 to a body that declares more than 25 MB, before reading it", async () => {
    const before = app.memory()!.rssKb;
    const outcome = await sendOversizedBody({ url: app.webhookUrl, bytes: 50 * MB });
    expect(outcome.status).toBe(413);
    expect(outcome.sentBytes).toBeLessThan(LIMIT);
    expect(app.memory()!.rssKb - before).toBeLessThan(30 * 1024);
  });

  it("answers 413 to a chunked body once it passes 25 MB, without buffering the rest", async () => {
    const outcome = await sendOversizedBody({ url: app.webhookUrl, bytes: 40 * MB, chunked: true });
    expect(outcome.status).toBe(413);
    expect(outcome.sentBytes).toBeLessThan(40 * MB);
  });

  it("answers 413 on Probot's own webhook path too (which okctl does not serve), and 404 there otherwise", async () => {
    const large = await sendOversizedBody({ url: `${app.webhookUrl}/probot`, bytes: 30 * MB });
    expect(large.status).toBe(413);
    const small = await sendOversizedBody({ url: `${app.webhookUrl}/probot`, bytes: 10, chunked: true });
    expect(small.status).toBe(404);
  });

  it("still takes a signed delivery, and the server keeps answering", async () => {
    const response = await sendWebhook({ url: app.webhookUrl, secret: app.webhookSecret, event: "push", payload: pushPayload() });
    expect(response.status).toBe(200);
    expect(await (await fetch(`${app.url}/ping`)).text()).toBe("PONG");
  });

  it("logs bad signatures as one warning line, without the body, at most once a minute", async () => {
    const marker = "BODY-MARKER-7f3a";
    const payload = { ...pushPayload(), note: marker.repeat(1000) };
    const logBefore = app.logs().length;
    for (let i = 0; i < 10; i++) {
      const response = await sendWebhook({ url: app.webhookUrl, secret: "not-the-secret", event: "push", payload });
      expect(response.status).toBe(400);
    }
    const written = app.logs().slice(logBefore);
    expect(written).not.toContain(marker);
    const warnings = written.split("\n").filter((line) => line.includes("bad signature"));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40, event: "push" });
    expect(written.length).toBeLessThan(10 * 1024);
    expect(WEBHOOK_PATH).toBe(new URL(app.webhookUrl).pathname);
  });
});
