import { describe, expect, it } from "vitest";
import type { AccessEntry } from "../aws/access-config.js";
import { accessEntry } from "../aws/testing.js";
import { actual, desired, planOf } from "../plan/testing.js";
import type { Plan } from "../plan/types.js";
import { destroyDecision, nextStepsBeforeMerge } from "./destroy-policy.js";

function entry(allowDestroy: boolean): AccessEntry {
  return accessEntry({ repository: "acme/*", allowDestroy });
}

const LABEL = "okctl/allow-destroy";
const creates = planOf([desired("vpc", "vpc", { cidr: "10.0.0.0/16" })]);
const deletes = planOf([], [actual("subnet/old", "subnet", { cidr: "10.0.9.0/24" })]);
const replaces = planOf([desired("vpc", "vpc", { cidr: "10.0.0.0/16" })], [actual("vpc", "vpc", { cidr: "10.1.0.0/16" })]);
const withErrors: Plan = { ...creates, errors: ["EKS cannot be downgraded"] };
const unchanged = planOf([desired("vpc", "vpc", { cidr: "10.0.0.0/16" })], [actual("vpc", "vpc", { cidr: "10.0.0.0/16" })]);

describe("destroyDecision", () => {
  it("allows a plan that destroys nothing, whatever the entry and labels", () => {
    expect(destroyDecision(creates, entry(false), [])).toEqual({ allowed: true });
  });

  it.each([
    ["a delete", deletes],
    ["a replace", replaces],
  ])("needs both keys for %s: the entry's allowDestroy and the label", (_name, plan) => {
    expect(destroyDecision(plan, entry(true), [LABEL])).toEqual({ allowed: true });
    const noLabel = destroyDecision(plan, entry(true), ["other"]);
    expect(noLabel).toMatchObject({ allowed: false, why: "label-missing" });
    expect(noLabel.allowed === false && noLabel.message).toContain(`add the label and comment "/okctl apply"`);
    const forbidden = destroyDecision(plan, entry(false), [LABEL]);
    expect(forbidden).toMatchObject({ allowed: false, why: "entry-forbids" });
    expect(forbidden.allowed === false && forbidden.message).toContain("this repository's access entry does not allow destroy");
    expect(forbidden.allowed === false && forbidden.message).toContain("ask your platform team");
    expect(forbidden.allowed === false && forbidden.message).not.toContain("acme/*");
  });

  it("names the drift issue as what lacks the label when `/okctl apply` came from one", () => {
    const decision = destroyDecision(deletes, entry(true), [], "drift-issue");
    expect(decision.allowed === false && decision.message).toContain(`the drift issue does not carry the label "${LABEL}"`);
  });

  it("names the entry first when neither key is there: a label alone could not help", () => {
    expect(destroyDecision(deletes, entry(false), [])).toMatchObject({ allowed: false, why: "entry-forbids" });
  });
});

describe("nextStepsBeforeMerge", () => {
  it.each([
    ["creates", creates, true, [], { kind: "merge-to-apply", needsApproval: true }],
    ["no changes", unchanged, false, [], { kind: "no-changes" }],
    ["a delete without the label", deletes, true, [], { kind: "needs-label", label: LABEL }],
    ["a delete with the label", deletes, true, [LABEL], { kind: "merge-to-apply", needsApproval: true }],
    ["a delete the entry forbids", deletes, false, [LABEL], { kind: "not-allowed-to-destroy" }],
    ["errors", withErrors, true, [LABEL], { kind: "errors" }],
  ] as const)("%s", (_name, plan, allowDestroy, labels, expected) => {
    expect(nextStepsBeforeMerge(plan, entry(allowDestroy), labels)).toEqual(expected);
  });

  it("does not ask for an approval when the entry's applyRequires is none", () => {
    expect(nextStepsBeforeMerge(creates, { ...entry(false), applyRequires: "none" }, [])).toEqual({ kind: "merge-to-apply" });
  });
});
