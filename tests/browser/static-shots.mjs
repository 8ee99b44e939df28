// Screenshots of the static article: JavaScript off, the moment the wasm takes over, and print
// (A4 PDF). `node static-shots.mjs` writes them to artifacts/static/.
import * as h from "./lib/harness.mjs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

const out = join(h.ARTIFACTS, "static");
await mkdir(out, { recursive: true });
const server = await h.serve();
const browser = await h.launch();
try {
  for (const [name, opts] of [["desktop", h.DESKTOP], ["phone", h.PHONE]]) {
    for (const scheme of ["light", "dark"]) {
      const ctx = await browser.newContext({ ...opts, javaScriptEnabled: false, colorScheme: scheme });
      const page = await ctx.newPage();
      await page.goto(server.url + "index.html");
      for (const y of [0, 0.08, 0.3, 0.6]) {
        await page.evaluate((f) => window.scrollTo(0, document.body.scrollHeight * f), y);
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(out, `nojs-${name}-${scheme}-${Math.round(y * 100)}.png`) });
      }
      await ctx.close();
    }
  }
  const ctx = await browser.newContext({ ...h.DESKTOP });
  const page = await ctx.newPage();
  await page.goto(server.url + "index.html");
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: join(out, "print-screen.png"), fullPage: false });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  await writeFile(join(out, "story.pdf"), pdf);
  await ctx.close();
} finally {
  await browser.close();
  await server.close();
}
console.log(out);
