// `lape serve` as an editor sees it: an open page reloads by itself after a save (issue 5).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { launchChromium } from "./serve.mjs";

const bin = path.resolve(process.env.LAPE_BIN || "target/release/lape");
let dir, proc, port, browser;

/** The basic fixture with the default theme in a fresh folder. */
function fixtureCopy(prefix) {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync("tests/fixtures/basic", d, { recursive: true });
  fs.cpSync("themes", path.join(d, "themes"), { recursive: true });
  return d;
}

/** Starts `lape serve` on `root`; resolves to the process and the port it announced. */
function startServe(root) {
  const server = spawn(bin, ["serve", "--port", "0", "--root", root], { stdio: ["ignore", "pipe", "ignore"] });
  return new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ server, port: Number(m[1]) });
    });
    server.on("exit", () => reject(new Error("lape serve exited: " + out)));
  });
}

before(async () => {
  dir = fixtureCopy("lape-serve-");
  ({ server: proc, port } = await startServe(dir));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  proc?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("an open page reloads by itself after a save, and shows a broken save's errors", async () => {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/pilotit/vatu/`);
  await page.waitForSelector("html[data-lape-live=connected]");
  await page.evaluate(() => { window.__notReloaded = true; });
  const file = path.join(dir, "content/pilots/vatu.md");
  const original = fs.readFileSync(file, "utf8");
  fs.writeFileSync(file, original.replace("Varhaisen tuen tiimi.", "Varhaisen tuen tiimi, selain näki muutoksen."));
  await page.waitForFunction(() => window.__notReloaded === undefined, null, { timeout: 15000 });
  await page.waitForSelector("text=selain näki muutoksen");

  fs.writeFileSync(file, original.replace("status: käytössä", "status: [rikki"));
  const overlay = await page.waitForSelector("#lape-overlay", { timeout: 15000 });
  assert.match(await overlay.textContent(), /content\/pilots\/vatu\.md:4/);
  fs.writeFileSync(file, original);
  await page.waitForFunction(() => !document.getElementById("lape-overlay"), null, { timeout: 15000 });
  await page.close();
});

// A site published under a path (`base-url = "https://example.fi/lape/"`) is previewed under
// that path too, as the real host will serve it: styles, links, search and live reload work
// there (issue 14).
test("the preview of a site under a path: styles, links, search and live reload", async () => {
  const sub = fixtureCopy("lape-serve-path-");
  const toml = path.join(sub, "book.toml");
  fs.writeFileSync(toml, fs.readFileSync(toml, "utf8").replace(/base-url = .*/, 'base-url = "https://example.fi/lape/"'));
  const { server, port: subPort } = await startServe(sub);
  try {
    const origin = `http://127.0.0.1:${subPort}`;
    const at = `${origin}/lape/`;
    const page = await browser.newPage();
    page.setDefaultTimeout(15000);
    // The root sends the reader to the site's path.
    await page.goto(`${origin}/`);
    assert.equal(new URL(page.url()).pathname, "/lape/");
    await page.goto(`${at}pilotit/vatu/`);
    await page.waitForSelector("html[data-lape-live=connected]");
    // The stylesheet loaded: the theme's body font is not the browser's default serif.
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.doesNotMatch(font, /^"?Times/);
    const sheets = await page.evaluate(() => [...document.styleSheets].filter((s) => s.href).length);
    assert.ok(sheets > 0, "no stylesheet loaded");
    // Links stay under the path and lead to pages that exist.
    const hrefs = await page.$$eval("main a[href^='/']", (as) => as.map((a) => a.getAttribute("href")));
    assert.ok(hrefs.length > 0 && hrefs.every((h) => h.startsWith("/lape/")), hrefs.join(" "));
    const res = await page.request.get(`${origin}${hrefs[0]}`);
    assert.equal(res.status(), 200, hrefs[0]);
    // Live reload under the path.
    await page.evaluate(() => { window.__notReloaded = true; });
    const file = path.join(sub, "content/pilots/vatu.md");
    const original = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, original.replace("Varhaisen tuen tiimi.", "Varhaisen tuen tiimi, polun alla."));
    await page.waitForFunction(() => window.__notReloaded === undefined, null, { timeout: 15000 });
    await page.waitForSelector("text=polun alla");
    // Search finds documents from the bundle under the path.
    await page.goto(`${at}haku/?q=perhekeskus`);
    await page.waitForSelector("#haku-tulokset li", { timeout: 15000 });
    const found = await page.$$eval("#haku-tulokset li a", (as) => as.map((a) => new URL(a.href).pathname));
    assert.ok(found.length > 0 && found.every((p) => p.startsWith("/lape/")), found.join(" "));
    await page.close();
  } finally {
    server.kill();
    fs.rmSync(sub, { recursive: true, force: true });
  }
});
