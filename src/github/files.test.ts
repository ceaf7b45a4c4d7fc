import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { fetchFile, NotAFileError } from "./files.js";
import { API, testOctokit } from "./testing.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

const input = { owner: "acme", repo: "shop", path: "clusters/dev/okctl.yaml", ref: "abc123" };
const contentPath = "/repos/acme/shop/contents/clusters%2Fdev%2Fokctl.yaml";

describe("fetchFile", () => {
  it("returns the raw bytes, asked for with the raw media type", async () => {
    const bytes = Buffer.from("\ufeffapiVersion: okctl.io/v1alpha1\nkind: Cluster # é\n", "utf8");
    const scope = nock(API, { reqheaders: { accept: "application/vnd.github.v3.raw" } })
      .get(contentPath).query({ ref: "abc123" })
      .reply(200, bytes, { "content-type": "application/vnd.github.raw; charset=utf-8", "content-length": String(bytes.length) });
    const result = await fetchFile(testOctokit(), input);
    expect(result).toEqual({ content: new Uint8Array(bytes) });
    scope.done();
  });

  it("says missing on 404", async () => {
    const scope = nock(API).get(contentPath).query({ ref: "abc123" }).reply(404, { message: "Not Found" });
    expect(await fetchFile(testOctokit(), input)).toEqual({ missing: true });
    scope.done();
  });

  it("refuses a file larger than the limit", async () => {
    const big = Buffer.alloc(2048, 0x61);
    const scope = nock(API).get(contentPath).query({ ref: "abc123" }).reply(200, big, { "content-type": "application/vnd.github.raw" });
    expect(await fetchFile(testOctokit(), { ...input, maxBytes: 1024 })).toEqual({ tooLarge: true, size: 2048 });
    scope.done();
  });

  it("refuses a folder", async () => {
    const scope = nock(API).get(contentPath).query({ ref: "abc123" }).reply(200, [{ name: "x", type: "file" }], { "content-type": "application/json; charset=utf-8" });
    await expect(fetchFile(testOctokit(), input)).rejects.toBeInstanceOf(NotAFileError);
    scope.done();
  });

  it("passes other errors on", async () => {
    const scope = nock(API).get(contentPath).query({ ref: "abc123" }).reply(500, { message: "boom" });
    await expect(fetchFile(testOctokit(), input)).rejects.toMatchObject({ status: 500 });
    scope.done();
  });
});
