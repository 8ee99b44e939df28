// 3. index.html#<step-id> opens at that step, without walking or tweening through the steps before it.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

test("deep links open at their step, on screen, with no tween", async (t) => {
  let ids;
  {
    const { context, page } = await h.openPage(site.browser);
    await h.gotoReady(page, site.url);
    ids = await h.stepIds(page);
    await context.close();
  }
  assert.ok(ids.length >= 3, `need at least 3 steps, found ${ids.length}`);
  const picks = [...new Set([ids[0], ids[Math.floor(ids.length / 2)], ids.at(-1)])];
  for (const id of picks) {
    await t.test(`#${id}`, async () => {
      const { context, page, errors } = await h.openPage(site.browser);
      try {
        await page.goto(`${site.url}index.html#${id}`);
        await h.waitReady(page);
        const atReady = await page.evaluate((id) => {
          const r = document.getElementById(id)?.getBoundingClientRect();
          return {
            active: document.querySelector("#story")?.dataset.activeStep,
            onScreen: !!r && r.bottom > 0 && r.top < innerHeight,
            rect: r && { top: Math.round(r.top), bottom: Math.round(r.bottom) },
          };
        }, id);
        await h.sleep(50);
        const animating50 = await page.evaluate(() => document.body.dataset.animating);
        await h.sleep(450);
        const log = await h.stateLog(page);
        await h.screenshot(page, `deeplink-${id}`);

        assert.equal(atReady.active, id, "active step right after ready");
        assert.ok(atReady.onScreen, `step not on screen after ready: ${JSON.stringify(atReady.rect)}`);
        assert.notEqual(animating50, "true", "a tween is playing 50 ms after ready");
        // The page may start at the first step and jump, but never visit the steps in between.
        const visited = [...new Set(log.filter((e) => e.attr === "data-active-step").map((e) => e.value))];
        const extra = visited.filter((v) => v !== id && v !== ids[0] && v !== "" && v !== null);
        assert.deepEqual(extra, [], `steps activated on the way to #${id}`);
        const tReady = log.find((e) => e.attr === "data-ready" && e.value === "true")?.t ?? 0;
        const tweens = log.filter((e) => e.attr === "data-animating" && e.value === "true" && e.t >= tReady);
        assert.equal(tweens.length, 0, `a tween started within 500 ms after ready (at +${tweens.map((e) => Math.round(e.t - tReady))} ms)`);
        assert.equal(await h.activeStep(page), id, "active step 500 ms after ready");
        assert.deepEqual(errors.page, [], "uncaught page errors");
        assert.deepEqual(errors.console, [], "console errors");
      } finally {
        await context.close();
      }
    });
  }
});
