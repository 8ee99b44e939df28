// Runs the W3C Nu HTML checker over every page the build writes (the three editions,
// embed.html, embed/*.html in each language) and fails on any error. Warnings are printed, not failed.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vnu from "vnu-jar";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const dist = resolve(process.env.DIST ?? join(root, "dist"));
const pages = [
  join(dist, "index.html"),
  join(dist, "ru", "index.html"),
  join(dist, "zh", "index.html"),
  join(dist, "embed.html"),
  ...["", "ru", "zh"].flatMap((lang) =>
    readdirSync(join(dist, lang, "embed")).filter((f) => f.endsWith(".html")).map((f) => join(dist, lang, "embed", f)),
  ),
];
const run = spawnSync("java", ["-jar", vnu, "--format", "json", "--exit-zero-always", ...pages], { encoding: "utf8" });
if (run.error || !run.stderr.trim().startsWith("{")) {
  console.error(`the Nu checker did not run: ${run.error ?? run.stderr}`);
  process.exit(2);
}
// vnu writes its JSON report to stderr.
const report = JSON.parse(run.stderr);
// Checked from file: URLs, every 'self' in the pages' meta policy looks violated; not a finding.
const messages = (report.messages ?? []).filter((m) => !/violates Content Security Policy/.test(m.message));
const errors = messages.filter((m) => m.type === "error" || m.subType === "fatal");
for (const m of messages) {
  const where = `${m.url?.replace(`file:${dist}/`, "")}:${m.lastLine ?? "?"}`;
  console.log(`${m.type === "error" ? "ERROR" : m.subType ?? m.type} ${where} ${m.message}`);
}
console.log(`Nu HTML checker: ${pages.length} pages, ${errors.length} errors, ${messages.length - errors.length} other messages`);
process.exit(errors.length ? 1 : 0);
