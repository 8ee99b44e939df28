// 9. Broken data files produce a precise, visible message instead of a dead page; unknown hashes are ignored.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

/** A copy of dist/ with `change(dir)` applied, served on its own port. */
async function brokenSite(change) {
  const dir = await mkdtemp(join(tmpdir(), "explainer-dist-"));
  await cp(h.DIST, dir, { recursive: true });
  await change(dir);
  const server = await h.serve(dir);
  return { url: server.url, close: async () => (await server.close(), await rm(dir, { recursive: true, force: true })) };
}

/** Opens the page, waits for .data-error; returns what the reader sees. */
async function errorShown(url) {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await page.goto(url);
    const shown = await page
      .waitForSelector(".data-error", { state: "visible", timeout: h.READY_TIMEOUT })
      .then(() => true, () => false);
    await h.sleep(300);
    const state = await page.evaluate(() => ({
      alerts: [...document.querySelectorAll(".data-error")].map((e) => ({ role: e.getAttribute("role"), text: e.textContent.trim() })),
      steps: document.querySelectorAll(".step").length,
      stepText: [...document.querySelectorAll(".step")].map((s) => s.textContent.trim()).join(" ").length,
      body: document.body.innerText.slice(0, 300),
    }));
    return { shown, state, pageErrors: errors.page };
  } finally {
    await context.close();
  }
}

// The CSV files are read and checked when the site is built (a bad row fails the build, naming
// file, row and field: tests/data.rs); the page reads one binary edition file per language
// (src/wire.rs: "CRE1", the build's stamp, then postcard).
const EDITION = "edition-en.bin";

/** Opens a copy of dist/ whose edition file is `change(bytes)`; asserts the message names the
 *  file and says `says`, with the story's text still there. */
async function editionRefused(change, says) {
  const broken = await brokenSite(async (dir) => {
    const file = join(dir, "data", EDITION);
    await writeFile(file, change(await readFile(file)));
  });
  try {
    const { shown, state, pageErrors } = await errorShown(broken.url);
    assert.ok(shown, `no visible .data-error; page shows: ${state.body}`);
    const alert = state.alerts[0];
    assert.equal(alert.role, "alert", ".data-error lacks role=alert");
    assert.match(alert.text, /edition-en\.bin/, "message does not name the file");
    assert.match(alert.text, says, "message does not say what is wrong");
    assert.ok(state.steps > 0 && state.stepText > 100, `story text gone: ${state.steps} .step elements, ${state.stepText} characters`);
    assert.deepEqual(pageErrors, [], "uncaught page errors");
  } finally {
    await broken.close();
  }
}

test("an edition file cut short names the file and says so", () =>
  editionRefused((bytes) => bytes.subarray(0, Math.floor(bytes.length / 2)), /cut short/));

test("garbage inside the edition names the file and says it is damaged", () =>
  // After the 12-byte header, the first field is the story's title: a length, then its UTF-8.
  // 0xff bytes there are not UTF-8, whatever the length says.
  editionRefused((bytes) => Buffer.concat([bytes.subarray(0, 13), Buffer.alloc(8, 0xff), bytes.subarray(21)]), /damaged/));

test("a file that is not an edition (e.g. the old JSON) is refused by name", () =>
  editionRefused(() => Buffer.from('{"story":{},"words":{},"data":{}}'), /not the file the page expects \(it does not begin with “CRE1”\)/));

