// Static first (issue 10): the built HTML is the whole article; the wasm only enhances it.
// JavaScript off, print, the moment the wasm takes over, and the pre-rendered embed pages.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

/** What a reader without script sees: words, headings, figures that loaded, buttons. */
const reading = (page) =>
  page.evaluate(() => {
    const shown = (el) => el.offsetParent !== null || getComputedStyle(el).position === "fixed";
    const figures = [...document.querySelectorAll(".step-figure img")];
    return {
      words: document.body.innerText.split(/\s+/).filter(Boolean).length,
      chapters: [...document.querySelectorAll(".chapter h2")].filter(shown).length,
      steps: document.querySelectorAll(".step[data-step]").length,
      figuresShown: figures.filter(shown).length,
      figuresPerChapter: [...document.querySelectorAll(".chapter")].map(
        (c) => [...c.querySelectorAll(".step-figure img")].filter(shown).length,
      ),
      buttons: [...document.querySelectorAll("button")].filter(shown).length,
      message: document.querySelector(".nowasm-message")?.innerText ?? "",
      messageShown: shown(document.querySelector(".nowasm-message")),
      tables: document.querySelectorAll("table").length,
      missingAlt: figures.filter((i) => !i.alt || i.alt.length < 20).length,
    };
  });

test("with JavaScript off the whole article is there, each step with its own figure", async () => {
  for (const [name, opts] of [["desktop", h.DESKTOP], ["phone", h.PHONE]]) {
    const context = await site.browser.newContext({ ...opts, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(site.url + "index.html");
      const r = await reading(page);
      assert.ok(r.words > 4000, `${name}: only ${r.words} words visible without JavaScript`);
      assert.equal(r.chapters, 9, `${name}: chapter headings visible`);
      assert.equal(r.figuresShown, r.steps, `${name}: ${r.figuresShown} of ${r.steps} step figures shown`);
      assert.equal(r.missingAlt, 0, `${name}: step figures without a real alt text`);
      assert.ok(r.messageShown && /WebAssembly/.test(r.message), `${name}: the no-WASM message is not shown`);
      assert.equal(r.buttons, 0, `${name}: buttons that do nothing without script`);
      // A figure far down the page loads when the reader gets there, and is a real image.
      await page.locator(".step-figure img").nth(30).scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelectorAll(".step-figure img")[30].complete);
      const w = await page.evaluate(() => document.querySelectorAll(".step-figure img")[30].naturalWidth);
      assert.ok(w > 300, `${name}: the 31st step figure did not load (naturalWidth ${w})`);
      await h.screenshot(page, `nojs-${name}`);
    } finally {
      await context.close();
    }
  }
});

test("a reader with script does not download the step figures the linear reading uses", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  const figures = [];
  page.on("request", (r) => r.url().includes("/figures/") && figures.push(r.url()));
  try {
    await h.gotoReady(page, site.url);
    await h.scrollToStep(page, (await h.stepIds(page))[20]);
    await h.settle(page);
    // Only the first chapter's first figure stands in before the wasm; nothing else.
    assert.ok(figures.length <= 1, `figures fetched by the interactive page: ${figures.join(", ")}`);
    assert.deepEqual(errors.console, [], "console errors");
  } finally {
    await context.close();
  }
});

test("printed, every step has its figure, no buttons or contents bar, at most 30 A4 pages", async () => {
  const context = await site.browser.newContext(h.DESKTOP);
  const page = await context.newPage();
  try {
    await page.goto(site.url + "index.html");
    await page.emulateMedia({ media: "print" });
    const r = await reading(page);
    assert.equal(r.figuresShown, r.steps, `${r.figuresShown} of ${r.steps} step figures in print`);
    assert.equal(r.buttons, 0, "buttons on paper");
    assert.equal(r.messageShown, false, "the no-WASM message is printed");
    const toc = await page.evaluate(() => getComputedStyle(document.querySelector(".toc")).display);
    assert.equal(toc, "none", "the contents bar is printed");
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages > 5 && pages <= 30, `${pages} A4 pages`);
  } finally {
    await context.close();
  }
});

