import { describe, expect, it } from "vitest";
import { asJobFailure, failureKind, failureText, goneFromGitHub, goneText, installationGone, JobFailure } from "./job-failure.js";

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

describe("what GitHub no longer has for the app", () => {
  /** Octokit's error for an answer of GitHub's API (every one carries a request id). */
  const httpError = (status: number, headers: Record<string, string> = { "x-github-request-id": "C0DE:1F2E:3D4C:5B6A:7988" }) =>
    Object.assign(new Error("Not Found - https://docs.github.com/rest"), { name: "HttpError", status, response: { status, url: "", headers, data: {} } });

  it("is GitHub's 404 or 410, not its other answers nor a 404 from elsewhere", () => {
    expect([404, 410, 401, 403, 422, 500, 502].map((status) => goneFromGitHub(httpError(status)))).toEqual([true, true, false, false, false, false, false]);
    // Something else at GHE_HOST's address (a proxy, a misrouted host): no GitHub request id.
    expect(goneFromGitHub(httpError(404, { "content-type": "text/html" }))).toBe(false);
    const awsNotFound = Object.assign(new Error("not found"), { name: "NotFoundException", status: 404, $metadata: { httpStatusCode: 404 } });
    expect(goneFromGitHub(awsNotFound)).toBe(false);
    expect(goneFromGitHub(new Error("404"))).toBe(false);
  });

  it("is an uninstalled app when the installation's access token is refused with 404", () => {
    const at = (status: number, url: string) => Object.assign(httpError(status), { request: { method: "POST", url, headers: {} } });
    expect(installationGone(at(404, "https://api.github.com/app/installations/12/access_tokens"))).toBe(true);
    expect(installationGone(at(404, "http://127.0.0.1:1/api/v3/app/installations/12/access_tokens"))).toBe(true);
    expect(installationGone(at(401, "https://api.github.com/app/installations/12/access_tokens"))).toBe(false);
    expect(installationGone(at(404, "https://api.github.com/repos/o/r/pulls/1"))).toBe(false);
    expect(installationGone(httpError(404))).toBe(false);
    const notGitHub = Object.assign(httpError(404, {}), { request: { method: "POST", url: "https://github.example.org/api/v3/app/installations/12/access_tokens", headers: {} } });
    expect(installationGone(notGitHub)).toBe(false);
  });

  it("says what is gone and that asking again cannot help", () => {
    expect(goneText(httpError(404))).toBe("GitHub answered 404 (Not Found - https://docs.github.com/rest): the installation, repository or pull request is gone or not shared with the app; asking again cannot help. " +
      "If it is there, check GHE_HOST and that the app's installation has access to the repository, then `okctl jobs retry` this job");
  });
});
