//! The browser's static index: the records of `forward` turned around, term by term, so it holds
//! the same terms, impacts and positions `lape search` reads from tantivy.
//!
//! Everything lives under `/hakuindeksi/`: `meta.json`, and one folder named by a hash of all
//! the other files, so a static host may cache them forever (a new build is a new folder). The
//! browser fetches only what a query needs:
//!
//! | file | holds | fetched |
//! |---|---|---|
//! | `meta.json` | format version, the folder's name, shard boundaries, stop words, filter values and their names | when the search page loads |
//! | `<set>/f.bin` | one bitset of documents per filter value (region, theme, kind, year) | when the search page loads |
//! | `<set>/l/<n>.json` | a range of the table from folded form (and `~fallback key`) to term ids | per query word |
//! | `<set>/p/<n>.bin` | a range of terms: each term's postings (document rank, impact, chunk) and the forms that carry it | per query term |
//! | `<set>/q/<n>.bin` | the same range of terms: word positions per posting | per phrase |
//! | `<set>/d/<rank>.json` | a document: URL, title, kind, date, filters, its number of excerpt chunks and the first chunk | per result shown |
//! | `<set>/d/<rank>-<k>.txt` | the document's excerpt chunk `k` (from 1) | per result whose match is there |
//!
//! Binary files are sequences of unsigned LEB128 varints. A postings or positions shard starts
//! with its term count and the byte length of each term's block. A postings block is `df`, then
//! per posting `rank delta, impact, chunk` (chunk: 0 when the term is not in the body, else 1 +
//! the chunk of its first occurrence there), then the number of forms and each form as `byte
//! length, UTF-8`. A positions block has, per posting, a count and the position deltas; a
//! position is `field << 24 | word position in the field`.
//!
//! The index is kept as a [`BrowserIndex`], so the preview can change a few documents and
//! rewrite only the files they touch, in place (the preview is served uncached).

use super::corpus::FIELD_COUNT;
use super::corpus::{Field as F, SearchDoc};
use super::excerpt::{chunk, chunk_starts};
use super::forward::{Entry, lens_of, read_varint, varint, walk};
use super::lexicon::TermId;
use super::score::{Stats, TermScore, impact};
use crate::graph::Bank;
use crate::model::Kind;
use crate::output::Sink;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Mutex;

/// Format of the browser index; the engine refuses any other.
pub const FORMAT: u32 = 3;
/// The folder of the browser index in the site.
pub const DIR: &str = crate::routes::SEARCH_INDEX_DIR;
/// Target size of a postings shard, in bytes.
const POSTINGS_SHARD_BYTES: usize = 16 * 1024;
/// Target size of a lexicon shard, in bytes.
const LEXICON_SHARD_BYTES: usize = 8 * 1024;

fn hash_of(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// Where an index's files go, `hakuindeksi/<folder>/`, and what was written there: the folder
/// of a full build is named, when it is complete, by a hash of every file in it (SipHash with
/// the standard library's fixed keys).
struct Out<'a> {
    sink: &'a dyn Sink,
    folder: String,
    written: Mutex<Vec<(String, u64)>>,
}

impl Out<'_> {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        let path = format!("{DIR}/{}/{rel}", self.folder);
        self.sink
            .write_many(&path, bytes)
            .map_err(|e| format!("cannot write {path}: {e}"))?;
        if let Ok(mut w) = self.written.lock() {
            w.push((rel.to_string(), hash_of(bytes)));
        }
        Ok(())
    }

    /// The name of everything written: a hash of each file's path and content, in path order.
    fn set_name(&self) -> String {
        let mut w = self.written.lock().map(|w| w.clone()).unwrap_or_default();
        w.sort();
        let mut all = Vec::with_capacity(w.len() * 32);
        for (path, h) in w {
            all.extend_from_slice(path.as_bytes());
            all.extend_from_slice(&h.to_le_bytes());
        }
        format!("{:016x}", hash_of(&all))
    }
}

/// One term's postings: entries `rank delta, impact, chunk` and, aligned, the positions.
#[derive(Debug, Clone, Default)]
struct TermPostings {
    df: u32,
    entries: Vec<u8>,
    positions: Vec<u8>,
}

