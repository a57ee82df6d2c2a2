//! Related documents: shared pilots, themes and regions, plus shared distinctive words.
//!
//! Candidates come through inverted lists (feature -> documents) of the selective features,
//! pilots and distinctive words, so each document only meets the documents it shares something
//! specific with; themes and regions, shared by hundreds of documents each, then rank those
//! candidates (and supply candidates only when too few were found). There is no all-pairs pass.

use super::Bank;
use crate::model::{DocId, Kind};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// How many related documents a page shows.
pub const MAX_RELATED: usize = 5;
/// Distinctive words kept per document for text similarity.
const KEYWORDS: usize = 12;
/// A keyword found in more documents than this links too much to mean anything.
const MAX_KEYWORD_DF: f32 = 50.0;
/// Only the opening of a text is read for keywords: what a document is about shows early, and
/// reading every word of a large bank was most of the cross-link pass.
const KEYWORD_PREFIX: usize = 4000;
/// Below this many candidates, documents sharing a theme are considered too.
const MIN_CANDIDATES: usize = 4 * MAX_RELATED;

const W_PILOT: f32 = 4.0;
const W_THEME: f32 = 2.0;
const W_REGION: f32 = 1.0;
const W_WORD: f32 = 0.5;

const FNV_OFFSET: u64 = 0xcbf29ce484222325;
const FNV_PRIME: u64 = 0x100000001b3;

/// The keys are already hashes: hashing them again with SipHash was most of this pass's time.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

type HashedMap<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// One text's words (as hashes) with their counts, sorted by word: a tenth of the memory of a
/// hash map for the few hundred words of a document, which at 10,000 documents was 170 MB.
pub(super) struct WordCounts(Box<[(u64, u32)]>);

impl WordCounts {
    fn keys(&self) -> impl Iterator<Item = &u64> {
        self.0.iter().map(|(w, _)| w)
    }

    fn iter(&self) -> impl Iterator<Item = (&u64, &u32)> {
        self.0.iter().map(|(w, n)| (w, n))
    }

    fn contains_key(&self, w: &u64) -> bool {
        self.0.binary_search_by_key(w, |&(k, _)| k).is_ok()
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

/// Word hashes of a text with their counts; short words carry too little to be distinctive.
/// Characters are lower-cased and hashed on the fly, with no string per word.
fn word_counts(text: &str) -> WordCounts {
    let mut counts = HashedMap::with_capacity_and_hasher(512, Default::default());
    let (mut h, mut len) = (FNV_OFFSET, 0usize);
    let feed = |b: u8, h: &mut u64| *h = (*h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() {
            feed(c.to_ascii_lowercase() as u8, &mut h);
            len += 1;
        } else if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    feed(b, &mut h);
                }
            }
            len += 1;
        } else {
            if len >= 6 {
                *counts.entry(h).or_insert(0) += 1;
            }
            h = FNV_OFFSET;
            len = 0;
        }
    }
    let mut sorted: Vec<(u64, u32)> = counts.into_iter().collect();
    sorted.sort_unstable();
    WordCounts(sorted.into_boxed_slice())
}

