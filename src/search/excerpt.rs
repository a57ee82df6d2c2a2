//! Excerpts: which run of a page's own text a result shows, and which words in it are marked.
//!
//! Defined once, implemented twice (here for `lape search`, in the theme's `search-engine.js`
//! for the browser), so both show the same words:
//!
//! 1. A page's excerpt text (its body, whitespace collapsed) is cut into chunks of about
//!    [`CHUNK_BYTES`] at spaces; the browser fetches one chunk per result, not the whole text.
//! 2. The chunk shown is the one holding the first occurrence in the body of any word the query
//!    looks for (chunk 0 when the words are only in the title, summary or names).
//! 3. In the chunk, every word whose form carries one of the query's terms is marked; the window
//!    of [`WINDOW_WORDS`] words with the most distinct query terms (then the most marked words,
//!    then the earliest) is shown.

use super::words::{form_of, words};
use std::collections::HashMap;

/// Target size of a chunk of excerpt text, in bytes.
pub const CHUNK_BYTES: usize = 10_000;
/// Words in an excerpt.
pub const WINDOW_WORDS: usize = 30;

/// Byte offsets where the chunks of `text` start (the first is 0; empty text has one chunk).
pub fn chunk_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut at = 0;
    while text.len() - at > CHUNK_BYTES {
        // The first space at or after the target: a chunk never splits a word.
        let target = at + CHUNK_BYTES;
        let next = text.as_bytes()[target..]
            .iter()
            .position(|&b| b == b' ')
            .map(|i| target + i + 1);
        match next {
            Some(n) if n < text.len() => {
                starts.push(n);
                at = n;
            }
            _ => break,
        }
    }
    starts
}

/// The text of chunk `i` of `text`.
pub fn chunk<'a>(text: &'a str, starts: &[usize], i: usize) -> &'a str {
    let from = starts.get(i).copied().unwrap_or(text.len()).min(text.len());
    let to = starts.get(i + 1).copied().unwrap_or(text.len()).min(text.len());
    text.get(from..to).unwrap_or("").trim_end()
}

/// An excerpt: runs of text, marked or not, and whether text was left out before and after.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Excerpt {
    /// Runs of text; `true` marks a matched word.
    pub parts: Vec<(String, bool)>,
    /// Text comes before the excerpt.
    pub before: bool,
    /// Text comes after the excerpt.
    pub after: bool,
}

impl Excerpt {
    /// The excerpt as escaped HTML with `open`/`close` around marked words and ellipses.
    pub fn html(&self, open: &str, close: &str) -> String {
        let mut s = String::new();
        if self.before {
            s.push('…');
        }
        for (t, marked) in &self.parts {
            let t = crate::html::escape(t);
            if *marked {
                s.push_str(open);
                s.push_str(&t);
                s.push_str(close);
            } else {
                s.push_str(&t);
            }
        }
        if self.after {
            s.push('…');
        }
        s
    }

    /// The plain text of the excerpt, without ellipses.
    pub fn text(&self) -> String {
        self.parts.iter().map(|(t, _)| t.as_str()).collect()
    }
}

/// Cuts the excerpt out of chunk `index` of `count`, given `marks`: folded form -> the query
/// terms (by their index in the query) that the form carries.
pub fn excerpt(chunk_text: &str, index: usize, count: usize, marks: &HashMap<String, Vec<usize>>) -> Excerpt {
    let ws: Vec<_> = words(chunk_text).collect();
    let hits: Vec<Option<&Vec<usize>>> = ws
        .iter()
        .map(|w| marks.get(&form_of(&chunk_text[w.start..w.end])))
        .collect();
    let n = ws.len();
    let width = WINDOW_WORDS.min(n);
    // Sliding window over (distinct terms, marked words); the earliest best one wins.
    let mut seen: HashMap<usize, usize> = HashMap::new();
    let mut marked = 0usize;
    let mut best = (0usize, 0usize, 0usize);
    for i in 0..n {
        if let Some(ts) = hits[i] {
            marked += 1;
            for &t in ts {
                *seen.entry(t).or_insert(0) += 1;
            }
        }
        if i >= width
            && let Some(ts) = hits[i - width]
        {
            marked -= 1;
            for &t in ts {
                if let Some(c) = seen.get_mut(&t) {
                    *c -= 1;
                    if *c == 0 {
                        seen.remove(&t);
                    }
                }
            }
        }
        if i + 1 >= width {
            let start = i + 1 - width;
            let score = (seen.len(), marked);
            if (score.0, score.1) > (best.0, best.1) {
                best = (score.0, score.1, start);
            }
        }
    }
    let start = best.2;
    let end = (start + width).min(n);
    let mut ex = Excerpt {
        parts: Vec::new(),
        before: index > 0 || start > 0,
        after: index + 1 < count || end < n,
    };
    if n == 0 {
        return ex;
    }
    let mut at = ws[start].start;
    let stop = ws[end - 1].end;
    let mut plain = String::new();
    for (w, hit) in ws[start..end].iter().zip(&hits[start..end]) {
        if hit.is_some() {
            plain.push_str(&chunk_text[at..w.start]);
            if !plain.is_empty() {
                ex.parts.push((std::mem::take(&mut plain), false));
            }
            ex.parts.push((chunk_text[w.start..w.end].to_string(), true));
            at = w.end;
        }
    }
    plain.push_str(&chunk_text[at..stop]);
    if !plain.is_empty() {
        ex.parts.push((plain, false));
    }
    ex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_text_at_spaces() {
        let text = "sana ".repeat(CHUNK_BYTES);
        let text = text.trim_end();
        let starts = chunk_starts(text);
        assert!(starts.len() > 3);
        let joined: Vec<&str> = (0..starts.len()).map(|i| chunk(text, &starts, i)).collect();
        assert_eq!(joined.join(" "), text);
        assert_eq!(chunk_starts(""), vec![0]);
    }

    #[test]
    fn the_window_with_most_distinct_terms_wins() {
        let text = "alku lapsi lapsi lapsi muuta tekstiä ".repeat(20) + "lapsi ja perhe yhdessä";
        let marks = HashMap::from([("lapsi".to_string(), vec![0]), ("perhe".to_string(), vec![1])]);
        let ex = excerpt(&text, 0, 1, &marks);
        assert!(ex.text().contains("lapsi ja perhe"), "{ex:?}");
        assert!(ex.before);
        assert!(text.contains(&ex.text()));
        assert!(ex.parts.iter().any(|(t, m)| *m && t == "perhe"));
    }
}
