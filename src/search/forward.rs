//! The one index both outputs are written from: per document, its field lengths and each term
//! it has, with how often it occurs in each field, where its excerpt chunk is and every
//! position of it.
//!
//! The records are stored beside the tantivy index, which indexes each document's terms, so
//! `lape search` finds candidates with tantivy, then checks phrases and computes impacts (see
//! `score`) from the records; the browser index is the same records turned around, term by term,
//! with the impacts computed by the same function from the same numbers. Both therefore rank
//! with the same integers.
//!
//! A record is a sequence of unsigned LEB128 varints: the four field lengths, the number of
//! terms, then for each of the document's terms, in term order, `term delta, tf title, tf summary,
//! tf body, tf names, chunk, positions, bytes of positions`, and after all of them each term's
//! position deltas, in the same order. Ranking reads the terms only; the positions, which are
//! most of the bytes, are read for phrases. `chunk` is 0 when the term is not in the body, else 1
//! + the excerpt chunk of its first occurrence there; a position is `field << 24 | word position
//! in the field`.

use super::corpus::FIELD_COUNT;
use super::corpus::Field;
use super::lexicon::{Lexicon, TermId};
use super::score::{self, Stats};
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

fn read_fields(b: &[u8], at: &mut usize) -> Option<[u32; FIELD_COUNT]> {
    let mut out = [0u32; FIELD_COUNT];
    for x in &mut out {
        *x = read_varint(b, at)? as u32;
    }
    Some(out)
}

/// One term of a record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// The term.
    pub term: TermId,
    /// How often it occurs in each field.
    pub tf: [u32; FIELD_COUNT],
    /// 0, or 1 + the chunk of its first occurrence in the body.
    pub chunk: u32,
    /// Its positions, ascending.
    pub positions: Vec<u32>,
}

/// One entry of a record's term list: term delta, frequencies per field, chunk, position count
/// and position bytes.
fn read_entry(record: &[u8], at: &mut usize) -> Option<(u64, [u32; FIELD_COUNT], u64, u64, u64)> {
    Some((
        read_varint(record, at)?,
        read_fields(record, at)?,
        read_varint(record, at)?,
        read_varint(record, at)?,
        read_varint(record, at)?,
    ))
}

/// Walks a record without decoding positions: returns the field lengths and calls `f(term, tf,
/// chunk, count, deltas)`, `deltas` being the raw varints of the term's `count` positions.
pub fn walk(record: &[u8], mut f: impl FnMut(TermId, [u32; FIELD_COUNT], u64, u64, &[u8])) -> [u32; FIELD_COUNT] {
    let mut at = 0;
    let (Some(lens), Some(n)) = (read_fields(record, &mut at), read_varint(record, &mut at)) else {
        return [0; FIELD_COUNT];
    };
    // The positions follow the entries: find where, by reading the entries once.
    let mut entries = Vec::with_capacity(n.min(1 << 20) as usize);
    let mut term = 0u64;
    for _ in 0..n {
        let Some((dt, tf, chunk, count, bytes)) = read_entry(record, &mut at) else {
            break;
        };
        term += dt;
        entries.push((term as TermId, tf, chunk, count, bytes as usize));
    }
    let mut p = at;
    for (term, tf, chunk, count, bytes) in entries {
        let end = (p + bytes).min(record.len());
        f(term, tf, chunk, count, record.get(p..end).unwrap_or_default());
        p = end;
    }
    lens
}

/// Decodes `count` raw position deltas.
pub fn positions(count: u64, deltas: &[u8]) -> Vec<u32> {
    let mut at = 0;
    let mut out = Vec::with_capacity(count.min(1 << 20) as usize);
    let mut p = 0u64;
    for _ in 0..count {
        p += read_varint(deltas, &mut at).unwrap_or(0);
        out.push(p as u32);
    }
    out
}

/// A record's field lengths.
pub fn lens_of(record: &[u8]) -> [u32; FIELD_COUNT] {
    read_fields(record, &mut 0).unwrap_or([0; FIELD_COUNT])
}

