import { describe, expect, it } from "vitest";
import { isAwsError, isUnimplementedOperation } from "./aws-errors.js";
import { pollUntil, WaitTimeoutError } from "./poll.js";
import { dnsName, zoneId } from "./route53.js";
import { fromTagList, sameOwner, toTagList } from "./tags.js";
import { testApplyContext } from "./test-context.js";
import { canonicalJson, idempotencyToken } from "./tokens.js";

describe("pollUntil", () => {
  it("polls until done, announcing the wait once and sleeping between looks", async () => {
    const ctx = testApplyContext();
    const states = ["a", "b", "c"];
    const result = await pollUntil({ describe: async () => states.shift(), done: (s) => s === "c", timeoutMs: 60_000, what: "the thing", ctx, intervalMs: 1_000 });
    expect(result).toBe("c");
    expect(ctx.waits).toEqual(["the thing"]);
    expect(ctx.slept).toEqual([1_000, 1_000]);
  });

  it("does not wait when already done", async () => {
    const ctx = testApplyContext();
    await pollUntil({ describe: async () => 1, done: () => true, timeoutMs: 10, what: "x", ctx });
    expect(ctx.waits).toEqual([]);
  });

  it("gives up after the timeout, naming what is slow and its last state", async () => {
    const ctx = testApplyContext();
    const error = await pollUntil({ describe: async () => "PENDING", done: () => false, state: (s) => s, timeoutMs: 30_000, what: "certificate x to be ISSUED", ctx, intervalMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as Error).message).toBe("timed out after 30s waiting for certificate x to be ISSUED (last state: PENDING)");
    expect(ctx.slept).toEqual([10_000, 10_000, 10_000]);
  });

  it("looks every ctx.pollIntervalMs when set, within the same wait budget", async () => {
    const ctx = { ...testApplyContext(), pollIntervalMs: 100 };
    const states = ["a", "b", "c"];
    await pollUntil({ describe: async () => states.shift(), done: (s) => s === "c", timeoutMs: 60_000, what: "the thing", ctx, intervalMs: 15_000 });
    expect(ctx.slept).toEqual([100, 100]);
    const slow = { ...testApplyContext(), pollIntervalMs: 300 };
    const error = await pollUntil({ describe: async () => "PENDING", done: () => false, timeoutMs: 1_000, what: "y", ctx: slow, intervalMs: 15_000 }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("timed out after 1s waiting for y");
    expect(slow.slept).toEqual([300, 300, 300, 100]);
  });

  it("stops when the apply is cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    const ctx = { ...testApplyContext(), signal: controller.signal };
    await expect(pollUntil({ describe: async () => 1, done: () => false, timeoutMs: 10, what: "x", ctx })).rejects.toThrow(/cancelled while waiting for x/);
  });
});

describe("idempotency tokens", () => {
  const base = { cluster: "booking-dev", id: "certificate/a", repository: "o/r", identity: { domainName: "a", sans: [] } };
  it("are stable, 32 word characters, and independent of key order", () => {
    const token = idempotencyToken(base);
    expect(token).toMatch(/^\w{32}$/);
    expect(idempotencyToken({ ...base, identity: { sans: [], domainName: "a" } })).toBe(token);
  });
  it("change with the cluster, the resource, the repository or the replace-forcing properties", () => {
    const token = idempotencyToken(base);
    for (const other of [{ cluster: "x" }, { id: "certificate/b" }, { repository: "o/x" }, { identity: { domainName: "b", sans: [] } }]) {
      expect(idempotencyToken({ ...base, ...other })).not.toBe(token);
    }
  });
  it("serialise canonically", () => {
    expect(canonicalJson({ b: [1, { d: 1, c: null }], a: "x" })).toBe('{"a":"x","b":[1,{"c":null,"d":1}]}');
  });
});

describe("small helpers", () => {
  it("recognise AWS errors by name", () => {
    const error = Object.assign(new Error("x"), { name: "ParameterNotFound" });
    expect(isAwsError(error, "ParameterNotFound")).toBe(true);
    expect(isAwsError(error, "Other")).toBe(false);
    expect(isAwsError("ParameterNotFound", "ParameterNotFound")).toBe(false);
  });
  it("recognise an operation the endpoint doesn't implement (an HTML 404)", () => {
    const html404 = Object.assign(new SyntaxError("Unexpected token '<'"), { $response: { statusCode: 404 } });
    expect(isUnimplementedOperation(html404)).toBe(true);
    expect(isUnimplementedOperation(Object.assign(new SyntaxError("x"), { $response: { statusCode: 500 } }))).toBe(false);
    expect(isUnimplementedOperation(Object.assign(new Error("x"), { name: "ResourceNotFoundException", $response: { statusCode: 404 } }))).toBe(false);
  });
  it("convert tags and check ownership on cluster, resource and repository", () => {
    const tags = { "okctl.io/cluster": "c", "okctl.io/resource": "r", "okctl.io/repository": "o/r", "okctl.io/repository-id": "42", Name: "n" };
    expect(fromTagList(toTagList(tags))).toEqual(tags);
    expect(sameOwner({ ...tags, Name: "other" }, tags)).toBe(true);
    // The repository is its id: a rename (another name tag) is the same owner, another id is not.
    expect(sameOwner({ ...tags, "okctl.io/repository": "o/renamed" }, tags)).toBe(true);
    expect(sameOwner({ ...tags, "okctl.io/repository-id": "43" }, tags)).toBe(false);
    const { "okctl.io/repository-id": _id, ...beforeIds } = tags;
    expect(sameOwner(beforeIds, tags)).toBe(false);
  });
  it("normalise DNS names and zone ids", () => {
    expect(dnsName("Booking-Dev.Oslo.Systems.")).toBe("booking-dev.oslo.systems");
    expect(zoneId("/hostedzone/Z123")).toBe("Z123");
  });
});
