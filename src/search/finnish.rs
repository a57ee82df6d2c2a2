//! Finnish morphology: what one lower-case word is indexed and searched as.
//!
//! Stop words are dropped *before* stemming (else "kunta" and the word "kun" would share a stem);
//! words are stemmed with Snowball Finnish (tantivy's `Stemmer`), fixed up where Snowball splits
//! one word's forms, and folded to ASCII (ä -> a, ö -> o, å -> a) so a query typed without them
//! still matches. Compounds are split against the bank's own vocabulary and a small list of
//! compound heads; a compound's parts, and each run of adjacent parts, are indexed at the word's
//! own position, so phrases still match. This runs once per distinct word of the bank (see
//! `lexicon`), never at query time: queries look their words up in the table it produces.

use super::words::fold;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use tantivy::tokenizer::{Language, Stemmer, TextAnalyzer, TokenStream};

/// Finnish function words that carry no meaning for search; checked before stemming.
pub const STOP_WORDS: &[&str] = &[
    "ja", "on", "ei", "se", "että", "kun", "joka", "jos", "tai", "myös", "sekä", "ole", "oli", "ovat", "olla", "ollut",
    "olisi", "mutta", "kuin", "niin", "vain", "nyt", "jo", "mitä", "mikä", "miten", "siitä", "sen", "sitä", "siinä",
    "hän", "me", "te", "he", "minä", "sinä", "voi", "kanssa", "tämä", "tämän", "tätä", "tässä", "nämä", "näitä", "ne",
    "niitä", "niiden", "niin", "joita", "jotka", "jonka", "joiden", "jossa", "joissa", "johon", "josta", "jolla",
    "eli", "esim", "mm", "yms", "jne", "kuten", "koska", "vaan", "vielä", "sekä", "siis", "sille", "siihen", "heidän",
    "meidän", "teidän", "olen", "olet", "olemme", "olette", "ollaan", "ei", "en", "et", "emme", "ette", "eivät", "the",
    "of", "and", "och", "att", "är", "som", "för",
];

/// Heads and modifiers that Finnish compounds of this field are built from; the bank's own
/// vocabulary supplies the rest.
pub const COMPOUND_PARTS: &[&str] = &[
    "keskus",
    "malli",
    "palvelu",
    "palvelut",
    "suojelu",
    "työ",
    "toiminta",
    "perhe",
    "lapsi",
    "lasten",
    "lapsi",
    "nuori",
    "nuorten",
    "koulu",
    "hoito",
    "huolto",
    "tuki",
    "ryhmä",
    "kunta",
    "maakunta",
    "verkosto",
    "johtaminen",
    "yhteistyö",
    "arviointi",
    "suunnitelma",
    "kehittäminen",
    "hanke",
    "sosiaali",
    "terveys",
    "psykiatria",
    "ohjaus",
    "neuvola",
    "taso",
    "alue",
    "tiimi",
    "kokous",
    "muistio",
    "pilotti",
    "tieto",
    "vanhemmuus",
    "vanhempi",
    "ero",
    "väkivalta",
    "päihde",
    "mielenterveys",
    "opiskelu",
    "oppilas",
    "varhais",
    "erityis",
    "perus",
    "monialainen",
    "asiakas",
    "ammattilainen",
    "koulutus",
    "sijais",
    "jälki",
    "kasvatus",
    "varhaiskasvatus",
    "sote",
];

/// Whether a folded form is a stop word (the list is folded the same way, so "etta" is one too).
pub fn is_stop(form: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    if form.len() > 8 {
        return false;
    }
    SET.get_or_init(|| STOP_WORDS.iter().map(|w| fold(w)).collect())
        .contains(form)
}

/// The stop words, folded: the browser's engine gets this list from the index.
pub fn stop_forms() -> Vec<String> {
    let mut v: Vec<String> = STOP_WORDS.iter().map(|w| fold(w)).collect();
    v.sort();
    v.dedup();
    v
}

/// Snowball Finnish stemming of one lower-case word, through tantivy's own `Stemmer`.
#[derive(Clone)]
pub struct Stem {
    analyzer: TextAnalyzer,
}

impl Default for Stem {
    fn default() -> Self {
        Stem {
            analyzer: TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
                .filter(Stemmer::new(Language::Finnish))
                .build(),
        }
    }
}

