// 2. Scrolling each step to the reading line activates it and changes its chapter's graphic:
// the canvas pixels and the text description both differ from the previous step of that chapter.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

test("every step activates on scroll and changes its graphic and description", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await h.gotoReady(page, site.url);
    const ids = await h.stepIds(page);
    assert.ok(ids.length > 1, `expected several steps, found ${ids.length}`);
    const problems = [];
    let prev = null; // { id, chapter, hash, description }
    for (const [i, id] of ids.entries()) {
      await h.scrollToStep(page, id);
      try {
        await h.waitActive(page, id);
      } catch (e) {
        problems.push(`${id}: ${e.message}`);
        prev = null;
        continue;
      }
      const state = await page.evaluate((id) => {
        const el = document.getElementById(id);
        const chapter = el.closest(".chapter");
        return {
          chapter: chapter?.id ?? null,
          hasGraphic: !!chapter?.querySelector(".graphic[data-graphic] canvas"),
          activeClass: [...document.querySelectorAll(".step.is-active")].map((s) => s.id),
        };
      }, id);
      const hash = await h.canvasHash(page, id);
      const description = await h.descriptionOf(page, id);
      await h.screenshot(page, `step-${String(i + 1).padStart(2, "0")}-${id}`);

      if (!state.chapter) problems.push(`${id}: not inside a .chapter`);
      if (!state.hasGraphic) problems.push(`${id}: its chapter has no .graphic[data-graphic] canvas`);
      if (state.activeClass.join() !== id) problems.push(`${id}: .is-active is on [${state.activeClass}]`);
      if (!description) problems.push(`${id}: .graphic-description is empty or missing`);
      if (prev && prev.chapter === state.chapter) {
        if (hash === prev.hash) problems.push(`${id}: canvas identical to the previous step ${prev.id}`);
        if (description === prev.description) problems.push(`${id}: description unchanged from ${prev.id}: "${description}"`);
      }
      prev = { id, chapter: state.chapter, hash, description };
    }
    assert.deepEqual(problems, [], `step problems:\n${problems.join("\n")}`);
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
  } finally {
    await context.close();
  }
});
