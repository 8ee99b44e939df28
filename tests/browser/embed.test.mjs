// Embeds: host pages (pym.js, a Datawrapper-style listener, our resize.js) size the iframe to the
// embed's content; garbage in the query gives a fallback; the tools export what is drawn; present
// mode steps with the keyboard; a copied step link opens that step.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import * as h from "./lib/harness.mjs";

const site = h.useSite();
// The host pages are served from their own origin, as on a real third-party site.
const HOSTS = fileURLToPath(new URL(".", import.meta.url));
let hosts;
before(async () => {
  hosts = await h.serve(HOSTS, {}); // host pages: not ours, served without our policy
});
after(async () => {
  await hosts?.close();
});

const hostUrl = (fixture, embed) =>
  `${hosts.url}fixtures/${fixture}.html?site=${encodeURIComponent(site.url)}&embed=${encodeURIComponent(embed)}`;

async function embedFrame(page) {
  for (let i = 0; i < 100; i++) {
    const f = page.frames().find((f) => f.url().includes("embed.html"));
    if (f) return f;
    await h.sleep(100);
  }
  throw new Error("no embed frame");
}

/** Waits until the iframe's height equals the embed's content height (±2 px); returns both. */
async function heightsAgree(page, frame, iframeSel, timeout = 5_000) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeout) {
    const content = await frame.evaluate(() => document.getElementById("embed")?.getBoundingClientRect().height ?? -1);
    const box = await page.evaluate((sel) => document.querySelector(sel).getBoundingClientRect().height, iframeSel);
    last = { content, box };
    if (content > 50 && Math.abs(content - box) <= 2) return last;
    await h.sleep(100);
  }
  throw new Error(`iframe height never matched the content: ${JSON.stringify(last)}`);
}

async function checkHost(fixture, iframeSel) {
  const { context, page, errors } = await h.openPage(site.browser, { viewport: { width: 900, height: 800 } });
  try {
    await page.goto(hostUrl(fixture, "g=trade&step=boom-record&childId=chart"));
    const frame = await embedFrame(page);
    await frame.waitForFunction(() => document.body.dataset.ready === "true", null, { timeout: h.READY_TIMEOUT });
    const first = await heightsAgree(page, frame, iframeSel);

    // Narrower host: the canvas height follows the width, the frame follows the content.
    await page.setViewportSize({ width: 420, height: 800 });
    const narrow = await heightsAgree(page, frame, iframeSel);
    assert.notEqual(Math.round(narrow.content), Math.round(first.content), "resizing should change the content height");

    // A step change (and opening the data table, which always grows the content).
    await frame.click(".embed-next");
    await frame.waitForFunction(() => document.getElementById("embed").dataset.step === "boom-split");
    await heightsAgree(page, frame, iframeSel);
    await frame.click(".graphic-data summary");
    // The table is built when opened; the frame must then follow the taller content.
    await frame.waitForSelector(".graphic-data tbody tr");
    const opened = await heightsAgree(page, frame, iframeSel);
    assert.ok(opened.content > narrow.content + 50, `data table should make it taller: ${JSON.stringify(opened)}`);

    assert.deepEqual(errors.page, []);
    assert.deepEqual(errors.console, []);
    return { first, narrow, opened };
  } finally {
    await context.close();
  }
}

test("pym.js parent sizes the iframe to the embed's content", async () => {
  await checkHost("pym", "#chart iframe");
});

test("a Datawrapper-style listener sizes the iframe to the embed's content", async () => {
  await checkHost("datawrapper", "#frame");
});

