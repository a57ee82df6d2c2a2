// lape's search engine for the browser: no dependencies, no server. It reads the static index
// that `lape build` writes under /hakuindeksi/ and answers exactly as `lape search` does; each
// part mirrors a Rust module (named below), and the parity test runs both on the same queries.
const FORMAT = 3;
const MAX_WORD = 64, MAX_READINGS = 64, WIDTH = 30;
// words.rs: letters and digits, hyphens between them; lower-cased per character, then folded.
const WORD = /[\p{Alphabetic}\p{N}]+(?:-[\p{Alphabetic}\p{N}]+)*/gu;
const SPACE = /\p{White_Space}/u;
const FOLD = {};
for (const [to, ...from] of "aäåáàâã oöøóòôõ yü uúùû eéèêë iíìîï sš zž".split(" ")) for (const c of from) FOLD[c] = to;
export const form = (w) => { let o = ""; for (const c of w) for (const l of c.toLowerCase()) o += FOLD[l] || l; return o; };
export function words(text) {
  const out = [];
  for (const m of text.matchAll(WORD)) if ([...m[0]].length <= MAX_WORD) out.push([m.index, m.index + m[0].length]);
  return out;
}
// finnish.rs: fallback_key, for a query word the bank's table does not have.
const ENDS = "itten ineen isiin issa ista illa ilta ille iksi itta ihin iden siin ssa sta lla lta lle ksi tta hin den ten jen ien iin een ina ita ja na ta en in a n t i e".split(" ");
function fallbackKey(f) {
  const h = f.lastIndexOf("-");
  if (h >= 0) { const k = fallbackKey(f.slice(h + 1)); return k === null ? null : f.slice(0, h + 1) + k; }
  let w = [...f];
  if (w.length < 4 || w.some((c) => !/\p{Alphabetic}/u.test(c))) return null;
  const ends = (e) => w.length >= e.length + 4 && w.join("").endsWith(e);
  for (const c of ["kaan", "kin"]) if (ends(c)) { w = w.slice(0, -c.length); break; }
  const e = ENDS.find(ends);
  if (e) w = w.slice(0, -e.length);
  if (w.length > 4 && "aeiouy".includes(w[w.length - 1])) w.pop();
  return w.join("");
}
// query.rs: the query language. Errors carry the same names as QueryError.
export class QueryError extends Error {}
const fail = (name) => { throw new QueryError(name); };
function pieces(q) {
  const out = [], ch = [...q];
  let i = 0;
  while (i < ch.length) {
    if (SPACE.test(ch[i])) { i++; continue; }
    const neg = ch[i] === "-" && i + 1 < ch.length && !SPACE.test(ch[i + 1]);
    const j = neg ? i + 1 : i;
    if (ch[j] === '"') {
      const end = ch.indexOf('"', j + 1);
      if (end < 0) fail("UnclosedQuote");
      out.push({ text: ch.slice(j + 1, end).join(""), neg });
      i = end + 1;
      continue;
    }
    let k = j;
    while (k < ch.length && !SPACE.test(ch[k]) && ch[k] !== '"') k++;
    const text = ch.slice(j, k).join("");
    out.push(!neg && ["AND", "OR", "NOT"].includes(text) ? { op: text } : { text, neg });
    i = k;
  }
  return out;
}
function parse(q, stop) {
  let stopped = false;
  const toks = pieces(q).map((p) => {
    if (p.op) return p;
    const fs = [];
    for (const [a, b] of words(p.text)) { const f = form(p.text.slice(a, b)); if (stop.has(f)) stopped = true; else fs.push(f); }
    return { item: fs.length ? fs : null, neg: p.neg, isItem: true };
  });
  toks.forEach((t, i) => {
    const prev = toks[i - 1], next = toks[i + 1];
    if (t.op === "AND" || t.op === "OR") {
      if (!prev?.isItem || !(next?.isItem || next?.op === "NOT")) fail("Operator:" + t.op);
      if (t.op === "OR" && (prev.neg || toks[i - 2]?.op === "NOT" || next.op === "NOT" || next.neg)) fail("OrExcluded");
    } else if (t.op === "NOT" && !next?.isItem) fail("NotAtEnd");
  });
  const must = [], not = [];
  let negNext = false, joinNext = false, joinable = false, any = false;
  for (const t of toks) {
    if (t.op === "OR") joinNext = joinable;
    else if (t.op === "NOT") negNext = true;
    else if (t.isItem) {
      const neg = t.neg || negNext, join = joinNext;
      negNext = joinNext = false;
      joinable = !!t.item && !neg;
      if (!t.item) continue;
      any = true;
      if (neg) not.push(t.item);
      else if (join) must[must.length - 1].push(t.item);
      else must.push([t.item]);
    }
  }
  if (stopped && !must.length && !any) fail("OnlyStopWords");
  return { must, not };
}
// excerpt.rs: the window of WIDTH words with the most distinct query terms, then most marks.
function excerpt(text, index, count, marks) {
  const ws = words(text), hits = ws.map(([a, b]) => marks.get(form(text.slice(a, b))));
  const n = ws.length, width = Math.min(WIDTH, n), seen = new Map();
  let marked = 0, best = [0, 0, 0];
  const add = (ts, d) => { for (const t of ts) { const c = (seen.get(t) || 0) + d; c ? seen.set(t, c) : seen.delete(t); } };
  for (let i = 0; i < n; i++) {
    if (hits[i]) { marked++; add(hits[i], 1); }
    if (i >= width && hits[i - width]) { marked--; add(hits[i - width], -1); }
    if (i + 1 >= width && (seen.size > best[0] || (seen.size === best[0] && marked > best[1]))) best = [seen.size, marked, i + 1 - width];
  }
  const start = best[2], end = Math.min(start + width, n), parts = [];
  const ex = { parts, before: index > 0 || start > 0, after: index + 1 < count || end < n };
  if (!n) return ex;
  let at = ws[start][0], plain = "";
  for (let i = start; i < end; i++) {
    if (!hits[i]) continue;
    plain += text.slice(at, ws[i][0]);
    if (plain) parts.push([plain, false]);
    plain = "";
    parts.push([text.slice(ws[i][0], ws[i][1]), true]);
    at = ws[i][1];
  }
  plain += text.slice(at, ws[end - 1][1]);
  if (plain) parts.push([plain, false]);
  return ex;
}
// browser.rs: the index files, under meta.set. Binary files are LEB128 varints.
// A shard: its term count, each term's block length, the blocks; `at` is where each begins.
function shard(buf) {
  const b = new Uint8Array(buf);
  const r = { p: 0, b, v() { let x = 0, s = 1, c; do { c = b[r.p++]; x += (c & 127) * s; s *= 128; } while (c & 128); return x; } };
  const lens = [], at = [];
  for (let n = r.v(); n > 0; n--) lens.push(r.v());
  for (const l of lens) { at.push(r.p); r.p += l; }
  return { r, at };
}
// The last index of sorted `arr` whose value is not after x (-1 if none).
const upper = (arr, x) => { let lo = 0, hi = arr.length; while (lo < hi) { const m = (lo + hi) >> 1; arr[m] <= x ? (lo = m + 1) : (hi = m); } return lo - 1; };
// engine.rs: resolve words in the table, match, score by impacts, order by score then rank.
export function engine(base, get) {
  const cache = new Map(), dec = new TextDecoder();
  const fetchOnce = (path, kind) => cache.get(path) || cache.set(path, get(base + path, kind)).get(path);
  let meta, facets, stop;
  const init = async () => {
    meta = await fetchOnce("meta.json", "json");
    if (meta.v !== FORMAT) fail("Version");
    stop = new Set(meta.stop);
    facets = new Uint8Array(await fetchOnce(`${meta.set}/f.bin`, "bin"));
    return meta;
  };
  async function terms(f) {
    const look = async (k) => { const i = upper(meta.lex, k); return i < 0 ? undefined : (await fetchOnce(`${meta.set}/l/${i}.json`, "json"))[k]; };
    const k = fallbackKey(f);
    return (await look(f)) || (k !== null && (await look("~" + k))) || [];
  }
  // The block of term t in its postings (k = 1) or positions (k = 2) shard, ready to read.
  async function block(t, k) {
    const i = upper(meta.post, t);
    const { r, at } = shard(await fetchOnce(`${meta.set}/${"pq"[k - 1]}/${i}.bin`, "bin"));
    r.p = at[t - meta.post[i]];
    return r;
  }
  async function postings(t) {
    const r = await block(t, 1), df = r.v(), rank = new Uint32Array(df), impact = new Uint32Array(df), chunk = new Uint32Array(df);
    for (let k = 0, last = 0; k < df; k++) { rank[k] = last += r.v(); impact[k] = r.v(); chunk[k] = r.v(); }
    const forms = [];
    for (let k = r.v(); k > 0; k--) { const l = r.v(); forms.push(dec.decode(r.b.subarray(r.p, (r.p += l)))); }
    return { rank, impact, chunk, forms };
  }
  async function positions(t, ps) {
    const r = await block(t, 2), out = new Map();
    for (const d of ps.rank) {
      const set = new Set();
      for (let n = r.v(), x = 0; n > 0; n--) set.add((x += r.v()));
      out.set(d, set);
    }
    return out;
  }
  const bits = (n) => new Uint8Array(n);
  async function itemDocs(slots, N, post) {
    if (slots.some((s) => !s.length)) return bits(N);
    const union = (ts) => { const b = bits(N); for (const t of ts) for (const d of post.get(t).rank) b[d] = 1; return b; };
    const sets = slots.map(union);
    const out = sets[0];
    for (const s of sets.slice(1)) for (let d = 0; d < N; d++) out[d] &= s[d];
    if (slots.length === 1) return out;
    const pos = await Promise.all(slots.map((ts) => Promise.all(ts.map((t) => positions(t, post.get(t))))));
    for (let d = 0; d < N; d++) {
      if (!out[d]) continue;
      const at = pos.map((maps) => { const s = new Set(); for (const m of maps) for (const x of m.get(d) || []) s.add(x); return s; });
      out[d] = [...at[0]].some((p) => at.every((s, i) => s.has(p + i))) ? 1 : 0;
    }
    return out;
  }
  // Whether document d has value i (counted over every group's values) of the filters.
  const hasValue = (i, d) => facets[i * Math.ceil(meta.docs / 8) + (d >> 3)] & (1 << (d & 7));
  // Filters: { region: [slugs], theme: [...], kind: [...], year: [...] }, but group `except`.
  function filterBits(filters, N, except) {
    const out = bits(N).fill(1);
    let off = 0;
    for (const g of meta.groups) {
      const chosen = (g.name !== except && filters[g.name]) || [];
      const idx = g.values.map((v, i) => (chosen.includes(v.v) ? off + i : -1)).filter((i) => i >= 0);
      if (chosen.length) for (let d = 0; d < N; d++) if (!idx.some((i) => hasValue(i, d))) out[d] = 0;
      off += g.values.length;
    }
    return out;
  }
  async function search(q, filters = {}) {
    if (!meta) await init();
    const N = meta.docs, query = parse(q, stop);
    if (!query.must.length && !Object.values(filters).some((v) => v.length)) fail(query.not.length ? "OnlyExcluded" : "Empty");
    const unknown = [], resolve = async (item) => {
      const slots = [];
      for (const f of item) { const t = await terms(f); if (!t.length && !unknown.includes(f)) unknown.push(f); slots.push(t); }
      if (slots.length > 1 && slots.reduce((a, s) => a * s.length, 1) > MAX_READINGS) fail("PhraseTooAmbiguous");
      return slots;
    };
    const must = [], not = [];
    for (const c of query.must) { const cl = []; for (const it of c) cl.push(await resolve(it)); must.push(cl); }
    for (const it of query.not) not.push(await resolve(it));
    const U = [];
    for (const t of must.flat(3)) if (!U.includes(t)) U.push(t);
    const post = new Map(await Promise.all([...new Set([...U, ...not.flat(2)])].map(async (t) => [t, await postings(t)])));
    const base = bits(N).fill(1);
    for (const c of must) {
      const any = bits(N);
      for (const it of c) { const b = await itemDocs(it, N, post); for (let d = 0; d < N; d++) any[d] |= b[d]; }
      for (let d = 0; d < N; d++) base[d] &= any[d];
    }
    for (const it of not) { const b = await itemDocs(it, N, post); for (let d = 0; d < N; d++) if (b[d]) base[d] = 0; }
    const fb = filterBits(filters, N), score = new Float64Array(N);
    for (const t of U) { const p = post.get(t); for (let k = 0; k < p.rank.length; k++) score[p.rank[k]] += p.impact[k]; }
    const hits = [];
    for (let d = 0; d < N; d++) if (base[d] && fb[d]) hits.push(d);
    hits.sort((a, b) => score[b] - score[a] || a - b);
    // Counts of each filter value among the results with the other filters applied.
    const counts = {};
    let off = 0;
    for (const g of meta.groups) {
      const others = filterBits(filters, N, g.name);
      counts[g.name] = g.values.map((v, i) => { let c = 0; for (let d = 0; d < N; d++) if (base[d] && others[d] && hasValue(off + i, d)) c++; return c; });
      off += g.values.length;
    }
    const marks = new Map();
    U.forEach((t, i) => { for (const f of post.get(t).forms) marks.has(f) ? marks.get(f).push(i) : marks.set(f, [i]); });
    // One result in full: its record and excerpt (fetched only for the results shown).
    const result = async (d) => {
      const rec = await fetchOnce(`${meta.set}/d/${d}.json`, "json");
      let k = Infinity;
      for (const t of U) { const p = post.get(t), i = upper(p.rank, d); if (i >= 0 && p.rank[i] === d && p.chunk[i]) k = Math.min(k, p.chunk[i] - 1); }
      if (k === Infinity) k = 0;
      const text = k ? await fetchOnce(`${meta.set}/d/${d}-${k}.txt`, "text") : rec.x;
      return { ...rec, score: score[d], excerpt: excerpt(text, k, rec.n, marks) };
    };
    return { total: hits.length, hits, unknown, counts, result };
  }
  return { init, search };
}
