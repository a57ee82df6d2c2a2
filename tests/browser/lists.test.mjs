// List filters (issue 15) as a reader uses them: by keyboard, the count announced in a live
// region, the choice in the URL, no axe violations in Finnish and Swedish, and on a list of
// several pages the entries of every page, never a draft.
// Run from the repository root after `lape build`: node --test tests/browser/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { siteUnderTest, serve } from "./serve.mjs";

const PUBLIC = process.env.LAPE_PUBLIC || "public";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const site = siteUnderTest(PUBLIC, { before, after });

async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

/** The entries the reader sees: their links and their data-alue. */
function visible(page) {
  return page.$$eval("main ul.doc-list > li", (l) =>
    l.filter((li) => !li.hidden).map((li) => ({ href: li.querySelector("a").getAttribute("href"), alue: li.dataset.alue })),
  );
}

async function tabTo(page, selector, limit = 80) {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

for (const [prefix, count] of [["", /^Rajaukseen sopii (\d+) dokumenttia?\.$/], ["/sv", /^(\d+) dokument motsvarar urvalet\.$/]]) {
  test(`the pilot list narrows by keyboard, announces the count and keeps it in the URL (${prefix || "fi"})`, async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.base}${prefix}/pilotit/`);
    const all = (await visible(page)).length;
    assert.equal(await page.getAttribute("#rajaus-tulos", "aria-live"), "polite");
    await tabTo(page, "#rajaus-alue");
    // Arrow keys on a closed select change its value and fire "change" (Chromium on Linux).
    for (let i = 0; i < 10 && (await page.inputValue("#rajaus-alue")) !== "pirkanmaa"; i++) {
      await page.keyboard.press("ArrowDown");
    }
    assert.equal(await page.inputValue("#rajaus-alue"), "pirkanmaa");
    await page.waitForFunction(() => /alue=pirkanmaa/.test(location.search));
    const shown = await visible(page);
    assert.ok(shown.length > 0 && shown.length < all, `${shown.length} of ${all}`);
    assert.ok(shown.every((e) => e.alue.split(" ").includes("pirkanmaa")), "only Pirkanmaa's pilots");
    const status = await page.textContent("#rajaus-tulos");
    const m = status.match(count);
    assert.ok(m, `announced: ${status}`);
    assert.equal(Number(m[1]), shown.length, "the count announced is the count shown");
    assert.deepEqual(await violations(page), [], "axe on the narrowed list");

    // The URL gives the same list to someone else.
    const shared = await site.browser.newPage();
    await shared.goto(page.url());
    await shared.waitForFunction(() => document.getElementById("rajaus-tulos").textContent !== "");
    assert.deepEqual(await visible(shared), shown);
    assert.equal(await shared.inputValue("#rajaus-alue"), "pirkanmaa");
    await shared.close();

    await tabTo(page, "#rajaus button[type=reset]");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => !/alue=/.test(location.search));
    assert.equal((await visible(page)).length, all, "clearing shows the whole list");
    await page.close();
  });
}

test("two filters at once, and a list page with no filters by JavaScript still lists everything", async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.base}/pilotit/?alue=uusimaa&tila=kaytossa`);
  await page.waitForFunction(() => document.getElementById("rajaus-tulos").textContent !== "");
  const shown = await page.$$eval("main ul.doc-list > li:not([hidden])", (l) => l.map((li) => [li.dataset.alue, li.dataset.tila]));
  assert.ok(shown.length > 0 && shown.every(([a, t]) => a.split(" ").includes("uusimaa") && t === "kaytossa"), JSON.stringify(shown));
  await page.close();
  const nojs = await site.browser.newContext({ javaScriptEnabled: false });
  const p2 = await nojs.newPage();
  await p2.goto(`${site.base}/pilotit/?alue=pirkanmaa`);
  assert.equal(await p2.isVisible("#rajaus"), false, "no filter form without JavaScript");
  const hidden = await p2.$$eval("main ul.doc-list > li[hidden]", (l) => l.length);
  assert.equal(hidden, 0, "the whole list shows");
  await nojs.close();
});

