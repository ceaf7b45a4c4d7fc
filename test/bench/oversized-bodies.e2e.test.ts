// `npm run bench oversized-bodies`, small (bench/oversized-bodies.ts): unsigned bodies over the
// 25 MB limit sent at once to the real server (dist/src/server.js, built by `npm test`), declaring
// their length and chunked.
import { beforeAll, describe, expect, it } from "vitest";
import { formatOversizedBodiesFigures, runOversizedBodiesBenchmark } from "../../bench/oversized-bodies.js";
import { SERVER_SCRIPT } from "../support/server-start.js";
import { requireBuilt } from "./smoke.js";

const MB = 1024 * 1024;

beforeAll(() => requireBuilt(SERVER_SCRIPT));

describe("runOversizedBodiesBenchmark", () => {
  it("smoke: every body is refused (413) or cut off, before the server reads it whole", async () => {
    const figures = await runOversizedBodiesBenchmark({ bodies: 2, bodyBytes: 40 * MB });
    expect(figures.rounds.map((round) => round.mode)).toEqual(["content-length", "chunked"]);
    for (const round of figures.rounds) {
      expect(round.statuses).toHaveLength(2);
      for (const status of round.statuses) expect([413, null]).toContain(status);
      expect(round.sentMb).toBeLessThan(2 * 40);
    }
    expect(figures.rssBeforeMb).toBeGreaterThan(0);
    expect(formatOversizedBodiesFigures(figures)).toContain("2 × 40 MB unsigned bodies at once");
  });
});
