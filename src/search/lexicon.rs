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

/// The query-table rows one lower-case word brings: its folded form, its fallback key, and the
/// fallback keys of its lemma's other spellings ([`super::lemma::spellings`]). The lemma key of
/// "kohtaamispaikat" is "kohtaamispaik"; "kohtaamispaikk" (whose fallback key "kohtaamispaikka"
/// has) is one of its spellings: so a form the bank lacks finds its lemma's pages.
fn rows_of(word: &str, a: &Analysed, terms: &[String]) -> Vec<(String, Vec<TermId>)> {
    let form = fold(word);
    let mut out = form_rows(&form, a);
    if let Some(&main) = a.query.first()
        && let Some(term) = terms.get(main as usize)
    {
        let head = form.rsplit_once('-').map(|(h, _)| h);
        out.extend(
            lemma_keys(head, term)
                .into_iter()
                .map(|k| (format!("~{k}"), vec![main])),
        );
    }
    out
}

/// The rows of a folded form itself: the form and its fallback key, each to its query terms.
fn form_rows(form: &str, a: &Analysed) -> Vec<(String, Vec<TermId>)> {
    let mut out = Vec::with_capacity(2);
    if let Some(key) = finnish::fallback_key(form) {
        out.push((format!("~{key}"), a.query.clone()));
    }
    out.push((form.to_string(), a.query.clone()));
    out
}

/// The fallback keys under which forms of the lemma `term` arrive, for a word written with
/// `head` before its last hyphen: "sote-uudistuksessa" is reached from "sote-uudistus" (the
/// rule changes only the last part).
fn lemma_keys(head: Option<&str>, term: &str) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    if term.chars().count() < 4 || !term.chars().all(char::is_alphabetic) {
        return keys;
    }
    let last_key = match head {
        Some(h) => term.strip_prefix(&h.replace('-', "")).unwrap_or(term),
        None => term,
    };
    for s in super::lemma::spellings(last_key) {
        for written in [s.clone(), format!("{s}n"), format!("{s}t")] {
            let whole = match head {
                Some(h) => format!("{h}-{written}"),
                None => written,
            };
            if let Some(k) = finnish::fallback_key(&whole)
                && !keys.contains(&k)
            {
                keys.push(k);
            }
        }
    }
    keys
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
        // Many words share a lemma: its keys are worked out once, in parallel.
        let mut lemmas: Vec<(Option<String>, TermId)> = self
            .words
            .iter()
            .zip(&self.analysed)
            .filter_map(|(w, a)| Some((fold(w).rsplit_once('-').map(|(h, _)| h.to_string()), *a.query.first()?)))
            .collect();
        lemmas.sort_unstable();
        lemmas.dedup();
        let keyed: Vec<(TermId, Vec<String>)> = lemmas
            .par_iter()
            .map(|(head, t)| (*t, lemma_keys(head.as_deref(), &self.terms[*t as usize])))
            .collect();
        for (t, keys) in keyed {
            for k in keys {
                table.entry(format!("~{k}")).or_default().insert(t);
            }
        }
        for (w, a) in self.words.iter().zip(&self.analysed) {
            for (key, terms) in form_rows(&fold(w), a) {
                table.entry(key).or_default().extend(terms);
            }
        }
        table.into_iter().map(|(k, v)| (k, v.into_iter().collect())).collect()
    }

    /// The word of number `i` with its analysis, as rows of the query table.
    pub fn rows(&self, i: usize) -> Vec<(String, Vec<TermId>)> {
        match (self.words.get(i), self.analysed.get(i)) {
            (Some(w), Some(a)) => rows_of(w, a, &self.terms),
            _ => Vec::new(),
        }
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
