// Search on the static site: Pagefind's bundle under /pagefind/, our own accessible form.
// Loads only the index chunks a query needs; no server.
const form = document.getElementById("haku");
const input = document.getElementById("haku-q");
const status = document.getElementById("haku-tila");
const list = document.getElementById("haku-tulokset");
const filterBox = document.getElementById("haku-suodattimet");
const base = form.dataset.base || "/";
// The bundle's URLs are the default language's; a reader in another language stays in it.
const langBase = form.dataset.langBase || base;
const docLang = form.dataset.docLang || "fi";
const uiLang = document.documentElement.lang;
const localize = (url) =>
  langBase !== base && url.startsWith(base) ? langBase + url.slice(base.length) : url;
const GROUPS = ["region", "theme", "kind", "year"];
let pagefind = null;
let seq = 0;

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

async function load() {
  if (!pagefind) {
    pagefind = await import(base + "pagefind/pagefind.js");
    await pagefind.options({ baseUrl: base, excerptLength: 24 });
  }
  return pagefind;
}

function selected() {
  const filters = {};
  for (const g of GROUPS) {
    const values = [...filterBox.querySelectorAll(`input[name="${g}"]:checked`)].map((i) => i.value);
    if (values.length === 1) filters[g] = values[0];
    else if (values.length > 1) filters[g] = { any: values };
  }
  return filters;
}

async function buildFilters(params) {
  const pf = await load();
  const all = await pf.filters();
  filterBox.replaceChildren();
  for (const g of GROUPS) {
    const values = Object.keys(all[g] || {});
    if (!values.length) continue;
    values.sort((a, b) => (g === "year" ? b.localeCompare(a) : a.localeCompare(b, "fi")));
    const fs = el("fieldset", { class: "filter-group" });
    fs.append(el("legend", {}, form.dataset["filter" + g[0].toUpperCase() + g.slice(1)] || g));
    values.forEach((v, i) => {
      const id = `suodatin-${g}-${i}`;
      const box = el("input", { type: "checkbox", id, name: g, value: v });
      if (params.getAll(g).includes(v)) box.checked = true;
      const label = el("label", { for: id }, `${v} (${all[g][v]})`);
      // Filter values (regions, themes, kinds) are the bank's Finnish names.
      if (g !== "year" && docLang !== uiLang) label.setAttribute("lang", docLang);
      const row = el("div", { class: "filter-option" });
      row.append(box, label);
      fs.append(row);
    });
    filterBox.append(fs);
  }
}

function remember(q, filters) {
  const p = new URLSearchParams();
  if (q) p.set("q", q);
  for (const g of GROUPS) {
    for (const box of filterBox.querySelectorAll(`input[name="${g}"]:checked`)) p.append(g, box.value);
  }
  const qs = p.toString();
  history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
}

async function run() {
  const q = input.value.trim();
  const filters = selected();
  remember(q, filters);
  const mine = ++seq;
  if (!q && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  status.textContent = form.dataset.loading;
  const pf = await load();
  const search = await pf.search(q || null, { filters, sort: q ? undefined : { date: "desc" } });
  if (mine !== seq) return;
  const results = await Promise.all(search.results.slice(0, 30).map((r) => r.data()));
  if (mine !== seq) return;
  list.replaceChildren();
  for (const d of results) {
    const li = el("li", { class: "doc-item" });
    if (docLang !== uiLang) li.setAttribute("lang", docLang);
    li.append(el("a", { href: localize(d.url) }, d.meta.title || d.url));
    const meta = [d.meta.kind, d.meta.date].filter(Boolean).join(", ");
    if (meta) li.append(el("span", { class: "doc-meta" }, meta));
    const p = el("p", { class: "doc-summary" });
    // Pagefind's excerpt is escaped text with <mark> around the matches.
    p.innerHTML = d.excerpt;
    li.append(p);
    list.append(li);
  }
  const n = search.results.length;
  status.textContent = n ? `${n} ${form.dataset.count}` : form.dataset.none;
}

let timer = null;
form.addEventListener("submit", (e) => {
  e.preventDefault();
  run();
});
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(run, 250);
});
filterBox.addEventListener("change", run);

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
buildFilters(params).then(run);
