// The scroll engine where scrollytelling libraries most often fail: a slow phone scroll that
// skips a step, the wrong step after a browser zoom, an anchor jump that plays every step in
// between, and the story inside an iframe that scrolls on its own.
import { after, test } from "node:test";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

/** The distinct values data-active-step took, in order (consecutive repeats dropped). */
const activeSequence = (log, after = 0) =>
  log
    .filter((e) => e.attr === "data-active-step" && e.t >= after && e.value)
    .map((e) => e.value)
    .filter((v, i, all) => i === 0 || all[i - 1] !== v);

test("a slow scroll on a phone activates every step in order, none skipped", async () => {
  const { context, page, errors } = await h.openPage(site.browser, { ...h.PHONE, deviceScaleFactor: 2 });
  try {
    await h.gotoReady(page, site.url);
    const ids = await h.stepIds(page);
    const last = ids[Math.min(11, ids.length - 1)];
    const t0 = await page.evaluate(() => performance.now());
    // 12 px a frame, the pace of a reader dragging a thumb, from the top to the 12th step.
    await page.evaluate(async (last) => {
      const end = () => document.getElementById(last).getBoundingClientRect().top - innerHeight / 2 + 20;
      while (end() > 0) {
        window.scrollBy({ top: 12, behavior: "instant" });
        await new Promise((ok) => requestAnimationFrame(ok));
      }
    }, last);
    await h.waitActive(page, last);
    const seen = activeSequence(await h.stateLog(page), t0);
    const expected = ids.slice(0, ids.indexOf(last) + 1);
    // The first step may already be active before the scroll starts.
    const got = seen[0] === expected[0] ? seen : [expected[0], ...seen];
    assert.deepEqual(got, expected, "steps activated during the slow scroll");
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
  } finally {
    await context.close();
  }
});

test("after a browser zoom the step at the reading line is active and the canvas is crisp", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await h.gotoReady(page, site.url);
    const ids = await h.stepIds(page);
    const id = ids[Math.floor(ids.length / 3)];
    await h.scrollToStep(page, id);
    await h.waitActive(page, id);
    // Zooming to 150 % is a narrower CSS viewport at a higher device pixel ratio, with the
    // content reflowing underneath the scroll position.
    const cdp = await context.newCDPSession(page);
    for (const zoom of [1.5, 0.8]) {
      await cdp.send("Emulation.setDeviceMetricsOverride", {
        width: Math.round(1280 / zoom),
        height: Math.round(800 / zoom),
        deviceScaleFactor: zoom,
        mobile: false,
      });
      await h.sleep(300);
      const atLine = await h.stepAtReadingLine(page);
      await h.waitActive(page, atLine).catch(() => {});
      await h.sleep(200);
      assert.equal(await h.activeStep(page), atLine, `zoom ${zoom}: active step is not the one at the reading line`);
      const info = await h.canvasInfo(page, atLine);
      assert.ok(Math.abs(info.dpr - zoom) < 1e-6, "the emulated zoom did not change devicePixelRatio");
      assert.equal(h.crispProblem(info), null, `zoom ${zoom}: canvas not crisp`);
      await h.screenshot(page, `zoom-${zoom}`);
    }
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
  } finally {
    await context.close();
  }
});

test("a chapter link in the contents jumps there without playing the steps in between", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await h.gotoReady(page, site.url);
    const ids = await h.stepIds(page);
    const links = await page.$$eval(".toc ol a", (as) => as.map((a) => a.getAttribute("href")));
    assert.ok(links.length >= 4, `expected a contents bar with links, found ${links.length}`);
    const t0 = await page.evaluate(() => performance.now());
    await page.click(`.toc ol a[href="${links.at(-2)}"]`);
    await h.sleep(1500);
    await h.settle(page);
    const landed = await h.activeStep(page);
    const seen = activeSequence(await h.stateLog(page), t0);
    assert.equal(landed, await h.stepAtReadingLine(page), "after the jump the active step is the one at the reading line");
    assert.ok(ids.indexOf(landed) > ids.length / 2, `the link to a late chapter landed on ${landed}`);
    assert.ok(seen.length <= 2, `steps activated on the way: ${seen.join(" → ")}`);
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
  } finally {
    await context.close();
  }
});

