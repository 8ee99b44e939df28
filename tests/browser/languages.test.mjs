// The three editions (issue 12): each is a whole static page in its language that the wasm
// enhances; the language switcher keeps the reader's step; embeds take lang=.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

const EDITIONS = [
  { page: "index.html", tag: "en", word: /China/ },
  { page: "ru/index.html", tag: "ru", word: /Китай/ },
  { page: "zh/index.html", tag: "zh-Hans", word: /中国/ },
];

test("each edition steps through every chapter in its language, phone and desktop", async () => {
  for (const ed of EDITIONS) {
    for (const [name, opts] of [["desktop", h.DESKTOP], ["phone", h.PHONE]]) {
      const { context, page, errors } = await h.openPage(site.browser, opts);
      try {
        await h.gotoReady(page, site.url + ed.page);
        const lang = await page.evaluate(() => document.documentElement.lang);
        assert.equal(lang, ed.tag, `${ed.page}: <html lang>`);
        const ids = await h.stepIds(page);
        assert.equal(ids.length, 47, `${ed.page}: steps`);
        // The first step of every chapter, by deep link inside the page.
        const firsts = await page.$$eval(".chapter", (cs) => cs.map((c) => c.querySelector(".step").dataset.step));
        for (const id of firsts) {
          await h.scrollToStep(page, id);
          await h.waitActive(page, id);
        }
        await h.settle(page);
        const text = await page.evaluate(() => document.querySelector("main").innerText);
        assert.match(text, ed.word, `${ed.page}: the article is not in its language`);
        // The canvas of the last chapter is drawn.
        const info = await h.canvasInfo(page, firsts.at(-1));
        assert.ok(info?.inked > 0.005, `${ed.page} ${name}: last chapter's graphic is blank`);
        if (name === "desktop") await h.screenshot(page, `edition-${ed.tag}-${name}`);
        assert.deepEqual(errors.page, [], `${ed.page}: uncaught page errors`);
        assert.deepEqual(errors.console, [], `${ed.page}: console errors`);
        assert.deepEqual(errors.http, [], `${ed.page}: failed requests`);
      } finally {
        await context.close();
      }
    }
  }
});

test("the language switcher opens the other edition at the reader's step", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await h.gotoReady(page, site.url + "ru/index.html#pipes-oil");
    await h.waitActive(page, "pipes-oil");
    // The hash stays on this page (the <base> of other editions must not move it to the root).
    assert.match(page.url(), /\/ru\/index\.html#pipes-oil$/);
    const zh = await page.getAttribute('.languages a[hreflang="zh-Hans"]', "href");
    assert.equal(zh, "zh/index.html#pipes-oil");
    // A reader's click where the link is, in the sticky bar. (Playwright's own click would first
    // scroll the sticky link "into view", moving the story, and the active step, under it.)
    const box = await page.locator('.languages a[hreflang="zh-Hans"]').boundingBox();
    assert.ok(box && box.y < 60, `the language row is not in the sticky bar: ${JSON.stringify(box)}`);
    await Promise.all([
      page.waitForURL(/\/zh\/index\.html/),
      page.mouse.click(box.x + box.width / 2, box.y + box.height / 2),
    ]);
    await h.waitReady(page);
    await h.waitActive(page, "pipes-oil");
    assert.match(page.url(), /\/zh\/index\.html#pipes-oil$/);
    const links = await page.$$eval('link[rel="alternate"][hreflang]', (ls) => ls.map((l) => l.hreflang));
    assert.deepEqual(links.sort(), ["en", "ru", "x-default", "zh-Hans"]);
    assert.deepEqual(errors.page, []);
  } finally {
    await context.close();
  }
});