/// The opening of a text that keywords are read from.
fn prefix(text: &str) -> &str {
    let mut end = KEYWORD_PREFIX.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Word counts of every text document's opening and the words' document frequencies, kept
/// between the builds of one session: counting every word of a large bank was most of the
/// cross-link pass, and an edit changes the counts of a few documents only.
#[derive(Default)]
pub struct WordCache {
    /// Counts of each text document of the last build, by path.
    counts: HashMap<std::path::PathBuf, Arc<WordCounts>>,
    /// In how many of those documents each word occurs.
    df: HashedMap<u32>,
}

/// Word counts of one document's opening, shared between the banks of a session; `None` for a
/// document that is not text.
type Counts = Option<Arc<WordCounts>>;

/// What the related pass keeps of each document of a bank, so the next bank of a session
/// recomputes only the documents an edit can have moved.
#[derive(Clone, Default)]
pub(super) struct State {
    /// Word counts of each text document's opening.
    counts: Vec<Counts>,
    /// Its keywords.
    keywords: Vec<Vec<u64>>,
    /// Whether it looked for candidates among the documents sharing a theme.
    fallback: Vec<bool>,
}

/// The last bank of a session, with the documents whose text or front matter is not what
/// that bank had (by index: the two banks have the same documents in the same order).
pub(super) type Previous<'a> = (&'a Bank, &'a [bool]);

/// The most distinctive words of each text document (tf-idf), as hashes. Counts of documents
/// that `unchanged` vouches for are taken from `cache`, which is brought up to date.
fn keywords(
    bank: &Bank,
    texts: &[bool],
    cache: &mut WordCache,
    unchanged: &(dyn Fn(&std::path::Path) -> bool + Sync),
    prev: Option<Previous>,
) -> (Vec<Vec<u64>>, Vec<Counts>) {
    let old = std::mem::take(&mut cache.counts);
    let counts: Vec<Counts> = bank
        .docs
        .par_iter()
        .zip(texts)
        .map(|(d, &t)| {
            if !t {
                return None;
            }
            match old.get(&d.path) {
                Some(c) if unchanged(&d.path) => Some(c.clone()),
                _ => Some(Arc::new(word_counts(prefix(&d.scan.text)))),
            }
        })
        .collect();
    let fresh = old.is_empty();
    // Document frequencies: from scratch on a first build, else by the documents that came,
    // went or changed.
    let mut df = std::mem::take(&mut cache.df);
    let mut new_counts: HashMap<std::path::PathBuf, Arc<WordCounts>> = HashMap::with_capacity(counts.len());
    for (d, c) in bank.docs.iter().zip(&counts) {
        if let Some(c) = c {
            new_counts.insert(d.path.clone(), c.clone());
        }
    }
    if fresh {
        df = HashedMap::with_capacity_and_hasher(1 << 16, Default::default());
        for c in counts.iter().flatten() {
            for &w in c.keys() {
                *df.entry(w).or_insert(0) += 1;
            }
        }
    } else {
        for (p, c) in &old {
            if new_counts.get(p).is_none_or(|n| !Arc::ptr_eq(n, c)) {
                for &w in c.keys() {
                    if let Some(n) = df.get_mut(&w) {
                        *n -= 1;
                        if *n == 0 {
                            df.remove(&w);
                        }
                    }
                }
            }
        }
        for (p, c) in &new_counts {
            if old.get(p).is_none_or(|o| !Arc::ptr_eq(o, c)) {
                for &w in c.keys() {
                    *df.entry(w).or_insert(0) += 1;
                }
            }
        }
    }
    let n_texts = texts.iter().filter(|&&t| t).count().max(1) as f32;
    let max_df = (n_texts * 0.2).clamp(2.0, MAX_KEYWORD_DF);
    // A document's keywords change only with its own counts or with the frequency of one of
    // its words; a word's frequency changes only when a changed document gained or lost it.
    let redo: Vec<bool> = match prev {
        None => vec![true; counts.len()],
        Some((p, changed)) => {
            let mut moved: HashedMap<()> = HashedMap::default();
            for i in (0..counts.len()).filter(|&i| changed[i]) {
                let empty = WordCounts(Box::new([]));
                let old = p
                    .related_state
                    .counts
                    .get(i)
                    .and_then(Option::as_deref)
                    .unwrap_or(&empty);
                let new = counts[i].as_deref().unwrap_or(&empty);
                if std::ptr::eq(old, new) {
                    continue;
                }
                for w in old.keys().filter(|w| !new.contains_key(w)) {
                    moved.insert(*w, ());
                }
                for w in new.keys().filter(|w| !old.contains_key(w)) {
                    moved.insert(*w, ());
                }
            }
            counts
                .par_iter()
                .enumerate()
                .map(|(i, c)| {
                    changed[i]
                        || c.as_ref().is_some_and(|c| {
                            if c.len() < moved.len() {
                                c.keys().any(|w| moved.contains_key(w))
                            } else {
                                moved.keys().any(|w| c.contains_key(w))
                            }
                        })
                })
                .collect()
        }
    };
    let keywords = counts
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            if let Some((p, _)) = prev
                && !redo[i]
            {
                return p.related_state.keywords[i].clone();
            }
            let Some(c) = c else { return Vec::new() };
            let mut scored: Vec<(f32, u64)> = c
                .iter()
                .filter_map(|(&w, &tf)| {
                    let d = *df.get(&w)? as f32;
                    // A word in one document links nothing; one in very many says nothing.
                    (d >= 2.0 && d <= max_df).then(|| (tf as f32 * (n_texts / d).ln(), w))
                })
                .collect();
            let k = KEYWORDS.min(scored.len());
            if k > 0 && scored.len() > k {
                scored.select_nth_unstable_by(k - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            }
            scored.into_iter().take(k).map(|(_, w)| w).collect()
        })
        .collect();
    cache.counts = new_counts;
    cache.df = df;
    (keywords, counts)
}

