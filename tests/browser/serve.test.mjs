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

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lape-serve-"));
  fs.cpSync("tests/fixtures/basic", dir, { recursive: true });
  fs.cpSync("themes", path.join(dir, "themes"), { recursive: true });
  proc = spawn(bin, ["serve", "--port", "0", "--root", dir], { stdio: ["ignore", "pipe", "ignore"] });
  port = await new Promise((resolve, reject) => {
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/127\.0\.0\.1:(\d+)\//);
      if (m) resolve(Number(m[1]));
    });
    proc.on("exit", () => reject(new Error("lape serve exited: " + out)));
  });
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
