// Fitting whole pieces (resources, steps) into a size budget: how many of them, from the start.
import { sizeOf } from "./escape.js";

/** How many leading chunks fit in `budget` bytes, each costing its size plus `separator` bytes. */
export function countFitting(chunks: readonly string[], budget: number, separator = 1): number {
  let left = budget;
  let kept = 0;
  for (const chunk of chunks) {
    const cost = sizeOf(chunk) + separator;
    if (cost > left) break;
    left -= cost;
    kept += 1;
  }
  return kept;
}
