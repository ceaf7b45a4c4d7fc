import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { driftReport } from "../drift/report.js";
import { exampleDeclaration, examplePlan, withProperties, without } from "../drift/testing.js";
import type { DriftCause } from "../drift/types.js";
import type { ActualResource } from "../resources/types.js";
import { DRIFT_CHECK_NAME, renderDriftCheckRunOutput, renderDriftClearedComment, renderDriftIssue } from "./drift-markdown.js";
import { findMarker } from "./marker.js";
import { sampleCost } from "./testing.js";
import { sizeOf } from "./escape.js";

const declaration = exampleDeclaration();
const commit = { sha: "0123456789abcdef0123456789abcdef01234567", kind: "default-branch" as const };
const context = { declarationPath: "clusters/dev/okctl.yaml", commit, checkedAt: "2026-11-30 12:00 UTC" };

function handChanges(actual: ActualResource[]): ActualResource[] {
  let changed = withProperties(actual, "eks-nodegroup/generic", { desiredSize: 5 });
  changed = withProperties(changed, "parameter/app/log-level", { value: "debug" });
  const subnets = changed.find((resource) => resource.id === "route-table/public")!.properties.subnetIds as string[];
  changed = withProperties(changed, "route-table/public", { subnetIds: subnets.slice(1) });
  return without(changed, "parameter/argocd/client_secret");
}

const source = readFileSync(new URL("../../examples/okctl.yaml", import.meta.url), "utf8");
const drifted = () => driftReport(examplePlan(handChanges), { declaration, source });
const cause: DriftCause = { kind: "apply-failed", pullRequest: { number: 12, url: "https://github.com/acme/booking/pull/12", title: "Scale up" }, commitSha: "fedcba9876543210", detail: "eks-nodegroup/generic: timed out after 30m" };

