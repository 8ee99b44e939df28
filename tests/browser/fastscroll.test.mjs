// 7. A jump straight from the top to the middle of the story activates the step at the reading line.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

test("jumping to the middle of the page activates the step at the reading line", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await h.gotoReady(page, site.url);
    const ids = await h.stepIds(page);
    assert.ok(ids.length >= 3, `need at least 3 steps, found ${ids.length}`);
    // Aim at the step nearest the middle of the page, so the reading line is inside a step, not in
    // a gap between two where "which step" would be a matter of taste.
    const target = await page.evaluate(() => {
      const middle = document.documentElement.scrollHeight / 2;
      let best = null;
      for (const s of document.querySelectorAll(".step[data-step]")) {
        const r = s.getBoundingClientRect();
        const centre = r.top + scrollY + r.height / 2;
        if (!best || Math.abs(centre - middle) < best.d) best = { id: s.dataset.step, top: centre - innerHeight / 2, d: Math.abs(centre - middle) };
      }
      return best;
    });
    assert.notEqual(target.id, ids[0], "the middle of the page is the first step: the test would prove nothing");
    await page.evaluate((top) => window.scrollTo({ top, behavior: "instant" }), target.top);
    const atLine = await h.stepAtReadingLine(page);
    assert.equal(atLine, target.id, "the scroll did not land the middle step on the reading line");
    await h.becomesActive(page, target.id, 3_000); // then read the page as it is
    await h.settle(page);
    await h.sleep(300);
    const state = await page.evaluate(() => ({
      active: document.querySelector("#story").dataset.activeStep,
      isActive: [...document.querySelectorAll(".step.is-active")].map((s) => s.id),
    }));
    await h.screenshot(page, `fastscroll-${target.id}`);
    assert.equal(state.active, target.id, "active step after the jump");
    assert.deepEqual(state.isActive, [target.id], ".is-active after the jump");
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
  } finally {
    await context.close();
  }
});