/// Reads back the entries of a record for the terms `wanted` (sorted) only, with their
/// positions when `with_positions`.
pub fn decode_only(record: &[u8], wanted: &[TermId], with_positions: bool) -> ([u32; FIELD_COUNT], Vec<Entry>) {
    // Read straight through the entries, keeping only the wanted ones: entries come in term
    // order, so without positions the read stops after the last wanted term (a query that
    // matches every page reads each record only up to its terms).
    let mut at = 0;
    let (Some(lens), Some(n)) = (read_fields(record, &mut at), read_varint(record, &mut at)) else {
        return ([0; FIELD_COUNT], Vec::new());
    };
    let last = wanted.last().copied();
    let mut out = Vec::new();
    let mut found: Vec<(usize, u64)> = Vec::new();
    let (mut term, mut offset) = (0u64, 0usize);
    for _ in 0..n {
        let Some((dt, tf, chunk, count, bytes)) = read_entry(record, &mut at) else {
            break;
        };
        term += dt;
        if wanted.binary_search(&(term as TermId)).is_ok() {
            out.push(Entry {
                term: term as TermId,
                tf,
                chunk: chunk as u32,
                positions: Vec::new(),
            });
            found.push((offset, count));
        }
        offset += bytes as usize;
        if !with_positions && last.is_some_and(|l| term >= l as u64) {
            break;
        }
    }
    if with_positions {
        // The positions follow the last entry.
        for (e, (off, count)) in out.iter_mut().zip(found) {
            let start = (at + off).min(record.len());
            e.positions = positions(count, &record[start..]);
        }
    }
    (lens, out)
}

/// Reads a record back: its field lengths and entries.
pub fn decode(record: &[u8]) -> ([u32; FIELD_COUNT], Vec<Entry>) {
    let mut out = Vec::new();
    let lens = walk(record, |term, tf, chunk, count, deltas| {
        out.push(Entry {
            term,
            tf,
            chunk: chunk as u32,
            positions: positions(count, deltas),
        })
    });
    (lens, out)
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
    tf: [u32; FIELD_COUNT],
}

impl Scratch {
    fn new(terms: usize) -> Scratch {
        let empty = Slot {
            stamp: u32::MAX,
            count: 0,
            at: 0,
            tf: [0; FIELD_COUNT],
        };
        Scratch {
            slots: vec![empty; terms],
            next: 0,
        }
    }
}

/// Calls `f(term, unified position)` for every term at every position of a document.
fn each_occurrence(s: &Scanned, lexicon: &Lexicon, mut f: impl FnMut(TermId, u32, u32)) {
    for field in Field::ALL {
        for (position, &w) in s.words[field as usize].iter().enumerate() {
            if w != GAP
                && let Some(a) = lexicon.analysed.get(w as usize)
            {
                let unified = ((field as u32) << FIELD_SHIFT) | position as u32;
                for (k, &t) in a.doc.iter().enumerate() {
                    f(t, unified, if k == 0 { score::WHOLE } else { score::PART });
                }
            }
        }
    }
}

