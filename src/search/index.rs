//! The tantivy index: schema, and the writer fed with each document's analysed token streams.
//!
//! Text fields are indexed from pre-tokenised streams (the lexicon's terms at each word's
//! position), so tantivy never analyses text itself. The index is written into a staging folder
//! beside its final place and swapped in whole, like the site, so a failed or killed build leaves
//! the previous index usable.

use super::corpus::{Field as F, SearchDoc};
use super::excerpt::chunk_starts;
use super::lexicon::Lexicon;
use super::words::{lower_into, words};
use crate::output::Staging;
use rayon::prelude::*;
use std::path::Path;
use tantivy::schema::{FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{PreTokenizedString, Token};
use tantivy::{Index, TantivyDocument};

/// The fields of the index.
pub(super) struct Fields {
    pub url: Field,
    pub rank: Field,
    /// The searchable text fields, in [`F`] order.
    pub text: [Field; 4],
    /// Token counts of the text fields, in [`F`] order (for ranking).
    pub len: [Field; 4],
    pub display_title: Field,
    pub excerpt: Field,
    pub chunks: Field,
    pub kind: Field,
    pub regions: Field,
    pub themes: Field,
    pub year: Field,
    pub date: Field,
}

pub(super) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |b: &mut tantivy::schema::SchemaBuilder, name: &str| {
        let idx = TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        b.add_text_field(name, TextOptions::default().set_indexing_options(idx))
    };
    let fields = Fields {
        url: b.add_text_field("url", STRING | STORED),
        rank: b.add_u64_field("rank", FAST | STORED),
        text: F::ALL.map(|f| text(&mut b, f.name())),
        len: F::ALL.map(|f| b.add_u64_field(&format!("len_{}", f.name()), FAST)),
        display_title: b.add_text_field("display_title", STORED),
        excerpt: b.add_text_field("excerpt", STORED),
        chunks: b.add_u64_field("chunks", STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        regions: b.add_text_field("region", STRING | STORED),
        themes: b.add_text_field("theme", STRING | STORED),
        year: b.add_text_field("year", STRING),
        date: b.add_text_field("date", STORED),
    };
    (b.build(), fields)
}

/// One document's token streams, as the analysis gives them.
pub(super) struct DocTokens {
    /// Tokens of each text field.
    pub fields: [Vec<Token>; 4],
    /// Words in each field (positions used).
    pub lens: [u32; 4],
    /// Body position of the first word of each excerpt chunk.
    pub chunk_positions: Vec<u32>,
}

/// Tokenises one document against the lexicon: each word gets its index terms at its position;
/// stop words take no position; a line break between two names leaves a gap, so a phrase never
/// runs from one name into the next.
pub(super) fn tokens(doc: &SearchDoc, lexicon: &Lexicon) -> DocTokens {
    let mut out = DocTokens {
        fields: Default::default(),
        lens: [0; 4],
        chunk_positions: Vec::new(),
    };
    let mut lower = String::new();
    for f in F::ALL {
        let text = doc.field(f);
        let starts = if f == F::Body { chunk_starts(text) } else { Vec::new() };
        let mut next_chunk = 0usize;
        let mut position = 0u32;
        let mut last_end = 0usize;
        let tokens = &mut out.fields[f as usize];
        for w in words(text) {
            lower_into(&text[w.start..w.end], &mut lower);
            let Some(a) = lexicon.words.get(lower.as_str()) else {
                continue;
            };
            if position > 0 && text[last_end..w.start].contains('\n') {
                position += 1;
            }
            while next_chunk < starts.len() && starts[next_chunk] <= w.start {
                out.chunk_positions.push(position);
                next_chunk += 1;
            }
            for &t in &a.doc {
                tokens.push(Token {
                    offset_from: w.start,
                    offset_to: w.end,
                    position: position as usize,
                    text: lexicon.terms[t as usize].clone(),
                    position_length: 1,
                });
            }
            position += 1;
            last_end = w.end;
        }
        // Chunks after the last word (or an empty body) start past it.
        while next_chunk < starts.len() {
            out.chunk_positions.push(position);
            next_chunk += 1;
        }
        out.lens[f as usize] = position;
    }
    out
}

/// What writing the index did.
#[derive(Debug, Default, Clone)]
pub struct IndexStats {
    /// Documents indexed.
    pub documents: usize,
    /// Bytes on disk.
    pub bytes: u64,
}

/// Writes the tantivy index of `docs` beside `target` without swapping it in: the caller commits
/// it once the pages it belongs to are in place, so a crash never pairs a new index with old
/// pages. Returns, by rank, each document's chunk positions (the browser index needs them).
pub(super) fn write_staged(
    docs: &[SearchDoc],
    lexicon: &Lexicon,
    target: &Path,
) -> Result<(Staging, Index, Vec<Vec<u32>>), String> {
    let staging = Staging::begin(target).map_err(|e| format!("cannot prepare the index folder: {e}"))?;
    let (schema, f) = schema();
    let index = Index::create_in_dir(staging.path(), schema).map_err(|e| e.to_string())?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(threads, 60_000_000 * threads)
        .map_err(|e| e.to_string())?;
    let chunk_positions: Vec<Vec<u32>> = docs
        .par_iter()
        .map(|d| {
            let t = tokens(d, lexicon);
            let mut doc = TantivyDocument::default();
            doc.add_text(f.url, &d.url);
            doc.add_u64(f.rank, d.rank as u64);
            let DocTokens {
                fields,
                lens,
                chunk_positions,
            } = t;
            for (i, toks) in fields.into_iter().enumerate() {
                doc.add_pre_tokenized_text(
                    f.text[i],
                    PreTokenizedString {
                        text: String::new(),
                        tokens: toks,
                    },
                );
                doc.add_u64(f.len[i], lens[i] as u64);
            }
            doc.add_text(f.display_title, d.field(F::Title));
            doc.add_text(f.excerpt, &d.excerpt_text);
            for &p in &chunk_positions {
                doc.add_u64(f.chunks, p as u64);
            }
            doc.add_text(f.kind, d.kind.type_name());
            for r in &d.regions {
                doc.add_text(f.regions, r);
            }
            for t in &d.themes {
                doc.add_text(f.themes, t);
            }
            if d.date > 0 {
                doc.add_text(f.year, (d.date / 10_000).to_string());
            }
            doc.add_text(f.date, &d.date_iso);
            writer
                .add_document(doc)
                .map(|_| chunk_positions)
                .map_err(|e| e.to_string())
        })
        .collect::<Result<_, String>>()?;
    writer.commit().map_err(|e| e.to_string())?;
    writer.wait_merging_threads().map_err(|e| e.to_string())?;
    Ok((staging, index, chunk_positions))
}
