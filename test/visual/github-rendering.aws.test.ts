/// <reference lib="dom" />
// (The callbacks given to page.evaluate run in Chromium's page, not in Node: they use the DOM's
// names. The reference is for the type check of the tests only (tsconfig.test.json); the build
// does not include test files.)
// What a reviewer sees: okctl's comments rendered to HTML as GitHub renders them (GitHub-flavoured
// Markdown, alerts, <details>, the Mermaid graph drawn by the mermaid library), loaded in headless
// Chromium and checked the way a person would look at them. The plans are real: planned and applied
// against moto. Screenshots are kept in test-results/visual/ for a person to look at.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApplyProgress } from "../../src/app/apply-progress.js";
import { renderApplyResultComment, renderPlanComment } from "../../src/render/markdown.js";
import type { Plan } from "../../src/plan/types.js";
import { useMoto } from "../support/aws.js";
import { launchChromium } from "../support/chromium.js";
import { fullDeclaration } from "../support/declarations.js";
import { applyFor, planFor, testClients } from "../support/engine.js";
import { githubCommentPage } from "../support/github-html.js";
import { planCost } from "../../src/cost/plan-cost.js";
import { createPricingClient, memoryPriceCache, priceReader } from "../../src/aws/pricing.js";

useMoto();

const ROOT = new URL("../../", import.meta.url).pathname;
export const SCREENSHOTS = join(ROOT, "test-results/visual");
const MERMAID = join(ROOT, "node_modules/mermaid/dist/mermaid.min.js");
const commit = { sha: "0123456789abcdef0123456789abcdef01234567", kind: "test-merge" } as const;
const mergeCommit = { sha: "89abcdef0123456789abcdef0123456701234567", kind: "merge" } as const;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

interface Looked {
  page: Page;
  /** The text a reviewer sees with every fold closed, and with every fold open. */
  closedText: string;
  openText: string;
  mermaidErrors: string[];
  diagrams: number;
  /** The smallest diagram label as drawn at comment width, in CSS pixels (Infinity without a diagram). */
  smallestDiagramTextPx: number;
  /** Code blocks whose lines run off the right edge (a horizontal scroll bar). */
  overflowingBlocks: number;
}

/** Renders `markdown` as GitHub would, draws its diagrams, takes screenshots closed and open. */
async function look(markdown: string, name: string): Promise<Looked> {
  const page = await browser.newPage({ viewport: { width: 920, height: 900 } });
  writeFileSync(join(SCREENSHOTS, `${name}.md`), markdown);
  const html = githubCommentPage(markdown, name);
  writeFileSync(join(SCREENSHOTS, `${name}.html`), html);
  await page.setContent(html);
  await page.addScriptTag({ path: MERMAID });
  const mermaidErrors = await page.evaluate(async () => {
    const errors: string[] = [];
    const mermaid = (window as unknown as { mermaid: { initialize(o: object): void; parse(t: string): Promise<unknown>; run(o: object): Promise<void> } }).mermaid;
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    for (const block of Array.from(document.querySelectorAll("pre.mermaid"))) {
      try { await mermaid.parse(block.textContent ?? ""); } catch (error) { errors.push(String(error)); }
    }
    try { await mermaid.run({ querySelector: "pre.mermaid" }); } catch (error) { errors.push(String(error)); }
    return errors;
  });
  const closedText = await page.locator("#comment").innerText();
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-closed.png`), fullPage: true });
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => d.setAttribute("open", "")));
  const openText = await page.locator("#comment").innerText();
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-open.png`), fullPage: true });
  const diagrams = await page.locator("pre.mermaid svg").count();
  const { smallestDiagramTextPx, overflowingBlocks } = await page.evaluate(() => {
    let smallest = Number.POSITIVE_INFINITY;
    for (const svg of Array.from(document.querySelectorAll("pre.mermaid svg")) as SVGSVGElement[]) {
      const scale = svg.getBoundingClientRect().width / (svg.viewBox.baseVal?.width || svg.getBoundingClientRect().width);
      for (const label of Array.from(svg.querySelectorAll(".nodeLabel, text"))) {
        if (!label.textContent?.trim()) continue;
        smallest = Math.min(smallest, parseFloat(getComputedStyle(label).fontSize) * scale);
      }
    }
    const overflowing = Array.from(document.querySelectorAll("pre:not(.mermaid)")).filter((pre) => pre.scrollWidth > pre.clientWidth + 1).length;
    return { smallestDiagramTextPx: smallest, overflowingBlocks: overflowing };
  });
  return { page, closedText, openText, mermaidErrors, diagrams, smallestDiagramTextPx, overflowingBlocks };
}

