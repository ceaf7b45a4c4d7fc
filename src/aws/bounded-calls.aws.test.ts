// The AWS clients follow the running job (src/bounds/call-scope.ts): its abort signal reaches
// every call, and every answer counts as its progress. Against moto.
import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { useMoto } from "../../test/support/aws.js";
import { runInCallScope } from "../bounds/call-scope.js";
import { createAwsClients } from "./clients.js";

useMoto();

describe("AWS calls inside a job", () => {
  it("count as the job's progress when AWS answers, and are aborted with the job", async () => {
    const clients = createAwsClients({ region: "eu-west-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
    const controller = new AbortController();
    let progress = 0;
    await runInCallScope({ signal: controller.signal, progress: () => progress++ }, async () => {
      await clients.ec2.send(new DescribeVpcsCommand({}));
      expect(progress).toBe(1);
      controller.abort(new Error("deadline"));
      await expect(clients.ec2.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({ name: "AbortError" });
    });
    expect(progress).toBe(1);
    expect(clients.calls.byOperation.get("EC2.DescribeVpcs")).toBe(2);
  });
});
