//! The one index both outputs are written from: per document, each term it has with its impact
//! (see `score`), where its excerpt chunk is and every position of it.
//!
//! tantivy stores each document's record and indexes its terms, so `lape search` finds matches
//! with tantivy and ranks and checks phrases from the records; the browser index is the same
//! records turned around, term by term. Both therefore rank with the same integers.
//!
//! A record is a sequence of unsigned LEB128 varints: for each of the document's terms, in term
//! order, `term delta, impact, chunk, count, position deltas...`. `chunk` is 0 when the term is
//! not in the body, else 1 + the excerpt chunk of its first occurrence there; a position is
//! `field << 24 | word position in the field`.

use super::corpus::Field;
use super::lexicon::{Lexicon, TermId};
use super::score::{Stats, impact};
use super::tokens::{GAP, Scanned};
use rayon::prelude::*;

/// Bits of a position that hold the word's place in its field.
pub const FIELD_SHIFT: u32 = 24;

/// Appends `v` as an unsigned LEB128 varint.
pub fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint at `*at`, advancing it; `None` past the end.
pub fn read_varint(b: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let byte = *b.get(*at)?;
        *at += 1;
        if shift < 64 {
            v |= ((byte & 0x7f) as u64) << shift;
        }
        if byte & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
    }
}

/// One term of a record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// The term.
    pub term: TermId,
    /// Its impact on the document.
    pub impact: u32,
    /// 0, or 1 + the chunk of its first occurrence in the body.
    pub chunk: u32,
    /// Its positions, ascending.
    pub positions: Vec<u32>,
}

/// Reads a record back.
pub fn decode(record: &[u8]) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut term = 0u64;
    while at < record.len() {
        let (Some(dt), Some(impact), Some(chunk), Some(n)) = (
            read_varint(record, &mut at),
            read_varint(record, &mut at),
            read_varint(record, &mut at),
            read_varint(record, &mut at),
        ) else {
            break;
        };
        term += dt;
        let mut positions = Vec::with_capacity(n.min(1 << 20) as usize);
        let mut p = 0u64;
        for _ in 0..n {
            let Some(d) = read_varint(record, &mut at) else { break };
            p += d;
            positions.push(p as u32);
        }
        out.push(Entry {
            term: term as TermId,
            impact: impact as u32,
            chunk: chunk as u32,
            positions,
        });
    }
    out
}

/// The excerpt chunk holding body position `p`, given where each chunk's first word is.
pub fn chunk_of(chunk_positions: &[u32], p: u32) -> u32 {
    chunk_positions.iter().rposition(|&c| c <= p).unwrap_or(0) as u32
}

/// Per-thread scratch space indexed by term: a stamp says which document a slot belongs to,
/// so nothing needs clearing between documents.
struct Scratch {
    slots: Vec<Slot>,
    next: u32,
}

/// What a document says of one term, all in one cache line.
#[derive(Clone, Copy)]
struct Slot {
    stamp: u32,
    count: u32,
    at: u32,
    tf: [u32; 4],
}

impl Scratch {
    fn new(terms: usize) -> Scratch {
        Scratch {
            slots: vec![
                Slot {
                    stamp: u32::MAX,
                    count: 0,
                    at: 0,
                    tf: [0; 4]
                };
                terms
            ],
            next: 0,
        }
    }

    fn begin(&mut self) -> u32 {
        self.next = self.next.wrapping_add(1);
        if self.next == u32::MAX {
            for s in &mut self.slots {
                s.stamp = u32::MAX;
            }
            self.next = 0;
        }
        self.next
    }
}

/// Calls `f(term, unified position)` for every term at every position of a document.
fn each_occurrence(s: &Scanned, lexicon: &Lexicon, mut f: impl FnMut(TermId, u32)) {
    for field in Field::ALL {
        let mut position = 0u32;
        for &w in &s.words[field as usize] {
            if w != GAP
                && let Some(a) = lexicon.analysed.get(w as usize)
            {
                let unified = ((field as u32) << FIELD_SHIFT) | position;
                for &t in &a.doc {
                    f(t, unified);
                }
            }
            position += 1;
        }
    }
}

/// The distinct terms of each field of one document.
fn field_terms(s: &Scanned, lexicon: &Lexicon, sc: &mut Scratch) -> [Vec<TermId>; 4] {
    let mut out: [Vec<TermId>; 4] = Default::default();
    for field in Field::ALL {
        let stamp = sc.begin();
        let list = &mut out[field as usize];
        for &w in &s.words[field as usize] {
            if let Some(a) = lexicon.analysed.get(w as usize) {
                for &t in &a.doc {
                    let slot = &mut sc.slots[t as usize];
                    if slot.stamp != stamp {
                        slot.stamp = stamp;
                        list.push(t);
                    }
                }
            }
        }
        list.sort_unstable();
    }
    out
}

