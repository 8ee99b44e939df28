// 8. With prefers-reduced-motion, step changes swap the picture without tweening.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

test("reduced motion: no step change ever sets data-animating", async () => {
  const { context, page, errors } = await h.openPage(site.browser, { reducedMotion: "reduce" });
  try {
    await h.gotoReady(page, site.url);
    // While the drawing code comes (the reader's first move) the graphic is marked changing;
    // that is not a step change.
    await h.firstMove(page);
    await h.settle(page);
    const from = (await h.stateLog(page)).length;
    assert.ok(await page.evaluate(() => matchMedia("(prefers-reduced-motion: reduce)").matches), "emulation failed");
    const ids = await h.stepIds(page);
    assert.ok(ids.length >= 2, `need at least 2 steps, found ${ids.length}`);
    const changed = [];
    for (const id of ids) {
      const before = await h.canvasHash(page, id);
      await h.scrollToStep(page, id);
      await h.waitActive(page, id);
      await h.sleep(100);
      if ((await h.canvasHash(page, id)) !== before) changed.push(id);
    }
    const log = (await h.stateLog(page)).slice(from);
    const tweens = log.filter((e) => e.attr === "data-animating" && e.value === "true");
    // Proves the steps did redraw, so "no tween" is not just "nothing happened".
    assert.ok(changed.length > 0, "no step changed any canvas");
    assert.equal(tweens.length, 0, `data-animating="true" was set ${tweens.length} time(s)`);
    assert.deepEqual(errors.page, [], "uncaught page errors");
  } finally {
    await context.close();
  }
});