// What is wrong with a file is said in the page's language where a reader may meet it: a file
// missing from the host, and a stale copy from an older deploy (reload).
test("a Russian page says what is wrong with a missing edition or a stale base map in Russian", async () => {
  const broken = await brokenSite(async (dir) => {
    await rm(join(dir, "data", "edition-ru.bin"));
  });
  try {
    const { shown, state, pageErrors } = await errorShown(broken.url + "ru/index.html");
    assert.ok(shown, `no visible .data-error; page shows: ${state.body}`);
    assert.match(state.alerts[0].text, /data\/edition-ru\.bin: файл не найден \(HTTP 404\)/, state.alerts[0].text);
    assert.doesNotMatch(state.alerts[0].text, /[a-z]{4,} [a-z]{4,}/, `English words in the Russian message: ${state.alerts[0].text}`);
    assert.deepEqual(pageErrors, [], "uncaught page errors");
  } finally {
    await broken.close();
  }
  // The stale base map: the edition loads, the map says so over its static figure.
  const stale = await brokenSite(async (dir) => {
    const geo = join(dir, "geo", "base.bin");
    const bytes = await readFile(geo);
    await writeFile(geo, Buffer.concat([bytes.subarray(0, 4), Buffer.from("00000000"), bytes.subarray(12)]));
  });
  try {
    const r = await graphicMessages(stale.url + "ru/", "#pipes-pos1");
    assert.ok(r.messages.some((m) => /geo\/base\.bin: файл относится к другой сборке/.test(m)), `messages: ${JSON.stringify(r.messages)}`);
    assert.deepEqual(r.pageErrors, [], "uncaught page errors");
  } finally {
    await stale.close();
  }
});

// Every reason a fetched file cannot be read is said in the page's language (file_* words).
test("a Chinese page says a cut-short edition in Chinese, a Russian map a foreign base map in Russian", async () => {
  const cut = await brokenSite(async (dir) => {
    const file = join(dir, "data", "edition-zh.bin");
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
  });
  try {
    const { shown, state, pageErrors } = await errorShown(cut.url + "zh/index.html");
    assert.ok(shown, `no visible .data-error; page shows: ${state.body}`);
    assert.match(state.alerts[0].text, /data\/edition-zh\.bin: 文件不完整/, state.alerts[0].text);
    assert.doesNotMatch(state.alerts[0].text, /[a-z]{4,} [a-z]{4,}/, `English words in the Chinese message: ${state.alerts[0].text}`);
    assert.deepEqual(pageErrors, [], "uncaught page errors");
  } finally {
    await cut.close();
  }
  const foreign = await brokenSite((dir) => writeFile(join(dir, "geo", "base.bin"), "{ not json"));
  try {
    const r = await graphicMessages(foreign.url + "ru/", "#pipes-pos1");
    const said = r.messages.find((m) => /geo\/base\.bin/.test(m)) ?? "";
    assert.match(said, /geo\/base\.bin: это не тот файл, который ожидает страница/, `messages: ${JSON.stringify(r.messages)}`);
    assert.doesNotMatch(said, /[a-z]{4,} [a-z]{4,}/, `English words in the Russian message: ${said}`);
    assert.deepEqual(r.pageErrors, [], "uncaught page errors");
  } finally {
    await foreign.close();
  }
});

test("an edition from another build (another stamp) is refused by name", () =>
  editionRefused((bytes) => Buffer.concat([bytes.subarray(0, 4), Buffer.from("00000000"), bytes.subarray(12)]), /another build/));

test("a missing edition file names the file", async () => {
  const broken = await brokenSite((dir) => rm(join(dir, "data", EDITION)));
  try {
    const { shown, state, pageErrors } = await errorShown(broken.url);
    assert.ok(shown, `no visible .data-error; page shows: ${state.body}`);
    assert.equal(state.alerts[0].role, "alert", ".data-error lacks role=alert");
    assert.match(state.alerts[0].text, /edition-en\.bin/, "message does not name the file");
    assert.match(state.alerts[0].text, /missing/, "message does not say the file is missing");
    assert.ok(state.steps > 0, "story text gone");
    assert.deepEqual(pageErrors, [], "uncaught page errors");
  } finally {
    await broken.close();
  }
});

