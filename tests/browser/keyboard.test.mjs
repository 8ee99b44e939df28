// 4. The keyboard moves through the story one step at a time.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

test("ArrowDown/PageDown, ArrowUp/PageUp, End and Home move between steps", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await h.gotoReady(page, site.url);
    const ids = await h.stepIds(page);
    assert.ok(ids.length >= 3, `need at least 3 steps, found ${ids.length}`);
    assert.equal(await h.activeStep(page), ids[0], "active step at load");
    await page.evaluate(() => {
      document.activeElement?.blur();
      document.body.focus();
    });
    const moves = [
      ["ArrowDown", 1],
      ["PageDown", 2],
      ["ArrowUp", 1],
      ["PageUp", 0],
      ["End", ids.length - 1],
      ["Home", 0],
    ];
    for (const [key, index] of moves) {
      const before = await h.activeStep(page);
      await page.keyboard.press(key);
      await h.waitActive(page, ids[index]).catch((e) => {
        throw new Error(`${key} from "${before}": expected "${ids[index]}"; ${e.message}`);
      });
      // Still there once any scrolling has finished: no overshoot into the next step.
      await h.sleep(400);
      assert.equal(await h.activeStep(page), ids[index], `${key} from "${before}" did not stay on its step`);
      await h.screenshot(page, `keyboard-${key}-${ids[index]}`);
    }
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
  } finally {
    await context.close();
  }
});
