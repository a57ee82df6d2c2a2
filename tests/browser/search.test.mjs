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

  await page.check("#haku-suodattimet fieldset:first-of-type input[value='uusimaa']");
  await page.waitForFunction((n) => document.querySelectorAll("#haku-tulokset li").length < n, all.length);
  const narrowed = await resultUrls(page);
  assert.ok(narrowed.length > 0 && narrowed.length < all.length, `${narrowed.length} of ${all.length}`);
  assert.ok(narrowed.includes("/palvelut/askolan-hyvinvointineuvola-ja-perhekeskusverkosto/"));
  assert.ok(!narrowed.includes("/tyopajat/keski-suomen-tormayttamistapahtuma/"), "a Keski-Suomi document left after ticking Uusimaa");
  assert.match(page.url(), /region=uusimaa/);
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

test("the search page shows what `lape search` finds, in its order, with its excerpts", async () => {
  const { execFileSync } = await import("node:child_process");
  const bin = process.env.LAPE_BIN || "target/release/lape";
  const page = await site.browser.newPage();
  for (const q of ["perhekeskuksissa", "toimintamalli", "lastensuojelu", "päiväperho", "monitoimijaisen", "sote-uudistus"]) {
    const cli = JSON.parse(execFileSync(bin, ["search", q, "--json", "-n", "10"], { encoding: "utf8" }));
    await page.goto(`${site.base}/haku/?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => /tulos|Ei tuloksia/.test(document.querySelector("#haku-tila").textContent));
    assert.deepEqual(await resultUrls(page), cli.map((h) => h.url), `query ${q}`);
    const marked = await page.$$eval("#haku-tulokset li p", (ps) => ps.map((p) => p.innerHTML.replace(/<(\/?)mark>/g, "<$1b>")));
    // innerHTML leaves quotation marks in text as they are; lape search escapes them.
    const plain = (s) => s.replaceAll("&quot;", '"').replaceAll("&#39;", "'");
    assert.deepEqual(marked, cli.map((h) => plain(h.snippet)), `excerpts of ${q}`);
  }
  await page.close();
});

test("every excerpt is a run of its page's visible text", async () => {
  const page = await site.browser.newPage();
  const norm = (s) => s.replace(/\s+/g, " ").trim();
  let checked = 0;
  for (const q of ["perhekeskus", "lapsi", "toimintamalli", "yhteistyö", "kunta", "palvelut", "työpaja", "perheiden"]) {
    await page.goto(`${site.base}/haku/?q=${encodeURIComponent(q)}`);
    await page.waitForSelector("#haku-tulokset li");
    const rows = await page.$$eval("#haku-tulokset li", (ls) =>
      ls.map((l) => ({ url: l.querySelector("a").href, text: l.querySelector("p").textContent })));
    const other = await site.browser.newPage();
    for (const r of rows) {
      await other.goto(r.url);
      const visible = norm(await other.evaluate(() => document.querySelector("main").innerText));
      for (const part of r.text.split("…").map(norm).filter(Boolean)) {
        assert.ok(visible.includes(part), `excerpt of ${r.url} for ${q} is not on the page: «${part}»`);
        checked++;
      }
    }
    await other.close();
  }
  assert.ok(checked > 20, `${checked} excerpts checked`);
  await page.close();
});

test("a malformed query and a missing index get a message, not a blank page", async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.base}/haku/?q=${encodeURIComponent('"lapsi')}`);
  await page.waitForFunction(() => /Lainausmerkki/.test(document.querySelector("#haku-tila").textContent));
  await page.route("**/hakuindeksi/meta.json", (route) => route.fulfill({ status: 404, body: "" }));
  await page.goto(`${site.base}/haku/?q=lapsi`);
  await page.waitForFunction(() => /lape build/.test(document.querySelector("#haku-tila").textContent));
  await page.close();
});

test("results come before the filters at 320 px, and more results load on request", async () => {
  const page = await site.browser.newPage({ viewport: { width: 320, height: 800 } });
  await page.goto(`${site.base}/haku/?q=ja%20OR%20lapsi%20OR%20perhe%20OR%20palvelu%20OR%20kunta`);
  await page.waitForSelector("#haku-tulokset li");
  const first = await page.$eval("#haku-tulokset li", (li) => li.getBoundingClientRect().top + scrollY);
  const filters = await page.$eval(".search-filter-box", (d) => d.getBoundingClientRect().top + scrollY);
  assert.ok(first < filters && first < 900, `first result at ${first} px, filters at ${filters} px`);
  assert.equal(await page.$eval(".search-filter-box", (d) => d.open), false, "filters start folded on a narrow screen");
  const before = await page.$$eval("#haku-tulokset li", (l) => l.length);
  assert.equal(before, 10);
  await page.click("#haku-lisaa");
  await page.waitForFunction((n) => document.querySelectorAll("#haku-tulokset li").length > n, before);
  assert.equal(await page.evaluate(() => document.activeElement.closest("li") === document.querySelectorAll("#haku-tulokset li")[10]), true,
    "focus moves to the first new result");
  await page.close();
});
