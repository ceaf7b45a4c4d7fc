import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { actual, desired, planOf, ref, TEST_REPOSITORY, TEST_REPOSITORY_ID } from "../plan/testing.js";
import type { ApplyContext, Json, ResourceKind, ResourceKindHandler } from "../resources/types.js";
import type { AwsClients } from "../aws/clients.js";
import { applyPlan, type ApplyEvent, type ApplyOptions, type ApplyResult } from "./apply-plan.js";
import { DEFAULT_WAIT_TIMEOUTS } from "./waits.js";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Call {
  op: "create" | "update" | "delete";
  id: string;
  at: number;
  properties?: Record<string, Json>;
  changed?: string[];
  before?: Record<string, Json>;
  physicalId?: string;
}

/** A fake handler for every kind: creates take `latency[kind]` ms and return { id: "<id>-new" }. */
function fakeHandlers(calls: Call[], options: { latency?: Partial<Record<ResourceKind, number>>; failOn?: string } = {}) {
  return (kind: ResourceKind): ResourceKindHandler => {
    const wait = async (ctx: ApplyContext, id: string): Promise<void> => {
      const ms = options.latency?.[kind] ?? 1;
      if (ms > 5) ctx.waiting(`waiting for ${id}`);
      await sleep(ms);
      if (options.failOn === id) throw new Error(`${id} broke`);
    };
    return {
      kind,
      rules: { replaceOn: [] },
      read: async () => [],
      async create(ctx, resource) {
        calls.push({ op: "create", id: resource.id, at: Date.now(), properties: resource.properties });
        await wait(ctx, resource.id);
        return { physicalId: `${resource.id}-new`, outputs: { id: `${resource.id}-new` } };
      },
      async update(ctx, resource) {
        calls.push({ op: "update", id: resource.id, at: Date.now(), properties: resource.properties, changed: resource.changed, before: resource.before, physicalId: resource.physicalId });
        await wait(ctx, resource.id);
        return { outputs: { id: resource.physicalId } };
      },
      async delete(ctx, resource) {
        calls.push({ op: "delete", id: resource.id, at: Date.now(), physicalId: resource.physicalId, ...(resource.before && Object.keys(resource.before).length > 0 ? { before: resource.before } : {}) });
        await wait(ctx, resource.id);
      },
    };
  };
}

const CONTEXT: Omit<ApplyContext, "waiting"> = {
  clients: {} as AwsClients, // never used by the fake handlers
  cluster: "shop-dev",
  region: "eu-west-1",
  accountId: "123456789012",
  repository: TEST_REPOSITORY,
  repositoryId: TEST_REPOSITORY_ID,
  sleep,
  timeouts: DEFAULT_WAIT_TIMEOUTS,
};

async function apply(plan: ReturnType<typeof planOf>, options: Partial<ApplyOptions> & { calls?: Call[] } = {}): Promise<ApplyResult> {
  const promise = applyPlan(plan, { handlers: fakeHandlers(options.calls ?? []), context: CONTEXT, allowDestroy: false, now: () => Date.now(), ...options });
  await vi.runAllTimersAsync();
  return promise;
}

function applied(result: ApplyResult) {
  if (result.outcome !== "applied") throw new Error(`refused: ${result.message}`);
  return result;
}

