import { describe, expect, it } from "vitest";
import { asJobFailure, failureKind, failureText, JobFailure } from "./job-failure.js";

describe("failure kinds", () => {
  it("tells apart AWS refused, GitHub unreachable and access configuration", () => {
    // What Octokit throws (RequestError, named "HttpError"), for a 5xx or when GitHub cannot be reached.
    const github = Object.assign(new Error("Server Error"), { name: "HttpError", status: 502 });
    const aws = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", $fault: "client", $metadata: { httpStatusCode: 400 } });
    const access = new JobFailure("access", "okctl could not assume role arn:aws:iam::1:role/x");
    expect([failureKind(github), failureKind(aws), failureKind(access), failureKind(new Error("bug"))]).toEqual(["github", "aws", "access", "other"]);
    expect(failureText(github)).toBe("GitHub unreachable: Server Error");
    expect(failureText(aws)).toBe("AWS refused: Rate exceeded");
    expect(failureText(access)).toBe("access configuration: okctl could not assume role arn:aws:iam::1:role/x");
    // Recorded by the worker as "<name>: <message>".
    const recorded = asJobFailure(aws);
    expect(`${recorded.name}: ${recorded.message}`).toBe("AWS refused: Rate exceeded");
  });
});
