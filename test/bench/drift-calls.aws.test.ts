// `npm run bench drift-calls`, small (bench/drift-calls.ts), on this worker's moto server: the full
// example applied, then four drift rounds through the app's own drift jobs with a counting GitHub.
import { describe, expect, it } from "vitest";
import { formatDriftCallsFigures, runDriftCallsBenchmark } from "../../bench/drift-calls.js";
import { useMoto } from "../support/aws.js";

const { endpoint } = useMoto();

describe("runDriftCallsBenchmark", () => {
  it("smoke: every round planned through the repository's role (not refused), found no drift, then the hand change, and published it", async () => {
    const figures = await runDriftCallsBenchmark({ endpoint });
    expect(figures.noChangePlanAwsCalls).toBeGreaterThan(0);
    expect(figures.rounds.map((round) => round.outcome)).toEqual(["no-drift", "no-drift", "drift (issue created)", "drift (issue updated)"]);
    for (const round of figures.rounds) {
      expect(round.aws, `${round.round}: the plan made no AWS call`).toBeGreaterThan(0);
      expect(round.github).toContain("GET /repos/{o}/{r}/contents/okctl.yaml");
      expect(round.github.filter((call) => call === "POST /repos/{o}/{r}/check-runs")).toHaveLength(1);
    }
    expect(formatDriftCallsFigures(figures)).toContain("first round, no drift: no-drift");
  }, 120_000);
});
