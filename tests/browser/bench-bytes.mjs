// What the browser downloads for a first search query, in headless Chromium:
//   node tests/browser/bench-bytes.mjs PUBLIC_DIR [QUERY...]
// For each query a fresh page loads /haku/ and waits until it is idle (the page, its scripts,
// meta.json and the filter bitsets); then the query is typed and every response until the
// results are shown is counted, as served (uncompressed) and as gzip would serve it.
import zlib from "node:zlib";
import fs from "node:fs";
import path from "node:path";
import { launchChromium, serve } from "./serve.mjs";

const dir = process.argv[2] || "public";
const queries = process.argv.slice(3).length ? process.argv.slice(3) : ["perhekeskuksissa", "lapsi", "toimintamalli", "kunta", "yhteistyö"];
const server = await serve(dir);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
const kB = (n) => (n / 1024).toFixed(1);
const rows = [];
for (const q of queries) {
  const page = await browser.newPage();
  const load = { raw: 0, gz: 0, files: 0 };
  const query = { raw: 0, gz: 0, files: 0 };
  let phase = load;
  page.on("response", async (r) => {
    const into = phase;
    try {
      const body = await r.body();
      into.raw += body.length;
      into.gz += zlib.gzipSync(body).length;
      into.files++;
    } catch {}
  });
  await page.goto(`${base}/haku/`);
  await page.waitForLoadState("networkidle");
  phase = query;
  await page.fill("#haku-q", q);
  await page.press("#haku-q", "Enter");
  await page.waitForFunction(() => /\d/.test(document.querySelector("#haku-tila").textContent) || /Ei tuloksia/.test(document.querySelector("#haku-tila").textContent), null, { timeout: 60000 });
  await page.waitForLoadState("networkidle");
  const status = await page.textContent("#haku-tila");
  rows.push(`| ${q} | ${status} | ${query.files} | ${kB(query.raw)} kB | ${kB(query.gz)} kB | ${load.files} files, ${kB(load.raw)} kB (${kB(load.gz)} kB gzip) |`);
  await page.close();
}
const code = ["search.js", "search-engine.js"].map((f) => fs.statSync(path.join(dir, "static", f)).size);
console.log("| first query | status | files | as served | gzip | the search page's own load before it |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) console.log(r);
console.log(`search code: search.js ${kB(code[0])} kB + search-engine.js ${kB(code[1])} kB = ${kB(code[0] + code[1])} kB`);
await browser.close();
server.close();