impl Stem {
    /// The Snowball stem with our fix-ups, folded to ASCII.
    pub fn stem(&mut self, word: &str) -> String {
        let mut out = String::new();
        let mut ts = self.analyzer.token_stream(word);
        if ts.advance() {
            out.push_str(&ts.token().text);
        }
        fold(&fixup(word, out))
    }
}

/// Repairs stems where Snowball gives one word's forms different stems (measured on this
/// field's words): nouns in -us (perhekeskus -> perhekeskus, perhekeskuksen -> perhekeskuks),
/// adjectives in -inen (monitoimijainen -> monitoimijain, monitoimijaisen -> monitoimijais),
/// plural stems in -ej (malleja -> mallej, malli -> mal) and a few irregular words (lapsi -> lap,
/// lasten -> last; nuorten -> nuort).
pub fn fixup(word: &str, stem: String) -> String {
    // Keyed on the word, not the stem: "lap" is also the stem of Lappi.
    if word == "lasten" || (word.starts_with("laps") && word.chars().count() <= 9) {
        return "lapsi".to_string();
    }
    const BY_STEM: &[(&str, &str)] = &[
        ("nuort", "nuori"),
        ("nuore", "nuori"),
        ("nuor", "nuori"),
        ("kunt", "kun"),
    ];
    if let Some((_, to)) = BY_STEM.iter().find(|(from, _)| *from == stem) {
        return (*to).to_string();
    }
    let mut stem = stem;
    for (from, to) in [("uks", "us"), ("yks", "ys")] {
        if stem.len() > from.len() + 1 && stem.ends_with(from) {
            stem.truncate(stem.len() - from.len());
            stem.push_str(to);
            return stem;
        }
    }
    let adjective = word.ends_with("inen") && stem.ends_with("in")
        || stem.ends_with("is")
            && word.starts_with(stem.as_str())
            && word
                .get(stem.len()..)
                .is_some_and(|rest| rest.starts_with(['e', 'i', 't', 'a', 'ä']));
    if adjective && stem.chars().count() > 5 {
        stem.truncate(stem.len() - 2);
        if stem.ends_with(['a', 'ä', 'e', 'i', 'o', 'u', 'y', 'ö']) {
            stem.pop();
        }
        return stem;
    }
    if stem.chars().count() > 4 && stem.ends_with("ej") {
        stem.truncate(stem.len() - 2);
    }
    // A stem never ends in a double consonant once the plural marker is gone: mall -> mal.
    let chars: Vec<char> = stem.chars().collect();
    if let [.., a, b] = chars[..]
        && a == b
        && !"aeiouyäö".contains(a)
        && chars.len() > 3
    {
        stem.pop();
    }
    stem
}

/// The words a compound can be split into: the bank's vocabulary (surface forms and stems).
#[derive(Default)]
pub struct Vocabulary {
    words: HashSet<String>,
    stems: HashSet<String>,
}

impl Vocabulary {
    /// Builds the vocabulary from texts (the bank's documents) plus the built-in compound parts.
    pub fn from_texts<'a>(texts: impl Iterator<Item = &'a str>) -> Vocabulary {
        let mut counts: HashMap<String, u32> = HashMap::new();
        for t in texts {
            for w in t.split(|c: char| !c.is_alphanumeric()) {
                *counts.entry(w.to_lowercase()).or_insert(0) += 1;
            }
        }
        Self::from_counts(counts.iter().map(|(w, &c)| (w.as_str(), c)))
    }

    /// Builds the vocabulary from lower-case words and how often each occurs in the bank.
    pub fn from_counts<'a>(counts: impl Iterator<Item = (&'a str, u32)>) -> Vocabulary {
        // A word seen once may be a typo or a name; parts must recur to be trusted.
        let mut words: HashSet<String> = counts
            .filter(|&(w, c)| c >= 2 && (4..=14).contains(&w.chars().count()) && w.chars().all(char::is_alphabetic))
            .map(|(w, _)| w.to_string())
            .collect();
        words.extend(COMPOUND_PARTS.iter().map(|s| s.to_string()));
        words.retain(|w| !is_stop(&fold(w)));
        let mut stem = Stem::default();
        let stems = words
            .iter()
            .map(|w| stem.stem(w))
            .filter(|s| s.chars().count() >= 3)
            .collect();
        Vocabulary { words, stems }
    }

    /// Splits a lower-case word into known parts, or `None` when it is not a compound.
    /// Leading parts must be known words; the last may be inflected: its stem must be known.
    pub fn split(&self, word: &str, stem: &mut Stem) -> Option<Vec<String>> {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        if chars.len() < 7 {
            return None;
        }
        self.split_from(word, &chars, 0, stem, 0)
    }

    fn split_from(
        &self,
        word: &str,
        chars: &[(usize, char)],
        start: usize,
        stem: &mut Stem,
        depth: usize,
    ) -> Option<Vec<String>> {
        if depth > 5 {
            return None;
        }
        let n = chars.len();
        let byte = |i: usize| if i == n { word.len() } else { chars[i].0 };
        // Longest known leading part first; every part at least three letters.
        for end in (start + 3..=n.saturating_sub(3)).rev() {
            let head = &word[byte(start)..byte(end)];
            let min = if COMPOUND_PARTS.contains(&head) { 3 } else { 4 };
            if end - start < min || !self.words.contains(head) {
                continue;
            }
            let rest = &word[byte(end)..];
            let rest_len = n - end;
            if rest_len >= 3 && (self.words.contains(rest) || self.stems.contains(&stem.stem(rest))) {
                return Some(vec![head.to_string(), rest.to_string()]);
            }
            if let Some(mut tail) = self.split_from(word, chars, end, stem, depth + 1) {
                tail.insert(0, head.to_string());
                return Some(tail);
            }
        }
        None
    }
}

