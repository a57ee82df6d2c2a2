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

use super::corpus::{Field as F, SearchDoc};
use super::excerpt::{chunk, chunk_starts};
use super::forward::{decode, varint};
use super::lexicon::Lexicon;
use crate::graph::Bank;
use crate::model::Kind;
use crate::output::Sink;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::Relaxed;

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

/// FNV-1a, 64 bits: file names that change when the content does.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
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

/// The terms of one range of term ids, encoded: postings and positions blocks, in id order.
struct Encoded {
    first: u32,
    postings: Vec<Vec<u8>>,
    positions: Vec<Vec<u8>>,
}

/// Turns the records around for the terms `from..to`: one postings block and one positions
/// block per term, documents in rank order.
fn invert_range(records: &[Vec<u8>], forms: &[Vec<String>], from: usize, to: usize) -> Encoded {
    let n = to - from;
    let mut pb: Vec<Vec<u8>> = vec![Vec::new(); n];
    let mut qb: Vec<Vec<u8>> = vec![Vec::new(); n];
    let mut df = vec![0u64; n];
    let mut last = vec![0u32; n];
    for (rank, rec) in records.iter().enumerate() {
        let rank = rank as u32;
        for e in decode(rec) {
            let t = e.term as usize;
            if t < from || t >= to {
                continue;
            }
            let i = t - from;
            df[i] += 1;
            varint(&mut pb[i], (rank - last[i]) as u64);
            last[i] = rank;
            varint(&mut pb[i], e.impact as u64);
            varint(&mut pb[i], e.chunk as u64);
            varint(&mut qb[i], e.positions.len() as u64);
            let mut lp = 0;
            for p in e.positions {
                varint(&mut qb[i], (p - lp) as u64);
                lp = p;
            }
        }
    }
    let postings = pb
        .into_iter()
        .enumerate()
        .map(|(i, body)| {
            let mut block = Vec::with_capacity(body.len() + 8);
            varint(&mut block, df[i]);
            block.extend(body);
            let fs = &forms[from + i];
            varint(&mut block, fs.len() as u64);
            for form in fs {
                varint(&mut block, form.len() as u64);
                block.extend_from_slice(form.as_bytes());
            }
            block
        })
        .collect();
    Encoded {
        first: from as u32,
        postings,
        positions: qb,
    }
}

/// Everything the derivation needs from the build.
pub(super) struct Inputs<'a> {
    pub bank: &'a Bank,
    pub docs: &'a [SearchDoc<'a>],
    pub lexicon: &'a Lexicon,
    pub forward: &'a super::forward::Forward,
    /// Interface strings by language (kind names).
    pub ui: &'a BTreeMap<String, toml::Table>,
    /// Interface languages, the site's own first.
    pub languages: &'a [String],
}

/// Writes the browser index into `sink`; returns the number of files and bytes written.
pub(super) fn write(inp: &Inputs, sink: &dyn Sink) -> Result<(usize, u64), String> {
    let forms = inp.lexicon.forms_by_term();
    let terms = &inp.lexicon.terms;
    // Contiguous ranges of terms, turned around in parallel.
    let parts = rayon::current_num_threads().max(1);
    let per = terms.len().div_ceil(parts).max(1);
    let ranges: Vec<(usize, usize)> = (0..terms.len())
        .step_by(per)
        .map(|s| (s, (s + per).min(terms.len())))
        .collect();
    let encoded: Vec<Encoded> = ranges
        .par_iter()
        .map(|&(from, to)| invert_range(&inp.forward.records, &forms, from, to))
        .collect();

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
    let size = n.div_ceil(8);
    let total_values: usize = groups.iter().map(|g| g.values.len()).sum();
    let mut facet_bytes = vec![0u8; size * total_values];
    let mut offset = 0;
    for g in &groups {
        let index: HashMap<&str, usize> = g.values.iter().enumerate().map(|(i, v)| (v.v.as_str(), i)).collect();
        for d in inp.docs {
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
                    facet_bytes[(offset + i) * size + d.rank as usize / 8] |= 1 << (d.rank % 8);
                }
            }
        }
        offset += g.values.len();
    }
    let (facet_name, facet_file) = hashed("f", "bin", facet_bytes);
    files.push(facet_file);

    // Records and their chunks, in parallel.
    let (chunk_files, chunk_bytes) = (AtomicU64::new(0), AtomicU64::new(0));
    let value_index = |group: &str, value: &str| {
        groups
            .iter()
            .find(|g| g.name == group)
            .and_then(|g| g.values.iter().position(|v| v.v == value))
            .unwrap_or(0)
    };
    let shards: Vec<(String, IndexFile)> = inp
        .docs
        .par_chunks(RECORDS_PER_SHARD)
        .map(|docs| -> Result<(String, IndexFile), String> {
            let mut records = Vec::with_capacity(docs.len());
            for d in docs {
                let text = d.excerpt_text();
                let starts = chunk_starts(text);
                let mut names = Vec::with_capacity(starts.len());
                for i in 0..starts.len() {
                    // Written at once: the chunks are most of the index's bytes.
                    let (name, file) = hashed("c", "txt", chunk(text, &starts, i).as_bytes().to_vec());
                    sink.write_many(&file.path, &file.bytes)
                        .map_err(|e| format!("cannot write {}: {e}", file.path))?;
                    chunk_files.fetch_add(1, Relaxed);
                    chunk_bytes.fetch_add(file.bytes.len() as u64, Relaxed);
                    names.push(name);
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
            let bytes = serde_json::to_vec(&records).map_err(|e| e.to_string())?;
            Ok(hashed("r", "json", bytes))
        })
        .collect::<Result<_, String>>()?;
    let mut record_names = Vec::with_capacity(shards.len());
    for (name, file) in shards {
        record_names.push(name);
        files.push(file);
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
    let count = files.len() + chunk_files.load(Relaxed) as usize;
    let bytes: u64 = files.iter().map(|f| f.bytes.len() as u64).sum::<u64>() + chunk_bytes.load(Relaxed);
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
