// Contexts for the kinds' tests: a read context, and an apply context whose sleeps are instant and
// whose waiting messages are recorded. Used by tests only.
import { createAwsClients, type AwsClients } from "../../aws/clients.js";
import type { ApplyContext, DesiredResource, DesiredValue, Json, ReadContext, WaitTimeouts } from "../types.js";

export const TEST_TIMEOUTS: WaitTimeouts = {
  eksCluster: 60_000,
  eksNodegroup: 60_000,
  natGateway: 60_000,
  certificate: 60_000,
  route53Change: 60_000,
  other: 60_000,
};

export interface TestApplyContext extends ApplyContext {
  waits: string[];
  slept: number[];
}

export function testApplyContext(options: { clients?: AwsClients; cluster?: string; repository?: string } = {}): TestApplyContext {
  const waits: string[] = [];
  const slept: number[] = [];
  return {
    clients: options.clients ?? createAwsClients({ region: "eu-west-1" }),
    cluster: options.cluster ?? "booking-dev",
    region: "eu-west-1",
    accountId: "123456789012",
    repository: options.repository ?? "oslokommune/booking",
    repositoryId: "1001",
    waiting: (message) => waits.push(message),
    sleep: async (ms) => {
      slept.push(ms);
    },
    timeouts: TEST_TIMEOUTS,
    waits,
    slept,
  };
}

export function testReadContext(options: { clients?: AwsClients; cluster?: string; desired?: DesiredResource[] } = {}): ReadContext {
  return {
    clients: options.clients ?? createAwsClients({ region: "eu-west-1" }),
    cluster: options.cluster ?? "booking-dev",
    region: "eu-west-1",
    accountId: "123456789012",
    desired: options.desired ?? [],
  };
}

/** Replaces every Ref in desired properties by `outputs[ref.$ref][ref.output]`, as the executor does. */
export function resolveRefs(value: DesiredValue, outputs: Record<string, Record<string, Json>>): Json {
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, outputs));
  if (value !== null && typeof value === "object") {
    if (typeof value.$ref === "string" && typeof value.output === "string") {
      const resolved = outputs[value.$ref]?.[value.output];
      if (resolved === undefined) throw new Error(`test: no output ${value.output} of ${value.$ref}`);
      return resolved;
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveRefs(item, outputs)]));
  }
  return value;
}

/** The executor's create input for a desired resource. */
export function createInput(resource: DesiredResource, outputs: Record<string, Record<string, Json>> = {}) {
  return {
    id: resource.id,
    name: resource.name,
    properties: resolveRefs(resource.properties, outputs) as Record<string, Json>,
    tags: resource.tags,
  };
}

/** Outputs of the private subnets, for EKS tests (moto doesn't check subnet ids against EC2). */
export const FAKE_SUBNETS: Record<string, Record<string, Json>> = {
  "subnet/private-a": { id: "subnet-0000000000000000a" },
  "subnet/private-b": { id: "subnet-0000000000000000b" },
  "subnet/private-c": { id: "subnet-0000000000000000c" },
};

/** A command as the fake clients see it: its class name ("DescribeClusterCommand") and input. */
export interface FakeCall {
  command: string;
  input: Record<string, unknown>;
}

/**
 * Clients whose `send` answers from `respond` (throw to simulate an AWS error) and records every
 * call, for unit tests of what moto can't do (e.g. EKS version upgrades).
 */
export function fakeClients(respond: (call: FakeCall) => unknown): { clients: AwsClients; calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    const call = { command: command.constructor.name, input: command.input };
    calls.push(call);
    return respond(call);
  };
  const client = { send };
  // The fake implements only `send`, which is all the handlers use; the cast says so.
  const clients = { ec2: client, eks: client, route53: client, acm: client, ssm: client } as unknown as AwsClients;
  return { clients, calls };
}

/** An error shaped like the SDK's service errors. */
export function awsError(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