impl TermPostings {
    /// The postings as (rank, posting).
    fn decode(&self) -> Vec<(u32, Posting)> {
        let mut out = Vec::with_capacity(self.df as usize);
        let (mut a, mut b) = (0usize, 0usize);
        let mut rank = 0u64;
        for _ in 0..self.df {
            let (Some(dr), Some(impact), Some(chunk), Some(n)) = (
                read_varint(&self.entries, &mut a),
                read_varint(&self.entries, &mut a),
                read_varint(&self.entries, &mut a),
                read_varint(&self.positions, &mut b),
            ) else {
                break;
            };
            rank += dr;
            let mut positions = Vec::with_capacity(n.min(1 << 20) as usize);
            let mut p = 0u64;
            for _ in 0..n {
                p += read_varint(&self.positions, &mut b).unwrap_or(0);
                positions.push(p as u32);
            }
            out.push((
                rank as u32,
                Posting {
                    impact: impact as u32,
                    chunk: chunk as u32,
                    positions,
                },
            ));
        }
        out
    }

    fn push(&mut self, last: &mut u32, rank: u32, e: &Posting) {
        self.df += 1;
        varint(&mut self.entries, (rank - *last) as u64);
        *last = rank;
        varint(&mut self.entries, e.impact as u64);
        varint(&mut self.entries, e.chunk as u64);
        varint(&mut self.positions, e.positions.len() as u64);
        let mut lp = 0;
        for &p in &e.positions {
            varint(&mut self.positions, (p - lp) as u64);
            lp = p;
        }
    }

    fn encode(list: &[(u32, Posting)]) -> TermPostings {
        let mut t = TermPostings::default();
        let mut last = 0;
        for (rank, e) in list {
            t.push(&mut last, *rank, e);
        }
        t
    }
}

/// One document in a term's postings.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Posting {
    impact: u32,
    chunk: u32,
    positions: Vec<u32>,
}

/// A shard of consecutive terms (its two files are `p/<n>.bin` and `q/<n>.bin`).
#[derive(Debug, Clone)]
struct PostShard {
    first: u32,
    count: u32,
}

/// A document as a result shows it: URL, title, kind, date, regions and themes (as filter
/// value numbers), its number of excerpt chunks and the first chunk.
#[derive(Debug, Clone, Serialize)]
struct DocFile<'a> {
    u: &'a str,
    t: &'a str,
    k: &'static str,
    d: &'a str,
    r: Vec<usize>,
    h: Vec<usize>,
    n: usize,
    x: &'a str,
}

#[derive(Serialize)]
struct Meta<'a> {
    v: u32,
    docs: usize,
    set: &'a str,
    stop: Vec<String>,
    lex: Vec<&'a str>,
    post: Vec<u32>,
    groups: &'a [FilterGroup],
}

/// A filter (region, theme, kind, year) and its values with their names per language.
#[derive(Debug, Clone, Serialize)]
pub(super) struct FilterGroup {
    name: &'static str,
    values: Vec<FilterValue>,
}

#[derive(Debug, Clone, Serialize)]
struct FilterValue {
    /// The value in URLs and `lape search` flags: a slug, a kind, a year.
    v: String,
    /// Its name in each interface language.
    n: BTreeMap<String, String>,
}

/// The whole browser index, in memory, and the folder it was written into.
pub struct BrowserIndex {
    terms: Vec<TermPostings>,
    forms: Vec<BTreeSet<String>>,
    shards: Vec<PostShard>,
    /// The query table, keys in the order a browser compares strings (UTF-16 code units).
    table: Vec<(String, Vec<TermId>)>,
    /// Lexicon shards: first key, index of that key in `table`.
    lex: Vec<(String, usize)>,
    docs: usize,
    groups: Vec<FilterGroup>,
    set: String,
}

fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

fn pack(blocks: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    varint(&mut out, blocks.len() as u64);
    for b in blocks {
        varint(&mut out, b.len() as u64);
    }
    for b in blocks {
        out.extend_from_slice(b);
    }
    out
}

