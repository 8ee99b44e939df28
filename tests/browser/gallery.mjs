// A look-at-it tool, not a test: screenshots every step of the built dist/ (opened by its deep
// link) at desktop and phone width, light and dark, plus the embed page of every chapter, and
// lays them out as contact sheets in artifacts/gallery/sheet-*.png and page-*.png.
//
//   node gallery.mjs [filter]     (filter: only step ids containing it)
//   ONLY=phone node gallery.mjs   (only the configurations whose name contains it)
//   EDITION=ru node gallery.mjs   (the Russian or Chinese story page; shots named ru-…, zh-…)
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as h from "./lib/harness.mjs";

const filter = process.argv[2] ?? "";
const EDITION = process.env.EDITION ?? "";
const PAGE = EDITION ? `${EDITION}/index.html` : "";
const OUT = join(h.ARTIFACTS, "gallery");
const CONFIGS = [
  ["desktop-light", { ...h.DESKTOP, colorScheme: "light" }],
  ["desktop-dark", { ...h.DESKTOP, colorScheme: "dark" }],
  ["phone-light", { ...h.PHONE, deviceScaleFactor: 2, colorScheme: "light" }],
  ["phone-dark", { ...h.PHONE, deviceScaleFactor: 2, colorScheme: "dark" }],
];

await h.requireDist();
await mkdir(OUT, { recursive: true });
const server = await h.serve();
const browser = await h.launch();
const sheets = {};
try {
  for (const [config, options] of CONFIGS.filter(([n]) => n.includes(process.env.ONLY ?? ""))) {
    const name = EDITION ? `${EDITION}-${config}` : config;
    const { context, page, errors } = await h.openPage(browser, options);
    await h.gotoReady(page, server.url + PAGE);
    const ids = (await h.stepIds(page)).filter((id) => id.includes(filter));
    sheets[name] = [];
    for (const id of ids) {
      await page.goto(`${server.url}${PAGE}#${id}`);
      await page.reload();
      await h.waitReady(page);
      await h.waitActive(page, id).catch((e) => console.error(`${name} ${id}: ${e.message}`));
      const file = `${name}-${id}.png`;
      await page.screenshot({ path: join(OUT, file) });
      sheets[name].push([id, file]);
    }
    for (const e of [...errors.console, ...errors.page]) console.error(`${name}: ${e}`);
    await context.close();
  }
  // Contact sheets: every shot of a configuration on one page, and pages of four (desktop) or
  // six (phone) shots big enough to read.
  const page = await browser.newPage({ viewport: { width: 2400, height: 800 } });
  const sheet = async (file, shots, cols) => {
    const html = `<style>body{margin:0;font:14px sans-serif;display:grid;grid-template-columns:repeat(${cols},1fr);gap:6px;background:#888}
      figure{margin:0}img{width:100%;display:block}figcaption{background:#fff;padding:2px 4px}</style>
      ${shots.map(([id, f]) => `<figure><img src="${f}"><figcaption>${id}</figcaption></figure>`).join("")}`;
    await writeFile(join(OUT, `${file}.html`), html);
    await page.goto(`file://${join(OUT, `${file}.html`)}`);
    await page.waitForLoadState("load");
    await page.screenshot({ path: join(OUT, `${file}.png`), fullPage: true });
  };
  for (const [name, shots] of Object.entries(sheets)) {
    const phone = name.includes("phone");
    await sheet(`sheet-${name}`, shots, phone ? 8 : 4);
    const per = phone ? 6 : 4;
    for (let k = 0; k * per < shots.length; k++) {
      await sheet(`page-${name}-${String(k + 1).padStart(2, "0")}`, shots.slice(k * per, (k + 1) * per), phone ? 6 : 2);
    }
    console.log(`${join(OUT, `sheet-${name}.png`)} (${shots.length} shots)`);
  }
} finally {
  await browser.close();
  await server.close();
}
