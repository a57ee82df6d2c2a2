//! The browser's static index, derived from the tantivy index just written, so both outputs
//! hold the same terms, the same postings and the same impacts (see `score`).
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

use super::corpus::{Field as F, SearchDoc};
use super::excerpt::{chunk, chunk_starts};
use super::index::Fields;
use super::lexicon::Lexicon;
use super::score::{Stats, impact};
use crate::graph::Bank;
use crate::model::Kind;
use crate::output::Sink;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, TERMINATED};

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
/// Bits of a position that hold the word's place in its field.
pub const FIELD_SHIFT: u32 = 24;

/// FNV-1a, 64 bits: file names that change when the content does.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A file of the index, relative to the site root.
pub struct IndexFile {
    /// Path under the site, e.g. `hakuindeksi/p/0123abcd.bin`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

fn hashed(folder: &str, ext: &str, bytes: Vec<u8>) -> (String, IndexFile) {
    let name = content_hash(&bytes);
    let file = IndexFile {
        path: format!("{DIR}/{folder}/{name}.{ext}"),
        bytes,
    };
    (name, file)
}

/// One term's postings, gathered from every field and segment.
struct Gathered {
    /// (rank, tf per field, positions, first body position)
    postings: Vec<(u32, [u32; 4], Vec<u32>, Option<u32>)>,
    df: [u64; 4],
}

/// The terms of one range of term ids, encoded: postings and positions blocks, in id order.
struct Encoded {
    first: u32,
    postings: Vec<Vec<u8>>,
    positions: Vec<Vec<u8>>,
}

/// The excerpt chunk holding body position `p`.
pub fn chunk_of(chunks: &[u32], p: u32) -> u32 {
    chunks.iter().rposition(|&c| c <= p).unwrap_or(0) as u32
}

/// Everything the derivation needs from the build.
pub(super) struct Inputs<'a> {
    pub bank: &'a Bank,
    pub docs: &'a [SearchDoc<'a>],
    pub lexicon: &'a Lexicon,
    pub index: &'a Index,
    pub fields: &'a Fields,
    pub scanned: &'a [super::tokens::Scanned],
    /// Interface strings by language (kind names).
    pub ui: &'a BTreeMap<String, toml::Table>,
    /// Interface languages, the site's own first.
    pub languages: &'a [String],
}

