// 1. The page loads cleanly and the first chart is drawn.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

test("loads without errors, becomes ready and draws the first chart", async () => {
  // The contract: ready is set once the first chart is drawn, so look at the canvas at that moment.
  const atReady = () => {
    new MutationObserver((_, obs) => {
      if (document.body?.dataset.ready !== "true") return;
      obs.disconnect();
      window.__inkAtReady = window.__inkOf(document.querySelector(".graphic canvas"));
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
  };
  const { context, page, errors } = await h.openPage(site.browser, { initScripts: [atReady] });
  try {
    await h.gotoReady(page, site.url);
    const steps = await h.stepIds(page);
    assert.ok(steps.length > 0, "no .step[data-step] elements on the page");
    const info = await h.canvasInfo(page, steps[0]);
    await h.screenshot(page, "load-desktop");
    assert.ok(info, "the first step's chapter has no .graphic canvas");
    assert.ok(info.width > 0 && info.height > 0, `first canvas has no size: ${info.width}×${info.height}`);
    // More than 0.5 % of the pixels differ from the background (top-left) colour.
    assert.ok(info.inked > 0.005, `first canvas is blank: only ${(info.inked * 100).toFixed(3)} % of pixels differ from the background`);
    const inkAtReady = await page.evaluate(() => window.__inkAtReady);
    assert.ok(inkAtReady?.inked > 0.005, `the first canvas was blank when data-ready became "true": ${JSON.stringify(inkAtReady)}`);
    // The report command times the first chart by this mark.
    const marks = await page.evaluate(() => performance.getEntriesByName("first-chart").length);
    assert.equal(marks, 1, 'performance.mark("first-chart") entries after ready');
    await h.sleep(300); // late errors (a failing effect after ready) count too
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
    // Includes /favicon.ico, which Chromium requests unless the page names an icon.
    assert.deepEqual(errors.http, [], "requests that failed with HTTP ≥ 400");
  } finally {
    await context.close();
  }
});
