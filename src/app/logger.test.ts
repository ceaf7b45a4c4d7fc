import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loggerTo } from "./logger.js";

function capture(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString("utf8"));
      callback();
    },
  });
  return { stream, text: () => chunks.join(""), lines: () => chunks.join("").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("the server logger", () => {
  it("redacts credentials at the top, nested, and in a failed request's headers", () => {
    const out = capture();
    const log = loggerTo({ LOG_LEVEL: "info" }, out.stream);
    const requestError = Object.assign(new Error("Bad credentials"), {
      status: 401,
      request: { method: "GET", url: "https://api.github.com/app", headers: { authorization: "bearer eyJhbGciOi.secret.jwt", accept: "application/json" } },
    });
    log.error({ err: requestError }, "GitHub said no");
    log.info({ credentials: { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI", sessionToken: "FwoGZX" } }, "assumed");
    log.info({ session: { SecretAccessKey: "wJalrXUtnFEMI", SessionToken: "FwoGZX", Expiration: "2026-11-28T17:00:00Z" }, entry: { externalId: "okctl-booking-7f3a" } }, "sts");
    log.info({ token: "ghs_installationtoken", req: { method: "POST", headers: { "x-hub-signature-256": "sha256=abc" } }, repository: "oslokommune/booking" }, "delivery");

    const text = out.text();
    for (const secret of ["eyJhbGciOi", "ASIAEXAMPLE", "wJalrXUtnFEMI", "FwoGZX", "okctl-booking-7f3a", "ghs_installationtoken", "sha256=abc"]) {
      expect(text).not.toContain(secret);
    }
    const [failed, assumed, sts, delivery] = out.lines();
    expect(failed).toMatchObject({ msg: "GitHub said no", err: { message: "Bad credentials", request: { headers: { authorization: "[Redacted]", accept: "application/json" } } } });
    expect(assumed).toMatchObject({ credentials: "[Redacted]" });
    expect(sts).toMatchObject({ session: { SecretAccessKey: "[Redacted]", SessionToken: "[Redacted]", Expiration: "2026-11-28T17:00:00Z" }, entry: { externalId: "[Redacted]" } });
    expect(delivery).toMatchObject({ token: "[Redacted]", req: { method: "POST", headers: { "x-hub-signature-256": "[Redacted]" } }, repository: "oslokommune/booking" });
  });

  it("keeps Probot's level and message key settings", () => {
    const out = capture();
    const log = loggerTo({ LOG_LEVEL: "warn", LOG_MESSAGE_KEY: "message" }, out.stream);
    log.info("hidden");
    log.warn("shown");
    expect(out.lines()).toEqual([expect.objectContaining({ message: "shown", name: "probot" })]);
  });
});
