//! The bank's table of words: every distinct word of the searchable text, analysed once.
//!
//! Documents are tokenised against it (each word's index terms), and both search outputs get
//! the query side of it: from each form (lower-cased, folded) to the terms a query word of that
//! form looks for, plus the fallback keys of [`finnish::fallback_key`]. `lape search` and the
//! browser look query words up in this table; neither analyses a query word itself.

use super::corpus::{Field, SearchDoc};
use super::finnish::{self, FormTerms, Stem, Vocabulary};
use super::words::{fold, lower_into, words};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Index of a term in [`Lexicon::terms`] (terms are sorted, so ids follow the order of terms).
pub type TermId = u32;

/// One analysed word.
#[derive(Debug, Clone, Default)]
pub struct Analysed {
    /// Terms a query word of this form looks for.
    pub query: Vec<TermId>,
    /// Terms indexed at the word's position.
    pub doc: Vec<TermId>,
}

/// The analysis of every word of the bank.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Lower-cased word (not folded: the analysis needs ä and ö) -> its analysis.
    pub words: HashMap<String, Analysed>,
    /// Every index term, sorted.
    pub terms: Vec<String>,
}

/// Lower-cased words of every field of every document, with how often each occurs.
fn count_words(docs: &[SearchDoc]) -> HashMap<String, u32> {
    docs.par_iter()
        .fold(HashMap::<String, u32>::new, |mut counts, d| {
            let mut lower = String::new();
            for f in Field::ALL {
                let text = d.field(f);
                for w in words(text) {
                    lower_into(&text[w.start..w.end], &mut lower);
                    if let Some(n) = counts.get_mut(lower.as_str()) {
                        *n += 1;
                    } else {
                        counts.insert(lower.clone(), 1);
                    }
                }
            }
            counts
        })
        .reduce(HashMap::new, |mut a, b| {
            let (mut big, small) = if a.len() >= b.len() {
                (a, b)
            } else {
                (b, std::mem::take(&mut a))
            };
            for (w, n) in small {
                *big.entry(w).or_insert(0) += n;
            }
            big
        })
}

impl Lexicon {
    /// Analyses every distinct word of `docs`: each one once, in parallel.
    pub fn build(docs: &[SearchDoc]) -> Lexicon {
        let counts = count_words(docs);
        // Hyphenated words count for their parts too: "sote" in "sote-uudistus" is a word.
        let mut vocab_counts: HashMap<&str, u32> = HashMap::with_capacity(counts.len());
        for (w, &n) in &counts {
            for part in w.split('-') {
                *vocab_counts.entry(part).or_insert(0) += n;
            }
        }
        let vocab = Vocabulary::from_counts(vocab_counts.into_iter());
        let analysed: Vec<(String, FormTerms)> = counts
            .into_par_iter()
            .filter(|(w, _)| !finnish::is_stop(&fold(w)))
            .map_init(Stem::default, |stem, (w, _)| {
                let t = finnish::analyse(&w, stem, &vocab);
                (w, t)
            })
            .collect();
        let mut terms: Vec<String> = analysed
            .iter()
            .flat_map(|(_, t)| t.doc.iter().chain(&t.query).cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        terms.shrink_to_fit();
        let id = |t: &String| terms.binary_search(t).map_or(0, |i| i as TermId);
        let words = analysed
            .into_iter()
            .map(|(w, t)| {
                let a = Analysed {
                    query: t.query.iter().map(id).collect(),
                    doc: t.doc.iter().map(id).collect(),
                };
                (w, a)
            })
            .collect();
        Lexicon { words, terms }
    }

    /// The query side of the table: folded form -> the terms a query word of that form looks
    /// for (forms that fold alike, "sää" and "saa", share their terms), and fallback key ->
    /// the terms of every form with that key, keyed `~key`.
    pub fn query_table(&self) -> BTreeMap<String, Vec<TermId>> {
        let mut table: BTreeMap<String, BTreeSet<TermId>> = BTreeMap::new();
        for (w, a) in &self.words {
            let form = fold(w);
            if let Some(key) = finnish::fallback_key(&form) {
                table.entry(format!("~{key}")).or_default().extend(&a.query);
            }
            table.entry(form).or_default().extend(&a.query);
        }
        table.into_iter().map(|(k, v)| (k, v.into_iter().collect())).collect()
    }

    /// Term -> the folded forms whose words carry it in the index: the words an excerpt marks.
    pub fn forms_by_term(&self) -> Vec<Vec<String>> {
        let mut out: Vec<BTreeSet<String>> = vec![BTreeSet::new(); self.terms.len()];
        for (w, a) in &self.words {
            let form = fold(w);
            for &t in &a.doc {
                out[t as usize].insert(form.clone());
            }
        }
        out.into_iter().map(|s| s.into_iter().collect()).collect()
    }
}
