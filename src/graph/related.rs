//! Related documents: shared pilots, themes and regions, plus shared distinctive words.
//!
//! Scores are accumulated through inverted lists (feature -> documents), so each document only
//! meets the documents it shares something with; there is no all-pairs pass.

use super::Bank;
use crate::model::DocId;
use rayon::prelude::*;
use std::collections::HashMap;

/// How many related documents a page shows.
pub const MAX_RELATED: usize = 5;
/// Distinctive words kept per document for text similarity.
const KEYWORDS: usize = 12;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Feature {
    Doc(u32),
    Word(u64),
}

fn fnv(word: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in word.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Word hashes of a text with their counts; short words carry too little to be distinctive.
fn word_counts(text: &str) -> HashMap<u64, u32> {
    let mut counts = HashMap::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.chars().count() >= 6 {
            *counts.entry(fnv(&w.to_lowercase())).or_insert(0) += 1;
        }
    }
    counts
}

pub(super) fn related(bank: &Bank) -> Vec<Vec<DocId>> {
    let n = bank.docs.len();
    let texts: Vec<bool> = bank.docs.iter().map(|d| !d.kind.is_taxonomy()).collect();
    let counts: Vec<HashMap<u64, u32>> = bank
        .docs
        .par_iter()
        .map(|d| {
            if d.kind.is_taxonomy() {
                HashMap::new()
            } else {
                word_counts(&d.scan.text)
            }
        })
        .collect();
    let mut df: HashMap<u64, u32> = HashMap::new();
    for c in &counts {
        for &w in c.keys() {
            *df.entry(w).or_insert(0) += 1;
        }
    }
    let n_texts = texts.iter().filter(|&&t| t).count().max(1) as f32;
    let keywords: Vec<Vec<u64>> = counts
        .par_iter()
        .map(|c| {
            let mut scored: Vec<(f32, u64)> = c
                .iter()
                .filter_map(|(&w, &tf)| {
                    let d = *df.get(&w)? as f32;
                    // A word in one document links nothing; one in most documents says nothing.
                    (d >= 2.0 && d <= (n_texts * 0.2).max(2.0)).then(|| (tf as f32 * (n_texts / d).ln(), w))
                })
                .collect();
            scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.into_iter().take(KEYWORDS).map(|(_, w)| w).collect()
        })
        .collect();
    let features: Vec<Vec<(Feature, f32)>> = (0..n)
        .map(|i| {
            if !texts[i] {
                return Vec::new();
            }
            let r = &bank.refs[i];
            let mut f = Vec::new();
            f.extend(r.pilots.iter().map(|p| (Feature::Doc(p.0), 4.0)));
            f.extend(r.themes.iter().map(|t| (Feature::Doc(t.0), 2.0)));
            f.extend(r.regions.iter().map(|t| (Feature::Doc(t.0), 1.0)));
            f.extend(keywords[i].iter().map(|&w| (Feature::Word(w), 0.5)));
            // A pilot is itself a feature, so the documents that name it rank high on its page.
            if bank.docs[i].kind == crate::model::Kind::Pilot {
                f.push((Feature::Doc(i as u32), 4.0));
            }
            f
        })
        .collect();
    let mut postings: HashMap<Feature, Vec<u32>> = HashMap::new();
    for (i, fs) in features.iter().enumerate() {
        for &(f, _) in fs {
            postings.entry(f).or_default().push(i as u32);
        }
    }
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0f32; n], Vec::<u32>::new()),
            |(scores, touched), i| {
                if !texts[i] {
                    return Vec::new();
                }
                for &(f, w) in &features[i] {
                    if let Some(list) = postings.get(&f) {
                        for &j in list {
                            if j as usize != i {
                                if scores[j as usize] == 0.0 {
                                    touched.push(j);
                                }
                                scores[j as usize] += w;
                            }
                        }
                    }
                }
                // Keep the best few in one linear pass; sorting every candidate would dominate.
                let by_date = |j: u32| bank.docs[j as usize].date();
                let better = |a: (f32, u32), b: (f32, u32)| {
                    a.0.total_cmp(&b.0)
                        .then_with(|| by_date(a.1).cmp(&by_date(b.1)))
                        .then(b.1.cmp(&a.1))
                        .is_gt()
                };
                let mut best: Vec<(f32, u32)> = Vec::with_capacity(MAX_RELATED + 1);
                for &j in touched.iter() {
                    let cand = (scores[j as usize], j);
                    scores[j as usize] = 0.0;
                    if cand.0 < 1.0 {
                        continue;
                    }
                    if best.len() == MAX_RELATED && !better(cand, best[MAX_RELATED - 1]) {
                        continue;
                    }
                    let pos = best.iter().position(|&b| better(cand, b)).unwrap_or(best.len());
                    best.insert(pos, cand);
                    best.truncate(MAX_RELATED);
                }
                touched.clear();
                best.into_iter().map(|(_, j)| DocId(j)).collect()
            },
        )
        .collect()
}
