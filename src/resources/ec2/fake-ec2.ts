// A hand-written fake EC2 client for unit tests of what moto cannot show (slow or failing NAT
// gateways, AWS's refusals, eventual consistency). Unmatched operations fail the test.
import type { EC2Client } from "@aws-sdk/client-ec2";
import { createAwsClients, type AwsClients } from "../../aws/clients.js";

/** Input of an EC2 command, as a test inspects it. */
export type Ec2Input = Record<string, unknown>;
export type Responder = (input: Ec2Input) => unknown;

export interface RecordedCall {
  operation: string;
  input: Ec2Input;
}

/** An error shaped like the SDK's EC2 service errors. */
export function ec2Error(code: string, message = code): Error {
  return Object.assign(new Error(message), { name: code, Code: code });
}

export class FakeEc2 {
  readonly calls: RecordedCall[] = [];
  /** operation (e.g. "CreateNatGateway") → responders, used in turn; the last one repeats. */
  constructor(private readonly responders: Record<string, Responder | Responder[]>) {}

  async send(command: { input: Ec2Input }): Promise<unknown> {
    const operation = command.constructor.name.replace(/Command$/, "");
    this.calls.push({ operation, input: command.input });
    const configured = this.responders[operation];
    if (!configured) throw new Error(`FakeEc2: unexpected ${operation} ${JSON.stringify(command.input)}`);
    const list = Array.isArray(configured) ? configured : [configured];
    const used = this.calls.filter((call) => call.operation === operation).length - 1;
    return list[Math.min(used, list.length - 1)]!(command.input);
  }

  operations(): string[] {
    return this.calls.map((call) => call.operation);
  }
}

/** AwsClients whose EC2 client is the fake (the other clients are real but unused). */
export function clientsWith(fake: FakeEc2): AwsClients {
  // The handlers only call ec2.send, which FakeEc2 implements; the cast stands in for the rest.
  return { ...createAwsClients({ region: "eu-west-1" }), ec2: fake as unknown as EC2Client };
}
