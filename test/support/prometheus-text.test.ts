import { describe, expect, it } from "vitest";
import { parsePrometheusText, sumByLabels } from "./prometheus-text.js";

const TEXT = `# HELP okctl_jobs Jobs in the store by kind and state.
# TYPE okctl_jobs gauge
okctl_jobs{kind="plan",state="completed"} 3
okctl_jobs{kind="plan",state="superseded"} 6
okctl_jobs{kind="apply",state="completed"} 1

okctl_job_duration_seconds_count{kind="plan",outcome="completed"} 3
okctl_job_duration_seconds_count{kind="plan",outcome="retry"} 2
okctl_store_up 1
okctl_webhook_deliveries_total{event="pull_request",outcome="say \\"hi\\", then go"} 4
`;

describe("parsePrometheusText", () => {
  it("reads every sample with its labels, leaving out comments and blank lines", () => {
    const samples = parsePrometheusText(TEXT);
    expect(samples).toHaveLength(7);
    expect(samples[0]).toEqual({ name: "okctl_jobs", labels: { kind: "plan", state: "completed" }, value: 3 });
    expect(samples.find((s) => s.name === "okctl_store_up")).toEqual({ name: "okctl_store_up", labels: {}, value: 1 });
    expect(samples.at(-1)?.labels).toEqual({ event: "pull_request", outcome: 'say "hi", then go' });
  });

  it("sums one metric by some of its labels", () => {
    const samples = parsePrometheusText(TEXT);
    expect(sumByLabels(samples, "okctl_jobs", ["state"])).toEqual({ completed: 4, superseded: 6 });
    expect(sumByLabels(samples, "okctl_job_duration_seconds_count", ["kind", "outcome"])).toEqual({ "plan completed": 3, "plan retry": 2 });
    expect(sumByLabels(samples, "okctl_missing", ["kind"])).toEqual({});
  });
});
