// The browser's engine and `lape search` answer every query the same: the same results in the
// same order, the same scores, the same excerpts, the same unknown words and the same errors.
// Run from the repository root after `lape build`: node --test tests/browser/parity.test.mjs
// (LAPE_PUBLIC, LAPE_ROOT and LAPE_BIN point it at another build.)
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { engine, words, form, QueryError } from "../../themes/default/static/search-engine.js";

const ROOT = process.env.LAPE_ROOT || ".";
const PUBLIC = process.env.LAPE_PUBLIC || path.join(ROOT, "public");
const BIN = process.env.LAPE_BIN || "target/release/lape";

/** A small deterministic generator, so every run tries the same queries. */
function rng(seed) {
  let x = seed >>> 0 || 1;
  const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 4294967296);
  return { next, pick: (a) => a[Math.floor(next() * a.length)] };
}

function markdownTexts(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownTexts(p));
    else if (e.name.endsWith(".md")) out.push(fs.readFileSync(p, "utf8"));
  }
  return out;
}

/** Every distinct word of the bank, inflected and compound forms, phrases, operators, errors. */
export function queries(texts, seed = 2016) {
  const r = rng(seed);
  const seen = new Map();
  const sentences = [];
  for (const t of texts) {
    for (const line of t.split("\n")) {
      const ws = words(line).map(([a, b]) => line.slice(a, b));
      if (ws.length > 1) sentences.push(ws);
      for (const w of ws) if (!seen.has(w.toLowerCase())) seen.set(w.toLowerCase(), w);
    }
  }
  const all = [...seen.values()];
  const long = all.filter((w) => w.length >= 6 && /^\p{L}+$/u.test(w));
  const q = new Set(all);
  const endings = ["ssa", "ssä", "sta", "lla", "lle", "n", "t", "ksi", "ineen", "kin", "en", "issa", "ille", "iden", "seen", "lta"];
  for (let i = 0; i < 900; i++) {
    const w = r.pick(long).toLowerCase();
    q.add(w + r.pick(endings));
    q.add(w.slice(0, -1) + r.pick(endings));
  }
  for (let i = 0; i < 400; i++) q.add((r.pick(long) + r.pick(long)).toLowerCase());
  for (let i = 0; i < 150; i++) q.add(`${r.pick(long)}-${r.pick(long)}`.toLowerCase());
  for (let i = 0; i < 300; i++) q.add(form(r.pick(long)));
  for (let i = 0; i < 400; i++) {
    const s = r.pick(sentences), k = Math.floor(r.next() * (s.length - 1));
    q.add(`"${s[k]} ${s[k + 1]}"`);
    q.add(`${s[k]} ${r.pick(all)}`);
    q.add(`${r.pick(all)} ${r.pick(all)} ${r.pick(all)}`);
  }
  for (let i = 0; i < 200; i++) {
    q.add(`${r.pick(all)} OR ${r.pick(all)}`);
    q.add(`${r.pick(all)} -${r.pick(all)}`);
    q.add(`${r.pick(all)} NOT ${r.pick(all)} AND ${r.pick(all)}`);
    q.add(`"${r.pick(all)} ja ${r.pick(all)}" OR ${r.pick(all)}`);
  }
  for (const e of ['"auki', "AND", "OR lapsi", "lapsi OR", "lapsi NOT", "ja kun", "-koulu", "", "( )", "-a OR b", "NOT a OR b",
    "kun OR kunta", "lapsi kun OR kunta", "29.3.2016", "lapsi/perhe", "PÄIJÄT-HÄME", "paijat-hame", "sote-uudistus", "x".repeat(80)])
    q.add(e);
  return [...q].filter((x) => !x.includes("\n"));
}

function escape(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** The excerpt as `lape search --json` writes it. */
export function snippet(ex) {
  return (ex.before ? "…" : "") + ex.parts.map(([t, m]) => (m ? `<b>${escape(t)}</b>` : escape(t))).join("") + (ex.after ? "…" : "");
}

export function fileEngine(publicDir) {
  return engine(path.join(publicDir, "hakuindeksi") + "/", async (p, kind) => {
    const data = await fs.promises.readFile(p);
    return kind === "json" ? JSON.parse(data) : kind === "text" ? data.toString("utf8") : data.buffer.slice(data.byteOffset, data.byteOffset + data.length);
  });
}

export async function browserAnswer(e, q, filters, limit) {
  try {
    const a = await e.search(q, filters);
    const hits = [];
    for (const d of a.hits.slice(0, limit)) {
      const h = await a.result(d);
      hits.push({ url: h.u, score: h.score, snippet: snippet(h.excerpt) });
    }
    return { total: a.total, hits, unknown: a.unknown };
  } catch (err) {
    if (!(err instanceof QueryError)) throw err;
    return { code: err.message };
  }
}

export function cliAnswers(qs, args) {
  const out = execFileSync(BIN, ["search", "--root", ROOT, "--batch", "-n", "1000", ...args], {
    input: qs.join("\n") + "\n",
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  return out.trim().split("\n").map((l) => {
    const v = JSON.parse(l);
    if (v.code) return { code: v.code };
    return { total: v.total, hits: v.hits.map((h) => ({ url: h.url, score: h.score, snippet: h.snippet })), unknown: v.unknown };
  });
}

const FILTERS = [
  [{}, []],
  [{ region: ["pirkanmaa"] }, ["--region", "pirkanmaa"]],
  [{ kind: ["pilot", "memo"], year: ["2018"] }, ["--kind", "pilot", "--kind", "memo", "--year", "2018"]],
];

test("the browser's engine and lape search give identical answers", async () => {
  const qs = queries(markdownTexts(path.join(ROOT, "content")));
  assert.ok(qs.length >= 2000, `${qs.length} queries`);
  let compared = 0, results = 0;
  const mismatches = [];
  for (const [filters, args] of FILTERS) {
    const cli = cliAnswers(qs, args);
    const e = fileEngine(PUBLIC);
    for (let i = 0; i < qs.length; i++) {
      const web = await browserAnswer(e, qs[i], filters, 1000);
      compared++;
      results += web.hits?.length || 0;
      try {
        assert.deepEqual(web, cli[i]);
      } catch {
        mismatches.push({ query: qs[i], filters, web, cli: cli[i] });
      }
    }
  }
  console.log(`parity: ${compared} queries compared (${qs.length} distinct x ${FILTERS.length} filter sets), ${results} results, ${mismatches.length} differ`);
  assert.equal(mismatches.length, 0, JSON.stringify(mismatches.slice(0, 3), null, 1));
});

// The realistic query set (tests/search/queries.tsv, expected pages taken from the text): the
// browser's engine finds each query's page among its first ten results, as lape search does
// (tests/testsuite/search.rs).
test("the browser finds every realistic query's page", async () => {
  const rows = fs
    .readFileSync(path.join(ROOT, "tests/search/queries.tsv"), "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split("\t"));
  assert.ok(rows.length >= 80, `${rows.length} queries`);
  const e = fileEngine(PUBLIC);
  const misses = [];
  for (const [q, want, cls] of rows) {
    const a = await browserAnswer(e, q, {}, 10);
    const urls = (a.hits || []).map((h) => h.url);
    if (!urls.includes(want)) misses.push(`${q} (${cls}) should find ${want}, found ${urls.join(" ")}`);
  }
  assert.deepEqual(misses, []);
});
