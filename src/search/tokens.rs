//! The token stream of a field: which words take a position, and what tantivy indexes at each.
//!
//! A word takes a position unless it is a stop word; positions count up from 0, and a line break
//! between two words (the names of the `meta` field are one per line) skips one, so a phrase
//! never runs from one name into the next.
//!
//! One pass over every document ([`scan`]) finds its kept words, numbers the distinct ones across
//! the bank, and records each field as a sequence of word numbers, its length and where its
//! excerpt chunks start. The lexicon analyses each distinct word once; tantivy then indexes each
//! field's sequence through [`LexiconTokenizer`], which only turns word numbers into the
//! lexicon's terms: no document is tokenised twice.

use super::corpus::{Field, SearchDoc};
use super::excerpt::chunk_starts;
use super::finnish::is_stop;
use super::lexicon::Lexicon;
use super::words::{fold_into, lower_into, words};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::fmt::Write as _;
use std::sync::Arc;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// A word number in a field's sequence that stands for a skipped position (a line break).
pub const GAP: u32 = u32::MAX;

/// What the scan learns of one document.
#[derive(Debug, Clone, Default)]
pub struct Scanned {
    /// Positions used by each field, in [`Field`] order.
    pub lens: [u32; 4],
    /// Body position of the first word of each excerpt chunk.
    pub chunk_positions: Vec<u32>,
    /// Each field's kept words as word numbers ([`GAP`] for a skipped position).
    pub words: [Vec<u32>; 4],
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
    /// Lower-cased word -> its number here, or `None` for a stop word.
    ids: FxHashMap<String, Option<u32>>,
    words: Vec<String>,
    counts: Vec<u32>,
}

fn scan_one(d: &SearchDoc, local: &mut Local) -> Scanned {
    let mut out = Scanned::default();
    let mut lower = String::new();
    let mut folded = String::new();
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
            lower_into(&text[w.start..w.end], &mut lower);
            // Each distinct word is checked against the stop words once.
            let id = match local.ids.get(lower.as_str()) {
                Some(&id) => id,
                None => {
                    fold_into(&lower, &mut folded);
                    let id = (!is_stop(&folded)).then(|| {
                        local.words.push(lower.clone());
                        local.counts.push(0);
                        local.words.len() as u32 - 1
                    });
                    local.ids.insert(lower.clone(), id);
                    id
                }
            };
            let Some(id) = id else { continue };
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
            local.counts[id as usize] += 1;
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
        .par_chunks(64)
        .map(|chunk| {
            let mut local = Local::default();
            let scanned = chunk.iter().map(|d| scan_one(d, &mut local)).collect();
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

/// A field's word numbers as the text tantivy is given: numbers separated by spaces, `|` for a
/// skipped position. [`LexiconTokenizer`] reads it back.
pub fn encode(seq: &[u32]) -> String {
    let mut out = String::with_capacity(seq.len() * 6);
    for (i, &id) in seq.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if id == GAP {
            out.push('|');
        } else {
            let _ = write!(out, "{id}");
        }
    }
    out
}

/// The tokenizer tantivy runs on every text field: turns the word numbers of [`encode`] into
/// each word's terms from the lexicon, at the word's position.
#[derive(Clone)]
pub struct LexiconTokenizer {
    lexicon: Arc<Lexicon>,
    token: Token,
}

impl LexiconTokenizer {
    /// A tokenizer over `lexicon`.
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        LexiconTokenizer {
            lexicon,
            token: Token::default(),
        }
    }
}

/// The stream of [`LexiconTokenizer`].
pub struct LexiconStream<'a> {
    lexicon: &'a Lexicon,
    rest: &'a [u8],
    token: &'a mut Token,
    terms: &'a [u32],
    position: usize,
    started: bool,
}

impl Tokenizer for LexiconTokenizer {
    type TokenStream<'a> = LexiconStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> LexiconStream<'a> {
        let LexiconTokenizer { lexicon, token } = self;
        token.reset();
        LexiconStream {
            lexicon,
            rest: text.as_bytes(),
            token,
            terms: &[],
            position: 0,
            started: false,
        }
    }
}

impl TokenStream for LexiconStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some((&t, more)) = self.terms.split_first() {
                self.terms = more;
                let tok = &mut *self.token;
                tok.text.clear();
                tok.text.push_str(&self.lexicon.terms[t as usize]);
                tok.position = self.position;
                tok.position_length = 1;
                return true;
            }
            // The next number (or gap) of the sequence.
            while let [b' ', more @ ..] = self.rest {
                self.rest = more;
            }
            if self.rest.is_empty() {
                return false;
            }
            if self.started {
                self.position += 1;
            }
            self.started = true;
            if let [b'|', more @ ..] = self.rest {
                self.rest = more;
                continue;
            }
            let mut id: usize = 0;
            let before = self.rest.len();
            while let [d @ b'0'..=b'9', more @ ..] = self.rest {
                id = id.saturating_mul(10).saturating_add((d - b'0') as usize);
                self.rest = more;
            }
            if self.rest.len() == before {
                // Not our encoding: skip the byte rather than loop on it.
                self.rest = &self.rest[1..];
                continue;
            }
            self.terms = self.lexicon.analysed.get(id).map_or(&[], |a| a.doc.as_slice());
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}
