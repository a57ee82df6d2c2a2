// Bytes the browser downloads for a first search query: node tests/browser/bench-bytes.mjs PUBLIC_DIR
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
const server = await serve(process.argv[2]);
const base = `http://127.0.0.1:${server.address().port}`;
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox","--disable-gpu","--disable-background-networking"] });
const p = await b.newPage();
await p.goto(`${base}/haku/`);
await p.waitForLoadState("networkidle");
let bytes = 0, files = 0;
p.on("response", async (r) => { try { const body = await r.body(); bytes += body.length; files++; } catch {} });
await p.fill("#haku-q", "perhekeskuksissa");
await p.press("#haku-q", "Enter");
await p.waitForFunction(() => /tulosta|Ei tuloksia/.test(document.querySelector("#haku-tila").textContent), null, {timeout: 60000});
await p.waitForLoadState("networkidle");
console.log(`first query: ${files} files, ${(bytes/1024).toFixed(0)} kB after the search page had loaded; status: ${await p.textContent("#haku-tila")}`);
await b.close(); server.close();
