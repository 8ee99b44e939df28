// 9. Broken data files produce a precise, visible message instead of a dead page; unknown hashes are ignored.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
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

test("a non-number in trade_annual.csv names the file and the row", async () => {
  const broken = await brokenSite(async (dir) => {
    const file = join(dir, "data", "trade_annual.csv");
    const lines = (await readFile(file, "utf8")).split("\n");
    // Data row 3 (row 1 is the first line after the header): its first number becomes "abc".
    const cells = lines[3].split(",");
    const col = cells.findIndex((c, i) => i > 0 && /^-?\d+(\.\d+)?$/.test(c));
    assert.ok(col > 0, `no number to corrupt in ${lines[3]}`);
    cells[col] = "abc";
    lines[3] = cells.join(",");
    await writeFile(file, lines.join("\n"));
  });
  try {
    const { shown, state, pageErrors } = await errorShown(broken.url);
    assert.ok(shown, `no visible .data-error; page shows: ${state.body}`);
    const alert = state.alerts[0];
    assert.equal(alert.role, "alert", ".data-error lacks role=alert");
    assert.match(alert.text, /trade_annual\.csv/, "message does not name the file");
    assert.match(alert.text, /\brow 3\b/, "message does not name data row 3");
    assert.ok(state.steps > 0 && state.stepText > 100, `story text gone: ${state.steps} .step elements, ${state.stepText} characters`);
    assert.deepEqual(pageErrors, [], "uncaught page errors");
  } finally {
    await broken.close();
  }
});

test("a missing facts.csv names the file", async () => {
  const broken = await brokenSite((dir) => rm(join(dir, "data", "facts.csv")));
  try {
    const { shown, state, pageErrors } = await errorShown(broken.url);
    assert.ok(shown, `no visible .data-error; page shows: ${state.body}`);
    assert.equal(state.alerts[0].role, "alert", ".data-error lacks role=alert");
    assert.match(state.alerts[0].text, /facts\.csv/, "message does not name the file");
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