/** Literal escapes a reader should never see: "\n", and Markdown backslash escapes left visible. */
function visibleEscapes(text: string): string[] {
  return [...text.matchAll(/\\n|\\[-_*`#|.!()[\]{}<>+]/g)].map((m) => m[0]);
}

async function expectReadable(looked: Looked): Promise<void> {
  expect(visibleEscapes(looked.closedText)).toEqual([]);
  expect(visibleEscapes(looked.openText)).toEqual([]);
  expect(looked.mermaidErrors).toEqual([]);
  expect(looked.openText).not.toMatch(/Syntax error in text/);
  // A diagram is either readable at comment width or not drawn at all; no line runs off the edge.
  expect(looked.smallestDiagramTextPx).toBeGreaterThanOrEqual(11);
  expect(looked.overflowingBlocks).toBe(0);
}

describe("okctl's comments as GitHub shows them", () => {
  let firstPlan: Plan;

  it("the full example's first plan: summary visible without unfolding, readable, the graph drawn", async () => {
    const clients = testClients();
    firstPlan = await planFor(fullDeclaration(), clients);
    // The cost from the Price List stand-in the test run starts (AWS_ENDPOINT_URL_PRICING).
    const cost = await planCost(firstPlan, priceReader({ client: createPricingClient(), cache: memoryPriceCache(), now: () => new Date() }));
    expect(cost.available).toBe(true);
    const { body } = renderPlanComment({ plan: firstPlan, declarationPath: "clusters/dev/okctl.yaml", commit, nextSteps: { kind: "merge-to-apply" }, cost });
    const looked = await look(body, "first-plan");
    const summary = looked.page.getByText(/^Plan: \d+ to create, 0 to update, 0 to replace, 0 to destroy\.$/);
    await expect(summary.isVisible()).resolves.toBe(true);
    const box = await summary.boundingBox();
    expect(box!.y).toBeLessThan(900); // on the first screen
    const costLine = looked.page.getByText(/Cost: \$0 → \$\d+ per month \(\+\$\d+\)/).first();
    await expect(costLine.isVisible()).resolves.toBe(true);
    expect((await costLine.boundingBox())!.y).toBeLessThan(900);
    // 30 new resources cannot be drawn readably at comment width: left out, and said so.
    expect(body.includes("```mermaid") || /dependency graph is left out/i.test(looked.closedText)).toBe(true);
    expect(looked.closedText).toMatch(/booking-dev/);
    await expectReadable(looked);
    if (body.includes("```mermaid")) expect(looked.diagrams).toBeGreaterThan(0);
    await looked.page.close();
  });

  it("an apply result: headline visible, steps readable", async () => {
    const clients = testClients();
    const plan = firstPlan ?? (await planFor(fullDeclaration(), clients));
    const progress = new ApplyProgress(plan, async () => {}, 60_000);
    const result = await applyFor(plan, clients, { onEvent: (event) => progress.onEvent(event) });
    expect(result.outcome).toBe("applied");
    const { body } = renderApplyResultComment({ plan, declarationPath: "clusters/dev/okctl.yaml", commit: mergeCommit, steps: progress.list(), durationMs: 95_000 });
    const looked = await look(body, "apply-result");
    await expect(looked.page.getByText(/^Applied in 1 min 35 s/).first().isVisible()).resolves.toBe(true);
    await expectReadable(looked);
    await looked.page.close();
  });

  it("a destructive plan: the caution visible first, readable, the graph drawn", async () => {
    const clients = testClients();
    const declaration = fullDeclaration();
    const applied = await applyFor(await planFor(declaration, clients), clients);
    expect(applied.outcome).toBe("applied");
    // A parameter removed, the certificate's name changed (a replacement): a graph small enough to draw.
    const changed = fullDeclaration({
      certificates: [{ domain: "api.booking-dev.oslo.systems", subjectAlternativeNames: [] }],
      parameters: declaration.parameters.filter((p) => p.name !== "app/log-level"),
    });
    const plan = await planFor(changed, clients);
    expect(plan.summary.replace + plan.summary.delete).toBeGreaterThan(0);
    const { body } = renderPlanComment({ plan, declarationPath: "clusters/dev/okctl.yaml", commit, nextSteps: { kind: "needs-label" } });
    const looked = await look(body, "destructive-plan");
    const caution = looked.page.locator(".markdown-alert-caution").first();
    await expect(caution.isVisible()).resolves.toBe(true);
    expect(await caution.innerText()).toMatch(/destroy|replace/i);
    await expectReadable(looked);
    expect(body).toContain("```mermaid");
    expect(looked.diagrams).toBe(1);
    await looked.page.close();
  });

  it("the checks are real: a literal \\n and a broken graph are caught", async () => {
    const looked = await look("Add NS records:\\nns-1.example.net\n\n```mermaid\nflowchart LR\n  a[[[broken\n```\n", "self-check");
    expect(visibleEscapes(looked.closedText)).toEqual(["\\n"]);
    expect(looked.mermaidErrors.length).toBeGreaterThan(0);
    const crowded = await look(`\`\`\`diff\n+ ${"tags: x ".repeat(40)}\n\`\`\`\n\n\`\`\`mermaid\nflowchart LR\n${Array.from({ length: 40 }, (_, i) => `  n${i}[node ${i}] --> n${i + 1}[node ${i + 1}]`).join("\n")}\n\`\`\`\n`, "self-check-crowded");
    expect(crowded.overflowingBlocks).toBe(1);
    expect(crowded.smallestDiagramTextPx).toBeLessThan(11);
    await crowded.page.close();
    await looked.page.close();
  });
});