/// Everything the index is made from.
pub(super) struct Inputs<'a> {
    pub bank: &'a Bank,
    pub docs: &'a [SearchDoc<'a>],
    pub records: &'a [Vec<u8>],
    pub stats: &'a Stats,
    pub df: &'a [[u64; FIELD_COUNT]],
    /// Per term, documents and position bytes ([`super::forward::Forward::sizes`]).
    pub sizes: &'a [(u32, u64)],
    pub terms: usize,
    /// Query table: folded form or `~key` -> terms.
    pub table: BTreeMap<String, Vec<TermId>>,
    pub forms: Vec<Vec<String>>,
    /// Interface strings by language (kind names).
    pub ui: &'a BTreeMap<String, toml::Table>,
    /// Interface languages, the site's own first.
    pub languages: &'a [String],
}

impl BrowserIndex {
    /// Builds the index and writes every file of it into `sink`.
    pub(super) fn write(inp: Inputs, sink: &dyn Sink) -> Result<BrowserIndex, String> {
        // Turn the records around, one range of terms per thread: a record's positions are
        // already in the form a positions block holds them (deltas), so they are copied, not
        // decoded; a first walk sizes every buffer, so the second never grows (and copies)
        // one.
        let parts = rayon::current_num_threads().max(1);
        let per = inp.terms.div_ceil(parts).max(1);
        let ranges: Vec<(usize, usize)> = (0..inp.terms)
            .step_by(per)
            .map(|s| (s, (s + per).min(inp.terms)))
            .collect();
        let terms: Vec<TermPostings> = ranges
            .par_iter()
            .flat_map_iter(|&(from, to)| {
                // An entry is three varints (at most 5 + 5 + 5 bytes), a position list its bytes
                // plus a count.
                let mut out: Vec<TermPostings> = (from..to)
                    .map(|t| {
                        let (n, bytes) = inp.sizes.get(t).copied().unwrap_or_default();
                        TermPostings {
                            df: 0,
                            entries: Vec::with_capacity(n as usize * 8),
                            positions: Vec::with_capacity(bytes as usize + n as usize * 3),
                        }
                    })
                    .collect();
                let scores: Vec<TermScore> = (from..to)
                    .map(|t| TermScore::new(inp.stats, inp.df.get(t).copied().unwrap_or([1; FIELD_COUNT])))
                    .collect();
                let mut last = vec![0u32; to - from];
                for (rank, rec) in inp.records.iter().enumerate() {
                    let rank = rank as u32;
                    let lens = lens_of(rec);
                    walk(rec, |t, tf, chunk, count, deltas| {
                        let Some(i) = (t as usize).checked_sub(from).filter(|&i| i < to - from) else {
                            return;
                        };
                        let tp = &mut out[i];
                        tp.df += 1;
                        varint(&mut tp.entries, (rank - last[i]) as u64);
                        last[i] = rank;
                        varint(&mut tp.entries, scores[i].impact(tf, lens) as u64);
                        varint(&mut tp.entries, chunk);
                        varint(&mut tp.positions, count);
                        tp.positions.extend_from_slice(deltas);
                    });
                }
                out
            })
            .collect();
        let mut table: Vec<(String, Vec<TermId>)> = inp.table.into_iter().collect();
        table.sort_by(|a, b| utf16_cmp(&a.0, &b.0));
        let groups = filter_groups(inp.bank, inp.docs, inp.ui, inp.languages);
        let mut index = BrowserIndex {
            terms,
            forms: inp.forms.into_iter().map(|f| f.into_iter().collect()).collect(),
            shards: Vec::new(),
            table,
            lex: Vec::new(),
            docs: inp.docs.len(),
            groups,
            set: String::new(),
        };
        index.shards = index.cut_shards(0, index.terms.len() as u32);
        index.lex = index.cut_lexicon();
        // Written into a folder of its own, named by its content once complete.
        let out = Out {
            sink,
            folder: "next".into(),
            written: Mutex::new(Vec::new()),
        };
        let all_shards: Vec<usize> = (0..index.shards.len()).collect();
        index.write_shards(&all_shards, &out)?;
        let all_lex: Vec<usize> = (0..index.lex.len()).collect();
        index.write_lexicon(&all_lex, &out)?;
        write_facets(&index.groups, inp.docs, &out)?;
        // One file per document, and its later chunks: most of the index's bytes.
        inp.docs
            .par_iter()
            .try_for_each(|d| write_doc(&index.groups, d, &out))?;
        index.set = out.set_name();
        sink.rename(&format!("{DIR}/next"), &format!("{DIR}/{}", index.set))
            .map_err(|e| format!("cannot move the search index folder into place: {e}"))?;
        index.write_meta(sink)?;
        Ok(index)
    }

