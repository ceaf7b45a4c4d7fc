import { describe, expect, it } from "vitest";
import { listActiveInstallations, MAX_INSTALLATIONS } from "./repositories.js";
import type { Octokit } from "./types.js";

/** An app octokit whose installation listing has `pages` pages of 100, counting the pages read. */
function appOctokit(pages: number, suspended: (id: number) => boolean = () => false) {
  let read = 0;
  const octokit = {
    rest: { apps: { listInstallations: {} } },
    paginate: {
      iterator: async function* () {
        for (let page = 0; page < pages; page++) {
          read++;
          yield { data: Array.from({ length: 100 }, (_, index) => ({ id: page * 100 + index + 1, suspended_at: suspended(page * 100 + index + 1) ? "2026-11-01T00:00:00Z" : null })) };
        }
      },
    },
  };
  // Only what listActiveInstallations touches is faked.
  return { octokit: octokit as unknown as Octokit, pagesRead: () => read };
}

describe("listActiveInstallations", () => {
  it("leaves suspended installations out", async () => {
    const { octokit } = appOctokit(1, (id) => id % 2 === 0);
    const ids = await listActiveInstallations(octokit);
    expect(ids).toHaveLength(50);
    expect(ids.every((id) => id % 2 === 1)).toBe(true);
  });

  it("stops reading pages at the bound", async () => {
    const { octokit, pagesRead } = appOctokit(MAX_INSTALLATIONS / 100 + 20);
    expect(await listActiveInstallations(octokit)).toHaveLength(MAX_INSTALLATIONS);
    expect(pagesRead()).toBe(MAX_INSTALLATIONS / 100);
  });
});