test("the wasm takes over without a second copy, a jump or a lost selection", async () => {
  // Hold the wasm back so the reader can scroll and select in the static page first.
  const { context, page, errors } = await h.openPage(site.browser);
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  try {
    await page.goto(site.url + "index.html", { waitUntil: "domcontentloaded" });
    await page.evaluate(() => window.scrollTo(0, 2400));
    await h.sleep(200);
    const before = await page.evaluate(() => {
      const p = document.querySelectorAll(".step p")[3];
      const range = document.createRange();
      range.selectNodeContents(p);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      window.__shift = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
      }).observe({ type: "layout-shift", buffered: false });
      return { y: scrollY, selected: String(getSelection()), top: p.getBoundingClientRect().top };
    });
    await h.screenshot(page, "takeover-before");
    release();
    await h.waitReady(page);
    await h.settle(page);
    await h.screenshot(page, "takeover-after");
    const after = await page.evaluate(() => {
      const p = document.querySelectorAll(".step p")[3];
      const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
      return {
        y: scrollY,
        selected: String(getSelection()),
        top: p.getBoundingClientRect().top,
        h1: document.querySelectorAll("h1").length,
        h2: document.querySelectorAll("h2").length,
        duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i),
        slots: [...document.querySelectorAll(".graphic-slot")].map((s) => s.querySelectorAll("figure.graphic").length),
        canvases: document.querySelectorAll(".graphic-slot canvas").length,
        shift: window.__shift,
      };
    });
    assert.equal(after.y, before.y, "the scroll position moved");
    assert.equal(after.top, before.top, "the text moved on screen");
    assert.equal(after.selected, before.selected, "the reader's selection was lost");
    assert.equal(after.h1, 1, "h1 count");
    assert.equal(after.h2, 10, "h2 count (nine chapters and Sources & method)");
    assert.deepEqual(after.duplicateIds, [], "duplicate ids after the wasm started");
    assert.deepEqual(after.slots, Array(9).fill(1), "figures per graphic slot");
    // The chapters near the reader are live at once; the rest follow in idle moments.
    assert.ok(after.canvases >= 2, `interactive canvases right after ready: ${after.canvases}`);
    await page.waitForFunction(() => document.querySelectorAll(".graphic-slot canvas").length === 9);
    assert.ok(after.shift <= 0.02, `layout shift when the wasm took over: ${after.shift}`);
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
  } finally {
    await context.close();
  }
});

test("each graphic has its own embed page, readable without script and live with it", async () => {
  const context = await site.browser.newContext({ ...h.DESKTOP, javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(site.url + "embed.html");
    const links = await page.$$eval(".embed-static a[href^='embed/']", (as) => as.map((a) => a.getAttribute("href")));
    assert.equal(links.length, 9, "embed.html lists every graphic without script");
    await page.goto(site.url + "embed/pipes-map.html");
    const r = await page.evaluate(() => ({
      title: document.querySelector(".graphic-title")?.innerText,
      img: document.querySelector(".graphic-canvas img")?.naturalWidth,
      description: document.querySelector(".graphic-description")?.innerText ?? "",
      back: document.querySelector(".embed-story-link a")?.href,
    }));
    assert.ok(r.title && r.img > 300 && r.description.length > 40, `static embed: ${JSON.stringify(r)}`);
    assert.match(r.back, /index\.html#pipes-/);
    await h.screenshot(page, "embed-static");
  } finally {
    await context.close();
  }
  const live = await h.openPage(site.browser);
  try {
    await h.gotoReady(live.page, site.url + "embed/pipes-map.html?step=pipes-oil&controls=1");
    const state = await live.page.evaluate(() => ({
      canvas: document.querySelectorAll("canvas").length,
      statics: document.querySelectorAll(".graphic-static").length,
      text: document.body.innerText,
    }));
    assert.equal(state.canvas, 1, "the embed page's graphic is live");
    assert.equal(state.statics, 0, "the static stand-in is gone");
    assert.deepEqual(live.errors.console, [], "console errors");
    assert.deepEqual(live.errors.http, [], "failed requests (relative URLs from embed/)");
  } finally {
    await live.context.close();
  }
});

test("links made on an embed page point at the site root; old present links still work", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await h.gotoReady(page, site.url + "embed/shares.html?step=lopsided-china");
    await page.click("[data-tool=embed]");
    const code = await page.inputValue(".embed-code");
    assert.ok(code.includes(`src="${site.url}embed/shares.html?step=lopsided-china"`), code);
    assert.ok(code.includes(`src="${site.url}resize.js"`), code);
    // Present mode runs on the story page, whose article holds the captions.
    await h.gotoReady(page, site.url + "embed.html?present=1&step=pipes-oil");
    assert.match(page.url(), /index\.html\?present=1&step=pipes-oil(#pipes-oil)?$/);
    const caption = await page.evaluate(() => document.querySelector(".present-caption")?.textContent ?? "");
    assert.ok(caption.length > 40, `present-mode caption: ${JSON.stringify(caption)}`);
    assert.deepEqual(errors.page, [], "uncaught page errors");
  } finally {
    await context.close();
  }
});
