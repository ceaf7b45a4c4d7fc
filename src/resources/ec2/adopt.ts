// Adopting EC2 resources: read one by its id (as the kind's read would, under the adopted logical
// id) and tag it with okctl's tags.
import { CreateTagsCommand, type Filter } from "@aws-sdk/client-ec2";
import { isAwsError } from "../shared/aws-errors.js";
import { toTagList } from "../shared/tags.js";
import type { ActualResource, AdoptionHandler, ReadContext } from "../types.js";

/** Reads resources matching `filters`, each under `adoptAs` when given (the kind's own read, parameterised). */
export type Ec2Reader = (ctx: ReadContext, filters: Filter[], adoptAs?: string) => Promise<ActualResource[]>;

/** An adoption handler for an EC2 kind whose describe call takes the filter `idFilter` (e.g. "vpc-id"). */
export function ec2Adoption(idFilter: string, readWith: Ec2Reader, notFound: readonly string[]): AdoptionHandler {
  return {
    async read(ctx, physicalId, id) {
      try {
        // Only the named one: a filter an API (or moto) ignores must not adopt something else.
        return (await readWith(ctx, [{ Name: idFilter, Values: [physicalId] }], id)).find((found) => found.physicalId === physicalId);
      } catch (error) {
        if (isAwsError(error, ...notFound)) return undefined;
        throw error;
      }
    },
    async tag(ctx, physicalId, tags) {
      await ctx.clients.ec2.send(new CreateTagsCommand({ Resources: [physicalId], Tags: toTagList(tags) }));
    },
  };
}
