// Shared pieces of the browser tests (and of benches/report.mjs): a static server for dist/,
// Debian's Chromium launched with the flags TOOLCHAIN.md lists, and helpers that read the page
// through the DOM contract (#story[data-active-step], .step[data-step], body[data-ready|animating]).
import { createServer } from "node:http";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, stat } from "node:fs/promises";
import { createHash } from "node:crypto";
import { brotliCompressSync, constants as zlibConstants } from "node:zlib";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

const here = fileURLToPath(new URL(".", import.meta.url));
export const ROOT = resolve(here, "../../..");
// Served by path on every request, so a rebuild that replaces dist/ is picked up.
export const DIST = resolve(process.env.DIST ?? join(ROOT, "dist"));
export const ARTIFACTS = resolve(here, "../artifacts");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const READY_TIMEOUT = 10_000;

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".geojson": "application/geo+json",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".bin": "application/octet-stream",
};

/**
 * The policy a careful newsroom or static host sets (issue 13). Every test serves the site with
 * the policy its own dist/_headers sets, so the whole suite runs under it (`CSP=off` serves
 * without); the policy must be this one, where the only addition allowed is the hash of the
 * page's one inline stylesheet (written by the build; see src/site/mod.rs `inline_stylesheet`).
 */
export const STRICT_CSP_SHAPE = new RegExp(
  "^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'( 'sha384-[A-Za-z0-9+/]+=*')?; " +
    "img-src 'self' data: blob:; connect-src 'self'; base-uri 'self'; object-src 'none'; frame-ancestors \\*$",
);

/** The Content-Security-Policy dist/_headers sets for every path; throws unless it is strict. */
export function siteCsp(root = DIST) {
  const file = [join(root, "_headers"), join(DIST, "_headers")].find((f) => existsSync(f));
  const text = file ? readFileSync(file, "utf8") : "";
  const line = text.split("\n").find((l) => l.trim().startsWith("Content-Security-Policy:"));
  const policy = line?.split(":").slice(1).join(":").trim();
  if (!policy || !STRICT_CSP_SHAPE.test(policy)) throw new Error(`dist/_headers sets no strict policy: ${policy}`);
  return policy;
}

/**
 * Serves the files under `root` (default dist/) on 127.0.0.1 at a free port. With
 * `{ brotli: true }` it answers like a static host: text types (not images already compressed)
 * brotli-compressed at quality 11 when the request accepts `br` (compressed once per file version).
 */
export async function serve(root = DIST, headers = process.env.CSP === "off" ? {} : { "content-security-policy": siteCsp(root) }, { brotli = false } = {}) {
  const base = resolve(root);
  const compressed = new Map(); // path → { key, body }
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return end(res, 403);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const st = await stat(file);
      const size = st.size;
      if (brotli && BROTLI_TYPES.has(extname(file)) && /\bbr\b/.test(req.headers["accept-encoding"] ?? "")) {
        const key = `${st.mtimeMs}:${size}`;
        let hit = compressed.get(file);
        if (hit?.key !== key) {
          const buf = await readFile(file);
          const body = brotliCompressSync(buf, {
            params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: buf.length },
          });
          compressed.set(file, (hit = { key, body }));
        }
        res.writeHead(200, {
          "content-type": TYPES[extname(file)] ?? "application/octet-stream",
          "content-length": hit.body.length,
          "content-encoding": "br",
          vary: "accept-encoding",
          "cache-control": "no-store",
          ...(extname(file) === ".html" ? headers : {}),
        });
        return res.end(req.method === "HEAD" ? undefined : hit.body);
      }
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "content-length": size,
        "cache-control": "no-store",
        ...(extname(file) === ".html" ? headers : {}),
      });
      if (req.method === "HEAD") return res.end();
      createReadStream(file).pipe(res);
    } catch {
      end(res, 404);
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

// What static hosts compress (they leave PNG, JPEG and WOFF2 alone). The edition and base map
// (.bin) compress as well as text; see README "Build and deploy" for hosts that skip their type.
const BROTLI_TYPES = new Set([".html", ".js", ".mjs", ".wasm", ".css", ".json", ".geojson", ".csv", ".svg", ".ico", ".txt", ".bin"]);

function end(res, code) {
  res.writeHead(code, { "content-type": "text/plain" });
  res.end(String(code));
}

/** Headless Chromium with the flags TOOLCHAIN.md asks for (Playwright adds a fresh profile dir). */
export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}

export const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

// Runs before any page script: records every change of the contract's state attributes, so a
// test can ask afterwards "was data-animating ever true?" instead of sampling at a lucky moment.
function recorder() {
  const log = [];
  Object.defineProperty(window, "__stateLog", { value: log });
  new MutationObserver((records) => {
    for (const r of records) {
      log.push({
        t: performance.now(),
        attr: r.attributeName,
        value: r.target.getAttribute(r.attributeName),
        on: r.target.id || r.target.tagName.toLowerCase(),
      });
    }
  }).observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ["data-active-step", "data-animating", "data-ready"],
  });
}