test("our resize.js sizes the iframe and ignores other frames and messages", async () => {
  await checkHost("resize", "#frame");
  const { context, page } = await h.openPage(site.browser);
  try {
    await page.goto(hostUrl("resize", "g=trade"));
    const frame = await embedFrame(page);
    await frame.waitForFunction(() => document.body.dataset.ready === "true", null, { timeout: h.READY_TIMEOUT });
    await heightsAgree(page, frame, "#frame");
    // Forged messages: from the wrong source, with extra keys, or with a string height.
    const before = await page.evaluate(() => document.getElementById("frame").getBoundingClientRect().height);
    await page.evaluate(() => {
      window.postMessage({ "explainer-height": { id: "trade", height: 99 } }, "*");
    });
    await frame.evaluate(() => {
      parent.postMessage({ "explainer-height": { id: "trade", height: 77, extra: 1 } }, "*");
      parent.postMessage({ "explainer-height": { id: "trade", height: "55" } }, "*");
      parent.postMessage({ "explainer-height": { id: "<b>", height: 66 } }, "*");
    });
    await h.sleep(300);
    const after = await page.evaluate(() => ({
      frame: document.getElementById("frame").getBoundingClientRect().height,
      other: document.getElementById("other").getBoundingClientRect().height,
    }));
    assert.equal(after.frame, before);
    assert.equal(after.other, 123);
  } finally {
    await context.close();
  }
});

test("garbage in the query string gives a fallback, never an error page", async () => {
  const cases = [
    ["embed.html?g=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&step=zzz&theme=%22%3E", { unknown: true }],
    ["embed.html", { unknown: true }],
    ["embed.html?g=trade&step=%3Cscript%3E&theme=purple&controls=banana&childId=%22x", { step: "boom-decade", theme: null }],
    ["embed.html?g=trade&step=lopsided-gap&theme=dark", { step: "boom-decade", theme: "dark" }],
    ["embed.html?g=shares&step=lopsided-gap&theme=light&controls=0", { step: "lopsided-gap", theme: "light", noControls: true }],
  ];
  for (const [path, want] of cases) {
    const { context, page, errors } = await h.openPage(site.browser);
    try {
      await h.gotoReady(page, site.url + path);
      const state = await page.evaluate(() => ({
        unknown: !!document.querySelector(".embed-unknown"),
        ids: [...document.querySelectorAll(".embed-valid-ids code")].map((c) => c.textContent),
        imgs: document.querySelectorAll("img").length,
        step: document.getElementById("embed")?.dataset.step ?? null,
        theme: document.documentElement.getAttribute("data-theme"),
        controls: !!document.querySelector(".embed-controls"),
        canvas: !!document.querySelector("#embed canvas"),
      }));
      if (want.unknown) {
        assert.ok(state.unknown, `${path}: ${JSON.stringify(state)}`);
        assert.ok(state.ids.includes("trade"), `${path}: valid ids listed`);
        assert.equal(state.imgs, 0, "the URL never becomes markup");
      } else {
        assert.equal(state.step, want.step, path);
        assert.equal(state.theme, want.theme, path);
        assert.equal(state.controls, !want.noControls, path);
        assert.ok(state.canvas, path);
      }
      assert.deepEqual(errors.page, [], path);
      assert.deepEqual(errors.console, [], path);
    } finally {
      await context.close();
    }
  }
});

test("arrow keys step the embed; the CSV download has the rows the graphic shows", async () => {
  const { context, page, errors } = await h.openPage(site.browser, { acceptDownloads: true });
  try {
    await h.gotoReady(page, site.url + "embed.html?g=trade&step=boom-decade");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.getElementById("embed").dataset.step === "boom-record");
    assert.equal((await page.textContent(".embed-counter")).trim(), "Step 2 of 4");
    await page.keyboard.press("ArrowLeft");
    await page.waitForFunction(() => document.getElementById("embed").dataset.step === "boom-decade");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.getElementById("embed").dataset.step === "boom-split");
    await h.settle(page);
    // The downloads' and the data table's code is a part of the wasm of its own
    // (src/embed/lazy.rs), fetched on the first download or opening of the table.
    const toolsFetched = () => page.evaluate(() => performance.getEntriesByType("resource").some((e) => /-tools\.wasm$/.test(e.name)));
    assert.equal(await toolsFetched(), false, "the downloads' code was fetched before a download");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-tool=csv]")]);
    assert.equal(download.suggestedFilename(), "china-russia-trade-boom-split.csv");
    assert.equal(await toolsFetched(), true, "the downloads' code was not fetched for a download");
    const stream = await download.createReadStream();
    let csv = "";
    for await (const chunk of stream) csv += chunk;
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    // The table is built when the reader opens it.
    await page.click(".graphic-data summary");
    await page.waitForSelector(".graphic-data tbody tr");
    const table = await page.evaluate(() => ({
      head: [...document.querySelectorAll(".graphic-data thead th")].map((t) => t.textContent),
      rows: [...document.querySelectorAll(".graphic-data tbody tr")].map((r) => [...r.cells].map((c) => c.textContent)),
    }));
    assert.equal(lines[0], table.head.join(","));
    assert.equal(lines.length - 1, table.rows.length);
    assert.deepEqual(lines.slice(1).map((l) => l.split(",")[0]), table.rows.map((r) => r[0]));

    for (const tool of ["svg", "png"]) {
      const [d] = await Promise.all([page.waitForEvent("download"), page.click(`[data-tool=${tool}]`)]);
      assert.equal(d.suggestedFilename(), `china-russia-trade-boom-split.${tool}`);
    }
    assert.deepEqual(errors.page, []);
  } finally {
    await context.close();
  }
});