/// The analysis of one word: the tokens to index at its position.
pub fn word_tokens(word: &str, stem: &mut Stem, vocab: Option<&Vocabulary>) -> Vec<String> {
    let mut out = vec![stem.stem(word)];
    if let Some(parts) = vocab.and_then(|v| v.split(word, stem)) {
        // Every run of adjacent parts shorter than the whole: perhe|keskus|toiminta|malli gives
        // perhekeskus, toimintamalli, keskustoiminta... so "toimintamalli" finds the compound.
        for len in 1..parts.len() {
            for start in 0..=parts.len() - len {
                let run: String = parts[start..start + len].concat();
                let s = stem.stem(&run);
                if s.chars().count() >= 3 && !out.contains(&s) {
                    out.push(s);
                }
            }
        }
    }
    out
}

/// What one lower-case word is indexed as and searched as.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormTerms {
    /// The terms a query word of this form looks for: its own lemma, not its parts, so a search
    /// for a compound does not find every text that has one of its parts.
    pub query: Vec<String>,
    /// The terms indexed at a word's position: its lemma plus the lemmas of its parts.
    pub doc: Vec<String>,
}

/// Analyses one lower-case word (not a stop word). A hyphenated word is searched as the whole
/// written together (`sote-uudistus` = `soteuudistus`) and indexed with each part as well.
pub fn analyse(lower: &str, stem: &mut Stem, vocab: &Vocabulary) -> FormTerms {
    if !lower.contains('-') {
        let doc = word_tokens(lower, stem, Some(vocab));
        return FormTerms {
            query: vec![doc[0].clone()],
            doc,
        };
    }
    let joined: String = lower.split('-').collect();
    let mut doc = word_tokens(&joined, stem, Some(vocab));
    let query = vec![doc[0].clone()];
    for part in super::words::hyphen_parts(lower) {
        if is_stop(&fold(part)) {
            continue;
        }
        for t in word_tokens(part, stem, Some(vocab)) {
            if !doc.contains(&t) {
                doc.push(t);
            }
        }
    }
    FormTerms { query, doc }
}

/// Endings the fallback rule strips, longest first (folded: "ssä" is "ssa").
const FALLBACK_ENDINGS: &[&str] = &[
    "itten", "ineen", "isiin", "issa", "ista", "illa", "ilta", "ille", "iksi", "itta", "ihin", "iden", "siin", "ssa",
    "sta", "lla", "lta", "lle", "ksi", "tta", "hin", "den", "ten", "jen", "ien", "iin", "een", "ina", "ita", "ja",
    "na", "ta", "en", "in", "a", "n", "t", "i", "e",
];

