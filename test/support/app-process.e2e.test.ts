// The process harness, against the bare Probot app (dist/bench/bare-app.js, built by `npm test`).
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "./app-process.js";
import { startGithubStandin, type GithubStandin } from "./github-standin.js";
import { pullRequestPayload, pushPayload, sendWebhook } from "./webhooks.js";

const BARE_APP = "dist/bench/bare-app.js";

let app: AppProcess;
let standin: GithubStandin;

beforeAll(async () => {
  if (!existsSync(BARE_APP)) throw new Error(`${BARE_APP} is missing: run \`npm run build\` first`);
  standin = await startGithubStandin();
  app = await startAppProcess({ script: BARE_APP, env: standin.env() });
});
afterAll(async () => {
  await app?.stop();
  await standin?.close();
});

describe("the app process harness", () => {
  it("starts the server and waits until /ping answers PONG", async () => {
    const response = await fetch(`${app.url}/ping`);
    expect(await response.text()).toBe("PONG");
    expect(app.logs()).toMatch(/Listening on http:\/\/127\.0\.0\.1:\d+/);
  });

  it("gets 200 for a correctly signed delivery", async () => {
    const response = await sendWebhook({
      url: app.webhookUrl,
      secret: app.webhookSecret,
      event: "pull_request",
      payload: pullRequestPayload({ action: "synchronize" }),
    });
    expect(response.status).toBe(200);
  });

  it("rejects a delivery with a bad signature, and one signed with another secret", async () => {
    const payload = pushPayload();
    const forged = await sendWebhook({ url: app.webhookUrl, secret: app.webhookSecret, event: "push", payload, signature: `sha256=${"0".repeat(64)}` });
    const wrongSecret = await sendWebhook({ url: app.webhookUrl, secret: "not-the-secret", event: "push", payload });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
    expect(wrongSecret.status).toBe(forged.status);
  });

  it("reports the child's memory from /proc", () => {
    const memory = app.memory();
    expect(memory?.rssKb).toBeGreaterThan(10_000);
    expect(memory?.hwmKb).toBeGreaterThanOrEqual(memory?.rssKb ?? Infinity);
  });

  it("restarts on the same port after a kill", async () => {
    const before = app.pid();
    const exit = await app.kill("SIGKILL");
    expect(exit.signal).toBe("SIGKILL");
    await expect(fetch(`${app.url}/ping`)).rejects.toThrow();
    await app.restart();
    expect(app.pid()).not.toBe(before);
    expect(await (await fetch(`${app.url}/ping`)).text()).toBe("PONG");
  });

  it("made no GitHub requests for deliveries to an app without handlers", () => {
    expect(standin.requests).toEqual([]);
  });
});
