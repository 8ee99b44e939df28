// 6. Resizing to phone width and back keeps the step at the reading line active and re-sizes the canvas.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

test("desktop → phone → desktop keeps the active step and a crisp canvas", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await h.gotoReady(page, site.url);
    const ids = await h.stepIds(page);
    assert.ok(ids.length >= 3, `need at least 3 steps, found ${ids.length}`);
    const start = ids[Math.floor(ids.length / 2)];
    await h.scrollToStep(page, start);
    await h.waitActive(page, start);
    // A reader who is not at the first step asks for the drawing code; its graphic paints once
    // the code is here (until then the static figure stands and the canvas is blank).
    await h.readerPainted(page);
    const before = await h.canvasInfo(page, start);
    assert.equal(h.crispProblem(before), null, "canvas before resizing");

    for (const [name, viewport] of [["phone", h.PHONE.viewport], ["desktop", h.DESKTOP.viewport]]) {
      await page.setViewportSize(viewport);
      // Let resize observers, layout and any re-anchoring scroll run, then read the page as it is.
      await h.sleep(500);
      await h.settle(page);
      const atLine = await h.stepAtReadingLine(page);
      await h.becomesActive(page, atLine, 2_000);
      // The step at the line may be another chapter's now: its graphic repaints at its new size
      // in a task after it becomes the reader's (web/painter.rs). Then read the page as it is.
      await h.settle(page);
      const active = await h.activeStep(page);
      const info = await h.canvasInfo(page, active ?? atLine);
      await h.screenshot(page, `resize-${name}-${active}`);
      assert.equal(active, atLine, `after resizing to ${name} (${viewport.width}×${viewport.height}), the active step is not the one at the reading line`);
      assert.equal(h.crispProblem(info), null, `canvas after resizing to ${name}`);
      if (name === "phone") {
        assert.ok(info.cssWidth <= viewport.width, `canvas CSS width ${info.cssWidth} wider than the phone viewport`);
      } else {
        assert.equal(info.width, before.width, "canvas backing width back at desktop differs from before");
      }
    }
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
  } finally {
    await context.close();
  }
});
