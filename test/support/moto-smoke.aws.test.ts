import { describe, expect, it } from "vitest";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { useMoto, TEST_ACCOUNT } from "./aws.js";

useMoto();

describe("the test moto server", () => {
  it("answers the AWS SDK through AWS_ENDPOINT_URL", async () => {
    const sts = new STSClient({});
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(TEST_ACCOUNT);
  });
});
