//! Ranking: BM25 per field, weighted, summed over fields, and rounded to an integer "impact" per
//! (term, document). The browser index stores the impacts; `lape search` computes them at query
//! time with this same function from the same integers (term frequencies, field lengths,
//! document frequencies, collection totals); so the two add up the same integers and order
//! results the same way. A query's score is the sum of the impacts of its distinct terms.

use super::corpus::FIELD_COUNT;
use super::corpus::Field;

/// What one occurrence adds to a term's frequency, in half occurrences: a word's own lemma
/// counts whole, a compound's part (or a run of parts) half, so a page that writes "kunta"
/// outranks one that only writes "maakunta" for the query `kunta`.
pub const WHOLE: u32 = 2;
/// See [`WHOLE`].
pub const PART: u32 = 1;

/// BM25's term-frequency saturation.
const K1: f64 = 1.2;
/// BM25's length normalisation.
const B: f64 = 0.75;

/// How much a match in each field counts, in [`Field`] order: title, summary, body, names,
/// headings (a heading's words count in the body as well: 1.0 + 0.4 puts a heading between
/// the summary and the body).
pub const WEIGHTS: [f64; FIELD_COUNT] = [3.0, 1.5, 1.0, 0.5, 0.4];

/// Collection figures the impacts depend on: integers, so every reader computes the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Stats {
    /// Documents in the index.
    pub docs: u64,
    /// Words in each field over all documents, in [`Field`] order.
    pub total_len: [u64; FIELD_COUNT],
}

impl Stats {
    /// Figures from the documents' field lengths (words per field, in [`Field`] order).
    pub fn from_lengths(lens: impl Iterator<Item = [u64; FIELD_COUNT]>) -> Stats {
        let mut total_len = [0u64; FIELD_COUNT];
        let mut docs = 0u64;
        for l in lens {
            docs += 1;
            for f in 0..FIELD_COUNT {
                total_len[f] += l[f];
            }
        }
        Stats { docs, total_len }
    }

    /// Average words in field `f` (at least 1).
    pub fn avg(&self, f: usize) -> f64 {
        if self.docs == 0 {
            1.0
        } else {
            (self.total_len[f] as f64 / self.docs as f64).max(1.0)
        }
    }
}

/// One term's share of every impact, computed once per term: its IDF and the average field
/// lengths. The arithmetic per document is that of [`impact`], in the same order, so both give
/// the same integers.
#[derive(Debug, Clone, Copy)]
pub struct TermScore {
    idf: [f64; FIELD_COUNT],
    avg: [f64; FIELD_COUNT],
}

impl TermScore {
    /// The term with `df` documents per field, in [`Field`] order.
    pub fn new(stats: &Stats, df: [u64; FIELD_COUNT]) -> TermScore {
        let n = stats.docs as f64;
        // One rarity per term, as BM25F has it: a term rare in titles but common in bodies is a
        // common word, and a title that holds it as a compound's part (Sata|kunta for "kunta")
        // must not outrank the pages about it. The most documents of any one field is the
        // nearest to "documents with the term" that the per-field counts give.
        let d = df.iter().copied().max().unwrap_or(0) as f64;
        let one = (1.0 + (n - d + 0.5) / (d + 0.5)).ln();
        let idf = [one; FIELD_COUNT];
        TermScore {
            idf,
            avg: std::array::from_fn(|f| stats.avg(f)),
        }
    }

    /// The impact on a document with `tf` half occurrences (see [`WHOLE`]) and `len` words per field.
    pub fn impact(&self, tf: [u32; FIELD_COUNT], len: [u32; FIELD_COUNT]) -> u32 {
        let mut score = 0.0f64;
        for f in Field::ALL {
            let i = f as usize;
            if tf[i] == 0 {
                continue;
            }
            let tf_i = tf[i] as f64 / WHOLE as f64;
            let norm = K1 * (1.0 - B + B * len[i] as f64 / self.avg[i]);
            score += WEIGHTS[i] * self.idf[i] * tf_i * (K1 + 1.0) / (tf_i + norm);
        }
        // Two decimals are finer than any difference a reader could see; a match never scores 0.
        ((score * 100.0).round() as u32).max(1)
    }
}

