// AWS's published list of regions: the partition data the AWS SDK itself resolves endpoints with
// (@aws-sdk/core's util-endpoints partitions). Read once from the installed SDK, never hand-made.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

interface PartitionsInfo {
  partitions: { id: string; regions: Record<string, { description?: string }> }[];
}

/** Where @aws-sdk/core keeps the partition data (an ES module holding one JSON literal). */
const PARTITIONS_FILE = "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js";

function readPartitions(): PartitionsInfo {
  const root = dirname(createRequire(import.meta.url).resolve("@aws-sdk/core/package.json"));
  const source = readFileSync(join(root, PARTITIONS_FILE), "utf8");
  const start = source.indexOf("{");
  const end = source.lastIndexOf("}");
  return JSON.parse(source.slice(start, end + 1)) as PartitionsInfo;
}

let cached: ReadonlyMap<string, string> | undefined;

/** Every region code of every AWS partition, with its description ("Europe (Ireland)"). */
export function awsRegions(): ReadonlyMap<string, string> {
  if (!cached) {
    const regions = new Map<string, string>();
    for (const partition of readPartitions().partitions) {
      for (const [code, data] of Object.entries(partition.regions)) {
        // "aws-global" and the like name endpoints, not places a cluster can be in.
        if (/-\d+$/.test(code)) regions.set(code, data.description ?? code);
      }
    }
    cached = regions;
  }
  return cached;
}
