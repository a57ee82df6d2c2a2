//! Front matter proposed from a document's text: its date, and the bank's regions,
//! municipalities and themes named in it in any inflected form ("Pirkanmaalla",
//! "Tampereen", "Päijät-Hämeen", "perhekeskusten"), read with the search's own analysis.

use crate::graph::Bank;
use crate::model::{Date, Kind};
use crate::search::finnish::{self, Vocabulary};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// A name the bank knows: a region, a theme or a municipality.
#[derive(Debug, Clone)]
pub struct Named {
    /// Slug (regions, themes) or name as written (municipalities).
    pub id: String,
    /// The region a municipality belongs to.
    pub region: Option<String>,
    /// Every way it is written: title, Swedish and English names, slug words.
    pub forms: Vec<String>,
}

/// The bank's names to look for.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Regions.
    pub regions: Vec<Named>,
    /// Themes.
    pub themes: Vec<Named>,
    /// Municipalities with their regions.
    pub municipalities: Vec<Named>,
}

impl Names {
    /// The names of a resolved bank.
    pub fn of(bank: &Bank) -> Names {
        let named = |kind: Kind| -> Vec<Named> {
            bank.of_kind(kind)
                .iter()
                .map(|&id| {
                    let d = bank.doc(id);
                    let mut forms = vec![d.title.clone(), d.slug.replace('-', " ")];
                    forms.extend(d.fm.name_sv.clone());
                    forms.extend(d.fm.name_en.clone());
                    forms.dedup();
                    Named {
                        id: d.slug.clone(),
                        region: None,
                        forms,
                    }
                })
                .collect()
        };
        let municipalities = bank
            .municipality_list()
            .iter()
            .map(|m| Named {
                id: m.name.clone(),
                region: m.region.map(|r| bank.doc(r).slug.clone()),
                forms: vec![m.name.clone()],
            })
            .collect();
        Names {
            regions: named(Kind::Region),
            themes: named(Kind::Theme),
            municipalities,
        }
    }
}

/// What the text suggests, each with the evidence an editor can check.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Guesses {
    /// The first date in the text, as written there.
    pub date: Option<(Date, String)>,
    /// Regions with their score (mentions, the title's counting three times, and mentions
    /// of their municipalities).
    pub regions: Vec<(String, usize)>,
    /// Municipalities named, in the order first named.
    pub municipalities: Vec<String>,
    /// Themes named at least twice, or in the title.
    pub themes: Vec<(String, usize)>,
}

/// Words and their hyphen parts as sets of keys (lemma and compound parts) per position,
/// with the byte range of the word each came from.
fn keyed(text: &str, vocab: &Vocabulary) -> Keyed {
    let mut out = Vec::new();
    let mut spans = Vec::new();
    let mut start = None;
    let mut words = Vec::new();
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let inside = c.is_alphanumeric() || c == '-';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    for (s, e) in words {
        for part in text[s..e].split('-').filter(|p| !p.is_empty()) {
            let lower = part.to_lowercase();
            if finnish::is_stop(&crate::search::words::fold(&lower)) {
                continue;
            }
            let mut keys: HashSet<String> = finnish::word_tokens(&lower, vocab).into_iter().collect();
            keys.insert(vocab.lemma(&lower));
            keys.insert(crate::search::words::fold(&lower));
            out.push(keys);
            spans.push((s, e));
        }
    }
    (out, spans)
}

/// A name as the sequence of its parts' main keys.
fn name_keys(form: &str, vocab: &Vocabulary) -> Vec<String> {
    form.split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(str::to_lowercase)
        .filter(|p| !finnish::is_stop(&crate::search::words::fold(p)))
        .map(|p| vocab.lemma(&p))
        .collect()
}

/// A text as keys per position and the word each position belongs to.
type Keyed = (Vec<HashSet<String>>, Vec<(usize, usize)>);

