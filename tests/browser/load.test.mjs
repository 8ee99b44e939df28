// 1. The page loads cleanly and the first chart is drawn.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

test("loads without errors, becomes ready and draws the first chart", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
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
    await h.sleep(300); // late errors (a failing effect after ready) count too
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
    // Includes /favicon.ico, which Chromium requests unless the page names an icon.
    assert.deepEqual(errors.http, [], "requests that failed with HTTP ≥ 400");
  } finally {
    await context.close();
  }
});