describe("the drift issue", () => {
  it("is titled per cluster and declaration, and shows what differs, the values that would match AWS, the plan as on a pull request, and what to do", () => {
    const { title, body, truncated } = renderDriftIssue({ report: drifted(), ...context, cost: sampleCost() });
    expect(title).toBe("okctl: drift in booking-dev (clusters/dev/okctl.yaml)");
    expect(truncated).toBe(false);
    expect(findMarker(body)).toEqual({ kind: "drift", path: "clusters/dev/okctl.yaml" });
    expect(body).toContain("| `eks-nodegroup/generic` | `desiredSize` | `2` | `5` |");
    expect(body).toContain("| `parameter/argocd/client_secret` | | declared | **missing** (deleted?) |");
    expect(body).toContain("- `eks.nodeGroups[0].desiredSize` (line 30): `5` (now `2`)");
    expect(body).toContain("- remove `parameters[0]` (line 59: `name: argocd/client_secret`)");
    expect(body).toContain("- `parameters[1].value` (line 64): `\"debug\"` (now `\"info\"`)");
    expect(body).toContain("changed outside okctl");
    expect(body).toContain("**Cost:**");
    expect(body).toMatchSnapshot();
  });

  it("names the unapplied merge as the cause instead of blaming hand changes", () => {
    const { body } = renderDriftIssue({ report: driftReport(examplePlan(handChanges), { declaration, cause }), ...context });
    expect(body).toContain("**Drift from an unapplied merge:**");
    expect(body).toContain("[#12](https://github.com/acme/booking/pull/12) (Scale up) (merge commit `fedcba9`) was merged, but applying it failed.");
    expect(body).not.toContain("changed outside okctl");
  });

  it("says how to apply a held merge", () => {
    const held: DriftCause = { kind: "apply-held", pullRequest: { number: 7, url: "https://github.com/acme/booking/pull/7" } };
    const { body } = renderDriftIssue({ report: driftReport(examplePlan(handChanges), { declaration, cause: held }), ...context });
    expect(body).toContain("comment `/okctl apply` on pull request #7");
  });

  it("names a merge whose apply is still being retried, with its error and the next try", () => {
    const retrying: DriftCause = { kind: "apply-retrying", pullRequest: { number: 8, url: "https://github.com/acme/booking/pull/8" }, commitSha: "0011223344556677", detail: "aws: Throttling: Rate exceeded", retryAt: "2026-12-07T08:30:12.000Z" };
    const { body } = renderDriftIssue({ report: driftReport(examplePlan(handChanges), { declaration, cause: retrying }), ...context });
    expect(body).toContain("**Drift from an unapplied merge:**");
    expect(body).toContain("[#8](https://github.com/acme/booking/pull/8) (merge commit `0011223`) was merged, but applying it has failed so far; okctl keeps trying. aws: Throttling: Rate exceeded Next try: 2026\\-12\\-07 08:30 UTC.");
    expect(body).toContain("okctl tries the apply of pull request #8 again by itself");
    expect(body).not.toContain("changed outside okctl");
  });

  it("asks for the destroy label only when applying destroys or replaces", () => {
    expect(renderDriftIssue({ report: drifted(), ...context }).body).not.toContain("okctl/allow-destroy");
    const extra = (actual: ActualResource[]) => [...actual, { ...actual.find((resource) => resource.id === "parameter/app/log-level")!, id: "parameter/old", physicalId: "/okctl/booking-dev/old", properties: { name: "/okctl/booking-dev/old", type: "String", value: "x", description: null } }];
    const { body } = renderDriftIssue({ report: driftReport(examplePlan(extra), { declaration }), ...context });
    expect(body).toContain("`okctl/allow-destroy`");
    expect(body).toContain("- add to `parameters`: `{\"name\":\"old\",\"type\":\"String\",\"value\":\"x\"}`");
  });

  it("keeps hostile values and links inside their Markdown", () => {
    const evil = "x`|</details>\n@everyone <script>";
    const report = driftReport(examplePlan((actual) => withProperties(actual, "parameter/app/log-level", { value: evil })), {
      declaration,
      cause: { kind: "not-applied", pullRequest: { number: 3, url: "javascript:alert(1)", title: evil } },
    });
    const { body } = renderDriftIssue({ report, ...context });
    // In code, with the table's cell separator escaped; the title as text; no link to a non-https URL.
    expect(body).toContain('| `parameter/app/log-level` | `value` | `"info"` | ``"x`\\|</details>\\n@everyone <script>"`` |');
    expect(body).toContain("Pull request #3 (x\\`\\|&lt;/details&gt;\\\\n@\u200beveryone &lt;script&gt;) was merged");
    expect(body).not.toContain("](javascript:");
  });

  it("fits GitHub's limit, cutting the changes the way a plan comment does", () => {
    const many = (actual: ActualResource[]) => {
      const template = actual.find((resource) => resource.id === "parameter/app/log-level")!;
      const extras = Array.from({ length: 400 }, (_, index) => ({ ...template, id: `parameter/p${index}`, physicalId: `/okctl/booking-dev/p${index}`, properties: { name: `/okctl/booking-dev/p${index}`, type: "String", value: "v".repeat(200), description: null } }));
      return [...actual, ...extras];
    };
    const { body, truncated } = renderDriftIssue({ report: driftReport(examplePlan(many), { declaration }), ...context, maxLength: 20000 });
    expect(truncated).toBe(true);
    expect(sizeOf(body)).toBeLessThanOrEqual(20000);
    expect(body).toContain("`okctl drift` check run");
    expect(body).toContain("… and 360 more values");
  });

  it("is closed with a comment saying where AWS matched again", () => {
    expect(renderDriftClearedComment(context)).toContain("**No drift any more:** a check at `0123456` (the head of the default branch) found that AWS matches `clusters/dev/okctl.yaml` as merged.");
  });
});

describe(`the ${DRIFT_CHECK_NAME} check run`, () => {
  it("says there is no drift when AWS matches", () => {
    const output = renderDriftCheckRunOutput({ report: driftReport(examplePlan(), { declaration }), ...context });
    expect(output.title).toBe("No drift: AWS matches the declaration");
    expect(output.summary).toContain("**No drift:**");
    expect(output.text).toBeUndefined();
  });

  it("carries the drift sections in its summary and the changes in its text", () => {
    const output = renderDriftCheckRunOutput({ report: driftReport(examplePlan(handChanges), { declaration, cause }), ...context, issueUrl: "https://github.com/acme/booking/issues/9" });
    expect(output.title).toBe("Drift from pull request #12: 4 resources differ from the declaration");
    expect(output.summary).toContain("[the drift issue](https://github.com/acme/booking/issues/9)");
    expect(output.summary).toContain("- `eks.nodeGroups[0].desiredSize`: `5` (now `2`)");
    expect(output.text).toContain("!     desiredSize: 5 → 2");
    expect(output.text).toContain('+ create parameter "parameter/argocd/client_secret"');
  });
});