/// Where a name's keys occur in order: (first, last) positions of each match. A match takes
/// whole hyphenated words: "Pohjanmaa" is not found in "Keski-Pohjanmaalla".
fn matches((text, spans): &Keyed, name: &[String]) -> Vec<(usize, usize)> {
    if name.is_empty() || text.len() < name.len() {
        return Vec::new();
    }
    let starts_word = |i: usize| i == 0 || spans[i - 1] != spans[i];
    let ends_word = |i: usize| i + 1 == spans.len() || spans[i + 1] != spans[i];
    (0..=text.len() - name.len())
        .filter(|&i| name.iter().enumerate().all(|(j, k)| text[i + j].contains(k)))
        .map(|i| (i, i + name.len() - 1))
        .filter(|&(s, e)| starts_word(s) && ends_word(e))
        .collect()
}

/// A name's matches in a text, by the form that matches most often.
fn found(named: &Named, text: &Keyed, vocab: &Vocabulary) -> Vec<(usize, usize)> {
    named
        .forms
        .iter()
        .map(|f| matches(text, &name_keys(f, vocab)))
        .max_by_key(Vec::len)
        .unwrap_or_default()
}

/// Whether only a list's glue stands between two mentions: "Pirkanmaa, Kanta-Häme ja
/// Etelä-Pohjanmaa" names three regions working together.
fn listed_together(between: &str) -> bool {
    let glue = |w: &str| {
        matches!(
            w.to_lowercase().as_str(),
            "ja" | "sekä" | "tai" | "och" | "and" | "eller"
        )
    };
    let words: Vec<&str> = between
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/' || c == '&')
        .filter(|w| !w.is_empty())
        .collect();
    // Within one line, and joined by a comma or a conjunction: a line break or bare space
    // between two names is a new line of a list of titles, not a list of partners.
    !between.contains('\n') && (between.contains([',', '/', '&']) || !words.is_empty()) && words.iter().all(|w| glue(w))
}

const MONTHS: [&str; 12] = [
    "tammikuuta",
    "helmikuuta",
    "maaliskuuta",
    "huhtikuuta",
    "toukokuuta",
    "kesäkuuta",
    "heinäkuuta",
    "elokuuta",
    "syyskuuta",
    "lokakuuta",
    "marraskuuta",
    "joulukuuta",
];

/// The first date in `text`: 10.9.2018, 09.03.2018, 2018-09-10 or 10. syyskuuta 2018.
pub fn first_date(text: &str) -> Option<(Date, String)> {
    let bytes: Vec<char> = text.chars().collect();
    let digits_at = |i: usize| bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && (bytes[i - 1].is_ascii_digit() || bytes[i - 1] == '.')) {
            i += 1;
            continue;
        }
        let n = digits_at(i);
        let num = |from: usize, len: usize| bytes[from..from + len].iter().collect::<String>();
        // D.M.YYYY
        if (1..=2).contains(&n) && bytes.get(i + n) == Some(&'.') {
            let m = digits_at(i + n + 1);
            if (1..=2).contains(&m) && bytes.get(i + n + 1 + m) == Some(&'.') {
                let y = digits_at(i + n + m + 2);
                if y == 4 {
                    let end = i + n + m + 2 + 4;
                    let written = num(i, end - i);
                    let iso = format!("{}-{:0>2}-{:0>2}", num(i + n + m + 2, 4), num(i + n + 1, m), num(i, n));
                    if let Ok(d) = Date::parse(&iso) {
                        return Some((d, written));
                    }
                }
            }
            // D. kuukautta YYYY
            let rest: String = bytes[i + n + 1..].iter().take(20).collect();
            let rest = rest.trim_start().to_lowercase();
            if let Some(month) = MONTHS.iter().position(|m| rest.starts_with(m)) {
                let after = rest[MONTHS[month].len()..].trim_start();
                let year: String = after.chars().take_while(char::is_ascii_digit).collect();
                if year.len() == 4
                    && let Ok(d) = Date::parse(&format!("{year}-{:02}-{:0>2}", month + 1, num(i, n)))
                {
                    return Some((d, format!("{}. {} {year}", num(i, n), MONTHS[month])));
                }
            }
        }
        // YYYY-MM-DD
        if n == 4
            && bytes.get(i + 4) == Some(&'-')
            && digits_at(i + 5) == 2
            && bytes.get(i + 7) == Some(&'-')
            && digits_at(i + 8) == 2
        {
            let written = num(i, 10);
            if let Ok(d) = Date::parse(&written) {
                return Some((d, written));
            }
        }
        i += n.max(1);
    }
    None
}

