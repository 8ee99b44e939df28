// Accessibility, checked with a tool no one here wrote: axe-core (pinned in package.json) with the
// WCAG 2.2 AA rule set and best practices, on the story at several steps (opened by deep link,
// as a reader arriving from a shared link) and on every graphic's embed page, at phone and desktop
// size, light and dark. Any violation, of any impact, fails with the rule, the element and why.
//
// axe is injected with page.evaluate, which a strict CSP does not refuse (an inline <script>
// from addScriptTag would be refused, and the site is served here with the strict policy).
// Every step is checked (issue 13); A11Y_ALL=0 checks only each chapter's first and last, for a quick run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import * as h from "./lib/harness.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const CONFIGS = [
  ["phone", h.PHONE],
  ["desktop", h.DESKTOP],
].flatMap(([size, options]) => ["light", "dark"].map((scheme) => ({ name: `${size}-${scheme}`, options, scheme })));

const site = h.useSite();

/** Runs axe on the page as it is; returns its violations, one entry per rule and element. */
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.flatMap((v) =>
      v.nodes.map((n) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        target: n.target.join(" "),
        html: n.html.slice(0, 160),
        why: (n.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 300),
      })),
    );
  }, TAGS);
}

/** Violations grouped by rule and element, each with the places (config, page) it was found. */
class Findings {
  constructor() {
    this.map = new Map();
  }
  add(where, violations) {
    for (const v of violations) {
      const key = `${v.rule} ${v.target}`;
      if (!this.map.has(key)) this.map.set(key, { ...v, where: [] });
      this.map.get(key).where.push(where);
    }
  }
  report() {
    return [...this.map.values()].map(
      (v) =>
        `[${v.impact}] ${v.rule}: ${v.help}\n    on ${v.target}  ${v.html}\n    ${v.why}\n    at ${v.where.slice(0, 6).join(", ")}${v.where.length > 6 ? ` (+${v.where.length - 6} more)` : ""}`,
    );
  }
}

/** The steps to check: every step, or each chapter's first and last with A11Y_ALL=0. */
async function stepsToCheck(page) {
  const byChapter = await page.$$eval(".chapter", (chapters) =>
    chapters.map((c) => [...c.querySelectorAll(".step[data-step]")].map((s) => s.dataset.step)),
  );
  if (process.env.A11Y_ALL !== "0") return byChapter.flat();
  return [...new Set(byChapter.flatMap((ids) => (ids.length ? [ids[0], ids[ids.length - 1]] : [])))];
}

test("the story has no axe violations (WCAG 2.2 AA + best practice) at its steps, phone and desktop, light and dark", async () => {
  const found = new Findings();
  const pageErrors = [];
  for (const config of CONFIGS) {
    const { context, page, errors } = await h.openPage(site.browser, config.options);
    try {
      await page.emulateMedia({ colorScheme: config.scheme });
      await h.gotoReady(page, site.url);
      const steps = await stepsToCheck(page);
      assert.ok(steps.length > 1, `expected steps on the story page, found ${steps.length}`);
      // The page as a reader first sees it, then each step opened by its deep link.
      found.add(`${config.name} top`, await axe(page));
      for (const id of steps) {
        await h.gotoReady(page, `${site.url}#${id}`);
        await h.waitActive(page, id);
        found.add(`${config.name} #${id}`, await axe(page));
      }
      await h.screenshot(page, `a11y-story-${config.name}`);
      pageErrors.push(...errors.page);
    } finally {
      await context.close();
    }
  }
  const report = found.report();
  assert.deepEqual(report, [], `${report.length} axe violations on the story:\n${report.join("\n")}`);
  assert.deepEqual(pageErrors, [], "uncaught page errors");
});

test("every graphic's embed page has no axe violations, phone and desktop, light and dark", async () => {
  const graphics = readdirSync(join(h.DIST, "embed"))
    .filter((f) => f.endsWith(".html"))
    .map((f) => f.replace(/\.html$/, ""));
  assert.ok(graphics.length >= 5, `expected the graphics' embed pages in dist/embed/, found [${graphics}]`);
  const found = new Findings();
  for (const config of CONFIGS) {
    const { context, page } = await h.openPage(site.browser, config.options);
    try {
      await page.emulateMedia({ colorScheme: config.scheme });
      for (const g of graphics) {
        await h.gotoReady(page, `${site.url}embed.html?g=${g}`);
        found.add(`${config.name} embed.html?g=${g}`, await axe(page));
      }
      await h.screenshot(page, `a11y-embed-${config.name}`);
    } finally {
      await context.close();
    }
  }
  const report = found.report();
  assert.deepEqual(report, [], `${report.length} axe violations on the embed pages:\n${report.join("\n")}`);
});