/// The documented rule for a query word that is not in the bank's table of forms: strip one
/// clitic (-kaan, -kin), then the longest case ending of [`FALLBACK_ENDINGS`], then one final
/// vowel, each only while at least four letters remain; in a hyphenated word, only the last part
/// changes. The build maps the key of every form in the bank to that form's terms, so
/// "perhekeskukseen" finds what "perhekeskuksessa" finds. Words with digits have no key.
/// The browser's engine repeats this function letter for letter.
pub fn fallback_key(form: &str) -> Option<String> {
    if let Some((head, last)) = form.rsplit_once('-') {
        return fallback_key(last).map(|k| format!("{head}-{k}"));
    }
    let mut w: Vec<char> = form.chars().collect();
    if w.len() < 4 || w.iter().any(|c| !c.is_alphabetic()) {
        return None;
    }
    let ends = |w: &[char], e: &str| {
        let n = e.chars().count();
        w.len() >= n + 4 && w[w.len() - n..].iter().copied().eq(e.chars())
    };
    for clitic in ["kaan", "kin"] {
        if ends(&w, clitic) {
            w.truncate(w.len() - clitic.len());
            break;
        }
    }
    if let Some(e) = FALLBACK_ENDINGS.iter().find(|e| ends(&w, e)) {
        w.truncate(w.len() - e.chars().count());
    }
    if w.len() > 4 && matches!(w.last(), Some('a' | 'e' | 'i' | 'o' | 'u' | 'y')) {
        w.pop();
    }
    Some(w.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(words: &[&str]) -> Vec<String> {
        let mut s = Stem::default();
        words.iter().map(|w| s.stem(w)).collect()
    }

    #[test]
    fn forms_of_one_word_share_a_stem() {
        for pair in [
            ["perhekeskus", "perhekeskuksen"],
            ["perhekeskus", "perhekeskuksissa"],
            ["monitoimijainen", "monitoimijaisen"],
            ["lapsi", "lasten"],
            ["lastensuojelu", "lastensuojelun"],
            ["työpaja", "työpajassa"],
            ["monitoimijainen", "monitoimijaista"],
            ["systeeminen", "systeemisen"],
            ["malli", "malleja"],
            ["kunta", "kuntien"],
            ["nuori", "nuorten"],
        ] {
            let s = stems(&pair);
            assert_eq!(s[0], s[1], "{pair:?} -> {s:?}");
        }
    }

    #[test]
    fn folding_lets_ascii_queries_match() {
        assert_eq!(stems(&["päijät"]), stems(&["paijat"]));
        assert_eq!(stems(&["päiväperho"]), stems(&["paivaperho"]));
    }

    #[test]
    fn compounds_split_against_vocabulary() {
        let vocab = Vocabulary::from_texts(["perhekeskus toiminta toimintamalli malli toiminta"].into_iter());
        let mut s = Stem::default();
        let toks = word_tokens("perhekeskustoimintamalli", &mut s, Some(&vocab));
        let query = stems(&["toimintamalli"]).remove(0);
        assert!(toks.contains(&query), "{toks:?} should contain {query}");
        let pk = stems(&["perhekeskuksissa"]).remove(0);
        assert!(toks.contains(&pk), "{toks:?} should contain {pk}");
    }

    #[test]
    fn stop_words_are_checked_folded() {
        assert!(is_stop("etta") && is_stop("kun") && !is_stop("kunta"));
        assert_ne!(stems(&["lappi"]), stems(&["lapsi"]));
    }

    #[test]
    fn hyphenated_words_are_searched_whole_and_indexed_by_part() {
        let vocab = Vocabulary::from_texts(["uudistus uudistus sote"].into_iter());
        let mut s = Stem::default();
        let t = analyse("sote-uudistus", &mut s, &vocab);
        let whole = analyse("soteuudistus", &mut s, &vocab);
        assert_eq!(t.query, whole.query);
        assert!(t.doc.contains(&stems(&["uudistus"])[0]), "{t:?}");
    }

    #[test]
    fn fallback_key_joins_case_endings() {
        let k = |w: &str| fallback_key(w).unwrap_or_default();
        assert_eq!(k("perhekeskukseen"), k("perhekeskuksessa"));
        assert_eq!(k("perhekeskuksilla"), k("perhekeskuksissa"));
        assert_eq!(k("toimintamallit"), k("toimintamallin"));
        assert_eq!(k("sote-uudistuksessa"), k("sote-uudistuksen"));
        assert_eq!(fallback_key("abc"), None);
        assert_eq!(fallback_key("2018"), None);
    }
}
