import { AssumeRoleCommand, type STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it, vi } from "vitest";
import { assumeRepositoryRole } from "./credentials.js";
import { accessEntry } from "./testing.js";

const entry = accessEntry({ repository: "acme/*", externalId: "ext-1" });

/** An STS client whose AssumeRole is refused, as AWS refuses a role that does not trust okctl. */
function refusingSts() {
  const send = vi.fn(async (command: unknown) => {
    expect(command).toBeInstanceOf(AssumeRoleCommand);
    throw Object.assign(new Error("User: arn:aws:iam::999999999999:user/okctl is not authorized to perform: sts:AssumeRole"), {
      name: "AccessDenied",
    });
  });
  return { send } as unknown as STSClient & { send: typeof send };
}

describe("assumeRepositoryRole failures", () => {
  it("reports a refused AssumeRole with AWS's reason and what the administrator should check", async () => {
    const sts = refusingSts();
    const result = await assumeRepositoryRole({ entry, repository: "acme/app", repositoryId: "42", runId: "1", accountId: "123456789012", region: "eu-west-1", stsClient: sts });
    expect(sts.send).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ ok: false, reason: "assume-role-failed" });
    if (result.ok) return;
    expect(result.message).toContain("could not assume role arn:aws:iam::123456789012:role/okctl-deploy for acme/app (AccessDenied: User:");
    expect(result.message).toContain("sts:AssumeRole and sts:TagSession with the configured external id");
  });

  it("reports AssumeRole answering without credentials", async () => {
    const sts = { send: vi.fn(async () => ({})) } as unknown as STSClient;
    const result = await assumeRepositoryRole({ entry, repository: "acme/app", repositoryId: "42", runId: "1", accountId: "123456789012", region: "eu-west-1", stsClient: sts });
    expect(result).toMatchObject({ ok: false, reason: "assume-role-failed", message: expect.stringContaining("AssumeRole returned no credentials") });
  });
});