test("an unknown #hash opens normally at the first step", async () => {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await page.goto(`${site.url}index.html#no-such-step`);
    await h.waitReady(page);
    const ids = await h.stepIds(page);
    await h.sleep(300);
    assert.equal(await h.activeStep(page), ids[0], "active step");
    assert.equal(await page.locator(".data-error").count(), 0, "a .data-error is shown");
    assert.deepEqual(errors.page, [], "uncaught page errors");
    assert.deepEqual(errors.console, [], "console errors");
  } finally {
    await context.close();
  }
});

/** Opens the story at `hash` and returns the messages shown on graphics and the page's state. */
async function graphicMessages(url, hash, route) {
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    if (route) await page.route(route.pattern, route.handler);
    await page.goto(url + "index.html" + hash);
    await page.waitForSelector(".graphic-error", { state: "visible", timeout: h.READY_TIMEOUT });
    await h.waitReady(page);
    await h.sleep(400);
    await h.screenshot(page, `failure-${hash.slice(1) || "top"}-${route ? "route" : "file"}`);
    return await page.evaluate(() => ({
      messages: [...document.querySelectorAll(".graphic-error")].filter((e) => e.offsetParent).map((e) => e.textContent),
      alerts: [...document.querySelectorAll(".data-error")].map((e) => e.textContent),
      stepText: [...document.querySelectorAll(".step")].map((s) => s.textContent).join(" ").length,
      staticFigures: document.querySelectorAll(".graphic-static img").length,
      canvases: document.querySelectorAll(".graphic-slot canvas").length,
      mapInk: (() => {
        const c = document.querySelector("#pipes .graphic-slot canvas");
        return c ? window.__inkOf(c).inked : 0;
      })(),
      // The step's static figure: the one standing in for the step, or at the chapter's first
      // step the picture the static page had there.
      mapFigure: (() => {
        const fig = document.querySelector("#pipes .graphic-slot figure:not(.graphic-static)");
        const img = fig?.querySelector("img.graphic-fallback") ?? fig?.querySelector(".graphic-canvas picture img");
        return img ? { src: img.currentSrc || img.getAttribute("src"), loaded: img.complete && img.naturalWidth > 0 } : null;
      })(),
      pageErrors: [],
    })).then((r) => ({ ...r, pageErrors: errors.page }));
  } finally {
    await context.close();
  }
}

test("a missing map geometry file is said on the map, and the step's static figure stands in", async () => {
  const broken = await brokenSite((dir) => rm(join(dir, "geo", "base.bin")));
  try {
    const r = await graphicMessages(broken.url, "#pipes-pos1");
    assert.ok(r.messages.some((m) => /base\.bin/.test(m) && /static figure/.test(m)), `messages: ${JSON.stringify(r.messages)}`);
    assert.ok(r.canvases >= 2, "the graphics still run");
    // The whole map as the build drew it (land, borders, routes and places all come in the
    // missing file), not a live map of what needs none of it; the canvas over it stays clear.
    assert.ok(r.mapFigure?.src.includes("figures/pipes-pos1") && r.mapFigure.loaded, `the map's static figure: ${JSON.stringify(r.mapFigure)}`);
    assert.ok(r.mapInk < 0.001, `the canvas paints over the static figure: ${r.mapInk}`);
    assert.deepEqual(r.pageErrors, [], "uncaught page errors");
  } finally {
    await broken.close();
  }
});

test("a missing maps chunk (the maps' own code) is said on the map, and the step's static figure stands in", async () => {
  const broken = await brokenSite(async (dir) => {
    const chunk = (await readdir(dir)).find((f) => /^explainer-[0-9a-f]+-maps\.wasm$/.test(f));
    assert.ok(chunk, "precondition: dist/ has the story's maps chunk");
    await rm(join(dir, chunk));
  });
  try {
    const r = await graphicMessages(broken.url, "#pipes-pos1");
    assert.ok(r.messages.some((m) => /maps\.wasm/.test(m) && /could not be fetched/.test(m) && /static figure/.test(m)), `messages: ${JSON.stringify(r.messages)}`);
    assert.ok(r.mapFigure?.src.includes("figures/pipes-pos1") && r.mapFigure.loaded, `the map's static figure: ${JSON.stringify(r.mapFigure)}`);
    assert.ok(r.mapInk < 0.001, `the canvas paints over the static figure: ${r.mapInk}`);
    assert.ok(r.canvases >= 2, "the other graphics still run");
    assert.deepEqual(r.pageErrors, [], "uncaught page errors");
  } finally {
    await broken.close();
  }
});

