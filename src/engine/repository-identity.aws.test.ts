// Ownership goes by the repository's numeric GitHub id, not its name: after a rename only the name
// tag changes; a new repository that takes an old name owns nothing of the old one's; resources
// tagged before ids (name tag only) are adopted into the id by name, visibly, as a tag update.
import { CreateTagsCommand, DeleteTagsCommand, DescribeTagsCommand, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { ListTagsForResourceCommand, UntagResourceCommand } from "@aws-sdk/client-eks";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../test/support/aws.js";
import { fullDeclaration } from "../../test/support/declarations.js";
import { applyExample, applyFor, pending, planDeletionFor, planFor, testClients } from "../../test/support/engine.js";
import { TAG_REPOSITORY, TAG_REPOSITORY_ID } from "../declaration/tags.js";
import type { AwsClients } from "../aws/clients.js";

useMoto();

const ORIGINAL = { name: "oslokommune/booking", id: "1001" };
const RENAMED = { name: "oslokommune/bookings", id: "1001" };
/** A new repository that took the old name after the rename. */
const SUCCESSOR = { name: "oslokommune/booking", id: "2002" };
const declaration = fullDeclaration();

async function ec2Tags(clients: AwsClients, resourceId: string): Promise<Record<string, string>> {
  const found = await clients.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: "resource-id", Values: [resourceId] }] }));
  return Object.fromEntries((found.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
}

async function vpcTags(clients: AwsClients): Promise<Record<string, string>> {
  const vpcs = await clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "tag:okctl.io/cluster", Values: ["booking-dev"] }] }));
  return Object.fromEntries((vpcs.Vpcs?.[0]?.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
}

describe("repository identity", () => {
  it("after a rename plans only the name-tag update of each resource, applies it, then plans nothing", async () => {
    const clients = testClients();
    await applyExample(clients, declaration, ORIGINAL);

    const plan = await planFor(declaration, clients, RENAMED);
    expect(plan.errors).toEqual([]);
    expect(plan.conflicts).toEqual([]);
    const changed = plan.changes.filter((change) => change.action !== "no-op");
    expect(changed.length).toBe(plan.changes.length - 1); // every resource but the untaggable delegation record
    expect(plan.summary).toEqual({ create: 0, update: changed.length, replace: 0, delete: 0 });
    for (const change of changed) {
      expect(change.attributes, change.id).toEqual([
        { attribute: "tags", before: { [TAG_REPOSITORY]: ORIGINAL.name }, after: { [TAG_REPOSITORY]: RENAMED.name } },
      ]);
    }

    const result = await applyFor(plan, clients, { repositoryId: RENAMED.id });
    expect(result).toMatchObject({ outcome: "applied", ok: true });
    expect(await vpcTags(clients)).toMatchObject({ [TAG_REPOSITORY]: RENAMED.name, [TAG_REPOSITORY_ID]: RENAMED.id });
    // moto 5.2.1's DescribeLaunchTemplates returns the tags a template was created with (AWS returns
    // its current tags); what CreateTags wrote is seen through DescribeTags, as AWS would show it.
    const after = await planFor(declaration, clients, RENAMED);
    expect(pending(after).filter((change) => change.kind !== "launch-template")).toEqual([]);
    const template = after.changes.find((change) => change.kind === "launch-template")!;
    expect(await ec2Tags(clients, template.physicalId!)).toMatchObject({ [TAG_REPOSITORY]: RENAMED.name, [TAG_REPOSITORY_ID]: RENAMED.id });
  });

  it("a new repository that takes the old name owns nothing of the old one's: conflicts, no change, no deletion", async () => {
    const clients = testClients();
    await applyExample(clients, declaration, ORIGINAL);

    const mine = await planFor(declaration, clients, ORIGINAL);
    const plan = await planFor(declaration, clients, SUCCESSOR);
    expect(plan.changes).toEqual([]);
    expect(plan.conflicts).toHaveLength(mine.changes.length); // every resource, the delegation included
    expect(new Set(plan.conflicts.map((conflict) => conflict.ownerRepository))).toEqual(new Set(["oslokommune/booking (repository id 1001)"]));
    expect(plan.errors.length).toBeGreaterThan(0);
    expect((await planDeletionFor(declaration, clients, SUCCESSOR)).summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0 });
  });

  it("takes resources tagged before ids by their name tag (any case) while they carry no id tag, adds the id tag visibly, and leaves another name's alone", async () => {
    const clients = testClients();
    const applied = await applyExample(clients, declaration, ORIGINAL);
    const vpcId = applied.changes.find((change) => change.id === "vpc")!.physicalId!;
    // As okctl tagged before ids: the name tag only (on the VPC in another case, as GitHub allows), on every kind.
    await clients.ec2.send(new DeleteTagsCommand({ Resources: [vpcId], Tags: [{ Key: TAG_REPOSITORY_ID }] }));
    await clients.ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: TAG_REPOSITORY, Value: "OsloKommune/Booking" }] }));
    const eksKinds = new Set(["eks-cluster", "eks-nodegroup", "eks-access-entry", "eks-addon", "eks-pod-identity"]);
    const eksArns = applied.changes.filter((change) => eksKinds.has(change.kind)).map((change) => String(change.outputs?.arn));
    expect(eksArns.length).toBeGreaterThanOrEqual(eksKinds.size);
    for (const resourceArn of eksArns) await clients.eks.send(new UntagResourceCommand({ resourceArn, tagKeys: [TAG_REPOSITORY_ID] }));

    const plan = await planFor(declaration, clients, ORIGINAL);
    expect(plan.conflicts).toEqual([]);
    const updated = pending(plan);
    expect(new Set(updated.map((change) => change.kind))).toEqual(new Set(["vpc", ...eksKinds]));
    expect(updated).toHaveLength(eksArns.length + 1);
    for (const change of updated) {
      const before = change.kind === "vpc" ? { [TAG_REPOSITORY]: "OsloKommune/Booking", [TAG_REPOSITORY_ID]: null } : { [TAG_REPOSITORY_ID]: null };
      const after = change.kind === "vpc" ? { [TAG_REPOSITORY]: ORIGINAL.name, [TAG_REPOSITORY_ID]: ORIGINAL.id } : { [TAG_REPOSITORY_ID]: ORIGINAL.id };
      expect(change, change.id).toMatchObject({ action: "update", attributes: [{ attribute: "tags", before, after }] });
    }
    expect(await applyFor(plan, clients, { repositoryId: ORIGINAL.id })).toMatchObject({ outcome: "applied", ok: true });
    expect(await vpcTags(clients)).toMatchObject({ [TAG_REPOSITORY]: ORIGINAL.name, [TAG_REPOSITORY_ID]: ORIGINAL.id });
    for (const resourceArn of eksArns) expect((await clients.eks.send(new ListTagsForResourceCommand({ resourceArn }))).tags).toMatchObject({ [TAG_REPOSITORY_ID]: ORIGINAL.id });
    expect(pending(await planFor(declaration, clients, ORIGINAL))).toEqual([]);

    // Once it carries an id, the name no longer counts; without one, another name never did.
    await clients.ec2.send(new DeleteTagsCommand({ Resources: [vpcId], Tags: [{ Key: TAG_REPOSITORY_ID }] }));
    const other = await planFor(declaration, clients, { name: "oslokommune/other", id: "3003" });
    expect(other.conflicts.find((conflict) => conflict.id === "vpc")).toMatchObject({ physicalId: vpcId, ownerRepository: ORIGINAL.name });
    expect(other.changes).toEqual([]);
  });
});
