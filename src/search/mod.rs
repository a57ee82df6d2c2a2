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
pub mod lemma;
pub mod lexicon;
pub mod live;
pub mod query;
pub mod score;
mod store;
pub mod tokens;
pub mod wordlist;
pub mod words;

pub use engine::{Answer, Hit, SearchError, SearchRequest, search};
pub use index::IndexStats;

use crate::graph::Bank;
use crate::output::{Sink, Staging};
use corpus::FIELD_COUNT;
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
    /// Phase timings.
    pub timings: SearchTimings,
    /// Everything needed to update both indexes after an edit (kept by the preview).
    pub state: live::SearchState,
}

/// Writes the tables `lape search` reads beside the index: the query table (folded form or
/// `~key` -> term numbers, sorted lines) and one line per term (its text, its document frequency
/// per field, its forms).
fn write_tables(
    dir: &Path,
    query: &BTreeMap<String, Vec<lexicon::TermId>>,
    terms: &[String],
    df: &[[u64; FIELD_COUNT]],
    forms: &[impl AsRef<[String]>],
) -> Result<(), String> {
    let mut q = String::new();
    for (k, ts) in query {
        q.push_str(k);
        q.push('\t');
        for (i, t) in ts.iter().enumerate() {
            if i > 0 {
                q.push(' ');
            }
            let _ = write!(q, "{t}");
        }
        q.push('\n');
    }
    let mut f = String::new();
    for (i, (t, fs)) in terms.iter().zip(forms).enumerate() {
        f.push_str(t);
        let d = df.get(i).copied().unwrap_or_default();
        let df: Vec<String> = d.iter().map(u64::to_string).collect();
        let _ = write!(f, "\t{}\t", df.join(" "));
        f.push_str(&fs.as_ref().join(" "));
        f.push('\n');
    }
    for (name, text) in [(engine::QUERY_FILE, q), (engine::FORMS_FILE, f)] {
        // Beside, then renamed: a `lape search` running meanwhile reads one whole table.
        let tmp = dir.join(format!("{name}.tmp"));
        std::fs::write(&tmp, text)
            .and_then(|()| std::fs::rename(&tmp, dir.join(name)))
            .map_err(|e| format!("cannot write {name}: {e}"))?;
    }
    Ok(())
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
    let lexicon = lexicon::Lexicon::build(words);
    let forward = forward::build(&scanned, &lexicon);
    drop(scanned);
    let query = lexicon.query_table();
    let forms = lexicon.forms_by_term();
    timings.analyse = t.elapsed();

    // tantivy's writer takes one thread; the browser index is written beside it.
    let (tantivy, browser) = rayon::join(
        || {
            let t = Instant::now();
            let staging = index::write_staged(&docs, &forward, &lexicon, index_dir)?;
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
                stats: forward.stats,
            };
            write_tables(staging.path(), &query, &lexicon.terms, &forward.df, &forms)?;
            std::fs::write(
                staging.path().join(engine::META_FILE),
                serde_json::to_vec(&meta).map_err(|e| e.to_string())?,
            )
            .map_err(|e| format!("cannot write {}: {e}", engine::META_FILE))?;
            Ok::<_, String>((staging, t.elapsed()))
        },
        || {
            let t = Instant::now();
            let b = browser::BrowserIndex::write(
                browser::Inputs {
                    bank,
                    docs: &docs,
                    records: &forward.records,
                    stats: &forward.stats,
                    df: &forward.df,
                    sizes: &forward.sizes,
                    terms: lexicon.terms.len(),
                    table: query.clone(),
                    forms: forms.clone(),
                    ui,
                    languages,
                },
                sink,
            )?;
            Ok::<_, String>((b, t.elapsed()))
        },
    );
    let (staging, tantivy_time) = tantivy?;
    let (browser, browser_time) = browser?;
    timings.tantivy = tantivy_time;
    timings.browser = browser_time;
    let stats = IndexStats {
        documents: docs.len(),
        bytes: crate::output::dir_size(staging.path()),
    };
    let state = live::SearchState::new(&docs, lexicon, forward, query, browser);
    Ok(Written {
        stats,
        staging,
        timings,
        state,
    })
}