test("a missing charts part (the drawing code) is said on the graphic, and each step's static figure stands in", async () => {
  const broken = await brokenSite(async (dir) => {
    const part = (await readdir(dir)).find((f) => /^explainer-[0-9a-f]+-charts\.wasm$/.test(f));
    assert.ok(part, "precondition: dist/ has the story's charts part");
    await rm(join(dir, part));
  });
  const { context, page, errors } = await h.openPage(site.browser);
  try {
    await h.gotoReady(page, broken.url + "index.html");
    // The reader moves on to the first chapter's second step: the code is asked for, and fails.
    const second = await page.evaluate(() => document.querySelectorAll("#boom .step[data-step]")[1].dataset.step);
    await h.scrollToStep(page, second);
    await h.waitActive(page, second);
    await page.waitForFunction(() => document.querySelector("#boom img.graphic-fallback")?.complete, null, { timeout: 10_000 });
    const r = await page.evaluate(() => {
      const fig = document.querySelector("#boom .graphic-slot figure");
      const img = fig.querySelector("img.graphic-fallback");
      return {
        said: [...fig.querySelectorAll(".graphic-error")].map((e) => e.textContent),
        src: img.getAttribute("src"),
        loaded: img.naturalWidth > 0,
        ink: window.__inkOf(fig.querySelector("canvas")).inked,
        stepText: document.querySelector(".step:last-of-type")?.textContent.length ?? 0,
      };
    });
    await h.screenshot(page, "failure-charts-part");
    assert.equal(r.said.length, 1, `messages: ${JSON.stringify(r.said)}`);
    assert.ok(/charts\.wasm/.test(r.said[0]) && /could not be fetched/.test(r.said[0]) && /static figure/.test(r.said[0]), r.said[0]);
    assert.ok(r.src.includes(`figures/${second}`) && r.loaded, `the graphic shows ${r.src}, not the figure of ${second}`);
    assert.ok(r.ink < 0.001, `the canvas paints over the static figure: ${r.ink}`);
    assert.ok(r.stepText > 0, "the story's text is gone");
    assert.deepEqual(errors.page, [], "uncaught page errors");
  } finally {
    await context.close();
    await broken.close();
  }
});

test("a download or data table whose code cannot be fetched says so; the other tools still work", async () => {
  const broken = await brokenSite(async (dir) => {
    const parts = (await readdir(dir)).filter((f) => /-tools\.wasm$/.test(f));
    assert.equal(parts.length, 2, "precondition: the story's and the embed's tools part");
    for (const f of parts) await rm(join(dir, f));
  });
  const { context, page, errors } = await h.openPage(site.browser, { acceptDownloads: true });
  try {
    await h.gotoReady(page, broken.url + "index.html");
    await page.click("#boom [data-tool=csv]");
    await page.waitForFunction(() => document.querySelector("#boom .tool-status")?.textContent.trim(), null, { timeout: 10_000 });
    assert.match(await page.locator("#boom .tool-status").textContent(), /could not be prepared/);
    await page.click("#boom [data-tool=embed]");
    assert.ok(await page.locator("#boom dialog[open]").count(), "the embed dialog does not open");
    await page.keyboard.press("Escape");
    await page.click("#boom .graphic-slot details.graphic-data summary");
    const said = await page.waitForSelector("#boom .graphic-slot details.graphic-data .graphic-error", { timeout: 10_000 }).then((e) => e.textContent());
    assert.match(said, /table could not be shown/);
    assert.deepEqual(errors.page, [], "uncaught page errors");
  } finally {
    await context.close();
    await broken.close();
  }
});