test("present mode steps across chapters with the keyboard and clicks", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await h.gotoReady(page, site.url + "index.html?present=1#boom-cooling");
    const state = () =>
      page.evaluate(() => ({
        step: document.getElementById("embed").dataset.step,
        counter: document.querySelector(".embed-counter").textContent,
        caption: document.querySelector(".present-caption").textContent.length,
        hash: location.hash,
      }));
    let s = await state();
    assert.equal(s.step, "boom-cooling");
    assert.match(s.counter, /^4 \/ \d+$/);
    assert.ok(s.caption > 40);
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.getElementById("embed").dataset.step === "lopsided-russia");
    s = await state();
    assert.match(s.counter, /^5 \/ /);
    assert.equal(s.hash, "#lopsided-russia");
    assert.equal(await page.textContent(".graphic-title"), await page.evaluate(() => document.querySelector(".graphic-title").textContent));
    await page.keyboard.press("ArrowLeft");
    await page.waitForFunction(() => document.getElementById("embed").dataset.step === "boom-cooling");
    await page.click(".embed-stage canvas");
    await page.waitForFunction(() => document.getElementById("embed").dataset.step === "lopsided-russia");
    await page.keyboard.press("Home");
    await page.waitForFunction(() => document.getElementById("embed").dataset.step === "boom-decade");
    await h.screenshot(page, "present-mode");
    assert.deepEqual(errors.page, []);
    assert.deepEqual(errors.console, []);
  } finally {
    await context.close();
  }
});

test("a copied step link opens the story at that step", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.url.replace(/\/$/, "") });
    await h.gotoReady(page, site.url + "embed.html?g=shares&step=lopsided-china");
    await page.click("[data-tool=link]");
    await page.waitForFunction(() => document.querySelector(".tool-status")?.textContent.includes("copied"));
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(link, site.url + "index.html#lopsided-china");
    await h.gotoReady(page, link);
    await h.waitActive(page, "lopsided-china");

    // The embed dialog offers iframe code for this view.
    await h.gotoReady(page, site.url + "embed.html?g=shares&step=lopsided-china");
    await page.click("[data-tool=embed]");
    const code = await page.inputValue(".embed-code");
    assert.ok(code.includes(`src="${site.url}embed/shares.html?step=lopsided-china"`), code);
    assert.ok(code.includes("data-explainer-embed") && code.includes("resize.js"), code);
    assert.deepEqual(errors.page, []);
  } finally {
    await context.close();
  }
});

