//! The tantivy index: which documents have each term in each field, their filters, and what a
//! result shows, stored. Each document's record (see `forward`) and excerpt text are in stores
//! beside it (see `store`), by rank.
//!
//! A text field is given the field's distinct terms separated by spaces (terms never hold one)
//! and split on them, so tantivy never analyses text itself. The index is written into a staging folder beside its final place
//! and swapped in whole, like the site, so a failed or killed build leaves the previous index
//! usable.

use super::corpus::{Field as F, SearchDoc};
use super::forward::{Forward, terms_of};
use super::lexicon::Lexicon;
use crate::output::Staging;
use std::path::Path;
use tantivy::schema::{FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, TantivyDocument};

/// The store of records, by rank.
pub(super) const RECORDS: &str = "lape-records";
/// The store of excerpt texts, by rank.
pub(super) const TEXTS: &str = "lape-texts";

/// The tokenizer of the text fields: tantivy's own, splitting on spaces.
const TOKENIZER: &str = "whitespace";

/// The fields of the index.
pub(super) struct Fields {
    pub url: Field,
    pub rank: Field,
    /// Every term of the document (of any field): what a query's words are looked up in.
    pub terms: Field,
    pub display_title: Field,
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
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false);
        b.add_text_field(name, TextOptions::default().set_indexing_options(idx))
    };
    let fields = Fields {
        url: b.add_text_field("url", STRING | STORED),
        rank: b.add_u64_field("rank", FAST | STORED),
        terms: text(&mut b, "terms"),
        display_title: b.add_text_field("display_title", STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        regions: b.add_text_field("region", STRING | STORED),
        themes: b.add_text_field("theme", STRING | STORED),
        year: b.add_text_field("year", STRING),
        date: b.add_text_field("date", STORED),
    };
    (b.build(), fields)
}

/// What writing the index did.
#[derive(Debug, Default, Clone)]
pub struct IndexStats {
    /// Documents indexed.
    pub documents: usize,
    /// Bytes on disk.
    pub bytes: u64,
}

/// The tantivy document of one page: its record's terms, what a result shows, its filters.
pub(super) fn document(f: &Fields, d: &SearchDoc, record: &[u8], lexicon: &Lexicon) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.url, &d.url);
    doc.add_u64(f.rank, d.rank as u64);
    let mut text = String::new();
    for t in terms_of(record) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(lexicon.terms.get(t as usize).map_or("", String::as_str));
    }
    doc.add_text(f.terms, &text);
    doc.add_text(f.display_title, d.field(F::Title));
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
    doc
}

/// Writes the tantivy index of `docs` beside `target` without swapping it in: the caller commits
/// it once the pages it belongs to are in place, so a crash never pairs a new index with old
/// pages.
pub(super) fn write_staged(
    docs: &[SearchDoc],
    forward: &Forward,
    lexicon: &Lexicon,
    target: &Path,
) -> Result<Staging, String> {
    let staging = Staging::begin(target).map_err(|e| format!("cannot prepare the index folder: {e}"))?;
    let (schema, f) = schema();
    let index = Index::create_in_dir(staging.path(), schema).map_err(|e| e.to_string())?;
    // One indexing thread: the pages are rendered beside it.
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(1, 100_000_000)
        .map_err(|e| e.to_string())?;
    for (i, d) in docs.iter().enumerate() {
        let doc = document(&f, d, &forward.records[i], lexicon);
        writer.add_document(doc).map_err(|e| e.to_string())?;
    }
    let stores = || -> std::io::Result<()> {
        super::store::write(staging.path(), RECORDS, forward.records.iter().map(Vec::as_slice))?;
        super::store::write(staging.path(), TEXTS, docs.iter().map(|d| d.excerpt_text().as_bytes()))
    };
    stores().map_err(|e| format!("cannot write the search stores: {e}"))?;
    writer.commit().map_err(|e| e.to_string())?;
    writer.wait_merging_threads().map_err(|e| e.to_string())?;
    Ok(staging)
}

/// Replaces the documents with these URLs by new ones in the index at `dir` (the preview's
/// updates), and their records and texts: no merging, one commit.
pub(super) fn replace(
    dir: &Path,
    docs: Vec<(String, TantivyDocument)>,
    records: &[(u32, &[u8])],
    texts: &[(u32, &[u8])],
) -> Result<(), String> {
    super::store::replace(dir, RECORDS, records)
        .and_then(|()| super::store::replace(dir, TEXTS, texts))
        .map_err(|e| format!("cannot update the search stores: {e}"))?;
    let index = Index::open_in_dir(dir).map_err(|e| e.to_string())?;
    let (_, f) = schema();
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(1, 15_000_000)
        .map_err(|e| e.to_string())?;
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    for (url, doc) in docs {
        writer.delete_term(tantivy::Term::from_field_text(f.url, &url));
        writer.add_document(doc).map_err(|e| e.to_string())?;
    }
    writer.commit().map_err(|e| e.to_string())?;
    Ok(())
}