test("map geometry that is not ours is said on the map", async () => {
  const broken = await brokenSite((dir) => writeFile(join(dir, "geo", "base.bin"), "{ not json"));
  try {
    const r = await graphicMessages(broken.url, "#border-line");
    assert.ok(r.messages.some((m) => /base\.bin/.test(m) && /not the file the page expects/.test(m)), `messages: ${JSON.stringify(r.messages)}`);
    assert.deepEqual(r.pageErrors, [], "uncaught page errors");
  } finally {
    await broken.close();
  }
});

test("an oversized data file is refused by name; the static figures stay with a message", async () => {
  const broken = await brokenSite((dir) => writeFile(join(dir, "data", EDITION), "x".repeat(5_000_000)));
  try {
    const r = await graphicMessages(broken.url, "");
    assert.ok(r.alerts.some((m) => /edition-en\.bin/.test(m) && /too large/.test(m)), `alerts: ${JSON.stringify(r.alerts)}`);
    assert.equal(r.messages.length >= 1, true, "no message on the graphic in view");
    assert.equal(r.staticFigures, 9, "the static figures were taken away");
    assert.ok(r.stepText > 5000, "story text gone");
    assert.deepEqual(r.pageErrors, [], "uncaught page errors");
  } finally {
    await broken.close();
  }
});

test("a network failure for the edition file names the file", async () => {
  const r = await graphicMessages(site.url, "", {
    pattern: /data\/edition-en\.bin$/,
    handler: (route) => route.abort("failed"),
  });
  assert.ok(r.alerts.some((m) => /edition-en\.bin/.test(m)), `alerts: ${JSON.stringify(r.alerts)}`);
  assert.ok(r.messages.length >= 1, "no message on the graphic in view");
  assert.deepEqual(r.pageErrors, [], "uncaught page errors");
});

test("an embed whose description file is missing or damaged says so by name, keeps its static figure; the story page never needs it", async () => {
  const broken = await brokenSite(async (dir) => {
    await rm(join(dir, "data", "said-en.bin"));
    await writeFile(join(dir, "data", "said-ru.bin"), "CRS1 not what the page expects");
  });
  try {
    for (const [page, says] of [["embed/trade.html", /said-en\.bin.*missing/], ["ru/embed/trade.html", /said-ru\.bin/]]) {
      const { shown, state, pageErrors } = await errorShown(`${broken.url}${page}`);
      assert.ok(shown, `${page}: no visible .data-error; page shows: ${state.body}`);
      assert.equal(state.alerts[0].role, "alert", `${page}: .data-error lacks role=alert`);
      assert.match(state.alerts[0].text, says, `${page}: message does not name the file and what is wrong`);
      assert.deepEqual(pageErrors, [], `${page}: uncaught page errors`);
    }
    // The static figure stays under the message.
    const { context, page } = await h.openPage(site.browser);
    try {
      await page.goto(`${broken.url}embed/trade.html`);
      await page.waitForSelector(".data-error", { timeout: h.READY_TIMEOUT });
      assert.ok(await page.locator("figure.graphic img").count(), "the static figure is gone");
      // The story reads each step's words from its own figures: without the file it runs whole.
      await h.gotoReady(page, broken.url);
      assert.equal(await page.locator(".data-error").count(), 0, "the story page says something failed");
      await h.scrollToStep(page, "boom-record");
      await page.waitForFunction(() => /turns sharply upward/.test(document.querySelector("#boom .graphic-said .graphic-description")?.textContent ?? ""), null, { timeout: 5_000 });
    } finally {
      await context.close();
    }
  } finally {
    await broken.close();
  }
});
