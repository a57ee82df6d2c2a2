//! The token stream of a field: which words take a position, and what tantivy indexes at each.
//!
//! A word takes a position unless it is a stop word; positions count up from 0, and a line break
//! between two words (the names of the `meta` field are one per line) skips one, so a phrase
//! never runs from one name into the next.
//!
//! One pass over every document ([`scan`]) finds its kept words, numbers the distinct ones across
//! the bank, and records each field as a sequence of word numbers, its length and where its
//! excerpt chunks start. The lexicon analyses each distinct word once, and everything after
//! works on the word numbers: no document is tokenised twice.

use super::corpus::FIELD_COUNT;
use super::corpus::{Field, SearchDoc};
use super::excerpt::chunk_starts;
use super::finnish::is_stop;
use super::words::{fold_into, lower_into, words};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// A word number in a field's sequence that stands for a skipped position (a line break).
pub const GAP: u32 = u32::MAX;

/// What the scan learns of one document.
#[derive(Debug, Clone, Default)]
pub struct Scanned {
    /// Positions used by each field, in [`Field`] order.
    pub lens: [u32; FIELD_COUNT],
    /// Body position of the first word of each excerpt chunk.
    pub chunk_positions: Vec<u32>,
    /// Each field's kept words as word numbers ([`GAP`] for a skipped position).
    pub words: [Vec<u32>; FIELD_COUNT],
}

/// The distinct kept words of the bank (lower-cased) and how often each occurs.
#[derive(Debug, Default)]
pub struct WordList {
    /// Word number -> word.
    pub words: Vec<String>,
    /// Word number -> occurrences.
    pub counts: Vec<u32>,
}

#[derive(Default)]
struct Local {
    /// A word as written -> its number here, or `None` for a stop word: most words recur in
    /// the same spelling, so each spelling is lower-cased and checked once.
    raw: FxHashMap<Box<str>, Option<u32>>,
    /// Lower-cased word -> its number here.
    ids: FxHashMap<String, u32>,
    words: Vec<String>,
    counts: Vec<u32>,
}

impl Local {
    fn number(&mut self, raw: &str, lower: &mut String, folded: &mut String) -> Option<u32> {
        if let Some(&id) = self.raw.get(raw) {
            if let Some(i) = id {
                self.counts[i as usize] += 1;
            }
            return id;
        }
        lower_into(raw, lower);
        fold_into(lower, folded);
        let id = if is_stop(folded) {
            None
        } else if let Some(&id) = self.ids.get(lower.as_str()) {
            Some(id)
        } else {
            let id = self.words.len() as u32;
            self.ids.insert(lower.clone(), id);
            self.words.push(lower.clone());
            self.counts.push(0);
            Some(id)
        };
        self.raw.insert(raw.into(), id);
        if let Some(i) = id {
            self.counts[i as usize] += 1;
        }
        id
    }
}

/// Scans one document; `number` gives a word as written its number, or `None` for a stop word.
pub fn scan_doc(d: &SearchDoc, number: &mut dyn FnMut(&str) -> Option<u32>) -> Scanned {
    let mut out = Scanned::default();
    for f in Field::ALL {
        let text = d.field(f);
        let starts = if f == Field::Body {
            chunk_starts(text)
        } else {
            Vec::new()
        };
        let mut next_chunk = 0;
        let mut position = 0u32;
        let mut last_end: Option<usize> = None;
        let seq = &mut out.words[f as usize];
        for w in words(text) {
            let Some(id) = number(&text[w.start..w.end]) else {
                continue;
            };
            if let Some(end) = last_end
                && text[end..w.start].contains('\n')
            {
                position += 1;
                seq.push(GAP);
            }
            last_end = Some(w.end);
            while next_chunk < starts.len() && starts[next_chunk] <= w.start {
                out.chunk_positions.push(position);
                next_chunk += 1;
            }
            seq.push(id);
            position += 1;
        }
        for _ in next_chunk..starts.len() {
            out.chunk_positions.push(position);
        }
        out.lens[f as usize] = position;
    }
    out
}

/// One pass over every document, in parallel: each field's word numbers, length and chunk
/// positions, and the bank's list of distinct words.
pub fn scan(docs: &[SearchDoc]) -> (Vec<Scanned>, WordList) {
    let parts: Vec<(Vec<Scanned>, Local)> = docs
        // Large chunks: each one meets its distinct words once (lower-cased, checked, stored).
        .par_chunks(1024)
        .map(|chunk| {
            let mut local = Local::default();
            let (mut lower, mut folded) = (String::new(), String::new());
            let scanned = chunk
                .iter()
                .map(|d| scan_doc(d, &mut |raw| local.number(raw, &mut lower, &mut folded)))
                .collect();
            (scanned, local)
        })
        .collect();
    // Number the words across the bank, then renumber each part's sequences.
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut list = WordList::default();
    let mut remaps: Vec<Vec<u32>> = Vec::with_capacity(parts.len());
    let mut scanned_parts = Vec::with_capacity(parts.len());
    for (scanned, local) in parts {
        let mut remap = Vec::with_capacity(local.words.len());
        for (w, n) in local.words.into_iter().zip(local.counts) {
            let id = match ids.get(w.as_str()) {
                Some(&id) => id,
                None => {
                    let id = list.words.len() as u32;
                    ids.insert(w.clone(), id);
                    list.words.push(w);
                    list.counts.push(0);
                    id
                }
            };
            list.counts[id as usize] += n;
            remap.push(id);
        }
        remaps.push(remap);
        scanned_parts.push(scanned);
    }
    let all: Vec<Scanned> = scanned_parts
        .into_par_iter()
        .zip(remaps)
        .flat_map_iter(|(mut scanned, remap)| {
            for s in &mut scanned {
                for seq in &mut s.words {
                    for id in seq.iter_mut() {
                        if *id != GAP {
                            *id = remap[*id as usize];
                        }
                    }
                }
            }
            scanned
        })
        .collect();
    (all, list)
}
