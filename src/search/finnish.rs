//! Finnish analysis shared by the tantivy index, `lape search` and the browser bundle.
//!
//! Words are lower-cased, stop words dropped *before* stemming (else "kunta" and the word "kun"
//! would share a stem), stemmed with Snowball Finnish (tantivy's `Stemmer`), fixed up where
//! Snowball splits one word's forms, folded to ASCII (ä -> a, ö -> o, å -> a) so a query typed
//! without them still matches, and compounds are split against the bank's own vocabulary and a
//! small list of compound heads. A compound's parts, and each run of adjacent parts, are indexed
//! at the word's own position, so phrases still match.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer};

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

fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ä' | 'å' | 'á' | 'à' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'ü' => 'y',
            'é' | 'è' | 'ê' => 'e',
            c => c,
        })
        .collect()
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
                let n = w.chars().count();
                if (4..=14).contains(&n) && w.chars().all(char::is_alphabetic) {
                    *counts.entry(w.to_lowercase()).or_insert(0) += 1;
                }
            }
        }
        // A word seen once may be a typo or a name; parts must recur to be trusted.
        let mut words: HashSet<String> = counts.into_iter().filter(|&(_, c)| c >= 2).map(|(w, _)| w).collect();
        words.extend(COMPOUND_PARTS.iter().map(|s| s.to_string()));
        words.retain(|w| !STOP_WORDS.contains(&w.as_str()));
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

/// A tantivy tokenizer doing the whole Finnish analysis; with a vocabulary it also decompounds.
#[derive(Clone)]
pub struct FinnishTokenizer {
    vocab: Option<Arc<Vocabulary>>,
    stem: Stem,
    words: TextAnalyzer,
    cache: HashMap<String, Vec<String>>,
}

impl FinnishTokenizer {
    /// The index analyzer (decompounding against `vocab`) or, with `None`, the query analyzer.
    pub fn new(vocab: Option<Arc<Vocabulary>>) -> Self {
        FinnishTokenizer {
            vocab,
            stem: Stem::default(),
            words: TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .build(),
            cache: HashMap::new(),
        }
    }

    /// Analyses a text into (position, token) pairs.
    pub fn analyse(&mut self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut stream = self.words.token_stream(text);
        let mut position = 0usize;
        let mut raw = Vec::new();
        while stream.advance() {
            let t = stream.token();
            raw.push((t.text.clone(), t.offset_from, t.offset_to));
        }
        drop(stream);
        for (word, from, to) in raw {
            if word.chars().count() > 40 || STOP_WORDS.contains(&word.as_str()) {
                continue;
            }
            if self.cache.len() > 200_000 {
                self.cache.clear();
            }
            let texts = match self.cache.get(&word) {
                Some(t) => t.clone(),
                None => {
                    let t = word_tokens(&word, &mut self.stem, self.vocab.as_deref());
                    self.cache.insert(word.clone(), t.clone());
                    t
                }
            };
            for text in texts {
                tokens.push(Token {
                    offset_from: from,
                    offset_to: to,
                    position,
                    text,
                    position_length: 1,
                });
            }
            position += 1;
        }
        tokens
    }
}

/// Tokens handed to tantivy.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    index: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.index < self.tokens.len() {
            self.index += 1;
            true
        } else {
            false
        }
    }
    fn token(&self) -> &Token {
        &self.tokens[self.index - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.index - 1]
    }
}

impl Tokenizer for FinnishTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: self.analyse(text),
            index: 0,
        }
    }
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
    fn stop_words_do_not_become_stems() {
        let mut t = FinnishTokenizer::new(None);
        let toks: Vec<String> = t.analyse("kun kunta ja kunnat").into_iter().map(|t| t.text).collect();
        assert_eq!(toks.len(), 2, "'kun' and 'ja' are dropped before stemming: {toks:?}");
        assert_eq!(toks[0], toks[1], "kunta and kunnat share a stem: {toks:?}");
        assert_ne!(stems(&["lappi"]), stems(&["lapsi"]));
    }
}
