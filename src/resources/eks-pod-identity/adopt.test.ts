import { describe, expect, it } from "vitest";
import { accessEntryAdoptId } from "../eks-access-entry/adopt.js";
import { addonAdoptId } from "../eks-addon/adopt.js";
import { podIdentityAdoptId } from "./adopt.js";

describe("the identifiers an adopt entry names EKS access entries, add-ons and pod identities by", () => {
  it("reads each form, on the declared cluster unless the id names one", () => {
    const role = "arn:aws:iam::123456789012:role/booking-admins";
    expect(accessEntryAdoptId(role, "booking-dev")).toEqual({ clusterName: "booking-dev", principalArn: role });
    expect(accessEntryAdoptId(`other/${role}`, "booking-dev")).toEqual({ clusterName: "other", principalArn: role });
    expect(accessEntryAdoptId("booking-admins", "booking-dev")).toBeUndefined();
    expect(addonAdoptId("coredns", "booking-dev")).toEqual({ clusterName: "booking-dev", addonName: "coredns" });
    expect(addonAdoptId("booking-dev/coredns", "x")).toEqual({ clusterName: "booking-dev", addonName: "coredns" });
    expect(podIdentityAdoptId("a-0123456789abcdefg", "booking-dev")).toEqual({ clusterName: "booking-dev", associationId: "a-0123456789abcdefg" });
    expect(podIdentityAdoptId("booking-dev/a-0123456789abcdefg", "booking-dev")).toEqual({ clusterName: "booking-dev", associationId: "a-0123456789abcdefg" });
    expect(podIdentityAdoptId("booking/api", "booking-dev")).toEqual({ clusterName: "booking-dev", namespace: "booking", serviceAccount: "api" });
    // A namespace named like an association id's cluster prefix is still a service account elsewhere.
    expect(podIdentityAdoptId("booking/a-0123456789abcdefg", "booking-dev")).toEqual({ clusterName: "booking-dev", namespace: "booking", serviceAccount: "a-0123456789abcdefg" });
    expect(podIdentityAdoptId("a/b/c", "booking-dev")).toBeUndefined();
  });
});