/// Guesses from a document's title and body text.
pub fn guess(title: &str, body: &str, names: &Names) -> Guesses {
    let forms = names
        .regions
        .iter()
        .chain(&names.themes)
        .chain(&names.municipalities)
        .flat_map(|n| n.forms.iter().map(String::as_str));
    // The vocabulary decides lemma keys by the words it has seen: the document and the
    // names, so a name and its inflected forms meet.
    let vocab = Vocabulary::from_texts([title, body].into_iter().chain(forms));
    let (t, b) = (keyed(title, &vocab), keyed(body, &vocab));
    let spans = b.1.clone();
    let mut scores: BTreeMap<String, usize> = BTreeMap::new();
    // Every region mention in the body, as (first word, last word, region).
    let mut mentions: Vec<(usize, usize, String)> = Vec::new();
    for r in &names.regions {
        let (ht, hb) = (found(r, &t, &vocab).len(), found(r, &b, &vocab));
        *scores.entry(r.id.clone()).or_insert(0) += 3 * ht + hb.len();
        mentions.extend(hb.into_iter().map(|(s, e)| (s, e, r.id.clone())));
    }
    let mut first_seen: Vec<(usize, String)> = Vec::new();
    for m in &names.municipalities {
        let (ht, hb) = (found(m, &t, &vocab).len(), found(m, &b, &vocab));
        if ht + hb.len() == 0 {
            continue;
        }
        if let Some(r) = &m.region {
            *scores.entry(r.clone()).or_insert(0) += 3 * ht + hb.len();
        }
        let first = if ht > 0 {
            0
        } else {
            hb.first().map_or(usize::MAX, |(s, _)| s + 1)
        };
        first_seen.push((first, m.id.clone()));
    }
    first_seen.sort();
    let municipalities: Vec<String> = first_seen.into_iter().map(|(_, m)| m).collect();
    let top = scores.values().copied().max().unwrap_or(0);
    // A region counts when it carries a good share of the mentions: a document about
    // Keski-Suomi that mentions a model from Pohjois-Savo once is Keski-Suomi's.
    let floor = (top / 4).max(2);
    let mut chosen: BTreeSet<String> = scores
        .iter()
        .filter(|(_, s)| **s >= floor)
        .map(|(r, _)| r.clone())
        .collect();
    // Regions listed together with a chosen one join it, however rarely they are named.
    mentions.sort();
    loop {
        let before = chosen.len();
        for pair in mentions.windows(2) {
            let ((_, end_a, a), (start_b, _, b)) = (&pair[0], &pair[1]);
            let (Some(&(_, gap_from)), Some(&(gap_to, _))) = (spans.get(*end_a), spans.get(*start_b)) else {
                continue;
            };
            if a != b
                && gap_from <= gap_to
                && listed_together(&body[gap_from..gap_to])
                && (chosen.contains(a) || chosen.contains(b))
            {
                chosen.insert(a.clone());
                chosen.insert(b.clone());
            }
        }
        if chosen.len() == before {
            break;
        }
    }
    let first_mention = |r: &str| mentions.iter().position(|(_, _, m)| m == r).unwrap_or(usize::MAX);
    let mut regions: Vec<(String, usize)> = scores.into_iter().filter(|(r, _)| chosen.contains(r)).collect();
    // The most named first; among equals, the one named first.
    regions.sort_by(|a, b| b.1.cmp(&a.1).then(first_mention(&a.0).cmp(&first_mention(&b.0))));
    let mut themes: Vec<(String, usize)> = names
        .themes
        .iter()
        .filter_map(|th| {
            let (ht, hb) = (found(th, &t, &vocab).len(), found(th, &b, &vocab).len());
            (ht > 0 || hb >= 2).then(|| (th.id.clone(), 3 * ht + hb))
        })
        .collect();
    themes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Guesses {
        date: first_date(title).or_else(|| first_date(body)),
        regions,
        municipalities,
        themes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        let n = |id: &str, forms: &[&str], region: Option<&str>| Named {
            id: id.into(),
            region: region.map(str::to_string),
            forms: forms.iter().map(|s| s.to_string()).collect(),
        };
        Names {
            regions: vec![
                n("pirkanmaa", &["Pirkanmaa", "Birkaland"], None),
                n("paijat-hame", &["Päijät-Häme", "paijat hame"], None),
                n("keski-suomi", &["Keski-Suomi", "keski suomi"], None),
                n("uusimaa", &["Uusimaa", "Nyland"], None),
            ],
            themes: vec![n("perhekeskus", &["Perhekeskustoimintamalli", "perhekeskus"], None)],
            municipalities: vec![
                n("Tampere", &["Tampere"], Some("pirkanmaa")),
                n("Lahti", &["Lahti"], Some("paijat-hame")),
                n("Järvenpää", &["Järvenpää"], Some("uusimaa")),
            ],
        }
    }

    #[test]
    fn inflected_names_are_found() {
        let g = guess(
            "Pirkanmaan työpaja",
            "Pirkanmaalla ja Tampereella kokeiltiin perhekeskusten mallia. Perhekeskus avattiin. \
             Päijät-Hämeessä ja Lahdessa seurattiin.",
            &names(),
        );
        let regions: Vec<&str> = g.regions.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(regions[0], "pirkanmaa", "{g:?}");
        assert!(regions.contains(&"paijat-hame"), "{g:?}");
        assert!(g.municipalities.contains(&"Tampere".to_string()), "{g:?}");
        assert!(g.municipalities.contains(&"Lahti".to_string()), "{g:?}");
        assert_eq!(g.themes.first().map(|t| t.0.as_str()), Some("perhekeskus"), "{g:?}");
    }

    #[test]
    fn a_passing_mention_does_not_make_a_region() {
        let body = "Keski-Suomen kunnat. Keski-Suomessa. Keski-Suomen maakunta. Keski-Suomi. \
                    Keski-Suomen LAPE. Keski-Suomen perhekeskukset. Keski-Suomessa sovittiin. Keski-Suomi. \
                    Malli on Pirkanmaalta.";
        let g = guess("Keski-Suomen koonti", body, &names());
        assert_eq!(
            g.regions.iter().map(|(r, _)| r.as_str()).collect::<Vec<_>>(),
            ["keski-suomi"],
            "{g:?}"
        );
    }

    #[test]
    fn regions_listed_with_the_main_one_join_it() {
        let body = "Pirkanmaalla. Pirkanmaan kunnat. Pirkanmaa. Tampereella. Pirkanmaan malli. \
                    OT-keskus: Pirkanmaa, Päijät-Häme ja Uusimaa valmistelevat yhdessä. Keski-Suomessa kerran. \
                    Itä-Uudenmaan ja Etelä-Pirkanmaan kunnat eivät ole maakuntia.";
        let g = guess("Pirkanmaan työpaja", body, &names());
        let mut r: Vec<&str> = g.regions.iter().map(|(r, _)| r.as_str()).collect();
        r.sort();
        assert_eq!(r, ["paijat-hame", "pirkanmaa", "uusimaa"], "{g:?}");
    }

    #[test]
    fn dates_in_finnish_forms() {
        assert_eq!(
            first_date("Työpaja 09.03.2018 Tampere").map(|d| d.0.iso()),
            Some("2018-03-09".into())
        );
        assert_eq!(
            first_date("muistio 29.3.2016 ja 29.1.2016").map(|d| d.0.iso()),
            Some("2016-03-29".into())
        );
        assert_eq!(
            first_date("pidetään 10. syyskuuta 2018").map(|d| d.0.iso()),
            Some("2018-09-10".into())
        );
        assert_eq!(
            first_date("v. 2018-09-10").map(|d| d.0.iso()),
            Some("2018-09-10".into())
        );
        assert_eq!(first_date("klo 8.30 ja 23.3. Hollolassa, 1.2.3.2018"), None);
        assert_eq!(first_date("45.13.2018"), None);
    }
}
