// Prints the built site's weight and speed beside the budgets of issues 10 (static first) and 11
// (smooth on a mid-range phone). Figures, not a test: it exits 0 once it could measure, and says
// what it could not. Run through scripts/report.sh (which builds dist/ and installs the tools).
// Everything is measured as a reader meets it: dist/ served with brotli (quality 11, as static
// hosts do), in Debian's headless Chromium.
//   LOADS=n      page loads for the first-chart median (default 9, at least 7)
//   LH_RUNS=n    Lighthouse runs per page (default 3; the median is printed)
//   SKIP=a,b     skip sections: wire, lighthouse, nojs, print, longtasks, garbage, trace, redraw, twiggy
import { readdir, readFile, stat } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { join, relative, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import * as h from "../tests/browser/lib/harness.mjs";

const BUDGET = {
  storyKB: 150, // now; 120 KB is the goal the design should keep reachable
  storyGoalKB: 120,
  lhPerf: 98,
  lcpMs: 1200,
  cls: 0.02,
  scrollLongTasks: 0,
  startupBlockingMs: 150,
  firstChartMs: 250,
  redrawP95Ms: 4,
  redrawWorstMs: 8,
};
const LOADS = Math.max(7, Number(process.env.LOADS ?? 9));
const LH_RUNS = Math.max(1, Number(process.env.LH_RUNS ?? 3));
const SKIP = new Set((process.env.SKIP ?? "").split(",").filter(Boolean));
const CPU_SLOWDOWN = 4;
const EMBED = "embed/trade.html";
const EMBED_MAP = "embed/pipes-map.html";
const unmeasured = []; // what could not be measured, and why: printed at the end

async function* files(dir) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue; // e.g. Trunk's .stage/ while a build runs
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

const brotli = (buf) =>
  brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length;

/** Every file of dist/ by group, raw / gzip / brotli: what the host stores, not what a reader fetches. */
async function sizes() {
  const groups = { total: zero(), wasm: zero(), js: zero(), css: zero(), html: zero(), figures: zero(), geo: zero(), data: zero(), previews: zero(), other: zero() };
  for await (const path of files(h.DIST)) {
    const buf = await readFile(path);
    const s = { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length, brotli: brotli(buf) };
    const rel = relative(h.DIST, path).split(sep).join("/");
    const group = rel.endsWith(".wasm") ? "wasm"
      : rel.startsWith("figures/") ? "figures"
      : rel.endsWith(".js") ? "js"
      : rel.endsWith(".css") ? "css"
      : rel.endsWith(".html") ? "html"
      : rel.startsWith("geo/") ? "geo"
      : rel.startsWith("data/") ? "data"
      : rel.startsWith("previews/") ? "previews"
      : "other";
    add(groups.total, s);
    add(groups[group], s);
  }
  return groups;
}
const zero = () => ({ raw: 0, gzip: 0, brotli: 0, files: 0 });
function add(into, s) {
  into.raw += s.raw;
  into.gzip += s.gzip;
  into.brotli += s.brotli;
  into.files += 1;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 2 : 0)} ms` : "n/a");
const within = (value, limit, atLeast = false) =>
  !Number.isFinite(value) ? "  (not measured)" : (atLeast ? value >= limit : value <= limit) ? "  within budget" : "  OVER budget";
const short = (e) => String(e?.message ?? e).split("\n")[0];
const section = (title) => console.log(`\n${title}`);

// ---------------------------------------------------------------------------------------------
// Over the wire: what the browser downloads, encoded (brotli) body bytes per response.

async function overTheWire(browser, url, { scrollThrough = false, ...ctx } = {}) {
  const { context, page } = await h.openPage(browser, ctx);
  const got = [];
  const pending = [];
  page.on("requestfinished", (req) => {
    if (!req.url().startsWith("http")) return;
    pending.push(
      req.sizes().then(async (s) => {
        const res = await req.response();
        got.push({
          url: req.url().replace(/^https?:\/\/[^/]+\//, "") || "index.html",
          body: s.responseBodySize,
          headers: s.responseHeadersSize,
          encoding: (await res?.headerValue("content-encoding")) ?? "",
        });
      }),
    );
  });
  try {
    await h.gotoReady(page, url);
    await page.waitForLoadState("networkidle");
    await Promise.all(pending);
    const atLoad = got.slice();
    let afterScroll = null;
    if (scrollThrough) {
      for (const id of await h.stepIds(page)) await h.scrollToStep(page, id);
      await page.waitForLoadState("networkidle");
      await h.sleep(300);
      await Promise.all(pending);
      afterScroll = got.slice();
    }
    return { atLoad, afterScroll };
  } finally {
    await context.close();
  }
}

function printWire(label, reqs, budget) {
  const body = reqs.reduce((a, r) => a + r.body, 0);
  const headers = reqs.reduce((a, r) => a + r.headers, 0);
  const line = `  ${label}: ${kb(body)} brotli in ${reqs.length} responses (+${kb(headers)} headers)`;
  console.log(budget ? `${line}   budget ≤ ${BUDGET.storyKB} KB now${within(body / 1024, BUDGET.storyKB)}, goal ${BUDGET.storyGoalKB} KB${within(body / 1024, BUDGET.storyGoalKB)}` : line);
  return body;
}

async function wireSection(browser, server) {
  section("Over the wire (headless Chromium, served with brotli; encoded body bytes of every response)");
  const story = await overTheWire(browser, server.url, { scrollThrough: true });
  const storyBytes = printWire("story page, loaded to data-ready + network idle (1280×800)", story.atLoad, true);
  for (const r of [...story.atLoad].sort((a, b) => b.body - a.body)) {
    console.log(`      ${kb(r.body).padStart(9)}  ${r.encoding.padEnd(3) || "-  "}  ${r.url}`);
  }
  const extra = story.afterScroll.slice(story.atLoad.length);
  console.log(`  …after scrolling through every step: +${kb(extra.reduce((a, r) => a + r.body, 0))} in ${extra.length} more responses${extra.length ? ` (${extra.slice(0, 6).map((r) => r.url).join(", ")}${extra.length > 6 ? ", …" : ""})` : ""}`);
  // The other editions, loaded the same way: what a Russian or Chinese reader downloads, and how
  // much more than the English page (issue 12: a language adds at most a few KB).
  for (const [lang, page] of [["Russian", "ru/index.html"], ["Chinese", "zh/index.html"]]) {
    const edition = await overTheWire(browser, server.url + page);
    const bytes = printWire(`${lang} story page ${page}, loaded to data-ready + network idle (1280×800)`, edition.atLoad, true);
    const delta = bytes - storyBytes;
    const english = new Set(story.atLoad.map((r) => r.url));
    const own = edition.atLoad.filter((r) => !english.has(r.url)).sort((a, b) => b.body - a.body);
    console.log(`      ${delta >= 0 ? "+" : "−"}${kb(Math.abs(delta))} against the English page; its own files: ${own.map((r) => `${r.url} ${kb(r.body)}`).join(", ") || "none"}`);
  }
  const phone = await overTheWire(browser, server.url, h.PHONE);
  printWire("story page on a phone (390×844, DPR 3)", phone.atLoad, true);
  const figures = story.atLoad.filter((r) => r.url.startsWith("figures/"));
  console.log(`  figures/ fetched by the story page: ${figures.length} (${figures.map((r) => r.url).join(", ") || "none"}); the others are for no-JS and print readers`);
  // A chart's embed and a map's: a map's code and land come with its drawing code, on the
  // reader's first move (src/web/embed.rs).
  for (const path of [EMBED, EMBED_MAP]) {
    const embed = await overTheWire(browser, server.url + path);
    printWire(`embed page ${path}`, embed.atLoad, false);
    for (const r of [...embed.atLoad].sort((a, b) => b.body - a.body).slice(0, 8)) {
      console.log(`      ${kb(r.body).padStart(9)}  ${r.encoding.padEnd(3) || "-  "}  ${r.url}`);
    }
  }
  return storyBytes;
}

// ---------------------------------------------------------------------------------------------
// Lighthouse, mobile preset (its default config: simulated Moto G Power, 4× CPU, slow 4G).

/** The LCP element's selector and snippet from Lighthouse's audit (its shape varies by version). */
function lcpElement(audit) {
  const find = (x) => (x?.type === "node" ? x : x?.node ? x.node : Array.isArray(x?.items) ? x.items.map(find).find(Boolean) : null);
  const node = find(audit?.details);
  // Lighthouse 13: the lcp-breakdown insight's table (TTFB, load delay, load time, render delay).
  const parts = (audit?.details?.items ?? []).flatMap((t) => (t?.type === "table" ? t.items : []))
    .filter((i) => i?.subpart && Number.isFinite(i.duration))
    .map((i) => `${i.label ?? i.subpart} ${Math.round(i.duration)} ms`).join(", ");
  return node ? `${String(node.snippet ?? node.selector ?? "").slice(0, 100)}${parts ? ` (${parts})` : ""}` : "?";
}

async function lighthouseSection(server) {
  let lighthouse, launcher, version;
  try {
    lighthouse = (await import("./node_modules/lighthouse/core/index.js")).default;
    launcher = await import("./node_modules/chrome-launcher/dist/index.js");
    version = JSON.parse(await readFile(new URL("./node_modules/lighthouse/package.json", import.meta.url))).version;
  } catch (e) {
    unmeasured.push(`Lighthouse: not installed in benches/node_modules (${short(e)}); run scripts/report.sh, which runs npm ci there`);
    return;
  }
  section(`Lighthouse ${version}, mobile preset (simulated throttling), served with brotli; median of ${LH_RUNS} runs`);
  for (const [label, url] of [["story", server.url], [EMBED, server.url + EMBED]]) {
    const runs = [];
    for (let i = 0; i < LH_RUNS; i++) {
      const chrome = await launcher.launch({
        chromePath: h.CHROMIUM,
        chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
      });
      try {
        const r = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
        const a = r.lhr.audits;
        if (r.lhr.runtimeError) throw new Error(r.lhr.runtimeError.message);
        runs.push({
          perf: 100 * r.lhr.categories.performance.score,
          lcp: a["largest-contentful-paint"].numericValue,
          tbt: a["total-blocking-time"].numericValue,
          cls: a["cumulative-layout-shift"].numericValue,
          fcp: a["first-contentful-paint"].numericValue,
          bytes: a["total-byte-weight"]?.numericValue,
          lcpElement: lcpElement(a["largest-contentful-paint-element"] ?? a["lcp-breakdown-insight"]),
        });
      } catch (e) {
        unmeasured.push(`Lighthouse run ${i + 1} on ${label}: ${short(e)}`);
      } finally {
        await chrome.kill();
      }
    }
    if (!runs.length) continue;
    const m = (k) => median(runs.map((r) => r[k]));
    const all = (k, f) => runs.map((r) => f(r[k])).join(" / ");
    console.log(`  ${label}`);
    console.log(`    performance ${m("perf").toFixed(0).padStart(6)}        budget ≥ ${BUDGET.lhPerf}${within(m("perf"), BUDGET.lhPerf, true)}   (runs ${all("perf", (v) => v.toFixed(0))})`);
    console.log(`    LCP         ${(m("lcp") / 1000).toFixed(2).padStart(6)} s      budget ≤ ${BUDGET.lcpMs / 1000} s${within(m("lcp"), BUDGET.lcpMs)}   (runs ${all("lcp", (v) => (v / 1000).toFixed(2))})`);
    console.log(`    TBT         ${m("tbt").toFixed(0).padStart(6)} ms     (runs ${all("tbt", (v) => v.toFixed(0))}); FCP ${(m("fcp") / 1000).toFixed(2)} s`);
    console.log(`    CLS         ${m("cls").toFixed(3).padStart(6)}        budget ≤ ${BUDGET.cls}${within(m("cls"), BUDGET.cls)}   (runs ${all("cls", (v) => v.toFixed(3))})`);
    console.log(`    transfer    ${kb(m("bytes")).padStart(9)}  (Lighthouse total-byte-weight, all responses incl. headers)`);
    console.log(`    LCP element ${[...new Set(runs.map((r) => r.lcpElement))].join(" | ")}`);
  }
}

// ---------------------------------------------------------------------------------------------
// JavaScript off, and print.

/** Visible words (innerText, i.e. what CSS shows) and the figures shown per chapter. */
const readStatic = () => {
  const count = (text) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const words = count(document.body.innerText);
  const tableWords = [...document.querySelectorAll("table")].reduce((a, t) => a + count(t.innerText), 0);
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && cs.visibility !== "hidden" && el.checkVisibility?.({ opacityProperty: true, visibilityProperty: true }) !== false;
  };
  const loaded = (img) => img.complete && img.naturalWidth > 0;
  const chapters = [...document.querySelectorAll(".chapter")].map((c) => {
    const imgs = [...c.querySelectorAll("img")].filter(shown);
    return { id: c.id || c.dataset.chapter || "?", shown: imgs.length, loaded: imgs.filter(loaded).length, steps: c.querySelectorAll(".step").length };
  });
  const stepImgs = [...document.querySelectorAll(".step img")];
  const buttons = [...document.querySelectorAll("button, [role=button], input[type=button]")].filter(shown).length;
  const embedImgs = [...document.querySelectorAll("img")].filter(shown);
  return {
    words,
    tableWords,
    chapters,
    steps: document.querySelectorAll(".step").length,
    stepFigures: stepImgs.filter(shown).length,
    stepFiguresLoaded: stepImgs.filter((i) => shown(i) && loaded(i)).length,
    figuresShown: embedImgs.length,
    figuresLoaded: embedImgs.filter(loaded).length,
    buttons,
    canvases: [...document.querySelectorAll("canvas")].filter(shown).length,
  };
};

async function noJsSection(browser, server) {
  section("JavaScript off (static article, 1280×800)");
  const { context, page } = await h.openPage(browser, { javaScriptEnabled: false });
  try {
    await page.goto(server.url, { waitUntil: "load" });
    // Lazy images: Chromium loads them eagerly with script off; scroll anyway, as a reader would.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState("networkidle");
    const s = await page.evaluate(readStatic);
    console.log(`  words visible on the story: ${s.words} (${s.words - s.tableWords} outside data tables, ${s.tableWords} in them)   (about 5,000 expected: headings, step text, descriptions, tables, sources)`);
    const none = s.chapters.filter((c) => c.shown === 0);
    console.log(`  figures shown per chapter (loaded): ${s.chapters.map((c) => `${c.id} ${c.shown}(${c.loaded})`).join(", ")}`);
    console.log(`  step figures shown: ${s.stepFigures} of ${s.steps} steps; chapters without a figure: ${none.length}${none.length ? ` (${none.map((c) => c.id).join(", ")})` : ""}; buttons visible: ${s.buttons}`);
    await page.goto(server.url + EMBED, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    const e = await page.evaluate(readStatic);
    console.log(`  ${EMBED}: ${e.words} words, ${e.figuresShown} figure(s) shown (${e.figuresLoaded} loaded)`);
  } finally {
    await context.close();
  }
}

async function printSection(browser, server) {
  section("Printed (JavaScript on, after data-ready; emulateMedia print + page.pdf A4, as Chromium's Save as PDF)");
  const { context, page } = await h.openPage(browser);
  try {
    await h.gotoReady(page, server.url);
    await page.emulateMedia({ media: "print" });
    await h.sleep(300);
    const pdf = await page.pdf({ format: "A4", printBackground: false });
    const s = await page.evaluate(readStatic);
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
    console.log(`  pages: ${pages}   budget ≤ 30${within(pages, 30)}   (${kb(pdf.length)} PDF)`);
    console.log(`  step figures shown: ${s.stepFigures} of ${s.steps} steps (${s.stepFiguresLoaded} loaded when printed)   budget every step (47)${s.stepFigures >= s.steps ? "  within budget" : "  OVER budget"}`);
    console.log(`  buttons visible: ${s.buttons}   budget 0${within(s.buttons, 0)}; canvases visible: ${s.canvases}; words ${s.words}`);
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Long tasks at 4× CPU: start-up and a mouse-wheel scroll through the whole story.

function longTaskObserver() {
  const all = [];
  Object.defineProperty(window, "__longTasks", { value: all });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) all.push({ start: e.startTime, d: e.duration });
  }).observe({ type: "longtask", buffered: true });
}

const blocking = (tasks) => tasks.reduce((a, t) => a + Math.max(0, t.d - 50), 0);

async function longTasks(browser, url, device) {
  const { context, page } = await h.openPage(browser, { ...device, initScripts: [longTaskObserver] });
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await page.goto(url);
    await h.waitReady(page, 60_000);
    const readyAt = (await h.stateLog(page)).find((e) => e.attr === "data-ready" && e.value === "true")?.t ?? NaN;
    await h.sleep(2000); // idle-time work after ready (models of chapters further down) lands here
    await h.settle(page, 20_000);
    const vp = page.viewportSize();
    await page.mouse.move(vp.width / 2, vp.height / 2);
    const scrollStart = await page.evaluate(() => performance.now());
    const t0 = Date.now();
    let wheels = 0;
    // 100 px a notch, ~20 notches a second: a brisk but ordinary wheel scroll.
    for (;;) {
      await page.mouse.wheel(0, 100);
      wheels++;
      await h.sleep(50);
      if (wheels % 10 === 0) {
        const atEnd = await page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 4);
        if (atEnd || Date.now() - t0 > 240_000) break;
      }
    }
    await h.sleep(1000);
    const scrollEnd = await page.evaluate(() => performance.now());
    const r = await page.evaluate(() => ({ tasks: window.__longTasks.slice(), y: window.scrollY, height: document.documentElement.scrollHeight }));
    // Each task with the step that was active when it began (the state log's last change before it).
    const steps = (await h.stateLog(page)).filter((e) => e.attr === "data-active-step");
    for (const t of r.tasks) t.step = steps.findLast((e) => e.t <= t.start)?.value ?? "-";
    const startup = r.tasks.filter((t) => t.start < readyAt);
    const between = r.tasks.filter((t) => t.start >= readyAt && t.start < scrollStart);
    const scrolling = r.tasks.filter((t) => t.start >= scrollStart && t.start <= scrollEnd);
    return { readyAt, startup, between, scrolling, wheels, seconds: (scrollEnd - scrollStart) / 1000, height: r.height };
  } finally {
    await context.close();
  }
}

async function longTaskSection(browser, server) {
  section(`Long tasks (> 50 ms, PerformanceObserver "longtask") at ${CPU_SLOWDOWN}× CPU throttling (CDP Emulation.setCPUThrottlingRate)`);
  for (const [label, device] of [["phone 390×844 (DPR 3, touch)", { ...h.PHONE }], ["desktop 1280×800", h.DESKTOP]]) {
    try {
      const r = await longTasks(browser, server.url, device);
      const worst = (ts) => (ts.length ? ms(Math.max(...ts.map((t) => t.d))) : "-");
      const sb = blocking(r.startup);
      console.log(`  ${label}`);
      console.log(`    start-up (navigation → data-ready at ${ms(r.readyAt)}): ${r.startup.length} long tasks, worst ${worst(r.startup)}, blocking ${ms(sb)}   budget ≤ ${BUDGET.startupBlockingMs} ms${within(sb, BUDGET.startupBlockingMs)}`);
      if (r.between.length) console.log(`    after ready, before scrolling (2 s idle): ${r.between.length} long tasks, worst ${worst(r.between)}, blocking ${ms(blocking(r.between))}`);
      console.log(`    wheel scroll through the story (${r.wheels} notches of 100 px, ${r.height} px, ${r.seconds.toFixed(1)} s): ${r.scrolling.length} long tasks, worst ${worst(r.scrolling)}, blocking ${ms(blocking(r.scrolling))}   budget ${BUDGET.scrollLongTasks}${within(r.scrolling.length, BUDGET.scrollLongTasks)}`);
      if (r.scrolling.length) {
        const top = r.scrolling.slice().sort((a, b) => b.d - a.d).slice(0, 20);
        console.log(`      durations, by the step active then: ${top.map((t) => `${t.step} ${t.d.toFixed(0)} ms`).join(", ")}${r.scrolling.length > 20 ? ", …" : ""}`);
      }
    } catch (e) {
      unmeasured.push(`long tasks, ${label}: ${short(e)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What a scroll leaves for the garbage collector: JS allocated and JS functions made. A full
// collection's pause at 4× is a long task of its own (Blink compacting its heap: 55–70 ms in a
// trace), so what the page makes every frame is kept small (web/queue.rs, web/canvas_backend.rs).

function countFunctionsMade() {
  const made = { n: 0, on: false };
  Object.defineProperty(window, "__made", { value: made });
  // wasm-bindgen registers every closure it hands to JS with a FinalizationRegistry.
  const register = FinalizationRegistry.prototype.register;
  FinalizationRegistry.prototype.register = function (...a) {
    if (made.on) made.n++;
    return register.apply(this, a);
  };
}

async function allocationSection(browser, server) {
  section("JS garbage of a wheel scroll through the story (phone 390×844, 1×; sampled by the DevTools heap profiler)");
  const { context, page } = await h.openPage(browser, { ...h.PHONE, initScripts: [countFunctionsMade] });
  try {
    const cdp = await context.newCDPSession(page);
    await h.gotoReady(page, server.url);
    await h.sleep(1500);
    const vp = page.viewportSize();
    await page.mouse.move(vp.width / 2, vp.height / 2);
    await cdp.send("HeapProfiler.enable");
    await cdp.send("HeapProfiler.startSampling", { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    await page.evaluate(() => (window.__made.on = true));
    let wheels = 0;
    for (; wheels < 600; wheels++) {
      await page.mouse.wheel(0, 100);
      await h.sleep(50);
      if (wheels % 10 === 9 && (await page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 4))) break;
    }
    const { profile } = await cdp.send("HeapProfiler.stopSampling");
    const made = await page.evaluate(() => window.__made.n);
    let bytes = 0;
    const walk = (n) => {
      bytes += n.selfSize;
      n.children.forEach(walk);
    };
    walk(profile.head);
    console.log(`  JS allocated: ${(bytes / 1048576).toFixed(1)} MB over ${wheels + 1} notches   (11.1 MB before the canvas's strings were kept, 3.9 MB after the closures were reused)`);
    console.log(`  JS functions made by the wasm (closures handed to JS): ${made}   (3,100 before web/queue.rs and one timer for when_still)`);
  } catch (e) {
    unmeasured.push(`JS garbage: ${short(e)}`);
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Where a step change's time goes: a Chromium trace of a few step changes at 4×.

const CATEGORY_OF_EVENT = [
  [/^(UpdateLayoutTree|RecalculateStyles|Layout|UpdateLayerTree|ScheduleStyleRecalculation|InvalidateLayout|HitTest|PrePaint|ParseAuthorStyleSheet|LayoutShift|IntersectionObserverController::computeIntersections|ComputeIntersections|ResizeObserverController::.*|LocalFrameView::RunPostLifecycleSteps|Document::UpdateStyleAndLayout.*|StyleInvalidator.*)$/, "style/layout"],
  [/^(Paint|PaintImage|PaintSetup|Layerize|Commit|CompositeLayers|UpdateLayer|Decode Image|ImageDecodeTask|Decode LazyPixelRef|RasterTask|Draw LazyPixelRef|LocalFrameView::UpdateAllLifecyclePhases|LocalFrameView::RunPaintLifecyclePhase|PaintArtifactCompositor::Update)$/, "paint/composite"],
  [/Canvas|canvas/, "canvas"],
  [/^(FunctionCall|EvaluateScript|TimerFire|EventDispatch|FireAnimationFrame|RunMicrotasks|FireIdleCallback|v8\..*|V8\..*|MinorGC|MajorGC|BlinkGC\..*|GCEvent|CppGC\..*|ScriptStreamer.*|v8\.compile|v8\.run|wasm\..*|WebAssembly\..*|ProfileCall|ResizeObserver.*|IntersectionObserver.*)$/, "scripting"],
];
const CANVAS_API = new Set(("fillText strokeText measureText fillRect strokeRect clearRect fill stroke beginPath closePath moveTo lineTo arc arcTo rect bezierCurveTo quadraticCurveTo " +
  "save restore setTransform resetTransform transform translate scale rotate clip drawImage getImageData putImageData createLinearGradient createPattern " +
  "set font set fillStyle set strokeStyle set lineWidth set globalAlpha set textAlign set textBaseline set lineCap set lineJoin setLineDash getContext " +
  "set width set height").split(" ").concat(["set font", "set fillStyle", "set strokeStyle", "set lineWidth", "set globalAlpha", "set textAlign", "set textBaseline", "set lineCap", "set lineJoin", "set width", "set height"]));

async function traceSection(browser, server) {
  const N = 6;
  section(`Where a step change's time goes (Chromium trace of ${N} step changes at ${CPU_SLOWDOWN}× CPU, 1280×800, main thread)`);
  const { context, page } = await h.openPage(browser);
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await h.gotoReady(page, server.url);
    await h.firstMove(page, 20_000);
    await h.sleep(1500);
    const ids = await h.stepIds(page);
    // Steps spread over the story, each the second step of its stretch so it is a change within a
    // chapter's graphic (a tween), not only a chapter entry.
    const picks = Array.from({ length: N }, (_, i) => ids[Math.min(ids.length - 1, Math.floor((i * ids.length) / N) + 1)]);
    await h.scrollToStep(page, ids[Math.floor(0 * ids.length) ]);
    await h.waitActive(page, ids[0], 20_000).catch(() => {});
    await browser.startTracing(page, {
      categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "disabled-by-default-v8.cpu_profiler", "blink", "toplevel"],
    });
    const t0 = Date.now();
    for (const id of picks) {
      await h.scrollToStep(page, id);
      await h.waitActive(page, id, 20_000).catch(() => {});
    }
    const wall = Date.now() - t0;
    const trace = JSON.parse((await browser.stopTracing()).toString("utf8"));
    printBreakdown(trace.traceEvents ?? trace, picks.length, wall);
  } finally {
    await context.close();
  }
}

function printBreakdown(events, changes, wall) {
  // The renderer's main thread: the CrRendererMain with the most events.
  const names = new Map(events.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const counts = new Map();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (names.get(k) === "CrRendererMain" && e.ph === "X") counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) {
    unmeasured.push("trace breakdown: no renderer main thread in the trace");
    return;
  }
  // Self time per event name (complete events nested by time).
  const evs = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === "X" && e.dur > 0).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  let busy = 0;
  for (const e of evs) {
    while (stack.length && stack.at(-1).end <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) parent.self -= Math.min(e.dur, parent.end - e.ts);
    else busy += e.dur;
    const node = { name: e.name, end: e.ts + e.dur, self: e.dur };
    stack.push(node);
    node.done = () => {};
    e._node = node;
  }
  for (const e of evs) self.set(e.name, (self.get(e.name) ?? 0) + e._node.self / 1000);
  const byCat = new Map();
  for (const [name, t] of self) {
    const cat = CATEGORY_OF_EVENT.find(([re]) => re.test(name))?.[1] ?? "other (task overhead, parsing, idle)";
    byCat.set(cat, (byCat.get(cat) ?? 0) + t);
  }

  // CPU profile samples split scripting into wasm, JS, canvas calls and other browser APIs.
  const nodes = new Map();
  const samples = [];
  // The Profile event sits on the main thread; its chunks come from V8's profiler thread, same id.
  const profileIds = new Set(events.filter((e) => e.name === "Profile" && `${e.pid}:${e.tid}` === main).map((e) => e.id));
  const mainPid = main.split(":")[0];
  for (const e of events) {
    if (e.name !== "ProfileChunk" || String(e.pid) !== mainPid || !profileIds.has(e.id)) continue;
    const p = e.args?.data?.cpuProfile;
    for (const n of p?.nodes ?? []) nodes.set(`${e.id}:${n.id}`, n.callFrame);
    const deltas = e.args.data.timeDeltas ?? [];
    (p?.samples ?? []).forEach((s, i) => samples.push({ frame: `${e.id}:${s}`, dt: (deltas[i] ?? 0) / 1000 }));
  }
  const prof = new Map();
  const fnSelf = new Map();
  let sampled = 0;
  for (const s of samples) {
    const f = nodes.get(s.frame);
    if (!f) continue;
    const fn = f.functionName || "(anonymous)";
    if (fn === "(idle)" || fn === "(program)" || fn === "(root)") continue;
    const interval = Math.min(s.dt, 2); // a long gap is idle, not this frame
    const kind = fn === "(garbage collector)" ? "GC"
      : (f.url ?? "").startsWith("wasm://") || /^\$|wasm-function/.test(fn) ? "wasm"
      : CANVAS_API.has(fn) || /^(set |get )?(fill|stroke|font|lineWidth|globalAlpha|textAlign|textBaseline|measureText|drawImage)/.test(fn) ? "canvas API (native)"
      : /^__wbg_.*(font|fill|stroke|measureText|lineTo|moveTo|arc|rect|beginPath|closePath|save|restore|transform|translate|scale|drawImage|textAlign|textBaseline|lineWidth|globalAlpha|linedash|clip)/i.test(fn) ? "canvas API (in wasm-bindgen glue)"
      : f.url || f.codeType === "JS" ? "JS (glue, boot)" : "other browser APIs (DOM, native)";
    prof.set(kind, (prof.get(kind) ?? 0) + interval);
    sampled += interval;
    const key = `${fn}${f.url && !f.url.startsWith("wasm://") ? ` (${f.url.split("/").pop()})` : ""} [${kind.split(" ")[0]}]`;
    fnSelf.set(key, (fnSelf.get(key) ?? 0) + interval);
  }

  const total = [...byCat.values()].reduce((a, b) => a + b, 0);
  console.log(`  main thread busy ${ms(busy / 1000)} over ${changes} step changes (${ms(busy / 1000 / changes)} per change, ${wall} ms wall)`);
  console.log(`  by category (trace event self time; canvas drawing and wasm run inside "scripting"):`);
  for (const [cat, t] of [...byCat].sort((a, b) => b[1] - a[1])) {
    console.log(`    ${cat.padEnd(38)} ${ms(t).padStart(9)}  ${((100 * t) / total).toFixed(0).padStart(3)} %   ${ms(t / changes).padStart(8)} per change`);
  }
  console.log(`  top trace events by self time: ${[...self].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, t]) => `${n} ${ms(t)}`).join(", ")}`);
  if (sampled > 0) {
    console.log(`  inside scripting, by CPU profile samples (${ms(sampled)} sampled):`);
    for (const [k, t] of [...prof].sort((a, b) => b[1] - a[1])) {
      console.log(`    ${k.padEnd(38)} ${ms(t).padStart(9)}  ${((100 * t) / sampled).toFixed(0).padStart(3)} %   ${ms(t / changes).padStart(8)} per change`);
    }
    console.log(`  top functions by self time: ${[...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([n, t]) => `${n} ${ms(t)}`).join(", ")}`);
  } else {
    unmeasured.push("trace breakdown: no CPU profile samples in the trace, so wasm/JS/canvas inside scripting are not split");
  }
}

// ---------------------------------------------------------------------------------------------
// First chart and redraw (1×).

function watchFirstInk() {
  // The first frame in which the static page's figure of the first step is in, loaded: what the
  // reader sees first (the canvas draws the same picture once the reader moves).
  const figure = () => {
    const img = document.querySelector(".graphic-slot picture img");
    if (img?.complete && img.naturalWidth > 0) window.__firstFigure = performance.now();
    else if (performance.now() < 15_000) requestAnimationFrame(figure);
  };
  requestAnimationFrame(figure);
  const look = () => {
    const info = window.__inkOf(document.querySelector(".graphic canvas"));
    if (info?.inked > 0.005) window.__firstInk = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

async function firstChart(browser, url) {
  const marks = [];
  const inks = [];
  const figures = [];
  let error;
  for (let i = 0; i < LOADS; i++) {
    const { context, page } = await h.openPage(browser, { initScripts: [watchFirstInk] });
    try {
      await page.goto(url);
      await h.waitReady(page);
      await page.waitForFunction(() => window.__firstFigure !== undefined, null, { timeout: 15_000 });
      // The reader's first move (the page then fetches its drawing code): the canvas's first
      // ink and the page's mark are timed from it.
      const moved = await page.evaluate(() => performance.now());
      await page.mouse.move(8, 8);
      await page.waitForFunction(() => window.__firstInk !== undefined, null, { timeout: 15_000 });
      await h.sleep(100);
      const r = await page.evaluate(() => ({
        mark: performance.getEntriesByName("first-chart")[0]?.startTime,
        ink: window.__firstInk,
        figure: window.__firstFigure,
      }));
      inks.push(r.ink - moved);
      if (r.mark !== undefined) marks.push(r.mark - moved);
      figures.push(r.figure);
    } catch (e) {
      error = short(e);
      break;
    } finally {
      await context.close();
    }
  }
  return { marks, inks, figures, error };
}

async function redraws(browser, url) {
  const { context, page } = await h.openPage(browser, {
    deviceScaleFactor: 2,
    initScripts: [
      () => {
        const all = [];
        Object.defineProperty(window, "__redraws", { value: all });
        new PerformanceObserver((list) => {
          const step = document.querySelector("#story")?.dataset.activeStep ?? "";
          for (const e of list.getEntries()) if (e.name === "redraw") all.push({ d: e.duration, step, kind: e.detail ?? "?" });
        }).observe({ type: "measure", buffered: true });
      },
    ],
  });
  try {
    await h.gotoReady(page, url);
    const ids = await h.stepIds(page);
    for (const id of ids) {
      await h.scrollToStep(page, id);
      await h.waitActive(page, id).catch(() => {});
    }
    await h.sleep(200);
    return { steps: ids.length, durations: await page.evaluate(() => window.__redraws.slice()) };
  } catch (e) {
    return { durations: [], error: short(e) };
  } finally {
    await context.close();
  }
}

async function firstChartAndRedraw(browser, server) {
  const fc = await firstChart(browser, server.url);
  const line = (label, xs) => {
    const m = median(xs);
    const range = xs.length ? `min ${ms(Math.min(...xs))}   max ${ms(Math.max(...xs))}` : "";
    console.log(`  ${label} median ${ms(m)}   ${range}   budget ≤ ${BUDGET.firstChartMs} ms${within(m, BUDGET.firstChartMs)}`);
  };
  section(`First chart (1×, 1280×800, ${fc.figures.length} loads with an empty cache, brotli)`);
  // What the reader sees first is the static page's own figure of the first step (sampled each
  // frame); the live canvas draws the same picture once the reader first moves, when the page
  // fetches its drawing code (src/graphic/lazy.rs).
  line("the first step's figure on screen, from navigation (sampled each frame)", fc.figures);
  const after = (label, xs) => {
    if (!xs.length) return console.log(`  ${label}: never recorded`);
    console.log(`  ${label} median ${ms(median(xs))}   min ${ms(Math.min(...xs))}   max ${ms(Math.max(...xs))}`);
  };
  after('the canvas\'s first ink, from the reader\'s first move (sampled each frame)', fc.inks);
  after('performance.mark("first-chart"), from the reader\'s first move', fc.marks);
  if (fc.error) console.log(`  stopped: ${fc.error}`);

  const rd = await redraws(browser, server.url);
  section(`Redraw (performance.measure("redraw"): one frame's scene built (tween, layout, projection, labels) and painted; 1×, DPR 2, scrolling through ${rd.steps ?? "?"} steps)`);
  // The budget is for frames of a tween (issue 11); a canvas's first frame and the still frames
  // (a tween's last, a repaint) are printed beside it. A frame whose scene took long paints a
  // task later (web/graphic.rs): its measure is the two parts' sum, without the gap.
  const kinds = [["tween", "frames of a tween"], ["still", "still frames (a tween's last, repaints)"], ["first", "first frames (a canvas's first paint)"], ["all", "all redraws"]];
  for (const [kind, label] of kinds) {
    const of = rd.durations.filter((r) => kind === "all" || r.kind === kind);
    const d = of.map((r) => r.d);
    const p95 = pct(d, 95);
    const worst = d.length ? Math.max(...d) : NaN;
    const budget = kind === "tween" ? `   budget p95 ≤ ${BUDGET.redrawP95Ms} ms${within(p95, BUDGET.redrawP95Ms)}, worst ≤ ${BUDGET.redrawWorstMs} ms${within(worst, BUDGET.redrawWorstMs)}` : "";
    console.log(`  ${label}: ${d.length}   median ${ms(median(d))}   p95 ${ms(p95)}   worst ${ms(worst)}${budget}`);
    console.log(`    slowest, by the step active then: ${[...of].sort((a, b) => b.d - a.d).slice(0, 5).map((r) => `${r.step} ${ms(r.d)}`).join(", ")}`);
  }
  if (rd.error) console.log(`  stopped: ${rd.error}`);
}

// ---------------------------------------------------------------------------------------------
// The wasm's top items: twiggy on the first part of the story binary as wasm-split-cli left it
// (src/bin/site.rs: before wasm-bindgen and wasm-opt, so it still has its names). The maps'
// chunk, which the page fetches only near a map, is measured under "Over the wire".

async function twiggySection() {
  const dir = join(h.ROOT, "target/wasm32-unknown-unknown/release/wasm-split-explainer");
  const first = (await readdir(dir).catch(() => [])).find((f) => /^explainer-[0-9a-f]+\.wasm$/.test(f));
  const wasm = join(dir, first ?? "explainer-<hash>.wasm");
  if (!first) {
    unmeasured.push(`twiggy: ${relative(h.ROOT, wasm)} not found (build first)`);
    return;
  }
  const run = (n) => spawnSync("twiggy", ["top", "-n", String(n), wasm], { encoding: "utf8" });
  const r = run(10);
  if (r.error || r.status !== 0) {
    unmeasured.push(`twiggy: ${r.error ? short(r.error) : r.stderr.trim().split("\n")[0]} (scripts/report.sh installs it with cargo install twiggy)`);
    return;
  }
  section(`The wasm's top 10 items (twiggy top -n 10 ${relative(h.ROOT, wasm)}: the non-optimised wasm, before wasm-bindgen/wasm-opt)`);
  console.log(r.stdout.trimEnd().replace(/^/gm, "  "));
  // The custom sections (wasm-bindgen's metadata, the name section) never reach dist/: the code
  // and data items are the ones to justify.
  const more = run(40).stdout.split("\n").filter((l) => /┊/.test(l) && !/custom section|subsection|\.\.\. and|Σ/.test(l)).slice(0, 10);
  console.log("  top 10 code and data items (custom sections left out: they do not ship):");
  console.log(more.map((l) => `  ${l}`).join("\n"));
}

// ---------------------------------------------------------------------------------------------

await h.requireDist();
const g = await sizes();
const share = (part) => `${((100 * part.brotli) / g.total.brotli).toFixed(0)} % of brotli`;
section(`Site weight on the host (${h.DIST}, ${g.total.files} files; what a reader fetches is under "Over the wire")`);
console.log(`  whole dist/  raw ${kb(g.total.raw).padStart(9)}   gzip ${kb(g.total.gzip).padStart(9)}   brotli ${kb(g.total.brotli).padStart(9)}`);
for (const [name, label] of [["wasm", ".wasm"], ["js", "JS"], ["css", "CSS"], ["html", "HTML"], ["figures", "figures/"], ["geo", "geo/"], ["data", "data/"], ["previews", "previews/"], ["other", "other"]]) {
  const p = g[name];
  if (!p.files) continue;
  console.log(`  ${label.padEnd(12)} raw ${kb(p.raw).padStart(9)}   gzip ${kb(p.gzip).padStart(9)}   brotli ${kb(p.brotli).padStart(9)}   ${share(p).padEnd(15)} ${p.files} files`);
}

const server = await h.serve(h.DIST, undefined, { brotli: true });
const browser = await h.launch();
const steps = [
  ["wire", () => wireSection(browser, server)],
  ["lighthouse", () => lighthouseSection(server)],
  ["nojs", () => noJsSection(browser, server)],
  ["print", () => printSection(browser, server)],
  ["longtasks", () => longTaskSection(browser, server)],
  ["garbage", () => allocationSection(browser, server)],
  ["trace", () => traceSection(browser, server)],
  ["redraw", () => firstChartAndRedraw(browser, server)],
  ["twiggy", () => twiggySection()],
];
try {
  for (const [name, fn] of steps) {
    if (SKIP.has(name)) {
      unmeasured.push(`${name}: skipped (SKIP=${process.env.SKIP})`);
      continue;
    }
    try {
      await fn();
    } catch (e) {
      unmeasured.push(`${name}: ${short(e)}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
if (unmeasured.length) {
  section("Not measured");
  for (const u of unmeasured) console.log(`  - ${u}`);
}
console.log("");
