import { describe, expect, it } from "vitest";
import { driftReport } from "../drift/report.js";
import { exampleDeclaration, examplePlan, withProperties, without } from "../drift/testing.js";
import { renderDriftText } from "./drift-text.js";

const declaration = exampleDeclaration();

describe("renderDriftText", () => {
  it("says there is no drift in one line", () => {
    expect(renderDriftText(driftReport(examplePlan(), { declaration }), { declarationPath: "okctl.yaml" })).toBe(
      "No drift: AWS matches the declaration of booking-dev (okctl.yaml, account 123456789012, eu-west-1).\n",
    );
  });

  it("prints what differs, the values that would match AWS, what only applying brings back, and the plan", () => {
    const plan = examplePlan((actual) => {
      const subnets = actual.find((resource) => resource.id === "route-table/database")!.properties.subnetIds as string[];
      return without(withProperties(withProperties(actual, "eks-nodegroup/generic", { desiredSize: 5 }), "route-table/database", { subnetIds: subnets.slice(1) }), "parameter/app/log-level");
    });
    const cause = { kind: "apply-held" as const, pullRequest: { number: 7, url: "https://github.com/acme/booking/pull/7" } };
    const text = renderDriftText(driftReport(plan, { declaration, cause }), { declarationPath: "okctl.yaml" });
    expect(text).toMatchSnapshot();
    expect(text).not.toContain("\u001b[");
  });
});
