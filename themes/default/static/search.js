// The search page: lape's static index (its folder in data-index) through search-engine.js, our own
// accessible form. A query fetches only the index files it needs; no server.
import { engine, QueryError } from "./search-engine.js";

const $ = (id) => document.getElementById(id);
const form = $("haku"), input = $("haku-q"), status = $("haku-tila"), list = $("haku-tulokset");
const box = $("haku-suodattimet"), more = $("haku-lisaa"), t = form.dataset, lang = document.documentElement.lang;
const PAGE = 10;
// Index URLs are the default language's; a reader in another language stays in it.
const base = t.base || "/", langBase = t.langBase || base;
const search = engine(t.index || base + "hakuindeksi/", async (url, kind) => {
  const r = await fetch(url);
  if (!r.ok) throw new QueryError("Missing");
  return kind === "json" ? r.json() : kind === "text" ? r.text() : r.arrayBuffer();
});
let meta, seq = 0, answer, shown = 0;

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  e.append(...kids);
  return e;
}
const name = (v) => v.n[lang] || v.n[t.docLang] || v.v;
// Names without a translation are the bank's own (Finnish) names.
const own = (e) => (t.docLang !== lang && e.setAttribute("lang", t.docLang), e);
const cb = (g, i) => $(`suodatin-${g}-${i}`);

function buildFilters(params) {
  for (const g of meta.groups) {
    if (!g.values.length) continue;
    const fs = el("fieldset", { class: "filter-group" }, el("legend", {}, t[g.name + "Label"]));
    const order = g.values.map((v, i) => i);
    if (g.name !== "year") order.sort((a, b) => name(g.values[a]).localeCompare(name(g.values[b]), lang));
    for (const i of order) {
      const v = g.values[i], id = `suodatin-${g.name}-${i}`, box = el("input", { type: "checkbox", id, name: g.name, value: v.v });
      box.checked = params.getAll(g.name).includes(v.v);
      const label = el("label", { for: id }, name(v), el("span"));
      if (!v.n[lang] && g.name !== "year") own(label);
      fs.append(el("div", { class: "filter-option" }, box, label));
    }
    box.append(fs);
  }
}

const chosen = () => Object.fromEntries(meta.groups.map(({ name: g }) => [g, [...box.querySelectorAll(`[name=${g}]:checked`)].map((i) => i.value)]));

function showCounts(counts) {
  for (const g of meta.groups)
    g.values.forEach((v, i) => {
      const c = cb(g.name, i), n = counts?.[g.name][i];
      c.labels[0].lastChild.textContent = counts ? ` (${n})` : "";
      c.parentElement.hidden = !!counts && !n && !c.checked;
    });
}

async function render(from, to) {
  const mine = seq, rs = await Promise.all(answer.hits.slice(from, to).map(answer.result));
  if (mine !== seq) return;
  const items = rs.map((r) => {
    const kind = meta.groups[2].values.find((v) => v.v === r.k);
    const date = r.d && r.d.split("-").map(Number).reverse().join(r.d.length > 7 ? "." : "/");
    const info = [kind && name(kind), date, ...r.r.map((i) => name(meta.groups[0].values[i]))].filter(Boolean).join(" · ");
    const p = el("p", { class: "doc-summary" }, r.excerpt.before ? "…" : "");
    for (const [text, marked] of r.excerpt.parts) p.append(marked ? el("mark", {}, text) : text);
    if (r.excerpt.after) p.append("…");
    const href = langBase !== base && r.u.startsWith(base) ? langBase + r.u.slice(base.length) : r.u;
    return own(el("li", { class: "doc-item" }, el("a", { href }, r.t), el("span", { class: "doc-meta" }, info), p));
  });
  list.append(...items);
  shown = to;
  more.hidden = shown >= answer.total;
  return items;
}

async function run() {
  const q = input.value.trim(), filters = chosen(), mine = ++seq, p = new URLSearchParams();
  if (q) p.set("q", q);
  for (const g in filters) for (const v of filters[g]) p.append(g, v);
  history.replaceState(null, "", p.size ? `?${p}` : location.pathname);
  list.replaceChildren();
  more.hidden = true;
  status.textContent = p.size ? t.loading : "";
  if (!p.size) return showCounts(null);
  try {
    const a = await search.search(q, filters);
    if (mine !== seq) return;
    answer = a;
    showCounts(a.counts);
    await render(0, PAGE);
    const unknown = a.unknown.length ? ` ${t.unknown} ${a.unknown.join(", ")}.` : "";
    if (mine === seq) status.textContent = (a.total ? (a.total === 1 ? t.one : t.count).replace('{n}', a.total) : t.none) + unknown;
  } catch (err) {
    if (mine === seq) status.textContent = t["err" + (err instanceof QueryError ? err.message.split(":")[0] : "Missing")] || t.errMissing;
  }
}

more.onclick = async () => (await render(shown, shown + PAGE))?.[0]?.querySelector("a").focus();
let timer;
form.onsubmit = (e) => (e.preventDefault(), run());
input.oninput = () => (clearTimeout(timer), (timer = setTimeout(run, 250)));
box.onchange = run;
const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
if (matchMedia("(min-width: 60em)").matches) box.closest("details").open = true;
search
  .init()
  .then((m) => ((meta = m), buildFilters(params), run()))
  .catch(() => (status.textContent = t.errMissing));
