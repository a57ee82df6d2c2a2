//! The preview's search state: after a save, both indexes are updated for the changed documents
//! only, in a fraction of a second even at 10,000 documents.
//!
//! A changed document is scanned and recorded again with the collection figures of the last
//! full build (so no other document's impacts move); words new to the bank are analysed and
//! their terms appended. The browser index rewrites the shards those terms live in, the record
//! shard and chunks of the document and `meta.json`; tantivy replaces the document. Both outputs
//! read the same records, so they still answer alike; a full build afterwards ranks with fresh
//! figures.

use super::browser::{BrowserIndex, Changed, Update};
use super::corpus;
use super::corpus::FIELD_COUNT;
use super::finnish;
use super::forward::{self, decode};
use super::index;
use super::lexicon::{Analysed, Lexicon, TermId};
use super::score::Stats;
use super::tokens::scan_doc;
use super::words::{fold, fold_into, lower_into};
use crate::graph::Bank;
use crate::model::DocId;
use crate::output::Sink;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Why an update cannot be done in place; the caller builds everything again.
#[derive(Debug)]
pub enum UpdateError {
    /// A document that was not in the last full build (or a changed URL).
    NewDocument,
    /// Writing failed.
    Io(String),
}

/// Everything needed to update both indexes after an edit.
pub struct SearchState {
    lexicon: Lexicon,
    /// Lower-cased word -> its number (made on the first update).
    word_ids: Option<FxHashMap<String, u32>>,
    /// Term -> its number (made on the first update).
    term_ids: Option<HashMap<String, TermId>>,
    /// The query table as `lape search` reads it.
    query: BTreeMap<String, Vec<TermId>>,
    stats: Stats,
    df: Vec<[u64; FIELD_COUNT]>,
    records: Vec<Vec<u8>>,
    ranks: HashMap<String, u32>,
    browser: BrowserIndex,
}

impl SearchState {
    pub(super) fn new(
        docs: &[corpus::SearchDoc],
        lexicon: Lexicon,
        fw: forward::Forward,
        query: BTreeMap<String, Vec<TermId>>,
        browser: BrowserIndex,
    ) -> SearchState {
        SearchState {
            lexicon,
            word_ids: None,
            term_ids: None,
            query,
            stats: fw.stats,
            df: fw.df,
            records: fw.records,
            ranks: docs.iter().map(|d| (d.url.clone(), d.rank)).collect(),
            browser,
        }
    }

    /// The number of a term, appending it when new.
    fn term(&mut self, t: &str) -> TermId {
        let terms = &mut self.lexicon.terms;
        let ids = self.term_ids.get_or_insert_with(|| {
            terms
                .iter()
                .enumerate()
                .map(|(i, t)| (t.clone(), i as TermId))
                .collect()
        });
        if let Some(&id) = ids.get(t) {
            return id;
        }
        let id = terms.len() as TermId;
        terms.push(t.to_string());
        ids.insert(t.to_string(), id);
        id
    }

    /// Updates both indexes for the documents `changed` of `bank`: tantivy's in `index_dir`, the
    /// browser's in `sink`.
    pub fn update(
        &mut self,
        bank: &Bank,
        changed: &[DocId],
        index_dir: &Path,
        sink: &dyn Sink,
    ) -> Result<(), UpdateError> {
        let terms_before = self.lexicon.terms.len();
        let mut new_forms: Vec<(TermId, String)> = Vec::new();
        let mut rows: Vec<(String, Vec<TermId>)> = Vec::new();
        let mut changes = Vec::new();
        let mut tantivy_docs = Vec::new();
        let mut texts: Vec<(u32, String)> = Vec::new();
        let (_, fields) = index::schema();
        let redactor = crate::export::personal::Redactor::of(bank);
        for &id in changed {
            let mut doc = corpus::one(bank, id, &redactor);
            let Some(&rank) = self.ranks.get(&doc.url) else {
                return Err(UpdateError::NewDocument);
            };
            doc.rank = rank;
            // Number the words; words new to the bank are analysed after the scan.
            let lexicon = &self.lexicon;
            let words = &lexicon.words;
            let ids = self
                .word_ids
                .get_or_insert_with(|| words.iter().enumerate().map(|(i, w)| (w.clone(), i as u32)).collect());
            let mut fresh: Vec<String> = Vec::new();
            let (mut lower, mut folded) = (String::new(), String::new());
            let scanned = scan_doc(&doc, &mut |raw| {
                lower_into(raw, &mut lower);
                fold_into(&lower, &mut folded);
                if finnish::is_stop(&folded) {
                    return None;
                }
                if let Some(&i) = ids.get(lower.as_str()) {
                    return Some(i);
                }
                let i = (words.len() + fresh.len()) as u32;
                ids.insert(lower.clone(), i);
                fresh.push(lower.clone());
                Some(i)
            });
            for w in fresh {
                let t = finnish::analyse(&w, &self.lexicon.vocab);
                let a = Analysed {
                    query: t.query.iter().map(|x| self.term(x)).collect(),
                    doc: t.doc.iter().map(|x| self.term(x)).collect(),
                };
                let form = fold(&w);
                new_forms.extend(a.doc.iter().map(|&t| (t, form.clone())));
                self.lexicon.words.push(w);
                self.lexicon.analysed.push(a);
                rows.extend(self.lexicon.rows(self.lexicon.words.len() - 1));
            }
            let record = forward::one(&scanned, &self.lexicon);
            // Terms new since the full build count the documents that brought them.
            self.df.resize(self.lexicon.terms.len(), [0; FIELD_COUNT]);
            forward::walk(&record, |t, tf, _, _, _| {
                if t as usize >= terms_before
                    && let Some(d) = self.df.get_mut(t as usize)
                {
                    for f in 0..FIELD_COUNT {
                        d[f] += (tf[f] > 0) as u64;
                    }
                }
            });
            let old = decode(&self.records[rank as usize]);
            let new = decode(&record);
            texts.push((rank, doc.excerpt_text().to_string()));
            tantivy_docs.push((doc.url.clone(), index::document(&fields, &doc, &record, &self.lexicon)));
            self.records[rank as usize] = record;
            changes.push(Changed { rank, old, new, doc });
        }
        for (key, terms) in &rows {
            let row = self.query.entry(key.clone()).or_default();
            for t in terms {
                if !row.contains(t) {
                    row.push(*t);
                }
            }
            row.sort_unstable();
        }
        let new_words = !rows.is_empty();
        self.browser
            .update(
                Update {
                    stats: &self.stats,
                    df: &self.df,
                    changed: changes,
                    new_terms: self.lexicon.terms.len() - terms_before,
                    new_forms,
                    rows,
                },
                sink,
            )
            .map_err(UpdateError::Io)?;
        let records: Vec<(u32, &[u8])> = texts
            .iter()
            .map(|(r, _)| (*r, self.records[*r as usize].as_slice()))
            .collect();
        let texts: Vec<(u32, &[u8])> = texts.iter().map(|(r, t)| (*r, t.as_bytes())).collect();
        index::replace(index_dir, tantivy_docs, &records, &texts).map_err(UpdateError::Io)?;
        if new_words {
            super::write_tables(
                index_dir,
                &self.query,
                &self.lexicon.terms,
                &self.df,
                &self.browser.forms(),
            )
            .map_err(UpdateError::Io)?;
        }
        Ok(())
    }
}