describe("applyPlan", () => {
  it("creates dependencies first and resolves references from outputs created in this run", async () => {
    const calls: Call[] = [];
    const plan = planOf([desired("vpc", "vpc", { cidr: "10.0.0.0/16" }), desired("subnet/a", "subnet", { vpcId: ref("vpc"), cidr: "10.0.0.0/24" })]);
    const result = applied(await apply(plan, { calls, handlers: fakeHandlers(calls) }));
    expect(calls.map((call) => [call.op, call.id, call.properties])).toEqual([
      ["create", "vpc", { cidr: "10.0.0.0/16" }],
      ["create", "subnet/a", { vpcId: "vpc-new", cidr: "10.0.0.0/24" }],
    ]);
    expect(result.ok).toBe(true);
    expect(result.outputs).toEqual({ vpc: { id: "vpc-new" }, "subnet/a": { id: "subnet/a-new" } });
  });

  it("resolves references to existing resources from the plan's outputs, and passes changed attributes with before values", async () => {
    const calls: Call[] = [];
    const plan = planOf(
      [desired("vpc", "vpc", { cidr: "10.0.0.0/16" }), desired("subnet/a", "subnet", { vpcId: ref("vpc"), public: true }, { tags: { team: "red" } })],
      [actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { outputs: { id: "vpc-1" } }), actual("subnet/a", "subnet", { vpcId: "vpc-1", public: false }, { physicalId: "subnet-1" })],
    );
    applied(await apply(plan, { calls, handlers: fakeHandlers(calls) }));
    expect(calls).toEqual([
      { op: "update", id: "subnet/a", at: 0, properties: { vpcId: "vpc-1", public: true }, changed: ["public", "tags"], before: { public: false, tags: { team: null } }, physicalId: "subnet-1" },
    ]);
  });

  it("runs independent actions concurrently", async () => {
    const calls: Call[] = [];
    const plan = planOf([desired("vpc", "vpc"), desired("hosted-zone", "hosted-zone"), desired("parameter/p", "parameter")]);
    const result = applied(await apply(plan, { calls, handlers: fakeHandlers(calls, { latency: { vpc: 10, "hosted-zone": 10, parameter: 10 } }) }));
    expect(calls.map((call) => call.at)).toEqual([0, 0, 0]);
    expect(result.report.makespanMs).toBe(10);
  });

  it("refuses a destructive plan without the opt-in, before touching anything", async () => {
    const calls: Call[] = [];
    const plan = planOf(
      [desired("hosted-zone", "hosted-zone", { domain: "b" }), desired("vpc", "vpc")],
      [actual("parameter/old", "parameter"), actual("hosted-zone", "hosted-zone", { domain: "a" })],
    );
    const result = await apply(plan, { calls });
    expect(result).toMatchObject({ outcome: "refused", reason: "destroy-not-allowed", details: ["replace (destroy, then create) hosted-zone", "delete parameter/old"] });
    expect(result.outcome === "refused" && result.message).toContain("--allow-destroy");
    expect(calls).toEqual([]);
  });

  it("deletes with the opt-in, dependents before what they depend on", async () => {
    const calls: Call[] = [];
    const plan = planOf([], [actual("vpc", "vpc", {}, { physicalId: "vpc-1" }), actual("subnet/a", "subnet", {}, { physicalId: "subnet-1" })]);
    const result = applied(await apply(plan, { calls, allowDestroy: true, handlers: fakeHandlers(calls) }));
    expect(calls.map((call) => [call.op, call.id, call.physicalId, call.at])).toEqual([
      ["delete", "subnet/a", "subnet-1", 0],
      ["delete", "vpc", "vpc-1", 1],
    ]);
    expect(result.ok).toBe(true);
  });

  it("passes a delete the properties the plan saw (an untaggable kind checks it still holds them)", async () => {
    const calls: Call[] = [];
    const plan = planOf([], [actual("zone-delegation", "zone-delegation", { nameServers: ["ns-1"], ttl: 300 }, { physicalId: "Z1/shop.example.com" })]);
    applied(await apply(plan, { calls, allowDestroy: true, handlers: fakeHandlers(calls) }));
    expect(calls).toEqual([{ op: "delete", id: "zone-delegation", at: 0, physicalId: "Z1/shop.example.com", before: { nameServers: ["ns-1"], ttl: 300 } }]);
  });

  it("replaces by destroying the old resource after its dependents' old ones, then creating anew", async () => {
    const calls: Call[] = [];
    const plan = planOf(
      [desired("vpc", "vpc", { cidr: "new" }), desired("subnet/a", "subnet", { vpcId: ref("vpc") })],
      [actual("vpc", "vpc", { cidr: "old" }, { physicalId: "vpc-1" }), actual("subnet/a", "subnet", { vpcId: "vpc-1" }, { physicalId: "subnet-1" })],
    );
    applied(await apply(plan, { calls, allowDestroy: true, handlers: fakeHandlers(calls) }));
    expect(calls.map((call) => [call.op, call.id, call.physicalId ?? call.properties])).toEqual([
      ["delete", "subnet/a", "subnet-1"],
      ["delete", "vpc", "vpc-1"],
      ["create", "vpc", { cidr: "new" }],
      ["create", "subnet/a", { vpcId: "vpc-new" }],
    ]);
  });

  it("deletes debris copies under their logical id and physical id", async () => {
    const calls: Call[] = [];
    const plan = planOf([desired("vpc", "vpc")], [actual("vpc", "vpc", {}, { physicalId: "vpc-1" }), actual("vpc", "vpc", {}, { physicalId: "vpc-2" })]);
    applied(await apply(plan, { calls, allowDestroy: true, handlers: fakeHandlers(calls) }));
    expect(calls.map((call) => [call.op, call.id, call.physicalId])).toEqual([["delete", "vpc", "vpc-2"]]);
  });

  it("refuses a plan with errors even with the opt-in", async () => {
    const plan = planOf([desired("eks-cluster", "eks-cluster", { version: "1.31" })], [actual("eks-cluster", "eks-cluster", { version: "1.29" })]);
    const result = await apply(plan, { allowDestroy: true });
    expect(result).toMatchObject({ outcome: "refused", reason: "plan-has-errors" });
    expect(result.outcome === "refused" && result.details[0]).toContain("one minor version at a time");
  });

  it("skips dependents of a failure, finishes independent work and reports it with resource-level events", async () => {
    const calls: Call[] = [];
    const events: ApplyEvent[] = [];
    const plan = planOf([desired("vpc", "vpc"), desired("subnet/a", "subnet", { vpcId: ref("vpc") }), desired("parameter/p", "parameter")]);
    const result = applied(
      await apply(plan, { calls, onEvent: (event) => events.push(event), handlers: fakeHandlers(calls, { failOn: "vpc", latency: { parameter: 20 } }) }),
    );
    expect(result.ok).toBe(false);
    expect(result.report.failed).toEqual(["create:vpc"]);
    expect(result.report.skipped).toEqual(["create:subnet/a"]);
    expect(result.report.done).toEqual(["create:parameter/p"]);
    expect(result.outputs).toEqual({ "parameter/p": { id: "parameter/p-new" } });
    expect(result.steps.map((step) => [step.resourceId, step.operation, step.status])).toEqual([
      ["vpc", "create", "failed"],
      ["subnet/a", "create", "skipped"],
      ["parameter/p", "create", "done"],
    ]);
    expect(events.map((event) => `${event.type} ${event.operation} ${event.resourceId} ${event.kind} ${event.elapsedMs}`)).toEqual([
      "started create vpc vpc 0",
      "started create parameter/p parameter 0",
      "waiting create parameter/p parameter 0",
      "failed create vpc vpc 1",
      "skipped create subnet/a subnet 0",
      "done create parameter/p parameter 20",
    ]);
  });

  it("stops starting new actions after stopAfter, leaving the rest not started", async () => {
    const calls: Call[] = [];
    const plan = planOf([desired("vpc", "vpc"), desired("subnet/a", "subnet", { vpcId: ref("vpc") })]);
    const result = applied(await apply(plan, { calls, stopAfter: 1, handlers: fakeHandlers(calls) }));
    expect(calls.map((call) => call.id)).toEqual(["vpc"]);
    expect(result.report.notStarted).toEqual(["create:subnet/a"]);
    expect(result.report.stopped).toBe("stop-after");
  });

  it("fails a step whose reference cannot be resolved, naming it", async () => {
    const plan = planOf([desired("subnet/a", "subnet", { vpcArn: ref("vpc", "arn") }), desired("vpc", "vpc")], [actual("vpc", "vpc", {}, { outputs: { id: "vpc-1" } })]);
    const result = applied(await apply(plan));
    expect(result.report.nodes.find((node) => node.id === "create:subnet/a")?.error).toBe('output "arn" of vpc is not available');
  });

  it("accepts handlers as a record and rejects a plan with a kind that has none", async () => {
    const plan = planOf([desired("vpc", "vpc")]);
    const record = { vpc: fakeHandlers([])("vpc") } as unknown as Record<ResourceKind, ResourceKindHandler>;
    expect(applied(await apply(plan, { handlers: record })).ok).toBe(true);
    await expect(applyPlan(planOf([desired("subnet/a", "subnet")]), { handlers: record, context: CONTEXT, allowDestroy: false })).rejects.toThrow(
      'no handler registered for resource kind "subnet"',
    );
  });

  describe("re-checks ownership before an update or delete of a kind addressed by a name", () => {
    const OURS = { "okctl.io/repository": TEST_REPOSITORY, "okctl.io/repository-id": TEST_REPOSITORY_ID };
    /** Fake handlers whose `currentTags` answer from `now` (by physical id), recording each look. */
    function guarded(calls: Call[], now: Record<string, Record<string, string> | undefined>, looked: string[] = []) {
      const base = fakeHandlers(calls);
      return (kind: ResourceKind): ResourceKindHandler => ({
        ...base(kind),
        ...(kind === "parameter" ? { currentTags: async (_ctx: ApplyContext, physicalId: string) => (looked.push(physicalId), now[physicalId]) } : {}),
      });
    }
    const plan = planOf(
      [desired("parameter/a", "parameter", { description: "new" }), desired("parameter/b", "parameter", { description: "new" }), desired("vpc", "vpc", {}, { tags: { team: "red" } })],
      [
        actual("parameter/a", "parameter", { description: "old" }, { physicalId: "/a" }),
        actual("parameter/b", "parameter", { description: "old" }, { physicalId: "/b" }),
        actual("parameter/gone", "parameter", {}, { physicalId: "/gone" }),
        actual("vpc", "vpc", {}, { physicalId: "vpc-1" }),
      ],
    );

    it("refuses the steps whose resource is now another repository's or untagged, writes nothing to them, and runs the rest", async () => {
      const calls: Call[] = [];
      const looked: string[] = [];
      const now = { "/a": { "okctl.io/repository": "acme/other", "okctl.io/repository-id": "7" }, "/b": OURS, "/gone": {} };
      const result = applied(await apply(plan, { calls, allowDestroy: true, handlers: guarded(calls, now, looked) }));
      expect(result.ok).toBe(false);
      expect(result.steps.filter((step) => step.status === "failed").map((step) => [step.operation, step.resourceId, step.error])).toEqual([
        ["delete", "parameter/gone", expect.stringContaining("refused to delete parameter/gone: the parameter /gone is now not tagged by okctl")],
        ["update", "parameter/a", expect.stringContaining("refused to update parameter/a: the parameter /a is now owned by acme/other (repository id 7), not this repository's; nothing was written to it")],
      ]);
      expect(calls.map((call) => [call.op, call.id]).sort()).toEqual([["update", "parameter/b"], ["update", "vpc"]]);
      // Only the kinds addressed by a name are looked at, once per step; creates never are.
      expect(looked.sort()).toEqual(["/a", "/b", "/gone"]);
    });

    it("lets a resource of ours through by its name tag alone (from before ids), and one that is gone to its handler", async () => {
      const calls: Call[] = [];
      const now = { "/a": { "okctl.io/repository": "ACME/Shop" }, "/b": undefined, "/gone": undefined };
      const result = applied(await apply(plan, { calls, allowDestroy: true, handlers: guarded(calls, now) }));
      expect(result.ok).toBe(true);
      expect(calls.map((call) => [call.op, call.id]).sort()).toEqual([["delete", "parameter/gone"], ["update", "parameter/a"], ["update", "parameter/b"], ["update", "vpc"]]);
    });
  });
});