test("a list of several pages is narrowed over all its pages, and a draft never appears", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lape-lists-"));
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  fs.cpSync("themes", path.join(root, "themes"), { recursive: true });
  write("book.toml", '[book]\ntitle = "Listatesti"\nlanguage = "fi"\n\n[site]\nbase-url = "/"\n');
  write("content/regions/kainuu.md", "---\ntitle: Kainuu\n---\n");
  write("content/regions/lappi.md", "---\ntitle: Lappi\n---\n");
  for (let i = 0; i < 120; i++) {
    const region = i % 3 === 0 ? "kainuu" : "lappi";
    write(`content/pilots/p${String(i).padStart(3, "0")}.md`, `---\ntitle: Pilotti ${i}\nregions: [${region}]\nstatus: kokeilu\n---\nTeksti.\n`);
  }
  write("content/pilots/luonnos.md", "---\ntitle: Luonnospilotti\nregions: [kainuu]\nstatus: kokeilu\ndraft: true\n---\nTeksti.\n");
  const lape = process.env.LAPE_BIN || "target/release/lape";
  execFileSync(lape, ["build", "--root", root], { stdio: "pipe" });
  const server = await serve(path.join(root, "public"));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const page = await site.browser.newPage();
    await page.goto(`${base}/pilotit/`);
    assert.equal((await visible(page)).length, 50, "one page of the list before narrowing");
    await page.selectOption("#rajaus-alue", "kainuu");
    await page.waitForFunction(() => /40/.test(document.getElementById("rajaus-tulos").textContent));
    const shown = await visible(page);
    assert.equal(shown.length, 40, "every Kainuu pilot of all three pages");
    assert.equal(new Set(shown.map((e) => e.href)).size, 40, "each once");
    assert.ok(!shown.some((e) => e.href.includes("luonnos")), "no draft");
    assert.equal(await page.isVisible("main nav.pager"), false, "the pager hides while narrowed");
    await page.selectOption("#rajaus-alue", "");
    await page.waitForFunction(() => document.getElementById("rajaus-tulos").textContent === "");
    assert.equal((await visible(page)).length, 50, "back to the first page");
    assert.equal(await page.isVisible("main nav.pager"), true);
    await page.close();
  } finally {
    server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("the overview keeps its region column and header row in view, and is a list at 320 px", async () => {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${site.base}/yleiskuva/`);
  const at = () =>
    page.evaluate(() => {
      const th = document.querySelector(".overview-table tbody th");
      const head = document.querySelector(".overview-table thead th:nth-child(3)");
      const box = document.querySelector(".overview-table").getBoundingClientRect();
      return { left: th.getBoundingClientRect().left, top: head.getBoundingClientRect().top, boxTop: box.top };
    });
  const before = await at();
  await page.evaluate(() => {
    const box = document.querySelector(".overview-table");
    box.scrollLeft = 600;
    box.scrollTop = 300;
  });
  const after = await at();
  assert.equal(after.left, before.left, "the region column stays while the table scrolls sideways");
  assert.ok(Math.abs(after.top - after.boxTop) <= 2, `the header row sticks to the top of the table's box: ${JSON.stringify(after)}`);
  await page.close();
  const narrow = await site.browser.newPage({ viewport: { width: 320, height: 640 } });
  await narrow.goto(`${site.base}/yleiskuva/`);
  assert.equal(await narrow.isVisible(".overview-table"), false);
  assert.equal(await narrow.isVisible(".overview-list"), true);
  assert.ok(await narrow.evaluate(() => document.documentElement.scrollWidth <= 320));
  assert.deepEqual(await violations(narrow), []);
  await narrow.close();
});

test("every tile of the region map holds its name, in every language", async () => {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const clipped = [];
  for (const prefix of ["", "/sv", "/en"]) {
    await page.goto(`${site.base}${prefix}/`);
    clipped.push(
      ...(await page.$$eval(".region-map a", (tiles) =>
        tiles
          .map((a) => {
            const rect = a.querySelector("rect").getBBox();
            const name = a.querySelector(".tile-name").getBBox();
            return name.x >= rect.x && name.x + name.width <= rect.x + rect.width ? null : a.getAttribute("aria-label");
          })
          .filter(Boolean),
      )).map((n) => `${prefix || "fi"}: ${n}`),
    );
  }
  await page.close();
  assert.deepEqual(clipped, []);
});