    /// Each term's forms, by term.
    pub(super) fn forms(&self) -> Vec<Vec<String>> {
        self.forms.iter().map(|f| f.iter().cloned().collect()).collect()
    }

    /// Shards of consecutive terms from `from` to `to`, each about [`POSTINGS_SHARD_BYTES`].
    fn cut_shards(&self, from: u32, to: u32) -> Vec<PostShard> {
        let mut out = Vec::new();
        let mut first = from;
        let mut size = 0;
        for t in from..to {
            size += self.terms[t as usize].entries.len() + 8;
            if size >= POSTINGS_SHARD_BYTES || t + 1 == to {
                out.push(PostShard {
                    first,
                    count: t + 1 - first,
                });
                first = t + 1;
                size = 0;
            }
        }
        out
    }

    fn postings_block(&self, t: usize) -> Vec<u8> {
        let tp = &self.terms[t];
        let mut block = Vec::with_capacity(tp.entries.len() + 16);
        varint(&mut block, tp.df as u64);
        block.extend_from_slice(&tp.entries);
        varint(&mut block, self.forms[t].len() as u64);
        for form in &self.forms[t] {
            varint(&mut block, form.len() as u64);
            block.extend_from_slice(form.as_bytes());
        }
        block
    }

    fn write_shards(&self, which: &[usize], out: &Out) -> Result<(), String> {
        which.par_iter().try_for_each(|&i| {
            let s = &self.shards[i];
            let range = s.first as usize..(s.first + s.count) as usize;
            let p: Vec<Vec<u8>> = range.clone().map(|t| self.postings_block(t)).collect();
            let q: Vec<Vec<u8>> = range.map(|t| self.terms[t].positions.clone()).collect();
            out.put(&format!("p/{i}.bin"), &pack(&p))?;
            out.put(&format!("q/{i}.bin"), &pack(&q))
        })
    }

