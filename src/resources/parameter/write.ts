// Creating, updating and deleting SSM parameters. A SecureString's value is generated here, at
// creation only; it is never overwritten, returned, logged or put in an error message.
import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  GetParameterCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  type ParameterType,
} from "@aws-sdk/client-ssm";
import { isAwsError } from "../shared/aws-errors.js";
import { fromTagList, ownerOf, sameOwner, toTagList } from "../shared/tags.js";
import type { ApplyContext, Json, ResourceKindHandler } from "../types.js";
import { generateSecret } from "./secret.js";

type CreateInput = Parameters<ResourceKindHandler["create"]>[1];
type UpdateInput = Parameters<ResourceKindHandler["update"]>[1];

function text(value: Json | undefined, what: string): string {
  if (typeof value !== "string") throw new Error(`parameter property ${what} must be a string`);
  return value;
}

function description(value: Json | undefined): { Description?: string } {
  return typeof value === "string" ? { Description: value } : {};
}

function secretLength(generate: Json | undefined): number {
  const length = generate !== null && typeof generate === "object" && !Array.isArray(generate) ? generate.length : undefined;
  if (typeof length !== "number") throw new Error("a SecureString parameter needs generate.length");
  return length;
}

async function overwritePlain(ctx: ApplyContext, name: string, type: string, value: string, desc: Json | undefined) {
  await ctx.clients.ssm.send(
    new PutParameterCommand({ Name: name, Type: type as ParameterType, Value: value, Overwrite: true, ...description(desc) }),
  );
}

/** Adopts a parameter that already exists (a crash after PutParameter) if it carries our tags. */
async function adopt(ctx: ApplyContext, resource: CreateInput, name: string, type: string): Promise<void> {
  const listed = await ctx.clients.ssm.send(new ListTagsForResourceCommand({ ResourceType: "Parameter", ResourceId: name }));
  const tags = fromTagList(listed.TagList);
  if (!sameOwner(tags, resource.tags)) {
    throw new Error(`SSM parameter ${name} already exists and belongs to ${ownerOf(tags)}; okctl will not overwrite it`);
  }
  if (type === "SecureString") return; // never overwrite a secret
  const current = await ctx.clients.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: false }));
  const value = text(resource.properties.value, "value");
  if (current.Parameter?.Type !== type) {
    throw new Error(`SSM parameter ${name} exists with type ${current.Parameter?.Type}, not ${type}: replace it`);
  }
  if (current.Parameter.Value !== value) await overwritePlain(ctx, name, type, value, resource.properties.description);
}

export async function createParameter(ctx: ApplyContext, resource: CreateInput) {
  const name = text(resource.properties.name, "name");
  const type = text(resource.properties.type, "type");
  const value = type === "SecureString" ? generateSecret(secretLength(resource.properties.generate)) : text(resource.properties.value, "value");
  try {
    await ctx.clients.ssm.send(
      new PutParameterCommand({
        Name: name,
        Type: type as ParameterType,
        Value: value,
        ...description(resource.properties.description),
        Tags: toTagList(resource.tags),
      }),
    );
  } catch (error) {
    if (!isAwsError(error, "ParameterAlreadyExists")) throw error;
    await adopt(ctx, resource, name, type);
  }
  return { physicalId: name, outputs: { name } };
}

export async function updateParameter(ctx: ApplyContext, resource: UpdateInput) {
  const name = resource.physicalId;
  const type = text(resource.properties.type, "type");
  if (resource.changed.includes("tags")) {
    await ctx.clients.ssm.send(new AddTagsToResourceCommand({ ResourceType: "Parameter", ResourceId: name, Tags: toTagList(resource.tags) }));
  }
  if (type === "SecureString") {
    if (resource.changed.includes("description")) {
      throw new Error(
        `the description of SecureString parameter ${name} can't be changed: SSM only updates it together with the value, and okctl never rewrites a secret`,
      );
    }
    return { outputs: { name } };
  }
  if (resource.changed.some((key) => key === "value" || key === "description")) {
    await overwritePlain(ctx, name, type, text(resource.properties.value, "value"), resource.properties.description);
  }
  return { outputs: { name } };
}

export async function deleteParameter(ctx: ApplyContext, resource: { physicalId: string }): Promise<void> {
  try {
    await ctx.clients.ssm.send(new DeleteParameterCommand({ Name: resource.physicalId }));
  } catch (error) {
    if (!isAwsError(error, "ParameterNotFound")) throw error;
  }
}
