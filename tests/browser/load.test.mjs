// 1. The page loads cleanly and the first chart is drawn.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

test("loads without errors, becomes ready on the first figure, and draws the chart when the reader first moves", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  const code = [];
  page.on("request", (r) => /-charts\.wasm$/.test(r.url()) && code.push(r.url()));
  try {
    await h.gotoReady(page, site.url);
    const steps = await h.stepIds(page);
    assert.ok(steps.length > 0, "no .step[data-step] elements on the page");
    await h.sleep(500);
    // Until the reader moves, the first figure is the static one the build drew (what the canvas
    // would draw), and the drawing code stays on the server.
    const before = await page.evaluate(() => {
      const box = document.querySelector(".graphic-slot .graphic:not(.graphic-static) .graphic-canvas");
      const img = box?.querySelector("picture img");
      const canvas = box?.querySelector("canvas");
      return {
        live: !!box,
        picture: !!img && img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().height > 100,
        painted: canvas?.hasAttribute("data-painted") ?? null,
        hidden: canvas?.getAttribute("aria-hidden") ?? null,
      };
    });
    await h.screenshot(page, "load-desktop-static");
    assert.ok(before.live, "the first graphic was not made live");
    assert.ok(before.picture, "the first graphic does not show its static figure before the reader moves");
    assert.equal(before.painted, false, "the canvas painted before the reader moved");
    assert.equal(before.hidden, "true", "the blank canvas is not hidden from screen readers beside the figure");
    assert.deepEqual(code, [], "the drawing code was fetched before the reader moved");
    await h.firstMove(page);
    assert.equal(code.length, 1, "the drawing code was not fetched once on the first move");
    const info = await h.canvasInfo(page, steps[0]);
    await h.screenshot(page, "load-desktop");
    assert.ok(info.width > 0 && info.height > 0, `first canvas has no size: ${info.width}×${info.height}`);
    // More than 0.5 % of the pixels differ from the background (top-left) colour.
    assert.ok(info.inked > 0.005, `first canvas is blank: only ${(info.inked * 100).toFixed(3)} % of pixels differ from the background`);
    const after = await page.evaluate(() => {
      const box = document.querySelector(".graphic-slot .graphic-canvas");
      return { pictures: box.querySelectorAll("picture").length, hidden: box.querySelector("canvas").getAttribute("aria-hidden") };
    });
    assert.deepEqual(after, { pictures: 0, hidden: null }, "the static figure stayed beside the painted canvas");
    // The report command times the first chart by this mark.
    const marks = await page.evaluate(() => performance.getEntriesByName("first-chart").length);
    assert.equal(marks, 1, 'performance.mark("first-chart") entries after the first paint');
    await h.sleep(300); // late errors (a failing effect after ready) count too
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
    // Includes /favicon.ico, which Chromium requests unless the page names an icon.
    assert.deepEqual(errors.http, [], "requests that failed with HTTP ≥ 400");
  } finally {
    await context.close();
  }
});