/// One document's record.
fn record(s: &Scanned, lexicon: &Lexicon, stats: &Stats, df: &[[u64; 4]], sc: &mut Scratch) -> Vec<u8> {
    if sc.slots.len() < lexicon.terms.len() {
        *sc = Scratch::new(lexicon.terms.len());
    }
    // Count each term's occurrences and frequency per field, lay its positions out in one
    // buffer, then write the terms in order.
    let stamp = sc.begin();
    let mut terms: Vec<TermId> = Vec::new();
    let mut total = 0u32;
    each_occurrence(s, lexicon, |t, p| {
        let slot = &mut sc.slots[t as usize];
        if slot.stamp != stamp {
            *slot = Slot {
                stamp,
                count: 0,
                at: 0,
                tf: [0; 4],
            };
            terms.push(t);
        }
        slot.count += 1;
        slot.tf[(p >> FIELD_SHIFT) as usize] += 1;
        total += 1;
    });
    terms.sort_unstable();
    let mut offset = 0u32;
    for &t in &terms {
        let slot = &mut sc.slots[t as usize];
        slot.at = offset;
        offset += slot.count;
    }
    let mut positions = vec![0u32; total as usize];
    each_occurrence(s, lexicon, |t, p| {
        let slot = &mut sc.slots[t as usize];
        positions[slot.at as usize] = p;
        slot.at += 1;
    });
    let mut rec = Vec::with_capacity(terms.len() * 6 + total as usize * 2);
    let mut last = 0;
    let mut start = 0usize;
    let body = Field::Body as u32;
    for &t in &terms {
        let slot = sc.slots[t as usize];
        let n = slot.count as usize;
        let ps = &positions[start..start + n];
        start += n;
        varint(&mut rec, (t - last) as u64);
        last = t;
        let d = df.get(t as usize).copied().unwrap_or([1; 4]);
        varint(&mut rec, impact(stats, slot.tf, s.lens, d) as u64);
        // Positions ascend and fields come in order: the first body position is the first
        // position in the body's range.
        let first_body = ps
            .iter()
            .find(|&&p| p >> FIELD_SHIFT == body)
            .map(|&p| p & ((1 << FIELD_SHIFT) - 1));
        varint(
            &mut rec,
            first_body.map_or(0, |p| 1 + chunk_of(&s.chunk_positions, p)) as u64,
        );
        varint(&mut rec, n as u64);
        let mut lp = 0;
        for &p in ps {
            varint(&mut rec, (p - lp) as u64);
            lp = p;
        }
    }
    rec
}

/// Every document's record, by rank, and the distinct terms of each field of each document
/// (what tantivy indexes).
pub struct Forward {
    /// Records, by rank.
    pub records: Vec<Vec<u8>>,
    /// Per document, per field, its distinct terms.
    pub field_terms: Vec<[Vec<TermId>; 4]>,
    /// The collection's figures.
    pub stats: Stats,
    /// Documents with each term, per field.
    pub df: Vec<[u64; 4]>,
}

/// One more document's distinct terms per field and record, with the figures of an earlier
/// build (the preview's updates: other documents keep their impacts). A term new since then
/// counts as being in this document only.
pub fn one(s: &Scanned, lexicon: &Lexicon, stats: &Stats, df: &[[u64; 4]]) -> ([Vec<TermId>; 4], Vec<u8>) {
    let mut sc = Scratch::new(lexicon.terms.len());
    let terms = field_terms(s, lexicon, &mut sc);
    let rec = record(s, lexicon, stats, df, &mut sc);
    (terms, rec)
}

/// Builds every record: the distinct terms of each field (and from them the document frequency
/// of each term in each field), then each document's frequencies, impacts and positions.
pub fn build(scanned: &[Scanned], lexicon: &Lexicon) -> Forward {
    let n_terms = lexicon.terms.len();
    // Chunks of documents share one scratch space: few enough to set up, enough to share out.
    let field_terms: Vec<[Vec<TermId>; 4]> = scanned
        .par_chunks(512)
        .flat_map_iter(|chunk| {
            let mut sc = Scratch::new(n_terms);
            chunk
                .iter()
                .map(|s| self::field_terms(s, lexicon, &mut sc))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut df = vec![[0u64; 4]; n_terms];
    for ft in &field_terms {
        for (f, list) in ft.iter().enumerate() {
            for &t in list {
                df[t as usize][f] += 1;
            }
        }
    }
    let stats = Stats::from_lengths(scanned.iter().map(|s| s.lens.map(u64::from)));
    let records = scanned
        .par_chunks(512)
        .flat_map_iter(|chunk| {
            let mut sc = Scratch::new(n_terms);
            chunk
                .iter()
                .map(|s| record(s, lexicon, &stats, &df, &mut sc))
                .collect::<Vec<_>>()
        })
        .collect();
    Forward {
        records,
        field_terms,
        stats,
        df,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let mut b = Vec::new();
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64] {
            varint(&mut b, v);
        }
        let mut at = 0;
        let back: Vec<u64> = std::iter::from_fn(|| read_varint(&b, &mut at)).collect();
        assert_eq!(back, [0, 1, 127, 128, 300, u32::MAX as u64]);
    }

    #[test]
    fn records_round_trip() {
        let mut rec = Vec::new();
        for v in [3u64, 250, 0, 2, 5, 7, 4, 120, 1, 1, 9] {
            varint(&mut rec, v);
        }
        let e = decode(&rec);
        assert_eq!(e[0].term, 3);
        assert_eq!(e[0].positions, vec![5, 12]);
        assert_eq!(e[1].term, 7);
        assert_eq!(e[1].impact, 120);
        assert_eq!(e[1].positions, vec![9]);
    }
}
