//! Alphabetical order by language. Finnish (SFS 4600 in short) and Swedish agree at the first
//! level: å, ä and ö come after z (in that order), ü sorts as y, æ with ä, ø with ö, and other
//! accented letters with their base letter. English sorts å and ä with a and ö with o.

use std::cmp::Ordering;

/// The primary sort weight of one character, or `None` for characters ignored at first level.
fn weight(c: char) -> Option<u32> {
    let c = c.to_lowercase().next().unwrap_or(c);
    let w = match c {
        '0'..='9' => c as u32 - '0' as u32 + 1,
        'a'..='z' => c as u32 - 'a' as u32 + 20,
        'ü' | 'ű' => 'y' as u32 - 'a' as u32 + 20,
        'å' => 46,
        'ä' | 'æ' => 47,
        'ö' | 'ø' | 'ő' => 48,
        'á' | 'à' | 'â' | 'ã' => 20,
        'é' | 'è' | 'ê' | 'ë' => 24,
        'í' | 'ì' | 'î' | 'ï' => 28,
        'ó' | 'ò' | 'ô' | 'õ' => 34,
        'ú' | 'ù' | 'û' => 40,
        'š' => 38,
        'ž' => 45,
        'ç' | 'č' => 22,
        'ñ' => 33,
        c if c.is_alphanumeric() => 100 + c as u32,
        _ => return None,
    };
    Some(w)
}

/// The weight of `c` where å, ä and ö are accented a and o (English and most languages).
fn weight_folded(c: char) -> Option<u32> {
    match c.to_lowercase().next().unwrap_or(c) {
        'å' | 'ä' | 'æ' => weight('a'),
        'ö' | 'ø' | 'ő' => weight('o'),
        _ => weight(c),
    }
}

/// Compares two strings in Finnish alphabetical order; ties are broken by the raw text.
pub fn compare(a: &str, b: &str) -> Ordering {
    let wa = a.chars().filter_map(weight);
    let wb = b.chars().filter_map(weight);
    wa.cmp(wb).then_with(|| a.cmp(b))
}

/// Compares two strings in the alphabetical order of `lang` (`fi`, `sv`, `en`, ...).
pub fn compare_in(lang: &str, a: &str, b: &str) -> Ordering {
    match lang {
        "fi" | "sv" | "da" | "no" | "nb" | "nn" | "se" | "et" => compare(a, b),
        _ => {
            let wa = a.chars().filter_map(weight_folded);
            let wb = b.chars().filter_map(weight_folded);
            wa.cmp(wb).then_with(|| a.cmp(b))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scandinavian_letters_after_z() {
        let mut v = vec!["Öljy", "Äänekoski", "Ahvenanmaa", "Zeta", "Åbo", "Uusimaa"];
        v.sort_by(|a, b| compare(a, b));
        assert_eq!(v, ["Ahvenanmaa", "Uusimaa", "Zeta", "Åbo", "Äänekoski", "Öljy"]);
    }

    #[test]
    fn swedish_puts_a_ring_and_o_umlaut_last_and_english_with_their_letters() {
        let names = [
            "Åland",
            "Österbotten",
            "Nyland",
            "Birkaland",
            "Södra Savolax",
            "Päijänne-Tavastland",
        ];
        let mut sv = names.to_vec();
        sv.sort_by(|a, b| compare_in("sv", a, b));
        assert_eq!(
            sv,
            [
                "Birkaland",
                "Nyland",
                "Päijänne-Tavastland",
                "Södra Savolax",
                "Åland",
                "Österbotten"
            ]
        );
        let mut en = vec!["Uusimaa", "Åland", "Ostrobothnia", "Ähtäri"];
        en.sort_by(|a, b| compare_in("en", a, b));
        assert_eq!(en, ["Ähtäri", "Åland", "Ostrobothnia", "Uusimaa"]);
    }

    #[test]
    fn hyphen_and_case_ignored_first() {
        assert!(compare("Etelä-Savo", "etelä savo").is_ne());
        assert_eq!(compare("Keski-Suomi", "Kainuu"), Ordering::Greater);
    }
}
