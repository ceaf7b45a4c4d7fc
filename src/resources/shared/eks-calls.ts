// The EKS reads' common shape: a list paged by nextToken (bounded against a looping API, like EC2's
// describes) and a describe, each answering "nothing" when the cluster or the item is gone.
import { collectPages, type Page } from "../ec2/paginate.js";
import { isAwsError } from "./aws-errors.js";

/** Every item of an EKS list call; none when the cluster is gone (ResourceNotFoundException). */
export async function listEks<T>(what: string, fetchPage: (nextToken: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  try {
    return await collectPages(fetchPage, 1000, what);
  } catch (error) {
    if (isAwsError(error, "ResourceNotFoundException")) return [];
    throw error;
  }
}

/** An EKS describe's answer; undefined when the item or its cluster is gone (ResourceNotFoundException). */
export async function describeEks<T>(describe: () => Promise<T>): Promise<T | undefined> {
  try {
    return await describe();
  } catch (error) {
    if (isAwsError(error, "ResourceNotFoundException")) return undefined;
    throw error;
  }
}
