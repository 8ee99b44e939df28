// 5. No horizontal scrolling, crisp canvases, at phone and desktop sizes, in light and dark.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

const SIZES = [
  ["phone-dpr3", h.PHONE],
  ["desktop-dpr1", h.DESKTOP],
  ["desktop-dpr2", { ...h.DESKTOP, deviceScaleFactor: 2 }],
];
const SCHEMES = ["light", "dark"];
const STOPS = [["top", 0], ["third", 1 / 3], ["two-thirds", 2 / 3], ["bottom", 1]];

for (const [sizeName, size] of SIZES) {
  for (const scheme of SCHEMES) {
    test(`${sizeName} ${scheme}`, async () => {
      const { context, page, errors } = await h.openPage(site.browser, { ...size, colorScheme: scheme });
      try {
        await h.gotoReady(page, site.url);
        await h.firstMove(page);
        const problems = [];
        for (const [stop, fraction] of STOPS) {
          await page.evaluate((f) => {
            window.scrollTo({ top: f * (document.documentElement.scrollHeight - innerHeight), behavior: "instant" });
          }, fraction);
          const id = await h.stepAtReadingLine(page);
          await h.waitActive(page, id).catch((e) => problems.push(`${stop}: ${e.message}`));
          // A map's first paint waits for its land, which the jump may have just asked for.
          await h.readerPainted(page).catch(() => problems.push(`${stop}: the graphic of ${id} never painted`));
          const widths = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            wide: [...document.querySelectorAll("body *")]
              .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
              .slice(0, 5)
              .map((el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")}`),
          }));
          if (widths.scrollWidth > widths.innerWidth) {
            problems.push(`${stop}: horizontal scroll, scrollWidth ${widths.scrollWidth} > ${widths.innerWidth} (wide: ${widths.wide})`);
          }
          const crisp = h.crispProblem(await h.canvasInfo(page, id));
          if (crisp) problems.push(`${stop} (step ${id}): ${crisp}`);
          await h.screenshot(page, `layout-${sizeName}-${scheme}-${stop}`);
        }
        assert.deepEqual(problems, [], problems.join("\n"));
        assert.deepEqual(errors.page, [], "uncaught page errors");
        assert.deepEqual(errors.console, [], "console errors");
      } finally {
        await context.close();
      }
    });
  }
}

test("dark scheme changes the page colours", async () => {
  const colours = {};
  for (const scheme of SCHEMES) {
    const { context, page } = await h.openPage(site.browser, { colorScheme: scheme });
    try {
      await h.gotoReady(page, site.url);
      await h.firstMove(page);
      const first = (await h.stepIds(page))[0];
      colours[scheme] = await page.evaluate(() => {
        const bg = (el) => getComputedStyle(el).backgroundColor;
        const body = bg(document.body);
        return body === "rgba(0, 0, 0, 0)" ? bg(document.documentElement) : body;
      });
      colours[scheme + "Canvas"] = await h.canvasHash(page, first);
    } finally {
      await context.close();
    }
  }
  assert.notEqual(colours.dark, colours.light, "body background is the same in light and dark");
  assert.notEqual(colours.darkCanvas, colours.lightCanvas, "the first chart is drawn the same in light and dark");
});

test("on a phone the contents row scrolls sideways to keep the current chapter's link in view", async () => {
  const { context, page, errors } = await h.openPage(site.browser, h.PHONE);
  try {
    await h.gotoReady(page, site.url);
    const ids = await h.stepIds(page);
    const late = ids[ids.length - 3];
    const seen = async () =>
      page.evaluate(() => {
        const a = document.querySelector(".toc ol a.is-current");
        if (!a) return null;
        const l = a.getBoundingClientRect();
        const r = a.closest("ol").getBoundingClientRect();
        return { inside: l.left >= r.left - 1 && l.right <= r.right + 1, text: a.textContent, scrollY: window.scrollY };
      });
    await h.scrollToStep(page, late);
    await h.waitActive(page, late);
    const before = await seen();
    assert.ok(before, "no current chapter in the contents");
    assert.ok(before.inside, `the current chapter “${before.text}” is outside the contents row`);
    // Back to the start: the row follows, and the page is not scrolled by it.
    await h.scrollToStep(page, ids[0]);
    await h.waitActive(page, ids[0]);
    const after = await seen();
    assert.ok(after.inside, `the first chapter “${after.text}” is outside the contents row`);
    assert.deepEqual(errors.page, [], "uncaught page errors");
  } finally {
    await context.close();
  }
});

