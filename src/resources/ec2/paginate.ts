// Collects every page of an EC2 describe call.

export interface Page<T> {
  items: readonly T[] | undefined;
  nextToken: string | undefined;
}

/** Calls `fetchPage` with each NextToken until there is none; bounded against a looping API (`what` names the call in the error). */
export async function collectPages<T>(fetchPage: (nextToken: string | undefined) => Promise<Page<T>>, maxPages = 1000, what = "EC2 describe"): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const { items, nextToken } = await fetchPage(token);
    all.push(...(items ?? []));
    if (!nextToken) return all;
    token = nextToken;
  }
  throw new Error(`${what} returned more than ${maxPages} pages; giving up`);
}
