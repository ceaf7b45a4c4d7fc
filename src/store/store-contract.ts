// The behaviour every Store implementation must have. An implementation's test file calls
// describeStoreContract with a factory; each test gets a fresh, empty store.
import { afterEach, describe } from "vitest";
import type { Store } from "./store.js";
import { fencingContract } from "./store-contract-fencing.js";
import { cacheContract } from "./store-contract-cache.js";
import { deliveriesTogetherContract } from "./store-contract-deliveries-together.js";
import { jobContract } from "./store-contract-jobs.js";
import { queueContract } from "./store-contract-queues.js";
import { recordContract } from "./store-contract-records.js";
import { retentionContract } from "./store-contract-retention.js";
import { statisticsContract } from "./store-contract-statistics.js";

export type MakeStore = () => Store | Promise<Store>;

export function describeStoreContract(name: string, makeStore: MakeStore): void {
  describe(`Store contract: ${name}`, () => {
    const opened: Store[] = [];
    const open = async (): Promise<Store> => {
      const store = await makeStore();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    jobContract(open);
    deliveriesTogetherContract(open);
    queueContract(open);
    recordContract(open);
    cacheContract(open);
    fencingContract(open);
    statisticsContract(open);
    retentionContract(open);
  });
}