    /// Lexicon shards over the table: (first key, start index).
    fn cut_lexicon(&self) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        let mut size = LEXICON_SHARD_BYTES;
        for (i, (k, v)) in self.table.iter().enumerate() {
            if size >= LEXICON_SHARD_BYTES {
                out.push((k.clone(), i));
                size = 0;
            }
            size += k.len() + 6 * v.len() + 4;
        }
        out
    }

    fn write_lexicon(&self, which: &[usize], out: &Out) -> Result<(), String> {
        for &i in which {
            let start = self.lex[i].1;
            let end = self.lex.get(i + 1).map_or(self.table.len(), |l| l.1);
            let shard: BTreeMap<&str, &Vec<TermId>> =
                self.table[start..end].iter().map(|(k, v)| (k.as_str(), v)).collect();
            out.put(
                &format!("l/{i}.json"),
                &serde_json::to_vec(&shard).map_err(|e| e.to_string())?,
            )?;
        }
        Ok(())
    }

    fn write_meta(&self, sink: &dyn Sink) -> Result<(), String> {
        let meta = Meta {
            v: FORMAT,
            docs: self.docs,
            set: &self.set,
            stop: super::finnish::stop_forms(),
            lex: self.lex.iter().map(|(k, _)| k.as_str()).collect(),
            post: self.shards.iter().map(|s| s.first).collect(),
            groups: &self.groups,
        };
        let bytes = serde_json::to_vec(&meta).map_err(|e| e.to_string())?;
        sink.write(&format!("{DIR}/meta.json"), &bytes)
            .map_err(|e| format!("cannot write {DIR}/meta.json: {e}"))
    }

    /// Replaces the documents of `up.changed`, adds its new terms, forms and rows of the query
    /// table, and rewrites in place only the files that changed.
    pub(super) fn update(&mut self, up: Update, sink: &dyn Sink) -> Result<(), String> {
        let out = Out {
            sink,
            folder: self.set.clone(),
            written: Mutex::new(Vec::new()),
        };
        let first_new = self.terms.len() as u32;
        self.terms
            .resize(self.terms.len() + up.new_terms, TermPostings::default());
        self.forms.resize(self.terms.len(), BTreeSet::new());
        let mut dirty_terms: BTreeSet<u32> = BTreeSet::new();
        for (t, form) in up.new_forms {
            if let Some(f) = self.forms.get_mut(t as usize)
                && f.insert(form)
            {
                dirty_terms.insert(t);
            }
        }
        let posting = |lens: [u32; FIELD_COUNT], e: &Entry| {
            let df = up.df.get(e.term as usize).copied().unwrap_or([1; FIELD_COUNT]);
            Posting {
                impact: impact(up.stats, e.tf, lens, df),
                chunk: e.chunk,
                positions: e.positions.clone(),
            }
        };
        for ch in &up.changed {
            let old: HashMap<TermId, Posting> = ch.old.1.iter().map(|e| (e.term, posting(ch.old.0, e))).collect();
            let new: HashMap<TermId, Posting> = ch.new.1.iter().map(|e| (e.term, posting(ch.new.0, e))).collect();
            let touched: BTreeSet<TermId> = old.keys().chain(new.keys()).copied().collect();
            for t in touched {
                if old.get(&t) == new.get(&t) {
                    continue;
                }
                let Some(tp) = self.terms.get_mut(t as usize) else {
                    continue;
                };
                let mut list = tp.decode();
                list.retain(|(r, _)| *r != ch.rank);
                if let Some(e) = new.get(&t) {
                    let at = list.partition_point(|(r, _)| *r < ch.rank);
                    list.insert(at, (ch.rank, e.clone()));
                }
                *tp = TermPostings::encode(&list);
                dirty_terms.insert(t);
            }
        }
        // New terms get shards of their own after the others.
        let old_shards = self.shards.len();
        if up.new_terms > 0 {
            let extra = self.cut_shards(first_new, self.terms.len() as u32);
            self.shards.extend(extra);
        }
        let dirty: BTreeSet<usize> = dirty_terms
            .iter()
            .map(|&t| self.shards.partition_point(|s| s.first <= t).saturating_sub(1))
            .chain(old_shards..self.shards.len())
            .collect();
        self.write_shards(&dirty.into_iter().collect::<Vec<_>>(), &out)?;
        // Query table rows: merged into their place; the shards that hold them are rewritten.
        let mut dirty_lex: BTreeSet<usize> = BTreeSet::new();
        for (key, terms) in up.rows {
            let i = match self.table.binary_search_by(|(k, _)| utf16_cmp(k, &key)) {
                Ok(i) => {
                    let row = &mut self.table[i].1;
                    let before = row.len();
                    for t in terms {
                        if !row.contains(&t) {
                            row.push(t);
                        }
                    }
                    if row.len() == before {
                        continue;
                    }
                    row.sort_unstable();
                    i
                }
                Err(i) => {
                    self.table.insert(i, (key, terms));
                    // A browser looks a key up in the last shard whose first key is not after it:
                    // a row put before a shard's first row belongs to the shard before.
                    for (j, l) in self.lex.iter_mut().enumerate() {
                        if j > 0 && l.1 >= i {
                            l.1 += 1;
                        }
                    }
                    match self.lex.first_mut() {
                        Some(first) if i == 0 => first.0 = self.table[0].0.clone(),
                        Some(_) => {}
                        None => self.lex.push((self.table[0].0.clone(), 0)),
                    }
                    i
                }
            };
            dirty_lex.insert(self.lex.partition_point(|l| l.1 <= i).saturating_sub(1));
        }
        self.write_lexicon(&dirty_lex.into_iter().collect::<Vec<_>>(), &out)?;
        for ch in &up.changed {
            write_doc(&self.groups, &ch.doc, &out)?;
        }
        self.write_meta(sink)
    }
}

/// One document replaced in the preview: its record before and after (lengths, entries).
pub(super) struct Changed<'a> {
    pub rank: u32,
    pub old: ([u32; FIELD_COUNT], Vec<Entry>),
    pub new: ([u32; FIELD_COUNT], Vec<Entry>),
    pub doc: SearchDoc<'a>,
}

/// What a preview update changes, and the figures of the last full build it ranks with.
pub(super) struct Update<'a> {
    pub stats: &'a Stats,
    pub df: &'a [[u64; FIELD_COUNT]],
    pub changed: Vec<Changed<'a>>,
    pub new_terms: usize,
    pub new_forms: Vec<(TermId, String)>,
    pub rows: Vec<(String, Vec<TermId>)>,
}