/// One document's record.
fn record(s: &Scanned, lexicon: &Lexicon, sc: &mut Scratch) -> Vec<u8> {
    if sc.slots.len() < lexicon.terms.len() {
        *sc = Scratch::new(lexicon.terms.len());
    }
    sc.next = sc.next.wrapping_add(1);
    if sc.next == u32::MAX {
        *sc = Scratch::new(lexicon.terms.len());
        sc.next = 1;
    }
    let stamp = sc.next;
    // Count each term's occurrences and frequency per field, lay its positions out in one
    // buffer, then write the terms in order.
    let mut terms: Vec<TermId> = Vec::new();
    let mut total = 0u32;
    each_occurrence(s, lexicon, |t, p, weight| {
        let slot = &mut sc.slots[t as usize];
        if slot.stamp != stamp {
            *slot = Slot {
                stamp,
                count: 0,
                at: 0,
                tf: [0; FIELD_COUNT],
            };
            terms.push(t);
        }
        slot.count += 1;
        slot.tf[(p >> FIELD_SHIFT) as usize] += weight;
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
    each_occurrence(s, lexicon, |t, p, _| {
        let slot = &mut sc.slots[t as usize];
        positions[slot.at as usize] = p;
        slot.at += 1;
    });
    let mut rec = Vec::with_capacity(8 + terms.len() * 10 + total as usize * 2);
    for l in s.lens {
        varint(&mut rec, l as u64);
    }
    varint(&mut rec, terms.len() as u64);
    let mut blob = Vec::with_capacity(total as usize * 2);
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
        for tf in slot.tf {
            varint(&mut rec, tf as u64);
        }
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
        let before = blob.len();
        let mut lp = 0;
        for &p in ps {
            varint(&mut blob, (p - lp) as u64);
            lp = p;
        }
        varint(&mut rec, (blob.len() - before) as u64);
    }
    rec.extend_from_slice(&blob);
    rec
}

/// Every document's record, by rank, with the figures the impacts are computed from.
pub struct Forward {
    /// Records, by rank.
    pub records: Vec<Vec<u8>>,
    /// The collection's figures.
    pub stats: Stats,
    /// Documents with each term, per field.
    pub df: Vec<[u64; FIELD_COUNT]>,
    /// Per term, the documents that have it and the bytes of their positions: the browser
    /// index sizes its buffers from these instead of walking every record once more.
    pub sizes: Vec<(u32, u64)>,
}

/// One more document's record (the preview's updates).
pub fn one(s: &Scanned, lexicon: &Lexicon) -> Vec<u8> {
    record(s, lexicon, &mut Scratch::new(lexicon.terms.len()))
}

/// The distinct terms of a record, in order.
pub fn terms_of(record: &[u8]) -> Vec<TermId> {
    let mut out = Vec::new();
    walk(record, |t, _, _, _, _| out.push(t));
    out
}

/// Builds every record, then counts how many documents have each term in each field.
pub fn build(scanned: &[Scanned], lexicon: &Lexicon) -> Forward {
    let n_terms = lexicon.terms.len();
    // Chunks of documents share one scratch space: few enough to set up, enough to share out.
    let records: Vec<Vec<u8>> = scanned
        .par_chunks(512)
        .flat_map_iter(|chunk| {
            let mut sc = Scratch::new(n_terms);
            chunk.iter().map(|s| record(s, lexicon, &mut sc)).collect::<Vec<_>>()
        })
        .collect();
    let mut df = vec![[0u64; FIELD_COUNT]; n_terms];
    let mut sizes = vec![(0u32, 0u64); n_terms];
    for rec in &records {
        walk(rec, |t, tf, _, _, deltas| {
            if let (Some(d), Some(s)) = (df.get_mut(t as usize), sizes.get_mut(t as usize)) {
                for f in 0..FIELD_COUNT {
                    d[f] += (tf[f] > 0) as u64;
                }
                s.0 += 1;
                s.1 += deltas.len() as u64;
            }
        });
    }
    let stats = Stats::from_lengths(scanned.iter().map(|s| s.lens.map(u64::from)));
    Forward {
        records,
        stats,
        df,
        sizes,
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
    fn reading_some_terms_reads_what_a_full_decode_reads() {
        let mut rec = Vec::new();
        for v in [
            2u64, 0, 40, 1, 3, 3, 3, 0, 0, 2, 0, 0, 1, 2, 2, 4, 1, 0, 0, 0, 0, 0, 1, 1, 4, 0, 0, 1, 0, 0, 1, 1, 1, 5,
            7, 9, 2,
        ] {
            varint(&mut rec, v);
        }
        let (lens, all) = decode(&rec);
        for wanted in [&[3u32][..], &[7], &[11], &[3, 11], &[7, 11], &[3, 7, 11], &[1, 8]] {
            for with_positions in [true, false] {
                let (l, some) = decode_only(&rec, wanted, with_positions);
                assert_eq!(l, lens);
                let expect: Vec<(u32, [u32; FIELD_COUNT], Vec<u32>)> = all
                    .iter()
                    .filter(|e| wanted.contains(&e.term))
                    .map(|e| {
                        (
                            e.term,
                            e.tf,
                            if with_positions {
                                e.positions.clone()
                            } else {
                                Vec::new()
                            },
                        )
                    })
                    .collect();
                let got: Vec<(u32, [u32; FIELD_COUNT], Vec<u32>)> =
                    some.into_iter().map(|e| (e.term, e.tf, e.positions)).collect();
                assert_eq!(got, expect, "{wanted:?} {with_positions}");
            }
        }
    }

    #[test]
    fn records_round_trip() {
        let mut rec = Vec::new();
        // lens, 2 terms: term 3 (tf 0 0 2 0 0, chunk 1, 2 positions in 2 bytes), term 7 (tf 1
        // 0 0 0 0, chunk 0, 1 position in 1 byte); then the positions 5 12 and 9 as deltas.
        for v in [
            2u64, 0, 40, 1, 3, 2, 3, 0, 0, 2, 0, 0, 1, 2, 2, 4, 1, 0, 0, 0, 0, 0, 1, 1, 5, 7, 9,
        ] {
            varint(&mut rec, v);
        }
        let (lens, e) = decode(&rec);
        assert_eq!(lens, [2, 0, 40, 1, 3]);
        assert_eq!(e[0].term, 3);
        assert_eq!(e[0].tf, [0, 0, 2, 0, 0]);
        assert_eq!(e[0].positions, vec![5, 12]);
        assert_eq!(e[1].term, 7);
        assert_eq!(e[1].positions, vec![9]);
        assert_eq!(terms_of(&rec), vec![3, 7]);
    }
}