/// Writes the browser index into `sink`; returns the number of files and bytes written.
pub(super) fn write(inp: &Inputs, sink: &dyn Sink) -> Result<(usize, u64), String> {
    let reader = inp
        .index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .map_err(|e: tantivy::TantivyError| e.to_string())?;
    let searcher = reader.searcher();
    let segments = searcher.segment_readers();
    // Per segment: doc id -> rank, and the field lengths by rank.
    let mut ranks: Vec<Vec<u32>> = Vec::new();
    let mut lens = vec![[0u32; 4]; inp.docs.len()];
    for seg in segments {
        let ff = seg.fast_fields();
        let rank_col = ff.u64("rank").map_err(|e| e.to_string())?;
        let len_cols: Vec<_> = F::ALL
            .iter()
            .map(|f| ff.u64(&format!("len_{}", f.name())))
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        let mut r = Vec::with_capacity(seg.max_doc() as usize);
        for doc in 0..seg.max_doc() {
            let rank = rank_col.first(doc).unwrap_or(0) as u32;
            r.push(rank);
            if let Some(l) = lens.get_mut(rank as usize) {
                for (i, c) in len_cols.iter().enumerate() {
                    l[i] = c.first(doc).unwrap_or(0) as u32;
                }
            }
        }
        ranks.push(r);
    }
    let stats = Stats::from_lengths(lens.iter().map(|l| l.map(u64::from)));
    let forms = inp.lexicon.forms_by_term();
    let terms = &inp.lexicon.terms;
    // Contiguous ranges of terms, derived in parallel; each range reads its part of every
    // field's term dictionary in order.
    let parts = (rayon::current_num_threads() * 4).max(1);
    let per = terms.len().div_ceil(parts).max(1);
    let ranges: Vec<(usize, usize)> = (0..terms.len())
        .step_by(per)
        .map(|s| (s, (s + per).min(terms.len())))
        .collect();
    let encoded: Vec<Encoded> = ranges
        .par_iter()
        .map(|&(from, to)| -> Result<Encoded, String> {
            let mut gathered: Vec<Gathered> = (from..to)
                .map(|_| Gathered {
                    postings: Vec::new(),
                    df: [0; 4],
                })
                .collect();
            for (si, seg) in segments.iter().enumerate() {
                for f in F::ALL {
                    let inv = seg
                        .inverted_index(inp.fields.text[f as usize])
                        .map_err(|e| e.to_string())?;
                    let mut range = inv.terms().range().ge(terms[from].as_bytes());
                    if to < terms.len() {
                        range = range.lt(terms[to].as_bytes());
                    }
                    let mut stream = range.into_stream().map_err(|e| e.to_string())?;
                    let mut at = from;
                    while stream.advance() {
                        let key = stream.key();
                        while at < to && terms[at].as_bytes() < key {
                            at += 1;
                        }
                        if at >= to || terms[at].as_bytes() != key {
                            continue;
                        }
                        let info = stream.value().clone();
                        let g = &mut gathered[at - from];
                        g.df[f as usize] += info.doc_freq as u64;
                        let mut p = inv
                            .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqsAndPositions)
                            .map_err(|e| e.to_string())?;
                        let mut pos = Vec::new();
                        let mut doc = p.doc();
                        while doc != TERMINATED {
                            let rank = ranks[si][doc as usize];
                            let mut tf = [0u32; 4];
                            tf[f as usize] = p.term_freq();
                            pos.clear();
                            p.positions(&mut pos);
                            let first_body = (f == F::Body).then(|| pos.first().copied()).flatten();
                            let unified = pos.iter().map(|&x| ((f as u32) << FIELD_SHIFT) | x).collect();
                            g.postings.push((rank, tf, unified, first_body));
                            doc = p.advance();
                        }
                    }
                }
            }
            let mut out = Encoded {
                first: from as u32,
                postings: Vec::with_capacity(to - from),
                positions: Vec::with_capacity(to - from),
            };
            for (i, g) in gathered.iter_mut().enumerate() {
                // One posting per document: the fields of a document merged, in rank order.
                g.postings.sort_by_key(|p| p.0);
                let mut merged: Vec<(u32, [u32; 4], Vec<u32>, Option<u32>)> = Vec::with_capacity(g.postings.len());
                for (rank, tf, pos, fb) in g.postings.drain(..) {
                    match merged.last_mut() {
                        Some(m) if m.0 == rank => {
                            for k in 0..4 {
                                m.1[k] += tf[k];
                            }
                            m.2.extend(pos);
                            m.3 = m.3.or(fb);
                        }
                        _ => merged.push((rank, tf, pos, fb)),
                    }
                }
                let mut pb = Vec::new();
                let mut qb = Vec::new();
                varint(&mut pb, merged.len() as u64);
                let mut last = 0u32;
                for (rank, tf, pos, fb) in &mut merged {
                    let r = *rank as usize;
                    varint(&mut pb, (*rank - last) as u64);
                    last = *rank;
                    varint(&mut pb, impact(&stats, *tf, lens[r], g.df) as u64);
                    // 0: not in the body; else 1 + the chunk of its first occurrence there.
                    varint(
                        &mut pb,
                        fb.map_or(0, |p| 1 + chunk_of(&inp.scanned[r].chunk_positions, p)) as u64,
                    );
                    pos.sort_unstable();
                    varint(&mut qb, pos.len() as u64);
                    let mut lp = 0u32;
                    for &x in pos.iter() {
                        varint(&mut qb, (x - lp) as u64);
                        lp = x;
                    }
                }
                let fs = &forms[from + i];
                varint(&mut pb, fs.len() as u64);
                for form in fs {
                    varint(&mut pb, form.len() as u64);
                    pb.extend_from_slice(form.as_bytes());
                }
                out.postings.push(pb);
                out.positions.push(qb);
            }
            Ok(out)
        })
        .collect::<Result<_, String>>()?;

    let mut files: Vec<IndexFile> = Vec::new();
    // Postings and positions shards: consecutive terms until a shard is big enough.
    let mut post_meta: Vec<(u32, String, String)> = Vec::new();
    {
        let mut first = 0u32;
        let mut blocks_p: Vec<Vec<u8>> = Vec::new();
        let mut blocks_q: Vec<Vec<u8>> = Vec::new();
        let mut size = 0usize;
        let mut flush = |first: u32, bp: &mut Vec<Vec<u8>>, bq: &mut Vec<Vec<u8>>, files: &mut Vec<IndexFile>| {
            if bp.is_empty() {
                return;
            }
            let pack = |blocks: &mut Vec<Vec<u8>>| {
                let mut out = Vec::new();
                varint(&mut out, blocks.len() as u64);
                for b in blocks.iter() {
                    varint(&mut out, b.len() as u64);
                }
                for b in blocks.drain(..) {
                    out.extend(b);
                }
                out
            };
            let (pn, pf) = hashed("p", "bin", pack(bp));
            let (qn, qf) = hashed("q", "bin", pack(bq));
            files.push(pf);
            files.push(qf);
            post_meta.push((first, pn, qn));
        };
        let mut next_id = 0u32;
        for e in encoded {
            debug_assert_eq!(next_id, e.first);
            for (p, q) in e.postings.into_iter().zip(e.positions) {
                if blocks_p.is_empty() {
                    first = next_id;
                }
                size += p.len();
                blocks_p.push(p);
                blocks_q.push(q);
                next_id += 1;
                if size >= POSTINGS_SHARD_BYTES {
                    flush(first, &mut blocks_p, &mut blocks_q, &mut files);
                    size = 0;
                }
            }
        }
        flush(first, &mut blocks_p, &mut blocks_q, &mut files);
    }

    // The query table, in the order a browser compares strings (UTF-16 code units).
    let mut table: Vec<(String, Vec<u32>)> = inp.lexicon.query_table().into_iter().collect();
    table.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    let mut lex_meta: Vec<(String, String)> = Vec::new();
    {
        let mut shard: BTreeMap<&str, &Vec<u32>> = BTreeMap::new();
        let mut first = String::new();
        let mut size = 0;
        let mut flush = |first: &str, shard: &mut BTreeMap<&str, &Vec<u32>>, files: &mut Vec<IndexFile>| {
            if shard.is_empty() {
                return Ok(());
            }
            let bytes = serde_json::to_vec(&shard).map_err(|e| e.to_string())?;
            let (name, file) = hashed("l", "json", bytes);
            files.push(file);
            lex_meta.push((first.to_string(), name));
            shard.clear();
            Ok::<(), String>(())
        };
        for (k, v) in &table {
            if shard.is_empty() {
                first = k.clone();
            }
            size += k.len() + 6 * v.len() + 4;
            shard.insert(k, v);
            if size >= LEXICON_SHARD_BYTES {
                flush(&first, &mut shard, &mut files)?;
                size = 0;
            }
        }
        flush(&first, &mut shard, &mut files)?;
    }

    // Filters: one bitset per value, by rank.
    let n = inp.docs.len();
    let groups = filter_groups(inp);
    let mut facet_bytes = Vec::new();
    for g in &groups {
        for v in &g.values {
            let mut bits = vec![0u8; n.div_ceil(8)];
            for d in inp.docs {
                let has = match g.name {
                    "region" => d.regions.iter().any(|r| *r == v.v),
                    "theme" => d.themes.iter().any(|t| *t == v.v),
                    "kind" => d.kind.type_name() == v.v,
                    _ => d.date > 0 && (d.date / 10_000).to_string() == v.v,
                };
                if has {
                    bits[d.rank as usize / 8] |= 1 << (d.rank % 8);
                }
            }
            facet_bytes.extend(bits);
        }
    }
    let (facet_name, facet_file) = hashed("f", "bin", facet_bytes);
    files.push(facet_file);

    // Records and their chunks, in parallel: the chunks are most of the index's bytes.
    let value_index = |group: &str, value: &str| {
        groups
            .iter()
            .find(|g| g.name == group)
            .and_then(|g| g.values.iter().position(|v| v.v == value))
            .unwrap_or(0)
    };
    let shards: Vec<(String, IndexFile, Vec<IndexFile>)> = inp
        .docs
        .par_chunks(RECORDS_PER_SHARD)
        .map(|docs| {
            let mut records = Vec::with_capacity(docs.len());
            let mut chunk_files = Vec::new();
            for d in docs {
                let starts = chunk_starts(d.excerpt_text());
                let mut names = Vec::with_capacity(starts.len());
                for i in 0..starts.len() {
                    let (name, file) = hashed("c", "txt", chunk(d.excerpt_text(), &starts, i).as_bytes().to_vec());
                    names.push(name);
                    chunk_files.push(file);
                }
                records.push(Record {
                    u: &d.url,
                    t: d.field(F::Title),
                    k: d.kind.type_name(),
                    d: &d.date_iso,
                    r: d.regions.iter().map(|r| value_index("region", r)).collect(),
                    h: d.themes.iter().map(|t| value_index("theme", t)).collect(),
                    c: names,
                });
            }
            let bytes = serde_json::to_vec(&records).unwrap_or_default();
            let (name, file) = hashed("r", "json", bytes);
            (name, file, chunk_files)
        })
        .collect();
    let mut record_names = Vec::with_capacity(shards.len());
    for (name, file, chunks) in shards {
        record_names.push(name);
        files.push(file);
        files.extend(chunks);
    }

    let meta = Meta {
        v: FORMAT,
        docs: n,
        stop: super::finnish::stop_forms(),
        lex: lex_meta,
        post: post_meta,
        rec: record_names,
        per: RECORDS_PER_SHARD,
        facets: facet_name,
        groups,
    };
    files.push(IndexFile {
        path: format!("{DIR}/meta.json"),
        bytes: serde_json::to_vec(&meta).map_err(|e| e.to_string())?,
    });
    // Identical chunks share one name: write each file once.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    let count = files.len();
    let bytes: u64 = files.iter().map(|f| f.bytes.len() as u64).sum();
    files.par_iter().try_for_each(|f| {
        sink.write(&f.path, &f.bytes)
            .map_err(|e| format!("cannot write {}: {e}", f.path))
    })?;
    Ok((count, bytes))
}

