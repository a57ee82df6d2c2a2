//! Search: one Finnish analysis, one index design, two outputs.
//!
//! Each build collects the searchable pages ([`corpus`]), analyses every distinct word of them
//! once ([`lexicon`], with the morphology of [`finnish`]), and tokenises each page against that
//! table into a tantivy index ([`index`]) for `lape search`. The browser's static index
//! ([`browser`]) is then derived from the tantivy index, so both hold the same terms, postings and
//! impacts ([`score`]). Queries are parsed by one grammar ([`query`]) and looked up in the same
//! table of forms by both engines ([`engine`] here, `search-engine.js` in the theme), and results
//! are excerpted by one rule ([`excerpt`]).

pub mod browser;
pub mod corpus;
pub mod engine;
pub mod excerpt;
pub mod finnish;
pub mod forward;
mod index;
pub mod lexicon;
pub mod query;
pub mod score;
pub mod tokens;
pub mod words;

pub use engine::{Answer, Hit, SearchError, SearchRequest, search};
pub use index::IndexStats;

use crate::graph::Bank;
use crate::output::{Sink, Staging};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// How long each part of writing the search data took.
#[derive(Debug, Clone, Default)]
pub struct SearchTimings {
    /// Collecting pages and analysing every distinct word.
    pub analyse: Duration,
    /// Writing the tantivy index.
    pub tantivy: Duration,
    /// Deriving and writing the browser index.
    pub browser: Duration,
}

/// What writing the search data did.
pub struct Written {
    /// The tantivy index's figures.
    pub stats: IndexStats,
    /// The new tantivy index, not yet swapped in: the caller commits it after the pages.
    pub staging: Staging,
    /// Files and bytes of the browser index.
    pub browser_files: usize,
    /// Bytes of the browser index.
    pub browser_bytes: u64,
    /// Phase timings.
    pub timings: SearchTimings,
}

fn tsv<'a>(rows: impl Iterator<Item = (&'a str, Vec<&'a str>)>) -> String {
    let mut out = String::new();
    for (k, vs) in rows {
        let _ = writeln!(out, "{k}\t{}", vs.join(" "));
    }
    out
}

/// Writes both search outputs for `bank`: the tantivy index into a staging folder beside
/// `index_dir`, the browser index into `sink` under [`browser::DIR`].
pub fn write(
    bank: &Bank,
    index_dir: &Path,
    ui: &BTreeMap<String, toml::Table>,
    languages: &[String],
    sink: &dyn Sink,
) -> Result<Written, String> {
    let mut timings = SearchTimings::default();
    let t = Instant::now();
    let docs = corpus::collect(bank);
    let (scanned, words) = tokens::scan(&docs);
    let lexicon = std::sync::Arc::new(lexicon::Lexicon::build(words));
    let forward = forward::build(&scanned, &lexicon);
    drop(scanned);
    timings.analyse = t.elapsed();

    let t = Instant::now();
    let (staging, _index) = index::write_staged(&docs, &forward, &lexicon, index_dir)?;
    // The query side of the table and the forms of each term, for `lape search`.
    let table = lexicon.query_table();
    let ids: Vec<String> = (0..lexicon.terms.len()).map(|i| i.to_string()).collect();
    let query_rows = table
        .iter()
        .map(|(k, v)| (k.as_str(), v.iter().map(|&t| ids[t as usize].as_str()).collect()));
    let forms = lexicon.forms_by_term();
    // One line per term, in term order: line `i` is term `i`, its text, then its forms.
    let form_rows = lexicon
        .terms
        .iter()
        .zip(&forms)
        .map(|(t, fs)| (t.as_str(), fs.iter().map(String::as_str).collect()));
    let meta = engine::IndexMeta {
        format: browser::FORMAT,
        regions: bank
            .by_kind_ids(crate::model::Kind::Region)
            .map(|id| bank.doc(id).slug.clone())
            .collect(),
        themes: bank
            .by_kind_ids(crate::model::Kind::Theme)
            .map(|id| bank.doc(id).slug.clone())
            .collect(),
    };
    let write_file = |name: &str, bytes: &[u8]| {
        std::fs::write(staging.path().join(name), bytes).map_err(|e| format!("cannot write {name}: {e}"))
    };
    write_file(engine::QUERY_FILE, tsv(query_rows).as_bytes())?;
    write_file(engine::FORMS_FILE, tsv(form_rows).as_bytes())?;
    write_file(
        engine::META_FILE,
        &serde_json::to_vec(&meta).map_err(|e| e.to_string())?,
    )?;
    timings.tantivy = t.elapsed();

    let t = Instant::now();
    let (browser_files, browser_bytes) = browser::write(
        &browser::Inputs {
            bank,
            docs: &docs,
            lexicon: &lexicon,
            forward: &forward,
            ui,
            languages,
        },
        sink,
    )?;
    timings.browser = t.elapsed();
    let stats = IndexStats {
        documents: docs.len(),
        bytes: crate::output::dir_size(staging.path()),
    };
    Ok(Written {
        stats,
        staging,
        browser_files,
        browser_bytes,
        timings,
    })
}
