//! Slugs that a Finnish editor expects: `Päijät-Häme` becomes `paijat-hame`.
//!
//! Slugs are used in URLs, heading anchors and to match references typed by hand, so the same
//! function must serve all three.

/// Folds one lower-case character to its ASCII spelling for a slug, if it has one.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'ä' | 'å' | 'á' | 'à' | 'â' | 'ã' | 'ā' => "a",
        'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' | 'ō' => "o",
        'ü' | 'ú' | 'ù' | 'û' | 'ū' => "u",
        'é' | 'è' | 'ê' | 'ë' | 'ē' => "e",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'š' => "s",
        'ž' => "z",
        'ç' | 'č' => "c",
        'ñ' => "n",
        'æ' => "ae",
        'ß' => "ss",
        'ð' => "d",
        'þ' => "th",
        _ => return None,
    })
}

/// Turns any text into an ASCII slug: lower case, letters and digits, single hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let piece: Option<&str> = if c.is_ascii_alphanumeric() { None } else { fold(c) };
        if c.is_ascii_alphanumeric() || piece.is_some() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            match piece {
                Some(p) => out.push_str(p),
                None => out.push(c),
            }
        } else {
            gap = true;
        }
    }
    out
}

/// Removes a leading `YYYY-MM-DD-` or `YYYY-MM-DD_` from a file stem, as Zola and Hugo do.
pub fn strip_date_prefix(stem: &str) -> &str {
    let b = stem.as_bytes();
    let is_digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let shape = (0..4).all(is_digit)
        && b.get(4) == Some(&b'-')
        && (5..7).all(is_digit)
        && b.get(7) == Some(&b'-')
        && (8..10).all(is_digit)
        && matches!(b.get(10), Some(b'-') | Some(b'_'));
    if shape && b.len() > 11 { &stem[11..] } else { stem }
}

/// Hands out unique anchors within one page: the second "Tausta" becomes `tausta-1`.
#[derive(Default)]
pub struct AnchorSet {
    seen: std::collections::HashMap<String, usize>,
}

impl AnchorSet {
    /// Returns a unique anchor for a heading text (or an explicit id).
    pub fn unique(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "otsikko" } else { base };
        let mut candidate = base.to_string();
        let mut n = self.seen.get(base).copied().unwrap_or(0);
        while self.seen.contains_key(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        self.seen.insert(base.to_string(), n);
        self.seen.entry(candidate.clone()).or_insert(0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finnish_letters_fold() {
        assert_eq!(slugify("Päijät-Häme"), "paijat-hame");
        assert_eq!(slugify("Åland – Ahvenanmaa"), "aland-ahvenanmaa");
        assert_eq!(
            slugify("  Yksi lapsi, yhteinen suunnitelma! "),
            "yksi-lapsi-yhteinen-suunnitelma"
        );
        assert_eq!(slugify("DM1-nuoret"), "dm1-nuoret");
    }

    #[test]
    fn anchors_are_unique() {
        let mut a = AnchorSet::default();
        assert_eq!(a.unique("tausta"), "tausta");
        assert_eq!(a.unique("tausta"), "tausta-1");
        assert_eq!(a.unique("tausta-1"), "tausta-1-1");
        assert_eq!(a.unique("tausta"), "tausta-2");
    }

    #[test]
    fn date_prefix() {
        assert_eq!(strip_date_prefix("2018-09-10-tyopaja"), "tyopaja");
        assert_eq!(strip_date_prefix("2018-09-10"), "2018-09-10");
        assert_eq!(strip_date_prefix("vatu"), "vatu");
    }
}