/// Themes and regions of every document as bit sets, so scoring a candidate touches two small
/// arrays instead of two large structs (the scoring loop was bound by cache misses).
/// Exact while a bank has at most 64 themes and 64 regions; beyond that, bits are shared by
/// several themes and the ranking becomes approximate, never wrong about what is shown.
struct Masks {
    themes: Vec<u64>,
    regions: Vec<u64>,
}

impl Masks {
    fn new(bank: &Bank) -> Masks {
        let bit = |id: DocId, ordinal: &HashMap<DocId, u32>| 1u64 << (ordinal.get(&id).copied().unwrap_or(0) % 64);
        let ordinals = |kind: Kind| -> HashMap<DocId, u32> {
            bank.by_kind_ids(kind)
                .enumerate()
                .map(|(i, id)| (id, i as u32))
                .collect()
        };
        let (t, r) = (ordinals(Kind::Theme), ordinals(Kind::Region));
        Masks {
            themes: bank
                .refs
                .iter()
                .map(|x| x.themes.iter().fold(0, |m, &id| m | bit(id, &t)))
                .collect(),
            regions: bank
                .refs
                .iter()
                .map(|x| x.regions.iter().fold(0, |m, &id| m | bit(id, &r)))
                .collect(),
        }
    }
}

/// The pilots a document shares with others: those it names, and itself if it is a pilot.
fn pilots_of(bank: &Bank, i: usize) -> Vec<DocId> {
    let mut pilots = bank.refs[i].pilots.clone();
    if bank.docs[i].kind == Kind::Pilot {
        pilots.push(DocId(i as u32));
    }
    pilots
}