#[derive(Serialize)]
struct Record<'a> {
    u: &'a str,
    t: &'a str,
    k: &'a str,
    d: &'a str,
    r: Vec<usize>,
    h: Vec<usize>,
    c: Vec<String>,
}

#[derive(Serialize)]
struct Meta {
    v: u32,
    docs: usize,
    stop: Vec<String>,
    lex: Vec<(String, String)>,
    post: Vec<(u32, String, String)>,
    rec: Vec<String>,
    per: usize,
    facets: String,
    groups: Vec<FilterGroup>,
}

/// A filter (region, theme, kind, year) and its values with their names per language.
#[derive(Serialize)]
pub(super) struct FilterGroup {
    name: &'static str,
    values: Vec<FilterValue>,
}

#[derive(Serialize)]
struct FilterValue {
    /// The value in URLs and `lape search` flags: a slug, a kind, a year.
    v: String,
    /// Its name in each interface language.
    n: BTreeMap<String, String>,
}

fn filter_groups(inp: &Inputs) -> Vec<FilterGroup> {
    let bank = inp.bank;
    let named = |kind: Kind| -> Vec<FilterValue> {
        bank.by_kind_ids(kind)
            .map(|id| {
                let d = bank.doc(id);
                let n = inp
                    .languages
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
        .filter(|k| inp.docs.iter().any(|d| d.kind == **k))
        .map(|k| FilterValue {
            v: k.type_name().to_string(),
            n: inp
                .languages
                .iter()
                .map(|l| {
                    let label = inp
                        .ui
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
    let mut years: Vec<u32> = inp
        .docs
        .iter()
        .filter(|d| d.date > 0)
        .map(|d| d.date / 10_000)
        .collect();
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
