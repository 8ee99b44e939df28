// 10. A browser without WebAssembly gets a visible explanation, not a blank page.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as h from "./lib/harness.mjs";

const site = h.useSite();

async function messageShown(browser, url, initScripts = []) {
  const { context, page } = await h.openPage(browser, { initScripts });
  try {
    await page.goto(url);
    const wasm = await page.evaluate(() => typeof WebAssembly);
    const shown = await page
      .waitForSelector(".nowasm-message, .data-error", { state: "visible", timeout: h.READY_TIMEOUT })
      .then(() => true, () => false);
    const text = await page.evaluate(
      () => document.querySelector(".nowasm-message, .data-error")?.innerText.trim() ?? "",
    );
    const body = await page.evaluate(() => document.body.innerText.slice(0, 300));
    await h.screenshot(page, `no-wasm-${initScripts.length ? "deleted" : "flag"}`);
    return { wasm, shown, text, body };
  } finally {
    await context.close();
  }
}

test("WebAssembly deleted by a script: the reader is told", async () => {
  const r = await messageShown(site.browser, site.url, [() => delete window.WebAssembly]);
  assert.equal(r.wasm, "undefined", "precondition: WebAssembly still present");
  assert.ok(r.shown, `no visible .nowasm-message or .data-error; page shows: ${JSON.stringify(r.body)}`);
  assert.ok(r.text.length >= 20, `message too short to tell the reader anything: "${r.text}"`);
});

// V8's --noexpose_wasm no longer hides WebAssembly in Chromium 156; --jitless does (as in
// hardened browser modes that turn the JIT off).
test("Chromium without WebAssembly (--jitless): the reader is told", async () => {
  const browser = await h.launch(["--js-flags=--jitless"]);
  try {
    const r = await messageShown(browser, site.url);
    assert.equal(r.wasm, "undefined", "precondition: the flag did not hide WebAssembly");
    assert.ok(r.shown, `no visible .nowasm-message or .data-error; page shows: ${JSON.stringify(r.body)}`);
    assert.ok(r.text.length >= 20, `message too short to tell the reader anything: "${r.text}"`);
  } finally {
    await browser.close();
  }
});
