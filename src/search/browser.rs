//! The browser's static index: the records of `forward` turned around, term by term, so it holds
//! the same terms, impacts and positions `lape search` reads from tantivy.
//!
//! Everything lives under `/hakuindeksi/`; every file but `meta.json` is named by a hash of its
//! content, so a static host may cache it forever. The browser fetches only what a query needs:
//!
//! | file | holds | fetched |
//! |---|---|---|
//! | `meta.json` | format version, shard boundaries, stop words, filter values and their names | when the search page loads |
//! | `f/<hash>.bin` | one bitset of documents per filter value (region, theme, kind, year) | when the search page loads |
//! | `l/<hash>.json` | a range of the table from folded form (and `~fallback key`) to term ids | per query word |
//! | `p/<hash>.bin` | a range of terms: each term's postings (document rank, impact, chunk) and the forms that carry it | per query term |
//! | `q/<hash>.bin` | the same range of terms: word positions per posting | per phrase |
//! | `r/<hash>.json` | records of [`RECORDS_PER_SHARD`] documents: URL, title, kind, date, filters, chunk files | per result shown |
//! | `c/<hash>.txt` | one chunk of a document's excerpt text | per result shown |
//!
//! Binary files are sequences of unsigned LEB128 varints. A postings or positions shard starts
//! with its term count and the byte length of each term's block. A postings block is `df`, then
//! per posting `rank delta, impact, chunk` (chunk: 0 when the term is not in the body, else 1 +
//! the chunk of its first occurrence there), then the number of forms and each form as `byte
//! length, UTF-8`. A positions block has, per posting, a count and the position deltas; a
//! position is `field << 24 | word position in the field`.
//!
//! The index is kept as a [`BrowserIndex`], so the preview can change a few documents and
//! rewrite only the shards they touch.

use super::corpus::{Field as F, SearchDoc};
use super::excerpt::{chunk, chunk_starts};
use super::forward::{Entry, decode, read_varint, varint};
use super::lexicon::TermId;
use crate::graph::Bank;
use crate::model::Kind;
use crate::output::Sink;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Format of the browser index; the engine refuses any other.
pub const FORMAT: u32 = 1;
/// The folder of the browser index in the site.
pub const DIR: &str = "hakuindeksi";
/// Documents per record shard.
pub const RECORDS_PER_SHARD: usize = 16;
/// Target size of a postings shard, in bytes.
const POSTINGS_SHARD_BYTES: usize = 16 * 1024;
/// Target size of a lexicon shard, in bytes.
const LEXICON_SHARD_BYTES: usize = 8 * 1024;

/// File names that change when the content does: 64 bits of SipHash with fixed keys (the
/// standard library's), fast on whole buffers and well mixed.
pub fn content_hash(bytes: &[u8]) -> String {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    format!("{:016x}", h.finish())
}

/// Writes `bytes` as `<folder>/<hash>.<ext>` under the index; returns the hash.
fn put(sink: &dyn Sink, folder: &str, ext: &str, bytes: &[u8]) -> Result<String, String> {
    let name = content_hash(bytes);
    let path = format!("{DIR}/{folder}/{name}.{ext}");
    sink.write_many(&path, bytes)
        .map_err(|e| format!("cannot write {path}: {e}"))?;
    Ok(name)
}

/// One term's postings: entries `rank delta, impact, chunk` and, aligned, the positions.
#[derive(Debug, Clone, Default)]
struct TermPostings {
    df: u32,
    entries: Vec<u8>,
    positions: Vec<u8>,
}

impl TermPostings {
    /// The postings as (rank, impact, chunk, positions).
    fn decode(&self) -> Vec<(u32, Entry)> {
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
                Entry {
                    term: 0,
                    impact: impact as u32,
                    chunk: chunk as u32,
                    positions,
                },
            ));
        }
        out
    }

    fn push(&mut self, last: &mut u32, rank: u32, e: &Entry) {
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

    fn encode(list: &[(u32, Entry)]) -> TermPostings {
        let mut t = TermPostings::default();
        let mut last = 0;
        for (rank, e) in list {
            t.push(&mut last, *rank, e);
        }
        t
    }
}

/// A shard of consecutive terms and its two files.
#[derive(Debug, Clone)]
struct PostShard {
    first: u32,
    count: u32,
    postings: String,
    positions: String,
}

/// What a result shows before its excerpt.
#[derive(Debug, Clone, Serialize)]
struct Record {
    u: String,
    t: String,
    k: &'static str,
    d: String,
    r: Vec<usize>,
    h: Vec<usize>,
    c: Vec<String>,
}

#[derive(Serialize)]
struct Meta<'a> {
    v: u32,
    docs: usize,
    stop: Vec<String>,
    lex: Vec<(&'a str, &'a str)>,
    post: Vec<(u32, &'a str, &'a str)>,
    rec: &'a [String],
    per: usize,
    facets: &'a str,
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

