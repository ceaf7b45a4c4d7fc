// metadata.region must be one of AWS's regions (the SDK's partition data), with a did-you-mean.
import { awsRegions } from "../aws-regions.js";
import { closestMatch } from "../did-you-mean.js";
import type { Problem } from "../problem.js";
import { field, problemAt, text, type Raw } from "./raw.js";

/** The schema's shape of a region code; other values are the schema's to report. */
const REGION_SHAPE = /^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$/;

export function regionRules(data: Raw): Problem[] {
  const region = text(field(data, "metadata", "region"));
  if (region === undefined || !REGION_SHAPE.test(region)) return [];
  const regions = awsRegions();
  if (regions.has(region)) return [];
  const suggestion = closestMatch(region, [...regions.keys()]);
  const hint = suggestion ? ` — did you mean ${suggestion} (${regions.get(suggestion)})?` : "";
  return [problemAt("/metadata/region", `metadata.region "${region}" is not an AWS region${hint}`)];
}
