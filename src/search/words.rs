//! What a word is, for both search outputs. The browser's engine (`search-engine.js` in the
//! theme) implements exactly these rules; keep the two in step (the parity test checks them).
//!
//! - A word is a run of letters and digits (Unicode Alphabetic or Numeric), and hyphens *between*
//!   such runs join them into one word: `sote-uudistus`, `2016-2018`.
//! - Its form is the word lower-cased, then folded: ä, å -> a, ö -> o, and a few accented letters
//!   to their base letter, so a query typed without them still matches.
//! - A word longer than [`MAX_WORD_CHARS`] characters (a pasted key, a base64 blob) is no word
//!   at all: it is skipped by the index and by queries, which keeps every stage linear.

/// Words longer than this many characters are skipped.
pub const MAX_WORD_CHARS: usize = 64;

/// One word of a text: its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
}

/// Folds one lower-case character: the table the browser engine repeats.
pub fn fold_char(c: char) -> char {
    match c {
        'ä' | 'å' | 'á' | 'à' | 'â' | 'ã' => 'a',
        'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
        'ü' => 'y',
        'ú' | 'ù' | 'û' => 'u',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'š' => 's',
        'ž' => 'z',
        c => c,
    }
}

/// Lower-cases a word into `out` (cleared first), character by character as the browser does.
pub fn lower_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Folds a lower-case word.
pub fn fold(lower: &str) -> String {
    if lower.is_ascii() {
        return lower.to_string();
    }
    lower.chars().map(fold_char).collect()
}

/// Folds a lower-case word into `out` (cleared first).
pub fn fold_into(lower: &str, out: &mut String) {
    out.clear();
    if lower.is_ascii() {
        out.push_str(lower);
    } else {
        out.extend(lower.chars().map(fold_char));
    }
}

/// Lower-cases and folds a word: its form.
pub fn form_of(word: &str) -> String {
    let mut lower = String::new();
    lower_into(word, &mut lower);
    fold(&lower)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character starting at byte `i` of `text` (a char boundary) and its length, if it is a
/// word character. ASCII is decided from the byte alone.
#[inline]
fn word_char_at(text: &str, i: usize) -> Option<usize> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return b.is_ascii_alphanumeric().then_some(1);
    }
    // Latin-1 letters (ä, ö, å, é...) are most of the rest: U+00C0..U+00FF but × and ÷.
    if b == 0xC3
        && let Some(&n) = text.as_bytes().get(i + 1)
    {
        return (n != 0x97 && n != 0xB7).then_some(2);
    }
    let c = text[i..].chars().next()?;
    is_word_char(c).then(|| c.len_utf8())
}

/// The words of `text`, in order, with their byte ranges. Linear in the length of the text.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// Iterator over the words of a text.
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for Words<'_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        let text = self.text;
        let bytes = text.as_bytes();
        loop {
            // The next word character.
            let mut i = self.at;
            let first = loop {
                if i >= bytes.len() {
                    self.at = i;
                    return None;
                }
                match word_char_at(text, i) {
                    Some(n) => break n,
                    None => {
                        i += if bytes[i] < 0x80 {
                            1
                        } else {
                            text[i..].chars().next().map_or(1, char::len_utf8)
                        }
                    }
                }
            };
            let start = i;
            let mut end = i + first;
            let mut chars_in_word = 1usize;
            loop {
                if let Some(n) = word_char_at(text, end) {
                    end += n;
                    chars_in_word += 1;
                } else if bytes.get(end) == Some(&b'-')
                    && let Some(n) = word_char_at(text, end + 1)
                {
                    end += 1 + n;
                    chars_in_word += 2;
                } else {
                    break;
                }
            }
            self.at = end;
            if chars_in_word > MAX_WORD_CHARS {
                continue;
            }
            return Some(Word { start, end });
        }
    }
}

/// Byte offsets of the words of `text` longer than [`MAX_WORD_CHARS`] (which search skips), at
/// most 20 of them.
pub fn long_words(text: &str) -> Vec<usize> {
    // A word of more than 64 characters is more than 64 bytes of letters, digits, hyphens and
    // non-ASCII: most texts have no such run, and a byte scan tells so cheaply.
    let mut run = 0usize;
    let candidate = text.bytes().any(|b| {
        run = if b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80 {
            run + 1
        } else {
            0
        };
        run > MAX_WORD_CHARS
    });
    if !candidate {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut at = 0;
    while out.len() < 20 {
        let Some(start) = text[at..].find(is_word_char).map(|i| at + i) else {
            break;
        };
        let mut end = start;
        let mut n = 0usize;
        for (i, c) in text[start..].char_indices() {
            if is_word_char(c) || (c == '-' && text[start + i + 1..].starts_with(is_word_char)) {
                n += 1;
                end = start + i + c.len_utf8();
            } else {
                break;
            }
        }
        if n > MAX_WORD_CHARS {
            out.push(start);
        }
        at = end.max(start + 1);
        while !text.is_char_boundary(at) {
            at += 1;
        }
    }
    out
}

/// The parts of a hyphenated form (`sote-uudistus` -> `sote`, `uudistus`); one part for others.
pub fn hyphen_parts(form: &str) -> impl Iterator<Item = &str> {
    form.split('-').filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        words(text).map(|w| form_of(&text[w.start..w.end])).collect()
    }

    #[test]
    fn words_hyphens_and_folding() {
        assert_eq!(
            forms("Sote-uudistus, PÄIJÄT-HÄME ja -lapset- 2016–2018 (kunta)"),
            ["sote-uudistus", "paijat-hame", "ja", "lapset", "2016", "2018", "kunta"]
        );
        assert_eq!(forms("Åland Öljy café"), ["aland", "oljy", "cafe"]);
    }

    #[test]
    fn latin1_letters_are_word_characters_and_signs_are_not() {
        for c in '\u{c0}'..='\u{ff}' {
            let s = c.to_string();
            assert_eq!(word_char_at(&s, 0).is_some(), is_word_char(c), "{c}");
        }
    }

    #[test]
    fn long_words_are_found() {
        let text = format!("lyhyt {} toinen", "x".repeat(70));
        assert_eq!(long_words(&text), vec![6]);
        assert!(long_words("sote-uudistus").is_empty());
    }

    #[test]
    fn very_long_words_are_skipped_in_linear_time() {
        let blob = "a".repeat(2_000_000);
        let text = format!("alku {blob} loppu");
        assert_eq!(forms(&text), ["alku", "loppu"]);
        let hyphens = "ab-".repeat(100_000);
        assert_eq!(forms(&format!("x {hyphens}")), ["x"]);
    }
}
