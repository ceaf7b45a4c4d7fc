// Creating and deleting the hosted zone. Route 53 can't tag at creation: the zone is created with a
// deterministic CallerReference, then tagged; a retried create first adopts a zone with our tags or
// our CallerReference (moto doesn't check CallerReference reuse; AWS answers HostedZoneAlreadyExists).
import { randomUUID } from "node:crypto";
import {
  ChangeResourceRecordSetsCommand,
  ChangeTagsForResourceCommand,
  CreateHostedZoneCommand,
  DeleteHostedZoneCommand,
  type HostedZone,
  type ResourceRecordSet,
} from "@aws-sdk/client-route-53";
import { isAwsError } from "../shared/aws-errors.js";
import { stringProp } from "../shared/properties.js";
import { findPublicZonesByName, listRecordSets, waitForChange, zoneId } from "../shared/route53.js";
import { sameOwner, toTagList } from "../shared/tags.js";
import { idempotencyToken, tokenOwner } from "../shared/tokens.js";
import type { ApplyContext, ResourceKindHandler } from "../types.js";
import { zoneOutputs, zoneTags } from "./lookup.js";

type CreateInput = Parameters<ResourceKindHandler["create"]>[1];

/** A zone named `name` that a previous attempt of this create made (our tags or our CallerReference). */
async function findOurs(ctx: ApplyContext, name: string, reference: string, tags: Record<string, string>): Promise<HostedZone | undefined> {
  const zones = (await findPublicZonesByName(ctx.clients.route53, name)).filter((zone) => zone.Id);
  if (zones.length === 0) return undefined;
  const tagsById = await zoneTags(ctx.clients.route53, zones.map((zone) => zone.Id!));
  return zones.find(
    (zone) => zone.CallerReference?.startsWith(reference) || sameOwner(tagsById.get(zoneId(zone.Id!)) ?? {}, tags),
  );
}

async function createZone(ctx: ApplyContext, name: string, reference: string): Promise<{ id: string; changeId?: string }> {
  const created = await ctx.clients.route53.send(
    new CreateHostedZoneCommand({ Name: name, CallerReference: reference, HostedZoneConfig: { Comment: `Managed by okctl (cluster ${ctx.cluster})`, PrivateZone: false } }),
  );
  return { id: zoneId(created.HostedZone!.Id!), changeId: created.ChangeInfo?.Id };
}

export async function tagZone(ctx: ApplyContext, id: string, tags: Record<string, string>): Promise<void> {
  await ctx.clients.route53.send(
    new ChangeTagsForResourceCommand({ ResourceType: "hostedzone", ResourceId: zoneId(id), AddTags: toTagList(tags) }),
  );
}

/** The CallerReference okctl creates this zone with: the same for every attempt of one create. */
export function zoneReference(cluster: string, resource: { id: string; tags: Record<string, string> }, repository: string, name: string): string {
  return `okctl-${idempotencyToken({ cluster, id: resource.id, repository: tokenOwner(resource.tags, repository), identity: { name } })}`;
}

export async function createHostedZone(ctx: ApplyContext, resource: CreateInput) {
  const name = stringProp(resource.properties, "name");
  const reference = zoneReference(ctx.cluster, resource, ctx.repository, name);
  let zone: { id: string; changeId?: string };
  const existing = await findOurs(ctx, name, reference, resource.tags);
  if (existing) zone = { id: zoneId(existing.Id!) };
  else {
    try {
      zone = await createZone(ctx, name, reference);
    } catch (error) {
      if (!isAwsError(error, "HostedZoneAlreadyExists")) throw error;
      // Our reference was used before: by a zone we missed a moment ago, or by one since deleted.
      const again = await findOurs(ctx, name, reference, resource.tags);
      zone = again ? { id: zoneId(again.Id!) } : await createZone(ctx, name, `${reference}-${randomUUID().slice(0, 8)}`);
    }
  }
  await tagZone(ctx, zone.id, resource.tags);
  await waitForChange(ctx, zone.changeId, `hosted zone ${name} to be created (Route 53 change INSYNC)`);
  return { physicalId: zone.id, outputs: await zoneOutputs(ctx.clients.route53, zone.id) };
}

/** ACM's DNS validation records: the only records okctl puts in its own zone. */
export function isValidationRecord(record: ResourceRecordSet): boolean {
  const values = record.ResourceRecords ?? [];
  return record.Type === "CNAME" && values.length > 0 && values.every((v) => /\.acm-validations\.aws\.?$/.test(v.Value ?? ""));
}

/**
 * Deletes the zone after the validation records okctl created in it. Anything else (records made by
 * people or by external-dns) is left alone: the delete then fails and says which records remain.
 */
export async function deleteHostedZone(ctx: ApplyContext, resource: { physicalId: string }): Promise<void> {
  const route53 = ctx.clients.route53;
  const id = zoneId(resource.physicalId);
  let records: ResourceRecordSet[];
  try {
    records = await listRecordSets(route53, id);
  } catch (error) {
    if (isAwsError(error, "NoSuchHostedZone")) return;
    throw error;
  }
  const validation = records.filter(isValidationRecord);
  if (validation.length > 0) {
    const change = await route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: id,
        ChangeBatch: { Changes: validation.map((record) => ({ Action: "DELETE", ResourceRecordSet: record })) },
      }),
    );
    await waitForChange(ctx, change.ChangeInfo?.Id, `validation records of hosted zone ${id} to be deleted`);
  }
  try {
    await route53.send(new DeleteHostedZoneCommand({ Id: id }));
  } catch (error) {
    if (isAwsError(error, "NoSuchHostedZone")) return;
    if (isAwsError(error, "HostedZoneNotEmpty")) {
      const others = records.filter((r) => r.Type !== "SOA" && r.Type !== "NS" && !isValidationRecord(r));
      const names = others.slice(0, 5).map((r) => `${r.Name} ${r.Type}`).join(", ");
      throw new Error(`hosted zone ${id} still has records okctl did not create (${names}${others.length > 5 ? ", …" : ""}): delete them, or what created them, first`);
    }
    throw error;
  }
}
