//! The tantivy schema and the index writer.
//!
//! The index is written into a staging folder beside its final place and swapped in whole,
//! like the site, so a failed or killed build leaves the previous index usable.

use super::TOKENIZER;
use super::finnish::{FinnishTokenizer, Vocabulary};
use crate::graph::Bank;
use crate::output::Staging;
use std::path::Path;
use std::sync::Arc;
use tantivy::schema::{FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, TantivyDocument, doc};

/// The fields of the index.
pub(super) struct Fields {
    pub url: Field,
    pub title: Field,
    pub summary: Field,
    pub body: Field,
    pub kind: Field,
    pub regions: Field,
    pub themes: Field,
    pub pilots: Field,
    pub places: Field,
    pub date: Field,
    pub year: Field,
}

pub(super) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |stored: bool| {
        let idx = TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let o = TextOptions::default().set_indexing_options(idx);
        if stored { o.set_stored() } else { o }
    };
    let fields = Fields {
        url: b.add_text_field("url", STRING | STORED),
        title: b.add_text_field("title", text(true)),
        summary: b.add_text_field("summary", text(true)),
        body: b.add_text_field("body", text(true)),
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        regions: b.add_text_field("region", STRING | STORED),
        themes: b.add_text_field("theme", STRING | STORED),
        pilots: b.add_text_field("pilot", STRING | STORED),
        places: b.add_text_field("places", text(false)),
        date: b.add_text_field("date", STRING | STORED),
        year: b.add_text_field("year", STRING | STORED),
    };
    (b.build(), fields)
}

/// Registers the Finnish analyzer on an index (needed again whenever an index is opened).
pub(super) fn register(index: &Index, vocab: Option<Arc<Vocabulary>>) {
    index.tokenizers().register(
        TOKENIZER,
        tantivy::tokenizer::TextAnalyzer::from(FinnishTokenizer::new(vocab)),
    );
}

/// What writing the index did.
#[derive(Debug, Default, Clone)]
pub struct IndexStats {
    /// Documents indexed.
    pub documents: usize,
    /// Bytes on disk.
    pub bytes: u64,
}

/// Writes the index of every published text document into `target` (atomically).
/// Contacts are never indexed: they are officials' details shown on pages, not search data.
pub fn write_index(bank: &Bank, target: &Path, vocab: Arc<Vocabulary>) -> Result<IndexStats, String> {
    let (stats, staging) = write_index_staged(bank, target, vocab)?;
    staging
        .commit()
        .map_err(|e| format!("cannot move the index into place: {e}"))?;
    Ok(stats)
}

/// Writes the index beside `target` without swapping it in: the caller commits it once the
/// pages it belongs to are in place, so a crash never pairs a new index with old pages.
pub fn write_index_staged(bank: &Bank, target: &Path, vocab: Arc<Vocabulary>) -> Result<(IndexStats, Staging), String> {
    let staging = Staging::begin(target).map_err(|e| format!("cannot prepare the index folder: {e}"))?;
    let (schema, f) = schema();
    let index = Index::create_in_dir(staging.path(), schema).map_err(|e| e.to_string())?;
    register(&index, Some(vocab));
    let mut writer = index
        .writer::<TantivyDocument>(100_000_000)
        .map_err(|e| e.to_string())?;
    let mut documents = 0;
    for id in bank.ids() {
        let d = bank.doc(id);
        if !d.kind.is_text() {
            continue;
        }
        let r = &bank.refs[id.index()];
        let mut doc = doc!(
            f.url => bank.url(id),
            f.title => d.title.as_str(),
            f.summary => d.fm.summary.as_deref().unwrap_or(""),
            f.body => d.scan.text.as_str(),
            f.kind => d.kind.type_name(),
        );
        for &x in &r.regions {
            doc.add_text(f.regions, &bank.doc(x).slug);
            doc.add_text(f.places, &bank.doc(x).title);
        }
        for &x in &r.themes {
            doc.add_text(f.themes, &bank.doc(x).slug);
        }
        for &x in &r.pilots {
            doc.add_text(f.pilots, &bank.doc(x).slug);
        }
        for &m in &r.municipalities {
            doc.add_text(f.places, &bank.municipalities[m].name);
        }
        for o in &d.fm.organisations {
            doc.add_text(f.places, o);
        }
        if let Some(date) = d.date() {
            doc.add_text(f.date, date.iso());
            doc.add_text(f.year, date.year.to_string());
        }
        writer.add_document(doc).map_err(|e| e.to_string())?;
        documents += 1;
    }
    writer.commit().map_err(|e| e.to_string())?;
    writer.wait_merging_threads().map_err(|e| e.to_string())?;
    let bytes = crate::output::dir_size(staging.path());
    Ok((IndexStats { documents, bytes }, staging))
}
