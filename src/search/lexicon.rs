//! The bank's table of words: every distinct kept word of the searchable text, analysed once.
//!
//! Documents are indexed with each word's terms from it, and both search outputs get its query
//! side: from each form (lower-cased, folded) to the terms a query word of that form looks for,
//! plus the fallback keys of [`finnish::fallback_key`]. `lape search` and the browser look query
//! words up in this table; neither analyses a query word itself.

use super::finnish::{self, FormTerms, Vocabulary};
use super::tokens::WordList;
use super::words::fold;
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
#[derive(Default)]
pub struct Lexicon {
    /// Word number (see `tokens::scan`) -> the word, lower-cased (not folded: the analysis needs
    /// ä and ö).
    pub words: Vec<String>,
    /// Word number -> its analysis.
    pub analysed: Vec<Analysed>,
    /// Every index term (sorted as built; the preview appends).
    pub terms: Vec<String>,
    /// The bank's vocabulary for splitting compounds, kept to analyse words added later.
    pub vocab: Vocabulary,
}

impl Lexicon {
    /// Analyses every distinct word of the bank, each once, in parallel.
    pub fn build(list: WordList) -> Lexicon {
        // Hyphenated words count for their parts too: "sote" in "sote-uudistus" is a word.
        let mut vocab_counts: HashMap<&str, u32> = HashMap::with_capacity(list.words.len());
        for (w, &n) in list.words.iter().zip(&list.counts) {
            for part in w.split('-') {
                *vocab_counts.entry(part).or_insert(0) += n;
            }
        }
        let vocab = Vocabulary::from_counts(vocab_counts.into_iter());
        let analysed: Vec<FormTerms> = list.words.par_iter().map(|w| finnish::analyse(w, &vocab)).collect();
        let terms: Vec<String> = analysed
            .iter()
            .flat_map(|t| t.doc.iter().chain(&t.query).cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let id = |t: &String| terms.binary_search(t).map_or(0, |i| i as TermId);
        let analysed: Vec<Analysed> = analysed
            .iter()
            .map(|t| Analysed {
                query: t.query.iter().map(id).collect(),
                doc: t.doc.iter().map(id).collect(),
            })
            .collect();
        Lexicon {
            words: list.words,
            analysed,
            terms,
            vocab,
        }
    }

    /// The query side of the table: folded form -> the terms a query word of that form looks
    /// for (forms that fold alike, "sää" and "saa", share their terms), and fallback key ->
    /// the terms of every form with that key, keyed `~key`.
    pub fn query_table(&self) -> BTreeMap<String, Vec<TermId>> {
        let mut table: BTreeMap<String, BTreeSet<TermId>> = BTreeMap::new();
        for (w, a) in self.words.iter().zip(&self.analysed) {
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
        for (w, a) in self.words.iter().zip(&self.analysed) {
            let form = fold(w);
            for &t in &a.doc {
                out[t as usize].insert(form.clone());
            }
        }
        out.into_iter().map(|s| s.into_iter().collect()).collect()
    }
}