/**
 * A new context + page that collects console errors, uncaught page errors and HTTP errors.
 * Returns { context, page, errors: { console: [], page: [], http: [] } }.
 */
export async function openPage(browser, options = {}) {
  const { initScripts = [], ...contextOptions } = options;
  const context = await browser.newContext({ ...DESKTOP, ...contextOptions });
  await context.addInitScript(recorder);
  await context.addInitScript(inkOf);
  // A refused script, style or request is a failure of the page, whatever else it does.
  await context.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`),
    ),
  );
  for (const s of initScripts) await context.addInitScript(s);
  const page = await context.newPage();
  const errors = { console: [], page: [], http: [] };
  // Chromium asks for /favicon.ico on its own; that 404 is reported in errors.http (the load test
  // checks it) rather than failing every test's console check.
  page.on("console", (m) => {
    const at = m.location().url ?? "";
    if (m.type() !== "error") return;
    if (at.endsWith("/favicon.ico")) errors.http.push(`${m.text()} @ ${at}`);
    else errors.console.push(`${m.text()} @ ${at}`);
  });
  page.on("pageerror", (e) => errors.page.push(String(e.stack ?? e)));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.http.push(`${r.status()} ${r.url()}`);
  });
  return { context, page, errors };
}

/** Waits for body[data-ready="true"]; on timeout the error says what the page showed instead. */
export async function waitReady(page, timeout = READY_TIMEOUT) {
  try {
    await page.waitForFunction(() => document.body?.dataset.ready === "true", null, { timeout });
  } catch (e) {
    const state = await page
      .evaluate(() => ({
        ready: document.body?.dataset.ready,
        dataError: document.querySelector(".data-error")?.textContent,
        bodyText: document.body?.innerText.slice(0, 300),
      }))
      .catch((err) => String(err));
    throw new Error(`page not ready within ${timeout} ms: ${JSON.stringify(state)}`, { cause: e });
  }
}

export async function gotoReady(page, url) {
  await page.goto(url);
  await waitReady(page);
}

/** Step ids in document order. */
export const stepIds = (page) =>
  page.$$eval(".step[data-step]", (els) => els.map((e) => e.dataset.step));

export const activeStep = (page) =>
  page.evaluate(() => document.querySelector("#story")?.dataset.activeStep ?? null);

/** Resolves true once `id` is the active step, false if it is not within `timeout`. */
export const becomesActive = (page, id, timeout = 5_000) =>
  page
    .waitForFunction((id) => document.querySelector("#story")?.dataset.activeStep === id, id, { timeout })
    .then(() => true, () => false);

/** Waits until `id` is the active step, then until no tween runs. */
export async function waitActive(page, id, timeout = 5_000) {
  if (!(await becomesActive(page, id, timeout))) {
    throw new Error(`step "${id}" never became active; active is "${await activeStep(page)}"`);
  }
  await settle(page, timeout);
}

/** Two frames for a tween to start, then wait for it to end. */
export async function settle(page, timeout = 5_000) {
  await page.evaluate(
    () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))),
  );
  await page.waitForFunction(() => document.body.dataset.animating !== "true", null, { timeout });
}

/**
 * Waits until the graphics of the reader's chapter and of the chapters beside it have painted their
 * canvas once (`data-painted`; the others paint only when the reader comes near, see web/page.rs).
 */
export const nearPainted = (page, timeout = 30_000) =>
  page.waitForFunction(
    () => {
      const id = document.querySelector("#story")?.dataset.activeStep;
      const chapters = [...document.querySelectorAll(".chapter")];
      const at = chapters.indexOf(document.getElementById(id)?.closest(".chapter"));
      if (at < 0) return false;
      return [at - 1, at, at + 1]
        .filter((c) => c >= 0 && c < chapters.length)
        .every((c) => document.querySelector(`.graphic-slot[data-chapter="${c}"] canvas[data-painted]`));
    },
    null,
    { timeout },
  );

/**
 * The reader's first move (the pointer over the page). Until then each graphic shows its first
 * step's static figure and the page has not fetched its drawing code (src/graphic/lazy.rs);
 * resolves once the reader's graphic has painted its canvas.
 */
export async function firstMove(page, timeout = 10_000) {
  await page.mouse.move(8, 8);
  await readerPainted(page, timeout);
}

/**
 * Waits until the reader's graphic (the story's reader's chapter's, or an embed page's) has
 * painted its canvas once: a map waits for its land, which a jump may have only just asked for.
 */
export const readerPainted = (page, timeout = 10_000) =>
  page.waitForFunction(
    () => {
      if (document.getElementById("embed")) return !!document.querySelector("#embed canvas[data-painted]");
      const id = document.querySelector("#story")?.dataset.activeStep;
      return !!document.getElementById(id)?.closest(".chapter")?.querySelector(".graphic canvas[data-painted]");
    },
    null,
    { timeout },
  );

/** Scrolls the step to the reading line (viewport centre) without smooth scrolling. */
export const scrollToStep = (page, id) =>
  page.evaluate((id) => {
    document.getElementById(id).scrollIntoView({ block: "center", behavior: "instant" });
  }, id);

/**
 * The step the reading line is in; when the line falls between two steps, the last step above
 * it; above the first step, the first step. The line is where story::engine::reading_line puts
 * it: 55 % down the viewport, 40 % on screens under 500 px tall.
 */
export const stepAtReadingLine = (page) =>
  page.evaluate(() => {
    const line = window.innerHeight * (window.innerHeight < 500 ? 0.4 : 0.55);
    const steps = [...document.querySelectorAll(".step[data-step]")];
    let passed = steps[0]?.dataset.step ?? null;
    for (const s of steps) {
      const r = s.getBoundingClientRect();
      if (r.top <= line && r.bottom > line) return s.dataset.step;
      if (r.top <= line) passed = s.dataset.step;
    }
    return passed;
  });

/** sha1 of canvas.toDataURL() of the canvas inside the step's chapter graphic. */
export async function canvasHash(page, stepId) {
  const url = await page.evaluate((id) => {
    const c = document.getElementById(id)?.closest(".chapter")?.querySelector(".graphic canvas");
    return c ? c.toDataURL() : null;
  }, stepId);
  return url && createHash("sha1").update(url).digest("hex");
}

/**
 * How the canvas of the step's chapter is sized and painted: its backing size, CSS size, the
 * device pixel ratio, and the share of pixels that differ from the top-left pixel (a blank or
 * background-only canvas has 0).
 */
export const canvasInfo = (page, stepId) =>
  page.evaluate((id) => {
    const c = document.getElementById(id)?.closest(".chapter")?.querySelector(".graphic canvas");
    return window.__inkOf(c);
  }, stepId);

// In every page (init script): __inkOf(canvas) → sizes and the share of pixels that differ from the
// top-left pixel. Lives in the page so init scripts (the moment of ready, first ink) can use it too.
function inkOf() {
  window.__inkOf = (c) => {
    if (!c) return null;
    const cs = getComputedStyle(c);
    const info = {
      width: c.width,
      height: c.height,
      cssWidth: parseFloat(cs.width),
      cssHeight: parseFloat(cs.height),
      dpr: window.devicePixelRatio,
      inked: 0,
    };
    if (c.width && c.height) {
      const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let differ = 0;
      for (let i = 0; i < px.length; i += 4) {
        if (px[i] !== px[0] || px[i + 1] !== px[1] || px[i + 2] !== px[2] || px[i + 3] !== px[3]) differ++;
      }
      info.inked = differ / (px.length / 4);
    }
    return info;
  };
}

/** The most canvas pixels per CSS pixel the page gives (MAX_DPR in src/web/canvas.rs). */
export const MAX_DPR = 2;

/**
 * Backing store is CSS size × devicePixelRatio (at most MAX_DPR: a phone's third device pixel is
 * not drawn), rounded either way: within one pixel of the exact product. (Multiplying an already-rounded CSS size, e.g. clientWidth × dpr, can miss by more.)
 * ResizeObserver's device-pixel-content-box would be the ground truth, but under Playwright's
 * deviceScaleFactor emulation it reports CSS pixels, so it cannot be used here.
 */
export function crispProblem(info) {
  if (!info) return "no canvas";
  const ratio = Math.min(info.dpr, MAX_DPR);
  const w = info.cssWidth * ratio;
  const h = info.cssHeight * ratio;
  if (!(info.cssWidth > 0 && info.cssHeight > 0)) return `canvas has no CSS size (${info.cssWidth}×${info.cssHeight})`;
  if (Math.abs(info.width - w) >= 1 || Math.abs(info.height - h) >= 1) {
    return `backing ${info.width}×${info.height}, expected ${+w.toFixed(2)}×${+h.toFixed(2)} ± <1 (CSS ${info.cssWidth}×${info.cssHeight} × ${ratio}, device ratio ${info.dpr})`;
  }
  return null;
}

export const descriptionOf = (page, stepId) =>
  page.evaluate(
    (id) =>
      document.getElementById(id)?.closest(".chapter")?.querySelector(".graphic-description")?.textContent.trim() ??
      null,
    stepId,
  );

export async function screenshot(page, name, options = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), ...options });
}

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

export const stateLog = (page) => page.evaluate(() => window.__stateLog.slice());

/** Fails the surrounding test file early, with one clear message, when dist/ was not built. */
export async function requireDist(root = DIST) {
  try {
    await stat(join(root, "index.html"));
  } catch {
    throw new Error(`${root}/index.html not found: build the site first (trunk build --release --offline)`);
  }
}

/**
 * Registers before/after hooks for a test file: dist/ must exist, it is served, and one
 * Chromium is launched. Returns an object whose `url` and `browser` are set once `before` ran.
 */
export function useSite({ root = DIST, args = [] } = {}) {
  const site = { url: null, browser: null };
  let server;
  before(async () => {
    await requireDist(root);
    server = await serve(root);
    site.url = server.url;
    site.browser = await launch(args);
  });
  after(async () => {
    await site.browser?.close();
    await server?.close();
  });
  return site;
}