/// The impact of one term on one document: `tf`, `len` and `df` per field, in [`Field`] order.
pub fn impact(stats: &Stats, tf: [u32; FIELD_COUNT], len: [u32; FIELD_COUNT], df: [u64; FIELD_COUNT]) -> u32 {
    TermScore::new(stats, df).impact(tf, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_outweighs_body_and_rare_outweighs_common() {
        let s = Stats {
            docs: 1000,
            total_len: [5000, 20_000, 500_000, 10_000, 8_000],
        };
        let len = [5, 20, 500, 10, 8];
        let title = impact(&s, [1, 0, 0, 0, 0], len, [10; 5]);
        let summary = impact(&s, [0, 1, 0, 0, 0], len, [10; 5]);
        let heading = impact(&s, [0, 0, 1, 0, 1], len, [10; 5]);
        let body = impact(&s, [0, 0, 1, 0, 0], len, [10; 5]);
        assert!(
            title > summary && summary > heading && heading > body,
            "{title} {summary} {heading} {body}"
        );
        let rare = impact(&s, [0, 0, 1, 0, 0], len, [0, 0, 5, 0, 0]);
        let common = impact(&s, [0, 0, 1, 0, 0], len, [0, 0, 900, 0, 0]);
        assert!(rare > common && common >= 1);
    }

    #[test]
    fn a_term_common_in_bodies_is_common_in_titles_too() {
        // Per-field rarity made "kunta", in one title only as Sata|kunta's part, worth more
        // there than on the pages about municipalities.
        let s = Stats {
            docs: 52,
            total_len: [200, 1_000, 20_000, 500, 400],
        };
        let len = [4, 20, 400, 10, 8];
        let in_one_title = impact(&s, [1, 0, 0, 0, 0], len, [1, 5, 40, 0, 2]);
        let in_every_title = impact(&s, [1, 0, 0, 0, 0], len, [40, 5, 40, 0, 2]);
        assert_eq!(in_one_title, in_every_title);
    }

    #[test]
    fn a_term_scored_once_gives_the_impacts_of_the_formula() {
        // The formula written out per document: the hoisted form must not change a bit.
        let s = Stats {
            docs: 9_999,
            total_len: [41_000, 190_000, 3_300_000, 77_000, 60_000],
        };
        let direct = |tf: [u32; FIELD_COUNT], len: [u32; FIELD_COUNT], df: [u64; FIELD_COUNT]| {
            let mut score = 0.0f64;
            for i in 0..FIELD_COUNT {
                if tf[i] == 0 {
                    continue;
                }
                let (n, d) = (s.docs as f64, *df.iter().max().unwrap_or(&0) as f64);
                let idf = (1.0 + (n - d + 0.5) / (d + 0.5)).ln();
                let norm = K1 * (1.0 - B + B * len[i] as f64 / s.avg(i));
                let tf = tf[i] as f64 / WHOLE as f64;
                score += WEIGHTS[i] * idf * tf * (K1 + 1.0) / (tf + norm);
            }
            ((score * 100.0).round() as u32).max(1)
        };
        for k in 0..2_000u32 {
            let tf = [k % 3, k % 5 / 2, k % 17, k % 2, k % 4 / 3];
            let len = [3 + k % 11, 20 + k % 40, 50 + k * 7 % 3000, 4 + k % 9, 6 + k % 13];
            let df = [
                1 + k as u64 % 50,
                3 + k as u64 % 700,
                1 + k as u64 * 13 % 9_999,
                2,
                1 + k as u64 % 90,
            ];
            assert_eq!(
                TermScore::new(&s, df).impact(tf, len),
                direct(tf, len, df),
                "{tf:?} {len:?} {df:?}"
            );
        }
    }
}