test("an embed at phone width shows title, takeaway, graphic, the whole description, source and a link back", async () => {
  const { context, page, errors } = await h.openPage(site.browser, { ...h.PHONE, deviceScaleFactor: 2 });
  try {
    // A chapter id names its graphic as well as the graphic id does.
    await page.goto(`${site.url}embed.html?g=china-sells&step=china-sells-dual-use`);
    await h.waitReady(page);
    const parts = await page.evaluate(() => {
      const shown = (sel) => {
        const el = document.querySelector(sel);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { visible: r.width > 0 && r.height > 0, clipped: el.scrollHeight > el.clientHeight + 1, text: el.textContent.trim() };
      };
      return {
        graphic: document.querySelector(".graphic[data-graphic]")?.dataset.graphic,
        title: shown(".graphic-title"),
        takeaway: shown(".graphic-takeaway"),
        description: shown(".graphic-description"),
        source: shown(".graphic-source"),
        back: document.querySelector(".embed-story-link a, a[href*='index.html#']")?.getAttribute("href"),
      };
    });
    await h.screenshot(page, "embed-phone-parts", { fullPage: true });
    assert.equal(parts.graphic, "goods");
    for (const k of ["title", "takeaway", "description", "source"]) {
      assert.ok(parts[k]?.visible && parts[k].text, `${k} not shown: ${JSON.stringify(parts[k])}`);
    }
    assert.ok(!parts.description.clipped, "the description is cut short");
    assert.match(parts.back ?? "", /index\.html#china-sells-dual-use$/, "link back to the step in the story");
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
  } finally {
    await context.close();
  }
});

// Two binaries (src/main.rs, src/bin/embed.rs): the story's reader never downloads the embed
// and present-mode code, nor an embed's reader the story's scroll engine; an address on the
// story page that asks for one graphic alone loads the embed binary and shows it.
test("each page downloads only its own binary, and its maps' code only for a map", async () => {
  const wasmOf = (page) => {
    const got = [];
    page.on("request", (r) => {
      const m = r.url().match(/\/(explainer|embed)-[0-9a-f]+(_bg|-maps|-charts)\.wasm$/);
      if (m) got.push(m[2] === "_bg" ? m[1] : `${m[1]} ${m[2].slice(1)}`);
    });
    return got;
  };
  // Each binary's maps' code is a chunk of its own (src/maps/lazy.rs): a map's page fetches it,
  // a chart's does not. The drawing code (src/graphic/lazy.rs), and a map's code and land with
  // it, come on the reader's first move where the graphic opens on the static page's picture,
  // at once where it does not.
  for (const [path, want, check] of [
    ["index.html", ["explainer", "explainer charts", "explainer maps"], null],
    ["embed/trade.html", ["embed"], "trade"],
    ["ru/embed/pipes-map.html", ["embed"], "pipes-map"],
    ["embed/pipes-map.html?step=pipes-oil", ["embed", "embed charts", "embed maps"], "pipes-map"],
    ["embed/trade.html?step=boom-record", ["embed", "embed charts"], "trade"],
    ["index.html?g=shares&step=lopsided-china", ["explainer", "embed", "embed charts"], "shares"],
  ]) {
    const { context, page, errors } = await h.openPage(site.browser);
    try {
      const got = wasmOf(page);
      await h.gotoReady(page, site.url + path);
      if (path === "index.html") {
        const ids = await h.stepIds(page);
        await h.scrollToStep(page, ids[ids.length - 1]);
        await h.settle(page);
      }
      await h.sleep(300);
      assert.deepEqual(got, want, `${path} downloaded ${got.join(", ") || "no wasm"}`);
      if (check) {
        const opensOnPicture = !got.some((g) => g.endsWith("charts"));
        if (opensOnPicture) {
          assert.ok(await page.evaluate(() => document.querySelector("#embed .graphic-canvas picture img")?.naturalWidth > 0), `${path} does not show its static figure before the reader moves`);
          await page.mouse.move(8, 8);
        }
        await page.waitForSelector("#embed canvas[data-painted]", { timeout: 10_000 }).catch(() => {});
        if (opensOnPicture) assert.ok(got.some((g) => g.endsWith("charts")), `${path} did not fetch its drawing code on the reader's first move`);
        // A map's code and land come with the drawing code (src/web/embed.rs).
        if (check.endsWith("-map")) assert.ok(got.includes("embed maps"), `${path} did not fetch its maps' code: ${got.join(", ")}`);
        const g = await page.evaluate(() => document.querySelector("#embed canvas[data-painted]")?.closest("figure[data-graphic]")?.dataset.graphic ?? null);
        assert.equal(g, check, `${path} does not show the live ${check} graphic`);
      }
      assert.deepEqual(errors.page, [], `${path}: uncaught errors`);
      assert.deepEqual(errors.console, [], `${path}: console errors`);
    } finally {
      await context.close();
    }
  }
});
