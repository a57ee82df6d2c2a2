// Accessibility as a reader's browser sees it (issue 6): axe-core over every page of sitemap.xml
// in every interface language, the search page after a query and a ticked filter, and the
// keyboard path from the skip link to a search result.
// Run from the repository root after `lape build`: node --test tests/browser/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { siteUnderTest } from "./serve.mjs";

const PUBLIC = process.env.LAPE_PUBLIC || "public";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const site = siteUnderTest(PUBLIC, { before, after });

/** Site paths of every page the sitemap lists, in Finnish and Swedish (LAPE_A11Y_ALL=1 adds
 * English, whose pages have the same markup). */
function sitemapPaths() {
  const xml = fs.readFileSync(`${PUBLIC}/sitemap.xml`, "utf8");
  const all = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1], "http://x").pathname);
  return process.env.LAPE_A11Y_ALL ? all : all.filter((p) => !p.startsWith("/en/"));
}

/** axe-core's WCAG 2.1 A/AA violations on the open page, one line each. */
async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
    TAGS,
  );
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")}: ${n.failureSummary.split("\n")[1] || ""}`),
  );
}

test("every page in the sitemap, in Finnish and Swedish, has no WCAG 2.1 A/AA violations", async () => {
  const paths = sitemapPaths();
  const langs = new Set(paths.map((p) => (p.match(/^\/(sv|en)\//) || [, "fi"])[1]));
  assert.ok(langs.has("fi") && langs.has("sv"), `sitemap languages: ${[...langs]}`);
  const page = await site.browser.newPage();
  const found = [];
  for (const p of paths) {
    const res = await page.goto(site.base + p);
    assert.equal(res.status(), 200, p);
    for (const v of await violations(page)) found.push(`${p}: ${v}`);
  }
  await page.close();
  assert.deepEqual(found, [], `${found.length} violations on ${paths.length} pages`);
});

for (const [prefix, region] of [["", "uusimaa"], ["/sv", "uusimaa"]]) {
  test(`the search page after a query and a ticked filter has no violations (${prefix || "fi"})`, async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.base}${prefix}/haku/?q=perhekeskus`);
    await page.waitForSelector("#haku-tulokset li");
    await page.check(`#haku-suodattimet input[value='${region}']`);
    await page.waitForFunction(() => /region=/.test(location.search));
    await page.waitForSelector("#haku-tulokset li");
    assert.deepEqual(await violations(page), []);
    if (prefix) {
      const href = await page.getAttribute("#haku-tulokset li a", "href");
      assert.ok(href.startsWith(`${prefix}/`), `a result leaves the ${prefix} interface: ${href}`);
    }
    await page.close();
  });
}

/** Presses Tab until `selector` has focus; returns how many presses it took. */
async function tabTo(page, selector, limit = 60) {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return i;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test("keyboard only: skip link first, then the search box, a filter and a result", async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.base}/pilotit/vatu/`);
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => document.activeElement.matches("a.skip-link")), "the skip link comes first");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "sisalto", "the skip link moves focus to main");

  await page.goto(`${site.base}/pilotit/vatu/`);
  await tabTo(page, "#hakukentta");
  await page.keyboard.type("perhekeskus");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/haku\/\?q=perhekeskus/);
  await page.waitForSelector("#haku-tulokset li");
  const before = await page.$$eval("#haku-tulokset li", (l) => l.length);

  await tabTo(page, "#haku-suodattimet input[value='uusimaa']");
  await page.keyboard.press("Space");
  await page.waitForFunction((n) => document.querySelectorAll("#haku-tulokset li").length < n, before);

  await tabTo(page, "#haku-tulokset li a");
  const target = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname === target);
  assert.match(await page.title(), /LAPE-tietopankki/);
  await page.close();
});

test("the language menu is reachable by keyboard and keeps the reader on the same page", async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.base}/alueet/pirkanmaa/`);
  await tabTo(page, ".lang-menu a[hreflang='sv']");
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname === "/sv/alueet/pirkanmaa/");
  assert.equal(await page.getAttribute("html", "lang"), "sv");
  assert.equal(await page.textContent("h1"), "Birkaland");
  await page.close();
});

test("reflow: at 320 CSS px (400% zoom of 1280) no page scrolls sideways", async () => {
  const page = await site.browser.newPage({ viewport: { width: 320, height: 640 } });
  const wide = [];
  for (const p of sitemapPaths()) {
    await page.goto(site.base + p);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 320) wide.push(`${p}: ${w}px`);
  }
  await page.close();
  assert.deepEqual(wide, []);
});
