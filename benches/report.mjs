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
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

async function sizes() {
  const groups = { total: zero(), wasm: zero(), js: zero(), css: zero(), data: zero(), geo: zero(), other: zero() };
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
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 2 : 0)} ms` : "n/a");
const verdict = (value, limit) => (!Number.isFinite(value) ? "" : value <= limit ? "  within budget" : "  OVER budget");

/** navigation → performance.mark("first-chart"), one fresh context (empty cache) per load. */
async function firstChart(browser, url) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const { context, page } = await h.openPage(browser);
    try {
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByName("first-chart").length > 0, null, { timeout: 15_000 });
      times.push(await page.evaluate(() => performance.getEntriesByName("first-chart")[0].startTime));
    } catch (e) {
      return { times, error: e.message.split("\n")[0] };
    } finally {
      await context.close();
    }
  }
  return { times };
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
          for (const e of list.getEntries()) if (e.name === "redraw") all.push(e.duration);
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
console.log(`  whole site   raw ${kb(g.total.raw).padStart(9)}   gzip ${kb(g.total.gzip).padStart(9)}   brotli ${kb(g.total.brotli).padStart(9)}   budget ≤ ${BUDGET.brotliKB} KB brotli${verdict(g.total.brotli / 1024, BUDGET.brotliKB)}`);
for (const [name, label] of [["wasm", ".wasm"], ["js", "JS glue"], ["css", "CSS"], ["geo", "geo/"], ["data", "data/"], ["other", "other"]]) {
  const p = g[name];
  if (!p.files) continue;
  console.log(`  ${label.padEnd(12)} raw ${kb(p.raw).padStart(9)}   gzip ${kb(p.gzip).padStart(9)}   brotli ${kb(p.brotli).padStart(9)}   ${share(p)}`);
}

const server = await h.serve();
const browser = await h.launch();
try {
  const fc = await firstChart(browser, server.url);
  const fcMedian = median(fc.times);
  console.log(`\nFirst chart (navigation → performance.mark("first-chart"), headless Chromium 1280×800, ${fc.times.length} loads)`);
  console.log(`  median ${ms(fcMedian)}   min ${ms(Math.min(...fc.times))}   max ${ms(Math.max(...fc.times))}   budget ≤ ${BUDGET.firstChartMs} ms${verdict(fcMedian, BUDGET.firstChartMs)}`);
  if (fc.error) console.log(`  stopped: ${fc.error}`);

  const rd = await redraws(browser, server.url);
  const worst = rd.durations.length ? Math.max(...rd.durations) : NaN;
  const rdMedian = median(rd.durations);
  console.log(`\nRedraw (performance.measure("redraw"), scrolling through ${rd.steps ?? "?"} steps)`);
  console.log(`  ${rd.durations.length} redraws   median ${ms(rdMedian)}   worst ${ms(worst)}   budget ≤ ${BUDGET.redrawMs} ms${verdict(rdMedian, BUDGET.redrawMs)} (median)${verdict(worst, BUDGET.redrawMs)} (worst)`);
  if (rd.error) console.log(`  stopped: ${rd.error}`);
  console.log("");
} finally {
  await browser.close();
  await server.close();
}