// The map geometry (geo/base.bin, a tenth of the page's bytes) is for the maps: a reader of the
// first chapters never downloads it. It is asked for once the reader's chapter is beside a map's
// (web/page.rs `prepare_maps`), at once when the address names a step, and a map never paints
// before it is in (not an empty sea, then land).
const GEO = "geo/base.bin";
const paintedAt = () => {
  window.__paintedAt = {};
  new MutationObserver((records) => {
    for (const r of records) {
      const fig = r.target.closest?.("figure[data-graphic]");
      if (fig && r.target.hasAttribute("data-painted")) window.__paintedAt[fig.dataset.graphic] ??= performance.now();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-painted"] });
};
const geoArrived = (page) =>
  page.evaluate((geo) => performance.getEntriesByType("resource").find((e) => e.name.endsWith(geo))?.responseEnd ?? null, GEO);
/** Whether the page has fetched the maps' own code (the story binary's chunk, src/maps/lazy.rs). */
const chunkFetched = (page) =>
  page.evaluate(() => performance.getEntriesByType("resource").some((e) => /\/explainer-[0-9a-f]+-maps\.wasm$/.test(e.name)));
/** Waits (up to 10 s) until the page has fetched the geometry; whether it did. */
const geoFetched = (page) =>
  page
    .waitForFunction((geo) => performance.getEntriesByType("resource").some((e) => e.name.endsWith(geo)), GEO, { timeout: 10_000 })
    .then(() => true, () => false);

test("the map geometry and the maps' code load only near a map, and a map paints only with its land", async () => {
  const { context, page, errors } = await h.openPage(site.browser, { initScripts: [paintedAt] });
  try {
    // A slow network: the geometry takes a second and a half, so a map that painted without it
    // (as soon as it may) would be seen doing so.
    await context.route(`**/${GEO}`, async (route) => {
      await h.sleep(1500);
      await route.continue();
    });
    await h.gotoReady(page, site.url);
    await page.waitForLoadState("networkidle");
    await h.sleep(500);
    assert.equal(await geoArrived(page), null, `${GEO} was fetched by a reader at the top of the story`);
    assert.equal(await chunkFetched(page), false, "the maps' code was fetched by a reader at the top of the story");
    // The first map's chapter, and the last step of the chapter before it.
    const { map, before, first } = await page.evaluate(() => {
      const chapters = [...document.querySelectorAll("section.chapter")];
      const i = chapters.findIndex((c) => c.querySelector('figure[data-graphic$="-map"]'));
      const steps = (c) => [...c.querySelectorAll(".step[data-step]")].map((s) => s.dataset.step);
      return { map: chapters[i].querySelector("figure[data-graphic]").dataset.graphic, before: steps(chapters[i - 2]).at(-1), first: steps(chapters[i])[0] };
    });
    // Two chapters before the map: still not needed.
    await h.scrollToStep(page, before);
    await h.waitActive(page, before);
    await h.sleep(500);
    assert.equal(await geoArrived(page), null, `${GEO} was fetched two chapters before the first map`);
    assert.equal(await chunkFetched(page), false, "the maps' code was fetched two chapters before the first map");
    await h.scrollToStep(page, first);
    await h.waitActive(page, first);
    await h.settle(page);
    await page.waitForFunction((m) => window.__paintedAt[m] !== undefined, map, { timeout: 10_000 });
    assert.ok(await geoFetched(page), `${GEO} was not fetched at the first map`);
    assert.ok(await chunkFetched(page), "the maps' code was not fetched at the first map");
    const arrived = await geoArrived(page);
    const painted = await page.evaluate((m) => window.__paintedAt[m], map);
    assert.ok(painted >= arrived, `the ${map} painted at ${painted.toFixed(0)} ms, before its land arrived at ${arrived.toFixed(0)} ms`);
    assert.ok((await h.canvasInfo(page, first)).inked > 0.05, `the ${map} canvas is nearly blank`);
    // The gazetteer (names of places and routes) comes in the same file: the map's data table,
    // opened now, is the static page's table of that step, names and all.
    const tables = await page.evaluate(async (first) => {
      const details = document.querySelector(`.graphic-slot figure[data-graphic$="-map"] details.graphic-data`);
      details.open = true;
      await new Promise((ok) => setTimeout(ok, 300));
      const text = (t) => (t ? [...t.querySelectorAll("caption, th, td")].map((c) => c.textContent.trim()).join(" | ") : "");
      return { live: text(details.querySelector("table")), page: text(document.querySelector(`.step[data-step="${first}"] .step-data table`)) };
    }, first);
    assert.ok(tables.page.length > 20, `no static table for ${first}`);
    assert.equal(tables.live, tables.page, `the live ${map}'s data table is not the static page's`);
    assert.deepEqual(errors.page, []);
    assert.deepEqual(errors.console, []);
  } finally {
    await context.close();
  }
});

test("a map reached before its land shows the step's static figure, then paints over it", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    // The geometry is held back until the test lets it through: the map must wait for it.
    let release;
    const held = new Promise((ok) => (release = ok));
    await context.route(`**/${GEO}`, async (route) => {
      await held;
      await route.continue();
    });
    await h.gotoReady(page, site.url);
    // The second step of the first map: a contents link or a shared address lands there cold.
    const { map, step } = await page.evaluate(() => {
      const fig = document.querySelector('.graphic-slot figure[data-graphic$="-map"]');
      const steps = [...fig.closest("section.chapter").querySelectorAll(".step[data-step]")];
      return { map: fig.dataset.graphic, step: steps[1].dataset.step };
    });
    await page.evaluate((id) => document.getElementById(id).scrollIntoView({ block: "center" }), step);
    await h.waitActive(page, step);
    const fallback = (m) =>
      page.evaluate((m) => {
        const fig = document.querySelector(`.graphic-slot figure[data-graphic="${m}"]:not(.graphic-static)`);
        const img = fig?.querySelector(".graphic-canvas img.graphic-fallback");
        return {
          live: !!fig,
          painted: !!fig?.querySelector("canvas[data-painted]"),
          src: img?.getAttribute("src") ?? null,
          loaded: !!img && img.complete && img.naturalWidth > 0,
        };
      }, m);
    await page.waitForFunction((m) => document.querySelector(`.graphic-slot figure[data-graphic="${m}"]:not(.graphic-static) img.graphic-fallback`)?.complete, map, { timeout: 10_000 }).catch(() => {});
    const waiting = await fallback(map);
    assert.ok(waiting.live, `the ${map} was not mounted`);
    assert.equal(waiting.painted, false, `the ${map} painted before its land arrived`);
    await h.screenshot(page, "map-waiting-for-land");
    assert.ok(waiting.src?.includes(`figures/${step}`), `the ${map} shows ${waiting.src} while its land loads, not the figure of ${step}`);
    assert.ok(waiting.loaded, `the static figure ${waiting.src} did not load`);
    release();
    await page.waitForFunction((m) => document.querySelector(`.graphic-slot figure[data-graphic="${m}"] canvas[data-painted]`), map, { timeout: 10_000 });
    const after = await fallback(map);
    assert.equal(after.src, null, `the static figure stayed under the ${map} after it painted`);
    assert.ok((await h.canvasInfo(page, step)).inked > 0.05, `the ${map} canvas is nearly blank`);
    assert.deepEqual(errors.page, []);
    assert.deepEqual(errors.console, []);
  } finally {
    await context.close();
  }
});

test("an address naming a step asks for the map geometry at once", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await h.gotoReady(page, site.url);
    const ids = await h.stepIds(page);
    // A step of the first chapter, far from any map: only the address asks for the geometry.
    await page.goto(`${site.url}#${ids[1]}`);
    await page.reload();
    await h.waitReady(page);
    assert.ok(await geoFetched(page), `${GEO} was not fetched for an address naming step ${ids[1]}`);
    assert.deepEqual(errors.page, []);
  } finally {
    await context.close();
  }
});