/// The whole browser index, in memory, with the names of the files it was last written as.
pub struct BrowserIndex {
    terms: Vec<TermPostings>,
    forms: Vec<BTreeSet<String>>,
    shards: Vec<PostShard>,
    /// The query table, keys in the order a browser compares strings (UTF-16 code units).
    table: Vec<(String, Vec<TermId>)>,
    /// Lexicon shards: first key, index of that key in `table`, file name.
    lex: Vec<(String, usize, String)>,
    records: Vec<Record>,
    record_names: Vec<String>,
    groups: Vec<FilterGroup>,
    facets: String,
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
        // Turn the records around: contiguous ranges of terms in parallel.
        let parts = rayon::current_num_threads().max(1);
        let per = inp.terms.div_ceil(parts).max(1);
        let ranges: Vec<(usize, usize)> = (0..inp.terms)
            .step_by(per)
            .map(|s| (s, (s + per).min(inp.terms)))
            .collect();
        let terms: Vec<TermPostings> = ranges
            .par_iter()
            .flat_map_iter(|&(from, to)| {
                let mut out = vec![TermPostings::default(); to - from];
                let mut last = vec![0u32; to - from];
                for (rank, rec) in inp.records.iter().enumerate() {
                    for e in decode(rec) {
                        let t = e.term as usize;
                        if (from..to).contains(&t) {
                            out[t - from].push(&mut last[t - from], rank as u32, &e);
                        }
                    }
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
            records: Vec::new(),
            record_names: Vec::new(),
            facets: String::new(),
            groups,
        };
        index.shards = index.cut_shards(0, index.terms.len() as u32);
        index.lex = index.cut_lexicon();
        let all_shards: Vec<usize> = (0..index.shards.len()).collect();
        index.write_shards(&all_shards, sink)?;
        let all_lex: Vec<usize> = (0..index.lex.len()).collect();
        index.write_lexicon(&all_lex, sink)?;
        index.facets = write_facets(&index.groups, inp.docs, sink)?;
        // Records and their chunks: the chunks are most of the index's bytes.
        let groups = &index.groups;
        let made: Vec<(Vec<Record>, String)> = inp
            .docs
            .par_chunks(RECORDS_PER_SHARD)
            .map(|docs| -> Result<(Vec<Record>, String), String> {
                let records = docs
                    .iter()
                    .map(|d| record(groups, d, sink))
                    .collect::<Result<Vec<_>, String>>()?;
                let name = put(
                    sink,
                    "r",
                    "json",
                    &serde_json::to_vec(&records).map_err(|e| e.to_string())?,
                )?;
                Ok((records, name))
            })
            .collect::<Result<_, String>>()?;
        for (records, name) in made {
            index.records.extend(records);
            index.record_names.push(name);
        }
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
                    postings: String::new(),
                    positions: String::new(),
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

    fn write_shards(&mut self, which: &[usize], sink: &dyn Sink) -> Result<(), String> {
        let names: Vec<(String, String)> = which
            .par_iter()
            .map(|&i| {
                let s = &self.shards[i];
                let range = s.first as usize..(s.first + s.count) as usize;
                let p: Vec<Vec<u8>> = range.clone().map(|t| self.postings_block(t)).collect();
                let q: Vec<Vec<u8>> = range.map(|t| self.terms[t].positions.clone()).collect();
                Ok((put(sink, "p", "bin", &pack(&p))?, put(sink, "q", "bin", &pack(&q))?))
            })
            .collect::<Result<_, String>>()?;
        for (&i, (p, q)) in which.iter().zip(names) {
            self.shards[i].postings = p;
            self.shards[i].positions = q;
        }
        Ok(())
    }

    /// Lexicon shards over the table: (first key, start index, name to come).
    fn cut_lexicon(&self) -> Vec<(String, usize, String)> {
        let mut out = Vec::new();
        let mut size = LEXICON_SHARD_BYTES;
        for (i, (k, v)) in self.table.iter().enumerate() {
            if size >= LEXICON_SHARD_BYTES {
                out.push((k.clone(), i, String::new()));
                size = 0;
            }
            size += k.len() + 6 * v.len() + 4;
        }
        out
    }

    fn write_lexicon(&mut self, which: &[usize], sink: &dyn Sink) -> Result<(), String> {
        for &i in which {
            let start = self.lex[i].1;
            let end = self.lex.get(i + 1).map_or(self.table.len(), |l| l.1);
            let shard: BTreeMap<&str, &Vec<TermId>> =
                self.table[start..end].iter().map(|(k, v)| (k.as_str(), v)).collect();
            let bytes = serde_json::to_vec(&shard).map_err(|e| e.to_string())?;
            self.lex[i].2 = put(sink, "l", "json", &bytes)?;
        }
        Ok(())
    }

    fn write_meta(&self, sink: &dyn Sink) -> Result<(), String> {
        let meta = Meta {
            v: FORMAT,
            docs: self.records.len(),
            stop: super::finnish::stop_forms(),
            lex: self.lex.iter().map(|(k, _, n)| (k.as_str(), n.as_str())).collect(),
            post: self
                .shards
                .iter()
                .map(|s| (s.first, s.postings.as_str(), s.positions.as_str()))
                .collect(),
            rec: &self.record_names,
            per: RECORDS_PER_SHARD,
            facets: &self.facets,
            groups: &self.groups,
        };
        let bytes = serde_json::to_vec(&meta).map_err(|e| e.to_string())?;
        sink.write(&format!("{DIR}/meta.json"), &bytes)
            .map_err(|e| format!("cannot write {DIR}/meta.json: {e}"))
    }

    /// Replaces the documents of `changed` (rank, old record, new record, the page as search
    /// sees it), adds `new_terms` more terms and `new_forms` (term, form) pairs and new rows of
    /// the query table, and rewrites only the files that changed.
    pub(super) fn update(&mut self, up: Update, sink: &dyn Sink) -> Result<(), String> {
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
        for ch in &up.changed {
            let old: HashMap<TermId, &Entry> = ch.old.iter().map(|e| (e.term, e)).collect();
            let new: HashMap<TermId, &Entry> = ch.new.iter().map(|e| (e.term, e)).collect();
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
                    list.insert(at, (ch.rank, (*e).clone()));
                }
                *tp = TermPostings::encode(&list);
                dirty_terms.insert(t);
            }
        }
        // New terms get shards of their own after the others.
        if up.new_terms > 0 {
            let extra = self.cut_shards(first_new, self.terms.len() as u32);
            self.shards.extend(extra);
        }
        let dirty: BTreeSet<usize> = dirty_terms
            .iter()
            .map(|&t| self.shards.partition_point(|s| s.first <= t).saturating_sub(1))
            .chain(
                self.shards
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.postings.is_empty())
                    .map(|(i, _)| i),
            )
            .collect();
        self.write_shards(&dirty.into_iter().collect::<Vec<_>>(), sink)?;
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
                        None => self.lex.push((self.table[0].0.clone(), 0, String::new())),
                    }
                    i
                }
            };
            dirty_lex.insert(self.lex.partition_point(|l| l.1 <= i).saturating_sub(1));
        }
        self.write_lexicon(&dirty_lex.into_iter().collect::<Vec<_>>(), sink)?;
        // The record shards of the changed documents.
        let mut dirty_records: BTreeSet<usize> = BTreeSet::new();
        for ch in &up.changed {
            let rec = record(&self.groups, &ch.doc, sink)?;
            if let Some(slot) = self.records.get_mut(ch.rank as usize) {
                *slot = rec;
                dirty_records.insert(ch.rank as usize / RECORDS_PER_SHARD);
            }
        }
        for s in dirty_records {
            let end = ((s + 1) * RECORDS_PER_SHARD).min(self.records.len());
            let bytes = serde_json::to_vec(&self.records[s * RECORDS_PER_SHARD..end]).map_err(|e| e.to_string())?;
            self.record_names[s] = put(sink, "r", "json", &bytes)?;
        }
        self.write_meta(sink)
    }
}

