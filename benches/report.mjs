// Prints the built site's weight and speed beside the budgets. Figures, not a test: it always
// exits 0 once it could measure. Run through scripts/report.sh (which builds dist/ first).
//   LOADS=n   page loads for the first-chart median (default 9, at least 7)
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import * as h from "../tests/browser/lib/harness.mjs";

const BUDGET = { brotliKB: 120, firstChartMs: 250, redrawMs: 4 };
const LOADS = Math.max(7, Number(process.env.LOADS ?? 9));

async function* files(dir) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue; // e.g. Trunk's .stage/ while a build runs
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

async function sizes() {
  // `page`: what a reader's browser fetches for the story, i.e. all but the social-card images,
  // embed.html (a copy of index.html for embeds) and resize.js (for host pages).
  const groups = { total: zero(), page: zero(), wasm: zero(), js: zero(), css: zero(), data: zero(), geo: zero(), previews: zero(), other: zero() };
  for await (const path of files(h.DIST)) {
    const buf = await readFile(path);
    const s = {
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
    };
    const rel = relative(h.DIST, path).split(sep).join("/");
    const group = rel.endsWith(".wasm") ? "wasm"
      : rel.endsWith(".js") ? "js"
      : rel.endsWith(".css") ? "css"
      : rel.startsWith("geo/") ? "geo"
      : rel.startsWith("data/") ? "data"
      : rel.startsWith("previews/") ? "previews"
      : "other";
    add(groups.total, s);
    if (group !== "previews" && rel !== "embed.html" && rel !== "resize.js") add(groups.page, s);
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
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 2 : 0)} ms` : "n/a");
const verdict = (value, limit) => (!Number.isFinite(value) ? "" : value <= limit ? "  within budget" : "  OVER budget");

// Checks each frame whether the first graphic's canvas has ink: the first chart as the reader
// sees it, independent of the app's own mark (costs ~1 ms a frame until found).
function watchFirstInk() {
  const look = () => {
    const info = window.__inkOf(document.querySelector(".graphic canvas"));
    if (info?.inked > 0.005) window.__firstInk = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

/**
 * navigation → performance.mark("first-chart") and → first ink on the first canvas, one fresh
 * context (empty cache) per load.
 */
async function firstChart(browser, url) {
  const marks = [];
  const inks = [];
  let error;
  for (let i = 0; i < LOADS; i++) {
    const { context, page } = await h.openPage(browser, { initScripts: [watchFirstInk] });
    try {
      await page.goto(url);
      await page.waitForFunction(() => window.__firstInk !== undefined, null, { timeout: 15_000 });
      await h.sleep(100);
      const r = await page.evaluate(() => ({
        mark: performance.getEntriesByName("first-chart")[0]?.startTime,
        ink: window.__firstInk,
      }));
      inks.push(r.ink);
      if (r.mark !== undefined) marks.push(r.mark);
    } catch (e) {
      error = e.message.split("\n")[0];
      break;
    } finally {
      await context.close();
    }
  }
  return { marks, inks, error };
}

/** Durations of every performance.measure("redraw") while scrolling through every step. */
async function redraws(browser, url) {
  const { context, page } = await h.openPage(browser, {
    initScripts: [
      () => {
        const all = [];
        Object.defineProperty(window, "__redraws", { value: all });
        // An observer, so the figures survive an app that clears its measures.
        new PerformanceObserver((list) => {
          const step = document.querySelector("#story")?.dataset.activeStep ?? "";
          for (const e of list.getEntries()) if (e.name === "redraw") all.push({ d: e.duration, step });
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
    return { durations: [], error: e.message.split("\n")[0] };
  } finally {
    await context.close();
  }
}

await h.requireDist();
const g = await sizes();
const share = (part) => `${((100 * part.brotli) / g.total.brotli).toFixed(0)} % of brotli`;
console.log(`\nSite weight (${h.DIST}, ${g.total.files} files)`);
console.log(`  whole dist/  raw ${kb(g.total.raw).padStart(9)}   gzip ${kb(g.total.gzip).padStart(9)}   brotli ${kb(g.total.brotli).padStart(9)}`);
console.log(`  story page   raw ${kb(g.page.raw).padStart(9)}   gzip ${kb(g.page.gzip).padStart(9)}   brotli ${kb(g.page.brotli).padStart(9)}   budget ≤ ${BUDGET.brotliKB} KB brotli over the wire${verdict(g.page.brotli / 1024, BUDGET.brotliKB)}`);
for (const [name, label] of [["wasm", ".wasm"], ["js", "JS glue"], ["css", "CSS"], ["geo", "geo/"], ["data", "data/"], ["previews", "previews/"], ["other", "other"]]) {
  const p = g[name];
  if (!p.files) continue;
  console.log(`  ${label.padEnd(12)} raw ${kb(p.raw).padStart(9)}   gzip ${kb(p.gzip).padStart(9)}   brotli ${kb(p.brotli).padStart(9)}   ${share(p)}`);
}

const server = await h.serve();
const browser = await h.launch();
try {
  const fc = await firstChart(browser, server.url);
  const line = (label, xs) => {
    const m = median(xs);
    const range = xs.length ? `min ${ms(Math.min(...xs))}   max ${ms(Math.max(...xs))}` : "";
    console.log(`  ${label} median ${ms(m)}   ${range}   budget ≤ ${BUDGET.firstChartMs} ms${verdict(m, BUDGET.firstChartMs)}`);
  };
  console.log(`\nFirst chart (from navigation, headless Chromium 1280×800, ${fc.inks.length} loads with an empty cache)`);
  if (fc.marks.length) line(`performance.mark("first-chart")  (${fc.marks.length} loads)`, fc.marks);
  else console.log('  performance.mark("first-chart"): never recorded by the page');
  line("first ink on the first canvas (sampled each frame)", fc.inks);
  if (fc.error) console.log(`  stopped: ${fc.error}`);

  const rd = await redraws(browser, server.url);
  const durations = rd.durations.map((r) => r.d);
  const worst = durations.length ? Math.max(...durations) : NaN;
  const rdMedian = median(durations);
  console.log(`\nRedraw (performance.measure("redraw"), scrolling through ${rd.steps ?? "?"} steps)`);
  console.log(`  ${durations.length} redraws   median ${ms(rdMedian)}   worst ${ms(worst)}   budget ≤ ${BUDGET.redrawMs} ms${verdict(rdMedian, BUDGET.redrawMs)} (median)${verdict(worst, BUDGET.redrawMs)} (worst)`);
  const p95 = [...durations].sort((a, b) => a - b)[Math.floor(durations.length * 0.95)];
  console.log(`  95th percentile ${ms(p95)}; slowest, by the step active then: ${[...rd.durations]
    .sort((a, b) => b.d - a.d)
    .slice(0, 5)
    .map((r) => `${r.step} ${ms(r.d)}`)
    .join(", ")}`);
  if (rd.error) console.log(`  stopped: ${rd.error}`);
  console.log("");
} finally {
  await browser.close();
  await server.close();
}
