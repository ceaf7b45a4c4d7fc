import { describe, expect, it, vi } from "vitest";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import { refreshingCredentials } from "./refreshing-credentials.js";

const MINUTE = 60_000;

function fakeClock(start = 1_000_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function creds(n: number, expiresAt: number): AwsCredentialIdentity {
  return { accessKeyId: `AKIA${n}`, secretAccessKey: `secret${n}`, sessionToken: `token${n}`, expiration: new Date(expiresAt) };
}

describe("refreshingCredentials", () => {
  it("keeps the credentials until 5 minutes before expiry, then fetches new ones once", async () => {
    const clock = fakeClock();
    let n = 1;
    const fetch = vi.fn(async () => creds(++n, clock.now() + 60 * MINUTE));
    const provider = refreshingCredentials(creds(1, clock.now() + 60 * MINUTE), fetch, { now: clock.now });

    expect((await provider()).accessKeyId).toBe("AKIA1");
    clock.advance(54 * MINUTE);
    expect((await provider()).accessKeyId).toBe("AKIA1");
    expect(fetch).not.toHaveBeenCalled();

    clock.advance(1 * MINUTE + 1);
    expect((await provider()).accessKeyId).toBe("AKIA2");
    expect((await provider()).accessKeyId).toBe("AKIA2");
    expect(fetch).toHaveBeenCalledTimes(1);

    clock.advance(56 * MINUTE); // a long apply: refreshes again
    expect((await provider()).accessKeyId).toBe("AKIA3");
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("shares one fetch between concurrent callers", async () => {
    const clock = fakeClock();
    let release: (c: AwsCredentialIdentity) => void = () => {};
    const fetch = vi.fn(() => new Promise<AwsCredentialIdentity>((resolve) => (release = resolve)));
    const provider = refreshingCredentials(creds(1, clock.now() + 2 * MINUTE), fetch, { now: clock.now });
    const all = Promise.all([provider(), provider(), provider()]);
    release(creds(2, clock.now() + 60 * MINUTE));
    expect((await all).map((c) => c.accessKeyId)).toEqual(["AKIA2", "AKIA2", "AKIA2"]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("keeps valid credentials when a refresh fails, retries next time, and throws once expired", async () => {
    const clock = fakeClock();
    const fetch = vi
      .fn<() => Promise<AwsCredentialIdentity>>()
      .mockRejectedValueOnce(new Error("throttled"))
      .mockRejectedValueOnce(new Error("AccessDenied"));
    const provider = refreshingCredentials(creds(1, clock.now() + 4 * MINUTE), fetch, { now: clock.now });
    expect((await provider()).accessKeyId).toBe("AKIA1");
    expect(fetch).toHaveBeenCalledTimes(1);
    clock.advance(4 * MINUTE);
    await expect(provider()).rejects.toThrow("AccessDenied");
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("never refreshes credentials without an expiration", async () => {
    const fetch = vi.fn(async () => creds(2, 0));
    const provider = refreshingCredentials({ accessKeyId: "AKIA1", secretAccessKey: "s" }, fetch);
    expect((await provider()).accessKeyId).toBe("AKIA1");
    expect(fetch).not.toHaveBeenCalled();
  });
});
