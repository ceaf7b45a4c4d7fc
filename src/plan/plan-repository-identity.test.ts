import { describe, expect, it } from "vitest";
import { isOwnedBy } from "./ownership.js";
import { actual, desired, planOf, TEST_REPOSITORY, TEST_REPOSITORY_ID } from "./testing.js";

const US = { id: TEST_REPOSITORY_ID, name: TEST_REPOSITORY };
const NAME = "okctl.io/repository";
const ID = "okctl.io/repository-id";

describe("isOwnedBy: the repository id decides; a name tag alone only for resources from before ids", () => {
  it("goes by the id when the resource has one, whatever its name tag says", () => {
    expect(isOwnedBy({ id: US.id, name: "acme/old-name" }, US)).toBe(true);
    expect(isOwnedBy({ id: "9999", name: US.name }, US)).toBe(false);
  });

  it("without an id, goes by the name tag, case-insensitively", () => {
    expect(isOwnedBy({ name: "ACME/Shop" }, US)).toBe(true);
    expect(isOwnedBy({ name: "acme/other" }, US)).toBe(false);
    expect(isOwnedBy(undefined, US)).toBe(false);
  });
});

describe("computePlan: repository identity", () => {
  const wanted = desired("vpc", "vpc", { cidr: "10.0.0.0/16" }, { tags: { [NAME]: TEST_REPOSITORY, [ID]: TEST_REPOSITORY_ID } });

  it("after a rename plans only the name tag update", () => {
    const found = actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { repository: "acme/old-name", tags: { [NAME]: "acme/old-name", [ID]: TEST_REPOSITORY_ID } });
    const plan = planOf([wanted], [{ ...found, repositoryId: TEST_REPOSITORY_ID }]);
    expect(plan.conflicts).toEqual([]);
    expect(plan.changes).toEqual([
      expect.objectContaining({ id: "vpc", action: "update", attributes: [{ attribute: "tags", before: { [NAME]: "acme/old-name" }, after: { [NAME]: TEST_REPOSITORY } }] }),
    ]);
  });

  it("gives a repository that took an old name nothing of the old one's", () => {
    const found = actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { physicalId: "vpc-1", tags: { [NAME]: TEST_REPOSITORY, [ID]: "77" } });
    const plan = planOf([wanted], [{ ...found, repositoryId: "77" }]);
    expect(plan.changes).toEqual([]);
    expect(plan.conflicts).toEqual([expect.objectContaining({ id: "vpc", physicalId: "vpc-1", ownerRepository: `${TEST_REPOSITORY} (repository id 77)` })]);
    expect(plan.errors[0]).toContain("belongs to the repository acme/shop (repository id 77)");
  });

  it("adopts a resource from before ids by its name tag (any case), planning the id tag visibly", () => {
    const found = actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { repository: "ACME/Shop", tags: { [NAME]: TEST_REPOSITORY } });
    const plan = planOf([wanted], [found]);
    expect(plan.changes).toEqual([
      expect.objectContaining({ action: "update", attributes: [{ attribute: "tags", before: { [ID]: null }, after: { [ID]: TEST_REPOSITORY_ID } }] }),
    ]);
  });

  it("says, in a note, which resources it takes by their name tag alone, so that a repository that took an old name can be stopped", () => {
    const found = actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { physicalId: "vpc-1", repository: "ACME/Shop", tags: { [NAME]: TEST_REPOSITORY } });
    const plan = planOf([wanted], [found]);
    expect(plan.notes).toEqual([
      {
        id: "ownership/name-tag-only",
        message: expect.stringMatching(/^1 resource carries only the repository name tag ACME\/Shop, from before okctl tagged repository ids \(vpc vpc-1\)\. .* tags them with its id \(\d+\)\. .*do not merge: ask your platform team\.$/),
      },
    ]);
    // Resources with the id tag need no such note.
    const tagged = actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { physicalId: "vpc-1", repositoryId: TEST_REPOSITORY_ID, tags: { [NAME]: TEST_REPOSITORY, [ID]: TEST_REPOSITORY_ID } });
    expect(planOf([wanted], [tagged]).notes).toEqual([]);
  });

  it("refuses to adopt a resource tagged with another repository's id, even under our name", () => {
    const candidate = actual("vpc", "vpc", { cidr: "10.0.0.0/16" }, { physicalId: "vpc-9", repositoryId: "77", tags: { [NAME]: TEST_REPOSITORY, [ID]: "77" } });
    const plan = planOf([wanted], [], { adoptions: [candidate] });
    expect(plan.errors).toEqual([expect.stringContaining(`can't adopt vpc vpc-9: it is tagged as owned by the repository ${TEST_REPOSITORY} (repository id 77)`)]);
  });
});