test("inside an iframe that scrolls on its own, scrolling and keys drive the steps", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    // A host page on its own http origin, as a newsroom's article would be (the site's policy
    // allows any http(s) ancestor; an about:blank host is not one).
    const host = `<!doctype html><h1 style="font:16px sans-serif">A host article</h1>
       <iframe id="story" src="${site.url}" style="width:900px;height:600px;border:1px solid #999"></iframe>
       <div style="height:2000px"></div>`;
    const dir = await mkdtemp(join(tmpdir(), "explainer-host-"));
    await writeFile(join(dir, "index.html"), host);
    const hostServer = await h.serve(dir, {});
    after(() => hostServer.close());
    await page.goto(hostServer.url);
    const frame = await (await page.$("#story")).contentFrame();
    await h.waitReady(frame);
    const ids = await h.stepIds(frame);
    const id = ids[5];
    await h.scrollToStep(frame, id);
    await h.waitActive(frame, id);
    assert.equal(await h.activeStep(frame), await h.stepAtReadingLine(frame), "active step inside the frame");
    // The host page scrolling must not move the story's steps.
    await page.evaluate(() => window.scrollTo({ top: 300, behavior: "instant" }));
    await h.sleep(300);
    assert.equal(await h.activeStep(frame), id, "scrolling the host page changed the story's step");
    // Keys pressed in the frame step through the story.
    // Focus in the frame (as a click in it would), then a key.
    await page.focus("iframe#story");
    await page.keyboard.press("ArrowDown");
    await h.waitActive(frame, ids[6]);
    await h.screenshot(page, "iframe-story");
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
  } finally {
    await context.close();
  }
});

test("a reload right after a step change lands on that step, before the address follows", async () => {
  const { context, page, errors } = await h.openPage(site.browser, { ...h.PHONE, deviceScaleFactor: 1 });
  try {
    await h.gotoReady(page, site.url);
    const ids = await h.stepIds(page);
    const [from, to] = [ids[8], ids[9]];
    await h.scrollToStep(page, from);
    await h.waitActive(page, from);
    await page.waitForFunction((id) => location.hash === `#${id}`, from, { timeout: 2000 });
    // A scroll to the next step, and a reload at once: the address still names the step before.
    const hashThen = await page.evaluate(
      (to) =>
        new Promise((ok) => {
          const story = document.querySelector("#story");
          new MutationObserver((_, obs) => {
            if (story.dataset.activeStep !== to) return;
            obs.disconnect();
            ok(location.hash);
          }).observe(story, { attributes: true, attributeFilter: ["data-active-step"] });
          document.getElementById(to).scrollIntoView({ block: "center", behavior: "instant" });
        }),
      to,
    );
    assert.equal(hashThen, `#${from}`, "precondition: the reload comes before the address follows (250 ms)");
    await page.reload();
    await h.waitReady(page);
    await h.sleep(500);
    assert.equal(await h.activeStep(page), to, "active step after the reload");
    assert.equal(await h.stepAtReadingLine(page), to, "step at the reading line after the reload");
    assert.equal(new URL(page.url()).hash, `#${to}`, "the address names it again");
    // Only a reload: a later visit of the same address in the tab follows the address.
    await page.goto(`${site.url}#${ids[3]}`);
    await page.reload();
    await h.waitReady(page);
    await h.sleep(500);
    assert.equal(await h.activeStep(page), ids[3], "active step after going to an address and reloading it");
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
  } finally {
    await context.close();
  }
});

test("a reload lands on the step the reader was at, at the reading line", async () => {
  const { context, page, errors } = await h.openPage(site.browser, { ...h.PHONE, deviceScaleFactor: 1 });
  try {
    await h.gotoReady(page, site.url);
    const ids = await h.stepIds(page);
    for (const id of [ids[6], ids[Math.floor(ids.length / 2)]]) {
      await h.scrollToStep(page, id);
      await h.waitActive(page, id);
      // The address follows the active step at most every 250 ms while the reader scrolls.
      const followed = await page
        .waitForFunction((id) => location.hash === `#${id}`, id, { timeout: 1000 })
        .then(() => true, () => false);
      assert.ok(followed, `the hash follows the active step (it is “${new URL(page.url()).hash}”, not #${id})`);
      await page.reload();
      await h.waitReady(page);
      await h.sleep(500);
      assert.equal(await h.activeStep(page), id, "active step after the reload");
      assert.equal(await h.stepAtReadingLine(page), id, "step at the reading line after the reload");
    }
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
  } finally {
    await context.close();
  }
});
