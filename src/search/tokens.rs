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
        id
    }
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
            let Some(id) = local.number(&text[w.start..w.end], &mut lower, &mut folded) else {
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

/// A field's distinct terms as the text tantivy is given: term numbers separated by spaces.
/// [`LexiconTokenizer`] reads it back.
pub fn encode(terms: &[u32]) -> String {
    let mut out = String::with_capacity(terms.len() * 6);
    for (i, &t) in terms.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{t}");
    }
    out
}

/// The tokenizer tantivy runs on every text field: turns the term numbers of [`encode`] into
/// the lexicon's terms. tantivy indexes which documents have a term; the records (see
/// `forward`) hold how often and where.
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
    position: usize,
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
            position: 0,
        }
    }
}

impl TokenStream for LexiconStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            while let [b' ', more @ ..] = self.rest {
                self.rest = more;
            }
            if self.rest.is_empty() {
                return false;
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
            let Some(term) = self.lexicon.terms.get(id) else {
                continue;
            };
            let tok = &mut *self.token;
            tok.text.clear();
            tok.text.push_str(term);
            tok.position = self.position;
            tok.position_length = 1;
            self.position += 1;
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}