/// Related documents of every document, and the state the next rebuild starts from. With
/// `prev`, only the documents whose ranking can have moved are ranked again: those whose own
/// features (pilots, keywords, themes, regions, date) changed, and those sharing a posting
/// list (a pilot, a keyword, or for a document that fell back on them, a theme) with one of
/// them, before or after. Everything a ranking reads comes through those lists, so the
/// others rank as they did.
pub(super) fn related(
    bank: &Bank,
    cache: &mut WordCache,
    unchanged: &(dyn Fn(&std::path::Path) -> bool + Sync),
    prev: Option<Previous>,
) -> (Vec<Vec<DocId>>, State) {
    let n = bank.docs.len();
    let texts: Vec<bool> = bank.docs.iter().map(|d| d.kind.is_text()).collect();
    let (keywords, counts) = keywords(bank, &texts, cache, unchanged, prev);
    let masks = Masks::new(bank);
    let dates: Vec<Option<crate::model::Date>> = bank.docs.iter().map(|d| d.date()).collect();
    // Postings of the selective features: pilots (a pilot page counts as naming itself) and words.
    let mut by_pilot: HashMap<DocId, Vec<u32>> = HashMap::new();
    let mut by_word: HashedMap<Vec<u32>> = HashedMap::default();
    let mut by_theme: HashMap<DocId, Vec<u32>> = HashMap::new();
    for i in (0..n).filter(|&i| texts[i]) {
        let r = &bank.refs[i];
        for p in pilots_of(bank, i) {
            by_pilot.entry(p).or_default().push(i as u32);
        }
        for &w in &keywords[i] {
            by_word.entry(w).or_default().push(i as u32);
        }
        for &t in &r.themes {
            by_theme.entry(t).or_default().push(i as u32);
        }
    }
    let redo: Vec<bool> = match prev {
        None => vec![true; n],
        Some((p, changed)) => {
            let (mut pilots, mut words, mut themes) = (Vec::new(), HashedMap::<()>::default(), Vec::new());
            for i in 0..n {
                let moved = changed[i]
                    && (p.refs[i].pilots != bank.refs[i].pilots
                        || p.refs[i].themes != bank.refs[i].themes
                        || p.refs[i].regions != bank.refs[i].regions
                        || p.docs[i].date() != dates[i])
                    || p.related_state.keywords[i] != keywords[i];
                if moved {
                    for b in [p, bank] {
                        pilots.extend(pilots_of(b, i));
                        themes.extend(b.refs[i].themes.iter().copied());
                    }
                    for &w in p.related_state.keywords[i].iter().chain(&keywords[i]) {
                        words.insert(w, ());
                    }
                }
            }
            let mut redo = vec![false; n];
            let mut mark = |list: Option<&Vec<u32>>| {
                for &j in list.into_iter().flatten() {
                    redo[j as usize] = true;
                }
            };
            for p in &pilots {
                mark(by_pilot.get(p));
            }
            for w in words.keys() {
                mark(by_word.get(w));
            }
            let theme_set: std::collections::HashSet<DocId> = themes.into_iter().collect();
            for i in 0..n {
                // The changed documents themselves (a posting list holds only text documents,
                // and a document that lost every feature is in none).
                if changed[i] {
                    redo[i] = true;
                }
                if p.related_state.fallback[i] && bank.refs[i].themes.iter().any(|t| theme_set.contains(t)) {
                    redo[i] = true;
                }
            }
            redo
        }
    };
    let ranked: Vec<(Vec<DocId>, bool)> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0f32; n], Vec::<u32>::new()),
            |(scores, touched), i| {
                if !texts[i] {
                    return (Vec::new(), false);
                }
                if let Some((p, _)) = prev
                    && !redo[i]
                {
                    return (p.related[i].clone(), p.related_state.fallback[i]);
                }
                let add = |list: Option<&Vec<u32>>, w: f32, scores: &mut Vec<f32>, touched: &mut Vec<u32>| {
                    for &j in list.into_iter().flatten() {
                        if j as usize != i {
                            if scores[j as usize] == 0.0 {
                                touched.push(j);
                            }
                            // A tiny base keeps a candidate found with weight 0 marked as touched.
                            scores[j as usize] += w.max(f32::MIN_POSITIVE);
                        }
                    }
                };
                let me = &bank.refs[i];
                for p in &pilots_of(bank, i) {
                    add(by_pilot.get(p), W_PILOT, scores, touched);
                }
                for w in &keywords[i] {
                    add(by_word.get(w), W_WORD, scores, touched);
                }
                let fallback = touched.len() < MIN_CANDIDATES;
                if fallback {
                    for t in &me.themes {
                        add(by_theme.get(t), 0.0, scores, touched);
                    }
                }
                let by_date = |j: u32| dates[j as usize];
                let better = |a: (f32, u32), b: (f32, u32)| {
                    a.0.total_cmp(&b.0)
                        .then_with(|| by_date(a.1).cmp(&by_date(b.1)))
                        .then(b.1.cmp(&a.1))
                        .is_gt()
                };
                let bonus_cap = W_THEME * me.themes.len() as f32 + W_REGION * me.regions.len() as f32;
                let mut best: Vec<(f32, u32)> = Vec::with_capacity(MAX_RELATED + 1);
                for &j in touched.iter() {
                    let base = scores[j as usize];
                    scores[j as usize] = 0.0;
                    if best.len() == MAX_RELATED && base + bonus_cap < best[MAX_RELATED - 1].0 {
                        continue;
                    }
                    let j_ = j as usize;
                    let score = base
                        + W_THEME * (masks.themes[i] & masks.themes[j_]).count_ones() as f32
                        + W_REGION * (masks.regions[i] & masks.regions[j_]).count_ones() as f32;
                    let cand = (score, j);
                    if score < 1.0 || (best.len() == MAX_RELATED && !better(cand, best[MAX_RELATED - 1])) {
                        continue;
                    }
                    let pos = best.iter().position(|&b| better(cand, b)).unwrap_or(best.len());
                    best.insert(pos, cand);
                    best.truncate(MAX_RELATED);
                }
                touched.clear();
                (best.into_iter().map(|(_, j)| DocId(j)).collect(), fallback)
            },
        )
        .collect();
    let (related, fallback): (Vec<Vec<DocId>>, Vec<bool>) = ranked.into_iter().unzip();
    (
        related,
        State {
            counts,
            keywords,
            fallback,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_counts_fold_case_and_skip_short_words() {
        let c = word_counts("Perhekeskus perhekeskus PERHEKESKUS ja lapsi Äänekoski äänekoski");
        assert_eq!(c.len(), 2);
        assert!(c.iter().all(|(_, &v)| v == 3 || v == 2));
    }
}
