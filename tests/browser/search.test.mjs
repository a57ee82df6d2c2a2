// What a reader sees: the published site's search in headless Chromium (issue 4).
// Run from the repository root after `lape build`: node --test tests/browser/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { siteUnderTest } from "./serve.mjs";

const PUBLIC = process.env.LAPE_PUBLIC || "public";
const site = siteUnderTest(PUBLIC, { before, after });

async function resultUrls(page) {
  return page.$$eval("#haku-tulokset li a", (as) => as.map((a) => new URL(a.href).pathname));
}

test("a Finnish query finds its documents, and a region filter narrows the list", async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.base}/haku/`);
  await page.fill("#haku-q", "perhekeskuksissa");
  await page.press("#haku-q", "Enter");
  await page.waitForSelector("#haku-tulokset li");
  const all = await resultUrls(page);
  assert.ok(all.includes("/palvelut/askolan-hyvinvointineuvola-ja-perhekeskusverkosto/"), all.join(" "));
  assert.ok(all.includes("/tyopajat/keski-suomen-tormayttamistapahtuma/"), all.join(" "));
  assert.match(await page.textContent("#haku-tila"), /\d+ tulosta/);

  await page.check("#haku-suodattimet fieldset:first-of-type input[value='Uusimaa']");
  await page.waitForFunction((n) => document.querySelectorAll("#haku-tulokset li").length < n, all.length);
  const narrowed = await resultUrls(page);
  assert.ok(narrowed.length > 0 && narrowed.length < all.length, `${narrowed.length} of ${all.length}`);
  assert.ok(narrowed.includes("/palvelut/askolan-hyvinvointineuvola-ja-perhekeskusverkosto/"));
  assert.ok(!narrowed.includes("/tyopajat/keski-suomen-tormayttamistapahtuma/"), "a Keski-Suomi document left after ticking Uusimaa");
  assert.match(page.url(), /region=Uusimaa/);
  await page.close();
});

test("a compound part finds the compound in the browser too", async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.base}/haku/?q=toimintamalli`);
  await page.waitForSelector("#haku-tulokset li");
  const urls = await resultUrls(page);
  assert.ok(urls.includes("/pilotit/yleispediatria/"), urls.join(" "));
  await page.close();
});

test("the header search box leads to results, by keyboard alone", async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.base}/pilotit/vatu/`);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Siirry sisältöön");
  await page.focus("#hakukentta");
  await page.keyboard.type("lastensuojelu");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/haku\/\?q=lastensuojelu/);
  await page.waitForSelector("#haku-tulokset li");
  assert.ok((await resultUrls(page)).includes("/pilotit/systeeminen-lastensuojelu-pirkanmaa/"));
  await page.close();
});

test("the browser and `lape search` find the same documents", async () => {
  const { execFileSync } = await import("node:child_process");
  const bin = process.env.LAPE_BIN || "target/release/lape";
  const page = await site.browser.newPage();
  for (const q of ["perhekeskuksissa", "toimintamalli", "lastensuojelu", "päiväperho", "monitoimijaisen"]) {
    const cli = JSON.parse(execFileSync(bin, ["search", q, "--json", "-n", "100"], { encoding: "utf8" })).map((h) => h.url);
    await page.goto(`${site.base}/haku/?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => /tulosta|Ei tuloksia/.test(document.querySelector("#haku-tila").textContent));
    const web = await resultUrls(page);
    assert.deepEqual([...web].sort(), [...cli].sort(), `query ${q}`);
    assert.equal(web[0] === cli[0] || web.slice(0, 3).includes(cli[0]), true, `top result of ${q}: ${cli[0]} vs ${web.slice(0, 3)}`);
  }
  await page.close();
});