/// A document's file and its later excerpt chunks.
fn write_doc(groups: &[FilterGroup], d: &SearchDoc, out: &Out) -> Result<(), String> {
    let value_index = |group: usize, value: &str| groups[group].values.iter().position(|v| v.v == value).unwrap_or(0);
    let text = d.excerpt_text();
    let starts = chunk_starts(text);
    for i in 1..starts.len() {
        out.put(&format!("d/{}-{i}.txt", d.rank), chunk(text, &starts, i).as_bytes())?;
    }
    let file = DocFile {
        u: &d.url,
        t: d.field(F::Title),
        k: d.kind.type_name(),
        d: &d.date_iso,
        r: d.regions.iter().map(|r| value_index(0, r)).collect(),
        h: d.themes.iter().map(|t| value_index(1, t)).collect(),
        n: starts.len(),
        x: chunk(text, &starts, 0),
    };
    out.put(
        &format!("d/{}.json", d.rank),
        &serde_json::to_vec(&file).map_err(|e| e.to_string())?,
    )
}

/// One bitset of documents (by rank) per filter value, all in one file.
fn write_facets(groups: &[FilterGroup], docs: &[SearchDoc], out: &Out) -> Result<(), String> {
    let n = docs.len();
    let size = n.div_ceil(8);
    let total: usize = groups.iter().map(|g| g.values.len()).sum();
    let mut bits = vec![0u8; size * total];
    let mut offset = 0;
    for g in groups {
        let index: HashMap<&str, usize> = g.values.iter().enumerate().map(|(i, v)| (v.v.as_str(), i)).collect();
        for d in docs {
            let year = (d.date / 10_000).to_string();
            let values: Vec<&str> = match g.name {
                "region" => d.regions.iter().map(String::as_str).collect(),
                "theme" => d.themes.iter().map(String::as_str).collect(),
                "kind" => vec![d.kind.type_name()],
                _ if d.date > 0 => vec![year.as_str()],
                _ => Vec::new(),
            };
            for v in values {
                if let Some(&i) = index.get(v) {
                    bits[(offset + i) * size + d.rank as usize / 8] |= 1 << (d.rank % 8);
                }
            }
        }
        offset += g.values.len();
    }
    out.put("f.bin", &bits)
}

fn filter_groups(
    bank: &Bank,
    docs: &[SearchDoc],
    ui: &BTreeMap<String, toml::Table>,
    languages: &[String],
) -> Vec<FilterGroup> {
    let named = |kind: Kind| -> Vec<FilterValue> {
        bank.by_kind_ids(kind)
            .map(|id| {
                let d = bank.doc(id);
                let n = languages
                    .iter()
                    .map(|l| {
                        let name = match l.as_str() {
                            "sv" => d.fm.name_sv.as_deref(),
                            "en" => d.fm.name_en.as_deref(),
                            _ => None,
                        };
                        (l.clone(), name.unwrap_or(&d.title).to_string())
                    })
                    .collect();
                FilterValue { v: d.slug.clone(), n }
            })
            .collect()
    };
    let kinds = Kind::ALL
        .iter()
        .filter(|k| docs.iter().any(|d| d.kind == **k))
        .map(|k| FilterValue {
            v: k.type_name().to_string(),
            n: languages
                .iter()
                .map(|l| {
                    let label = ui
                        .get(l)
                        .and_then(|t| t.get("kind"))
                        .and_then(|t| t.get(k.type_name()))
                        .and_then(|v| v.as_str())
                        .unwrap_or(k.type_name());
                    (l.clone(), label.to_string())
                })
                .collect(),
        })
        .collect();
    let mut years: Vec<u32> = docs.iter().filter(|d| d.date > 0).map(|d| d.date / 10_000).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    vec![
        FilterGroup {
            name: "region",
            values: named(Kind::Region),
        },
        FilterGroup {
            name: "theme",
            values: named(Kind::Theme),
        },
        FilterGroup {
            name: "kind",
            values: kinds,
        },
        FilterGroup {
            name: "year",
            values: years
                .into_iter()
                .map(|y| FilterValue {
                    v: y.to_string(),
                    n: BTreeMap::new(),
                })
                .collect(),
        },
    ]
}
