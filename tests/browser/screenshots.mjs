// Screenshots of the published site for the README: home, a pilot page, a region page with
// and one without documents, the overview, a filtered pilot list and search results, at 1280
// and 320 CSS px wide. Run after `lape build`:
//   node tests/browser/screenshots.mjs [public dir] [out dir]
import { serve, launchChromium } from "./serve.mjs";

const PUBLIC = process.argv[2] || "public";
const OUT = process.argv[3] || "docs/screenshots";
const PAGES = [
  ["home", "/"],
  ["pilot", "/pilotit/vatu/"],
  ["region", "/alueet/pirkanmaa/"],
  ["region-empty", "/alueet/kainuu/"],
  ["overview", "/yleiskuva/"],
  ["pilots-filtered", "/pilotit/?alue=pirkanmaa&tila=kokeilu"],
  ["search", "/haku/?q=perhekeskus"],
];

const server = await serve(PUBLIC);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
try {
  for (const width of [1280, 320]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const [name, path] of PAGES) {
      await page.goto(base + path);
      if (name === "search") await page.waitForSelector("#haku-tulokset li");
      if (name === "pilots-filtered") await page.waitForFunction(() => document.getElementById("rajaus-tulos").textContent !== "");
      const file = `${OUT}/${name}-${width}.png`;
      await page.screenshot({ path: file, fullPage: width === 320 ? false : true, clip: undefined });
      console.log(file);
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
