// The search page: lape's static index under /hakuindeksi/ through search-engine.js, our own
// accessible form. A query fetches only the index files it needs; no server.
import { engine, QueryError } from "./search-engine.js";

const $ = (id) => document.getElementById(id);
const form = $("haku"), input = $("haku-q"), status = $("haku-tila"), list = $("haku-tulokset");
const box = $("haku-suodattimet"), more = $("haku-lisaa"), t = form.dataset;
const lang = document.documentElement.lang, GROUPS = ["region", "theme", "kind", "year"], PAGE = 20;
// Index URLs are the default language's; a reader in another language stays in it.
const base = t.base || "/", langBase = t.langBase || base;
const localize = (u) => (langBase !== base && u.startsWith(base) ? langBase + u.slice(base.length) : u);
const search = engine(base + "hakuindeksi/", async (url, kind) => {
  const r = await fetch(url);
  if (!r.ok) throw new QueryError("Missing");
  return kind === "json" ? r.json() : kind === "text" ? r.text() : r.arrayBuffer();
});
let meta = null, seq = 0, answer = null, shown = 0;

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
const name = (v) => v.n[lang] || v.n[t.docLang] || v.v;
const finnishDate = (iso) => iso.split("-").map(Number).reverse().join(iso.length > 7 ? "." : "/");

function buildFilters(params) {
  box.replaceChildren();
  for (const g of meta.groups) {
    if (!g.values.length) continue;
    const fs = el("fieldset", { class: "filter-group" });
    fs.append(el("legend", {}, t["filter" + g.name[0].toUpperCase() + g.name.slice(1)] || g.name));
    const order = g.values.map((v, i) => i);
    if (g.name !== "year") order.sort((a, b) => name(g.values[a]).localeCompare(name(g.values[b]), lang));
    for (const i of order) {
      const v = g.values[i], id = `suodatin-${g.name}-${i}`;
      const row = el("div", { class: "filter-option" });
      const cb = el("input", { type: "checkbox", id, name: g.name, value: v.v });
      cb.checked = params.getAll(g.name).includes(v.v);
      const label = el("label", { for: id }, name(v));
      // Names without a translation are the bank's own (Finnish) names.
      if (!v.n[lang] && g.name !== "year") label.setAttribute("lang", t.docLang);
      label.append(el("span", { class: "filter-count" }));
      row.append(cb, label);
      fs.append(row);
    }
    box.append(fs);
  }
}

function chosen() {
  const f = {};
  for (const g of GROUPS) f[g] = [...box.querySelectorAll(`input[name="${g}"]:checked`)].map((i) => i.value);
  return f;
}

function remember(q, filters) {
  const p = new URLSearchParams();
  if (q) p.set("q", q);
  for (const g of GROUPS) for (const v of filters[g]) p.append(g, v);
  const s = p.toString();
  history.replaceState(null, "", s ? `?${s}` : location.pathname);
}

function showCounts(counts) {
  for (const g of meta.groups) {
    g.values.forEach((v, i) => {
      const cb = $(`suodatin-${g.name}-${i}`);
      if (!cb) return;
      const n = counts ? counts[g.name][i] : 0;
      cb.labels[0].lastChild.textContent = counts ? ` (${n})` : "";
      cb.parentElement.hidden = !!counts && n === 0 && !cb.checked;
    });
  }
}

async function render(from, to) {
  const mine = seq, items = [];
  for (const d of answer.hits.slice(from, to)) {
    const r = await answer.result(d);
    if (mine !== seq) return;
    const li = el("li", { class: "doc-item" });
    if (t.docLang !== lang) li.setAttribute("lang", t.docLang);
    li.append(el("a", { href: localize(r.u) }, r.t));
    const kind = meta.groups[2].values.find((v) => v.v === r.k);
    const info = [kind ? name(kind) : r.k, r.d && finnishDate(r.d), ...r.r.map((i) => name(meta.groups[0].values[i]))];
    li.append(el("span", { class: "doc-meta" }, info.filter(Boolean).join(" · ")));
    const p = el("p", { class: "doc-summary" });
    if (r.excerpt.before) p.append("…");
    for (const [text, marked] of r.excerpt.parts) p.append(marked ? el("mark", {}, text) : text);
    if (r.excerpt.after) p.append("…");
    li.append(p);
    items.push(li);
  }
  list.append(...items);
  shown = to;
  more.hidden = shown >= answer.total;
  return items;
}

async function run() {
  const q = input.value.trim(), filters = chosen(), mine = ++seq;
  remember(q, filters);
  list.replaceChildren();
  more.hidden = true;
  if (!q && !Object.values(filters).some((v) => v.length)) {
    status.textContent = "";
    showCounts(null);
    return;
  }
  status.textContent = t.loading;
  try {
    const a = await search.search(q, filters);
    if (mine !== seq) return;
    answer = a;
    showCounts(a.counts);
    await render(0, PAGE);
    if (mine !== seq) return;
    const count = a.total === 1 ? `1 ${t.one}` : `${a.total} ${t.count}`;
    const unknown = a.unknown.length ? ` ${t.unknown} ${a.unknown.join(", ")}.` : "";
    status.textContent = a.total ? count + unknown : t.none + unknown;
  } catch (err) {
    if (mine !== seq) return;
    const code = err instanceof QueryError ? err.message.split(":")[0] : "Missing";
    status.textContent = t["err" + code] || t.errMissing;
  }
}

more.addEventListener("click", async () => {
  const items = await render(shown, shown + PAGE);
  items?.[0]?.querySelector("a").focus();
});
let timer = null;
form.addEventListener("submit", (e) => {
  e.preventDefault();
  run();
});
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(run, 250);
});
box.addEventListener("change", run);

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
const details = box.closest("details");
if (details && matchMedia("(min-width: 60em)").matches) details.open = true;
search
  .init()
  .then((m) => {
    meta = m;
    buildFilters(params);
    return run();
  })
  .catch(() => {
    status.textContent = t.errMissing;
  });
