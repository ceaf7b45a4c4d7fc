// Describing one resource by id: EC2 answers "not found" with an error, which here means absent.
import { isAwsError } from "../shared/aws-errors.js";

export async function undefinedIfNotFound<T>(notFound: readonly string[], describe: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await describe();
  } catch (error) {
    if (isAwsError(error, ...notFound)) return undefined;
    throw error;
  }
}
