// Narrows a section's list (/pilotit/, /muistiot/, ...) by region, theme, year, status and
// service level, from the data- attributes of its entries. Without this script the form stays
// hidden and the whole list shows. The choice is kept in the URL (?alue=kainuu&tila=kokeilu)
// so a narrowed list can be shared; the count is announced in the form's status line.
const form = document.getElementById("rajaus");
const list = document.querySelector("main ul.doc-list");
const status = document.getElementById("rajaus-tulos");
const pager = document.querySelector("main nav.pager");
const selects = [...form.querySelectorAll("select")];
const morePages = (form.dataset.pages || "").split(" ").filter(Boolean);
let gathered = null;

/** Entries of the list's other pages, fetched once, in page order. */
function gather() {
  gathered ??= (async () => {
    const pages = await Promise.all(
      morePages.map((url) =>
        fetch(url)
          .then((r) => (r.ok ? r.text() : ""))
          .catch(() => ""),
      ),
    );
    for (const html of pages) {
      const doc = new DOMParser().parseFromString(html, "text/html");
      for (const li of doc.querySelectorAll("main ul.doc-list > li.doc-item")) {
        const item = document.importNode(li, true);
        item.dataset.gathered = "";
        item.hidden = true;
        list?.append(item);
      }
    }
  })();
  return gathered;
}

function active() {
  return selects.filter((s) => s.value).map((s) => [s.name, s.value]);
}

let seq = 0;
async function apply() {
  const chosen = active();
  const mine = ++seq;
  const url = new URL(location.href);
  for (const s of selects) url.searchParams.delete(s.name);
  for (const [k, v] of chosen) url.searchParams.set(k, v);
  history.replaceState(null, "", url);
  if (chosen.length && morePages.length) {
    if (!gathered) status.textContent = form.dataset.loading;
    await gather();
    if (mine !== seq) return;
  }
  let shown = 0;
  for (const li of list ? list.children : []) {
    const match = chosen.length
      ? chosen.every(([k, v]) => (li.dataset[k] || "").split(" ").includes(v))
      : !("gathered" in li.dataset);
    li.hidden = !match;
    if (match) shown++;
  }
  if (pager) pager.hidden = chosen.length > 0;
  status.textContent = chosen.length ? (shown === 1 ? form.dataset.one : form.dataset.other).replace("{n}", shown) : "";
}

const params = new URLSearchParams(location.search);
for (const s of selects) {
  const v = params.get(s.name);
  if (v && [...s.options].some((o) => o.value === v)) s.value = v;
  s.addEventListener("change", apply);
}
form.addEventListener("submit", (e) => e.preventDefault());
form.addEventListener("reset", () => setTimeout(apply));
form.hidden = false;
if (active().length) apply();