test("embeds take lang=, and a Russian page's embed code names the Russian embed page", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await h.gotoReady(page, site.url + "embed.html?g=pipes-map&step=pipes-oil&lang=ru");
    const r = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.querySelector(".graphic-title")?.textContent ?? "",
      next: document.querySelector(".embed-next")?.textContent ?? "",
    }));
    assert.equal(r.lang, "ru");
    assert.match(r.title, /[А-Яа-я]/, `embed title: ${r.title}`);
    assert.match(r.next, /Далее/);
    await h.gotoReady(page, site.url + "ru/index.html#lopsided-gap");
    await h.waitActive(page, "lopsided-gap");
    await page.click('.chapter#lopsided [data-tool="embed"]');
    const code = await page.inputValue("#lopsided .embed-code");
    assert.ok(code.includes('src="' + new URL("ru/embed/shares.html?step=lopsided-gap", site.url).href + '"'), code);
    // That page is Russian before the wasm and with it, and its story link opens the Russian story.
    await h.gotoReady(page, site.url + "ru/embed/shares.html?step=lopsided-gap");
    const live = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.querySelector(".graphic-title")?.textContent ?? "",
      next: document.querySelector(".embed-next")?.textContent ?? "",
      story: document.querySelector(".embed-story-link a")?.href ?? "",
    }));
    assert.equal(live.lang, "ru");
    assert.match(live.title, /[А-Яа-я]/, `live embed title: ${live.title}`);
    assert.match(live.next, /Далее/);
    assert.equal(live.story, new URL("ru/index.html#lopsided-gap", site.url).href);
    assert.deepEqual(errors.page, []);
    assert.deepEqual(errors.console, []);
  } finally {
    await context.close();
  }
});

test("without JavaScript each edition's embed pages are in its language, their figure too", async () => {
  for (const ed of EDITIONS.slice(1)) {
    const context = await site.browser.newContext({ ...h.PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      const code = ed.tag.slice(0, 2);
      const response = await page.goto(site.url + `${code}/embed/trade.html`);
      assert.equal(response?.status(), 200, `${code}/embed/trade.html`);
      const r = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        title: document.querySelector(".graphic-title")?.textContent ?? "",
        figure: document.querySelector(".graphic-canvas img")?.getAttribute("src") ?? "",
        loaded: document.querySelector(".graphic-canvas img")?.naturalWidth ?? 0,
        story: document.querySelector(".embed-story-link a")?.href ?? "",
      }));
      assert.equal(r.lang, ed.tag, `${code}/embed/trade.html <html lang>`);
      assert.match(r.title, code === "ru" ? /[А-Яа-я]/ : /[\u4e00-\u9fff]/, `${code} embed title: ${r.title}`);
      assert.match(r.figure, new RegExp(`^figures/${code}/`), "the figure in the edition's language");
      assert.ok(r.loaded > 300, `${code}/embed/trade.html: its figure did not load`);
      assert.equal(r.story, new URL(`${code}/index.html#boom-decade`, site.url).href);
    } finally {
      await context.close();
    }
  }
});

test("without JavaScript each edition is whole in its language", async () => {
  for (const ed of EDITIONS.slice(1)) {
    const context = await site.browser.newContext({ ...h.PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(site.url + ed.page);
      const r = await page.evaluate(() => ({
        chars: document.body.innerText.length,
        figures: [...document.querySelectorAll(".step-figure img")].filter((i) => i.offsetParent).length,
        firstFigure: document.querySelector(".step-figure img")?.getAttribute("src"),
        css: [...document.styleSheets].filter((s) => s.cssRules.length > 0).length,
      }));
      assert.ok(r.chars > 15000, `${ed.page}: ${r.chars} characters without script`);
      assert.equal(r.figures, 47, `${ed.page}: step figures shown`);
      assert.match(r.firstFigure, new RegExp(`^figures/${ed.tag.slice(0, 2)}/`), "figures in the edition's language");
      await page.locator(".step-figure img").nth(5).scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelectorAll(".step-figure img")[5].complete);
      const w = await page.evaluate(() => document.querySelectorAll(".step-figure img")[5].naturalWidth);
      assert.ok(w > 300, `${ed.page}: a figure did not load`);
      await h.screenshot(page, `nojs-${ed.tag}`);
    } finally {
      await context.close();
    }
  }
});