/// One document replaced in the preview.
pub(super) struct Changed<'a> {
    pub rank: u32,
    pub old: Vec<Entry>,
    pub new: Vec<Entry>,
    pub doc: SearchDoc<'a>,
}

/// What a preview update changes.
pub(super) struct Update<'a> {
    pub changed: Vec<Changed<'a>>,
    pub new_terms: usize,
    pub new_forms: Vec<(TermId, String)>,
    pub rows: Vec<(String, Vec<TermId>)>,
}

/// A document's record for results, writing its chunks.
fn record(groups: &[FilterGroup], d: &SearchDoc, sink: &dyn Sink) -> Result<Record, String> {
    let value_index = |group: usize, value: &str| groups[group].values.iter().position(|v| v.v == value).unwrap_or(0);
    let text = d.excerpt_text();
    let starts = chunk_starts(text);
    let names = (0..starts.len())
        .map(|i| put(sink, "c", "txt", chunk(text, &starts, i).as_bytes()))
        .collect::<Result<_, String>>()?;
    Ok(Record {
        u: d.url.clone(),
        t: d.field(F::Title).to_string(),
        k: d.kind.type_name(),
        d: d.date_iso.clone(),
        r: d.regions.iter().map(|r| value_index(0, r)).collect(),
        h: d.themes.iter().map(|t| value_index(1, t)).collect(),
        c: names,
    })
}

/// One bitset of documents (by rank) per filter value, all in one file.
fn write_facets(groups: &[FilterGroup], docs: &[SearchDoc], sink: &dyn Sink) -> Result<String, String> {
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
    put(sink, "f", "bin", &bits)
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
