// Contexts for the kinds' tests: a read context, and an apply context whose sleeps are instant and
// whose waiting messages are recorded. Used by tests only.
import { createAwsClients, type AwsClients } from "../../aws/clients.js";
import type { ApplyContext, DesiredResource, ReadContext, WaitTimeouts } from "../types.js";

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
