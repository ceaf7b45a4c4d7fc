// Reading and changing moto's state directly, as someone outside okctl would.
import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { ListClustersCommand } from "@aws-sdk/client-eks";
import { GetParameterCommand, ParameterNotFound } from "@aws-sdk/client-ssm";
import { loadDeclaration } from "../../src/declaration/load.js";
import { applyFor, planFor, testClients } from "../support/engine.js";

/** Applies `yaml` straight to moto with the engine (as the command line would). */
export async function applyDirectly(yaml: string): Promise<void> {
  const loaded = loadDeclaration(yaml, "okctl.yaml");
  if (!loaded.ok) throw new Error(`invalid test declaration: ${JSON.stringify(loaded.diagnostics)}`);
  const clients = testClients();
  const result = await applyFor(await planFor(loaded.declaration, clients), clients, { allowDestroy: true });
  if (result.outcome !== "applied" || !result.ok) throw new Error(`direct apply failed: ${JSON.stringify(result)}`);
}

export async function vpcCount(cluster = "booking-dev"): Promise<number> {
  const vpcs = await testClients().ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "tag:okctl.io/cluster", Values: [cluster] }] }));
  return vpcs.Vpcs?.length ?? 0;
}

export async function eksClusters(): Promise<string[]> {
  return (await testClients().eks.send(new ListClustersCommand({}))).clusters ?? [];
}

/** The value of /okctl/booking-dev/<name>, or undefined when it does not exist. */
export async function parameterValue(name: string): Promise<string | undefined> {
  try {
    const found = await testClients().ssm.send(new GetParameterCommand({ Name: `/okctl/booking-dev/${name}` }));
    return found.Parameter?.Value;
  } catch (error) {
    if (error instanceof ParameterNotFound) return undefined;
    throw error;
  }
}
