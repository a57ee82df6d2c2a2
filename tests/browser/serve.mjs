// A minimal static file server for browser tests: serves one folder on loopback, like any
// static host would (folder URLs to index.html, 404.html for misses). Test use only.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
  ".xml": "application/xml", ".svg": "image/svg+xml", ".png": "image/png", ".wasm": "application/wasm",
};

export function serve(root) {
  const rootAbs = path.resolve(root);
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path.join(rootAbs, p);
    if (!file.startsWith(rootAbs)) { res.writeHead(403); res.end(); return; }
    if (p.endsWith("/")) file = path.join(file, "index.html");
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { "content-type": TYPES[".html"] });
        res.end(fs.existsSync(path.join(rootAbs, "404.html")) ? fs.readFileSync(path.join(rootAbs, "404.html")) : "not found");
        return;
      }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
}

/**
 * Serves `root` and opens Chromium for one test file, with node:test's before/after hooks.
 * Returns a handle whose `base` and `browser` are set once the tests start.
 */
export function siteUnderTest(root, { before, after }) {
  const site = { base: "", browser: null, server: null };
  before(async () => {
    site.server = await serve(root);
    site.base = `http://127.0.0.1:${site.server.address().port}`;
    site.browser = await launchChromium();
  });
  after(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}
