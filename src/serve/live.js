// lape serve: reload on rebuild, show build errors over the page. Injected by the preview
// server only; `lape build` output never contains it.
(() => {
  // The overlay's words in the editor's language, filled in by the preview server.
  const words = __LAPE_WORDS__;
  const box = () => document.getElementById("lape-overlay");
  function show(problems) {
    let el = box();
    if (!problems.length) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement("div");
      el.id = "lape-overlay";
      el.setAttribute("role", "alert");
      el.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99999;background:#fff;color:#212121;border-top:6px solid #b00020;padding:16px 24px;font:16px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.3)";
      document.body.append(el);
    }
    el.replaceChildren();
    const h = document.createElement("h2");
    h.textContent = (problems.length === 1 ? words.one : words.other).replace("{n}", problems.length);
    h.style.cssText = "margin:0 0 8px;color:#b00020;font-size:20px";
    el.append(h);
    for (const p of problems) {
      const pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0 0 8px;background:#f7f7f8;padding:8px";
      const where = p.line ? `${p.file}:${p.line}${p.column ? ":" + p.column : ""}` : p.file;
      pre.textContent = `${where}  [${p.code}] ${p.message}${p.hint ? "\n" + words.hint + ": " + p.hint : ""}`;
      el.append(pre);
    }
  }
  fetch("/__lape/status").then((r) => r.json()).then(show).catch(() => {});
  // The page says which page it is, so the preview rebuilds the open pages first.
  const es = new EventSource("/__lape/events?page=" + encodeURIComponent(location.pathname));
  // Marks the page as connected, for tests and for the curious.
  es.addEventListener("open", () => { document.documentElement.dataset.lapeLive = "connected"; });
  es.addEventListener("reload", () => location.reload());
  es.addEventListener("css", () => {
    for (const l of document.querySelectorAll('link[rel="stylesheet"]')) {
      const u = new URL(l.href); u.searchParams.set("v", Date.now()); l.href = u.href;
    }
  });
  es.addEventListener("problems", (e) => show(JSON.parse(e.data)));
})();
