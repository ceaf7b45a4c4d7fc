import { describe, expect, it } from "vitest";
import { testApplyContext } from "../shared/test-context.js";
import { deleteIdempotently } from "./delete.js";
import { ec2Error } from "./fake-ec2.js";
import { RetriesExhaustedError, retryOnCodes } from "./retry.js";

function failing(times: number, code: string) {
  let calls = 0;
  const action = async () => {
    calls++;
    if (calls <= times) throw ec2Error(code, `${code} #${calls}`);
    return "done";
  };
  return { action, calls: () => calls };
}

describe("retryOnCodes", () => {
  const options = { what: "deleting subnet subnet-1", codes: ["DependencyViolation"], budgetMs: 30_000 };

  it("retries the listed codes with growing delays until the action succeeds", async () => {
    const ctx = testApplyContext();
    const { action, calls } = failing(3, "DependencyViolation");
    await expect(retryOnCodes(ctx, options, action)).resolves.toBe("done");
    expect(calls()).toBe(4);
    expect(ctx.slept).toEqual([2_000, 4_000, 8_000]);
  });

  it("gives up once the budget is spent, saying what failed", async () => {
    const ctx = testApplyContext();
    const { action } = failing(100, "DependencyViolation");
    const error = await retryOnCodes(ctx, options, action).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as Error).message).toMatch(/^deleting subnet subnet-1 still failed after 44s of retries: DependencyViolation #\d+$/);
    expect(ctx.slept).toEqual([2_000, 4_000, 8_000, 15_000, 15_000]);
  });

  it("does not retry other errors", async () => {
    const ctx = testApplyContext();
    const { action, calls } = failing(1, "UnauthorizedOperation");
    await expect(retryOnCodes(ctx, options, action)).rejects.toThrow("UnauthorizedOperation #1");
    expect(calls()).toBe(1);
  });

  it("stops when the apply is cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    const ctx = { ...testApplyContext(), signal: controller.signal };
    await expect(retryOnCodes(ctx, options, failing(0, "x").action)).rejects.toThrow("cancelled while deleting subnet subnet-1");
  });
});

describe("deleteIdempotently", () => {
  it("treats not found as already deleted", async () => {
    const ctx = testApplyContext();
    const { action } = failing(1, "InvalidSubnetID.NotFound");
    await expect(deleteIdempotently(ctx, { what: "deleting subnet-1", notFound: ["InvalidSubnetID.NotFound"] }, action)).resolves.toBe(false);
  });

  it("retries DependencyViolation, then deletes", async () => {
    const ctx = testApplyContext();
    const { action } = failing(2, "DependencyViolation");
    await expect(deleteIdempotently(ctx, { what: "deleting subnet-1", notFound: [] }, action)).resolves.toBe(true);
    expect(ctx.slept).toHaveLength(2);
  });
});