// A graphic's canvas keeps its size through its chapter: the words under it (description and
// source, which differ by step) must not push it up and down, or every step change would resize
// the canvas (a reallocation and a repaint inside the browser's frame) and the chart would jump.
for (const [sizeName, size] of [["phone", h.PHONE], ["desktop", h.DESKTOP]]) {
  test(`${sizeName}: each graphic's canvas keeps its size from step to step`, async () => {
    const { context, page, errors } = await h.openPage(site.browser, size);
    try {
      await h.gotoReady(page, site.url);
      const sizes = new Map();
      for (const id of await h.stepIds(page)) {
        await h.scrollToStep(page, id);
        await h.waitActive(page, id);
        const s = await page.evaluate((id) => {
          const chapter = document.getElementById(id)?.closest(".chapter");
          const r = chapter?.querySelector(".graphic canvas")?.getBoundingClientRect();
          return r && { chapter: chapter.id, size: `${r.width.toFixed(1)}×${r.height.toFixed(1)}` };
        }, id);
        assert.ok(s, `${id}: no canvas in its chapter`);
        sizes.set(s.chapter, [...(sizes.get(s.chapter) ?? []), `${id} ${s.size}`]);
      }
      const changing = [...sizes].filter(([, l]) => new Set(l.map((x) => x.split(" ")[1])).size > 1);
      assert.deepEqual(changing.map(([c, l]) => `${c}: ${l.join(", ")}`), [], "canvas sizes that change within a chapter");
      assert.ok(sizes.size >= 9, `expected every chapter's canvas, saw ${sizes.size}`);
      assert.deepEqual(errors.page, [], "uncaught page errors");
    } finally {
      await context.close();
    }
  });
}

// "Show the data" under a graphic opens its table in the graphic's own column: the table takes
// its room from the picture and covers nothing (it once lay over the words and the tools row,
// so a reader with the table open could not reach "Get the data" or "Embed").
for (const [sizeName, size] of [["phone", h.PHONE], ["desktop", h.DESKTOP]]) {
  test(`${sizeName}: an open data table covers neither the words nor the tools row, and the picture still shows`, async () => {
    const { context, page, errors } = await h.openPage(site.browser, size);
    try {
      await h.gotoReady(page, site.url);
      const ids = await h.stepIds(page);
      const id = ids.find((i) => i.startsWith("russia-sells")) ?? ids[8];
      await h.scrollToStep(page, id);
      await h.waitActive(page, id);
      await h.settle(page);
      const figure = `#${await page.evaluate((id) => document.getElementById(id).closest(".chapter").id, id)} .graphic-slot figure.graphic`;
      await page.click(`${figure} details.graphic-data summary`);
      await page.waitForSelector(`${figure} details.graphic-data[open] tbody tr`, { timeout: 10_000 });
      await h.sleep(300);
      const seen = await page.evaluate((sel) => {
        const f = document.querySelector(sel);
        const box = (e) => e.getBoundingClientRect();
        const table = box(f.querySelector("details.graphic-data"));
        const cover = (e) => {
          const r = box(e);
          return r.bottom > table.top + 0.5 && r.top < table.bottom - 0.5 && r.height > 0 ? e.className || e.tagName : null;
        };
        // What the reader would hit at the middle of each tool in view (a phone's row scrolls
        // sideways): the tool itself, not the table.
        const row = box(f.querySelector(".graphic-tools"));
        const tools = [...f.querySelectorAll(".graphic-tools .tool")];
        const blocked = tools.filter((t) => {
          const r = box(t);
          const x = r.left + r.width / 2;
          return x > row.left && x < row.right && !t.contains(document.elementFromPoint(x, r.top + r.height / 2));
        });
        return {
          covered: [f.querySelector(".graphic-said"), f.querySelector(".graphic-tools")].map(cover).filter(Boolean),
          blocked: blocked.map((t) => t.textContent),
          tools: tools.length,
          picture: box(f.querySelector("canvas")).height,
        };
      }, figure);
      assert.ok(seen.tools > 0, "the graphic has no tools");
      assert.deepEqual(seen.covered, [], "parts of the graphic the open table lies over");
      assert.deepEqual(seen.blocked, [], "tools the reader cannot click with the table open");
      assert.ok(seen.picture >= 150, `the picture shrank to ${seen.picture} px with the table open`);
      await h.screenshot(page, `table-open-${sizeName}`);
      assert.deepEqual(errors.page, [], "uncaught page errors");
    } finally {
      await context.close();
    }
  });
}
