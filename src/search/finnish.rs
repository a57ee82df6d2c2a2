//! Finnish morphology: what one lower-case word is indexed and searched as.
//!
//! Stop words are dropped *before* analysis (else "kunta" and the word "kun" could share a key);
//! words are reduced to their lemma key (see `lemma`: rules over the paradigm, decided by the
//! bank's own words) and folded to ASCII (ä -> a, ö -> o, å -> a) so a query typed without them
//! still matches. Compounds are split against the bank's own vocabulary, a small list of
//! compound heads and the lemma keys of general Finnish ([`super::wordlist`]); a compound's parts, and each run of adjacent parts, are indexed at the word's
//! own position, so phrases still match. This runs once per distinct word of the bank (see
//! `lexicon`), never at query time: queries look their words up in the table it produces.

use super::lemma::{self, Support, vowel as is_vowel};
use super::wordlist::WordList;
use super::words::fold;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

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

/// The lapsi class (lapsi, lapsen, lasta, lasten) changes its consonants as no rule here does;
/// it is the commonest word of this field, so its forms are named.
fn irregular(word: &str) -> Option<&'static str> {
    (word == "lasten" || word == "lasta" || (word.starts_with("laps") && word.chars().count() <= 9)).then_some("lapsi")
}

/// Whether a remainder's key is a derivational ending rather than a word: kunta|laisille,
/// kunna|llinen, vanhem|muus, kokonais|uudessa are no compounds.
fn derivational(key: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "lais", "läis", "llis", "mais", "mäis", "ttom", "ttöm", "inen", "lain", "läin", "mis", "uut", "yyt", "uud",
        "yyd", "uks", "yks",
    ];
    // After the remainder's first letter too: alue|ellinen is alueellinen. Unless general
    // Finnish has that key as a word of many forms: moni|alainen, rakenne|muutos.
    let rest = key.char_indices().nth(1).map_or("", |(i, _)| &key[i..]);
    let word = key.chars().count() >= 5 && WordList::get().forms(key) >= 8;
    ENDINGS
        .iter()
        .any(|e| key.starts_with(e) || !word && rest.starts_with(e))
}

/// A word of one long syllable (maa, työ, pää, suo): Finnish's three-letter compound parts. A
/// diphthong in -i and a long e or i are left out: toi, kai, vii, tee lead no compounds, they
/// begin inflected words (toi|sella, vii|meinen, tee|malle).
fn long_syllable(w: &str) -> bool {
    let c: Vec<char> = w.chars().collect();
    c.len() == 3
        && !is_vowel(c[0])
        && (c[1] == c[2] && "aouyäö".contains(c[1]) || matches!((c[1], c[2]), ('i', 'e') | ('u', 'o') | ('y', 'ö')))
}

/// The strong grades a short word's weak stem may have: a k that weakens to nothing, teo-
/// (teon, teossa) is teko and lia- lika, where the two vowels make no diphthong (työ, suo are
/// words) and the second is no plural's or stem's i or e (tei|den is no teki); and a doubled
/// stop written single, oto- (otoissa) is otto, lapu- lappu. A plural's i may follow (teoissa).
fn strong_grades(word: &str) -> Vec<String> {
    let c: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    if c.len() >= 4
        && !is_vowel(c[0])
        && is_vowel(c[1])
        && is_vowel(c[2])
        && c[1] != c[2]
        && matches!(c[2], 'a' | 'ä' | 'o' | 'ö')
        && !matches!((c[1], c[2]), ('u', 'o') | ('y', 'ö'))
        && (!is_vowel(c[3]) || c[3] == 'i')
    {
        out.push([c[0], c[1], 'k', c[2]].iter().collect());
    }
    // The stop after the first vowel, with a vowel after it: o|t|o, la|p|u.
    let v = usize::from(!is_vowel(c.first().copied().unwrap_or('a')));
    if c.len() > v + 3
        && is_vowel(c[v])
        && matches!(c[v + 1], 'k' | 'p' | 't')
        && is_vowel(c[v + 2])
        && (v == 1 || !is_vowel(c[v + 3]) || c[v + 3] == 'i')
    {
        out.push(c[..v + 2].iter().chain(&c[v + 1..v + 3]).collect());
    }
    out
}

/// A word of three letters, a vowel on either side of one consonant, that general Finnish
/// writes alone: ala, esi, yli, ylä, epä, etä, ikä, oma, osa lead compounds (ala|työryhmä,
/// esi|katselu) as the long syllables do.
fn short_word(w: &str) -> bool {
    let c: Vec<char> = w.chars().collect();
    c.len() == 3 && is_vowel(c[0]) && !is_vowel(c[1]) && is_vowel(c[2]) && WordList::get().is_bare(w)
}

/// Whether a key's first two letters hold a vowel: no native Finnish word begins with two
/// consonants.
fn opens_with_vowel(key: &str) -> bool {
    key.chars().take(2).any(is_vowel)
}

/// Words of the bank that begin two or more words with different word-like remainders:
/// "asian" in asiantuntija and asianmukainen leads compounds though it stands alone once.
fn learned_heads(counts: &[(&str, u32)], support: &Support) -> Vec<String> {
    let standalone: HashSet<&str> = counts
        .iter()
        .filter(|(w, _)| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic) && !is_stop(&fold(w)))
        .map(|(w, _)| *w)
        .collect();
    let mut tails: HashMap<&str, HashSet<String>> = HashMap::new();
    for (w, _) in counts {
        let n = w.chars().count();
        if n < 10 || !w.chars().all(char::is_alphabetic) {
            continue;
        }
        for (k, (i, _)) in w.char_indices().enumerate() {
            if k < 4 || n - k < 6 {
                continue;
            }
            let head = &w[..i];
            if standalone.contains(head) {
                let key = support.key(&w[i..]);
                if word_like(&key) {
                    tails.entry(head).or_default().insert(key);
                }
            }
        }
    }
    let mut out: Vec<String> = tails
        .into_iter()
        .filter(|(_, t)| t.len() >= 2)
        .map(|(h, _)| h.to_string())
        .collect();
    out.sort();
    out
}

/// How many distinct forms general Finnish must have of a key for it to count as a word.
const GENERAL_FORMS: u32 = 3;

/// How often a word must occur to lead a compound with a remainder the bank lacks.
const GUESS_HEAD_COUNT: u32 = 5;

/// Whether a remainder begins with a suffix of verbs and participles that general Finnish also
/// writes as words of their own: hoita|malla, jousta|vasti, pilotoi|tava, toimi|jalla,
/// kirjaa|minen, rakenta|minen, muuttu|vat, keskus|teltu, systeemi|syys, mene|telmä,
/// haasta|vampi. A remainder the bank writes alone is no suffix.
fn suffix_like(rest: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "tava", "tavi", "tavin", "tävä", "tävi", "malla", "mällä", "malta", "mältä", "massa", "mässä", "masta",
        "mästä", "maan", "mään", "vasti", "västi", "sillä", "silla", "tulla", "tella", "tellä", "teltu", "telty",
        "tultu", "jalla", "jällä", "jaksi", "jäksi", "jassa", "jässä", "jalta", "jältä", "minen", "mise", "mist",
        "tuva", "tuvi", "tyvä", "tyvi", "tuma", "tumi", "tymä", "tymi", "taut", "täyt", "vat", "vät", "tamin", "tamis",
        "tämin", "tämis", "amin", "ämin", "syyd", "syyk", "syyt", "syys", "telma", "telmä", "telmi", "mans", "mäns",
        "vamp", "vämp", "vamm", "vämm", "vimp", "vimm", "dent",
    ];
    // The verb ending -taa/-tää as a whole remainder (tarkoit|taa), not taajama.
    matches!(rest, "taa" | "tää") || SUFFIXES.iter().any(|p| rest.starts_with(p))
}

/// Letters a remainder keeps when its longest case ending goes: a part has a stem of three
/// or more (kulma|ssa, paj|a); a syllable and an ending are the end of the head's own word
/// (tehtä|villä, neuvo|lassa, pilo|tilla).
fn stem_letters(rest: &str) -> usize {
    let folded = fold(rest);
    let n = folded.chars().count();
    let ending = FALLBACK_ENDINGS
        .iter()
        .filter(|e| folded.ends_with(*e) && e.len() < n)
        .map(|e| e.len())
        .max();
    n - ending.unwrap_or(0)
}

/// Whether a remainder's key can stand as a word: five letters or more, no derivational
/// ending, and no two consonants to begin with (no native Finnish word starts so).
fn word_like(key: &str) -> bool {
    key.chars().count() >= 5 && !derivational(key) && opens_with_vowel(key)
}

/// The words a compound can be split into: the bank's vocabulary (surface forms and stems).
#[derive(Default)]
pub struct Vocabulary {
    words: HashSet<String>,
    /// Words common enough to lead a compound whose remainder the bank never has alone.
    heads: HashSet<String>,
    stems: HashSet<String>,
    support: Support,
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
        let counts: Vec<(&str, u32)> = counts.collect();
        let support = Support::from_words(
            counts
                .iter()
                .filter(|(w, _)| w.chars().all(char::is_alphabetic) && !is_stop(&fold(w)))
                .map(|(w, _)| *w)
                .chain(COMPOUND_PARTS.iter().copied()),
        );
        let mut words: HashSet<String> = counts
            .iter()
            .filter(|&&(w, c)| c >= 2 && (4..=14).contains(&w.chars().count()) && w.chars().all(char::is_alphabetic))
            .map(|(w, _)| w.to_string())
            .collect();
        words.extend(COMPOUND_PARTS.iter().map(|s| s.to_string()));
        words.retain(|w| !is_stop(&fold(w)));
        let mut heads: HashSet<String> = counts
            .iter()
            .filter(|&&(w, c)| c >= GUESS_HEAD_COUNT && words.contains(w))
            .map(|(w, _)| w.to_string())
            .chain(COMPOUND_PARTS.iter().map(|s| s.to_string()))
            .collect();
        heads.extend(learned_heads(&counts, &support));
        let mut v = Vocabulary {
            heads,
            words,
            stems: HashSet::new(),
            support,
        };
        v.stems = v
            .words
            .iter()
            .map(|w| v.lemma(w))
            .filter(|s| s.chars().count() >= 3)
            .collect();
        v
    }

    /// The main index term of a lower-case word: its lemma key, folded to ASCII.
    pub fn lemma(&self, word: &str) -> String {
        match irregular(word) {
            Some(lemma) => lemma.to_string(),
            None => fold(&self.support.key(word)),
        }
    }

    /// Whether an inflected word's lemma is one the bank has.
    #[cfg(test)]
    fn known_in_bank(&self, word: &str) -> bool {
        self.key_in_bank(&self.support.key(word))
    }

    /// A compound part's keys as general Finnish reads it, when the bank supports none of its
    /// readings or only a three-letter one: the reading that is a word written as it stands
    /// (asuihin: asu, not asui-), and the strong grade of a weak one (otoissa: otto, teoin:
    /// teko), the keys its nominative's query finds.
    fn general_readings(&self, part: &str) -> Vec<String> {
        let cands = lemma::candidates(part);
        // The bank's reading stands unless it is a bare syllable (oto-, hau-), which the bank
        // may support from unrelated words.
        if self.support.key(part).chars().count() > 3 && cands.iter().any(|(k, _)| self.support.of(k) > 0) {
            return Vec::new();
        }
        let word = |k: &String| self.written_word(k);
        let best = cands
            .into_iter()
            .filter(|(k, _)| word(k))
            .max_by_key(|(_, prior)| *prior)
            .map(|(k, _)| k);
        best.into_iter()
            .chain(strong_grades(part).into_iter().filter(word))
            .map(|k| fold(&k))
            .collect()
    }

    /// Whether a lemma key is one the bank has.
    fn key_in_bank(&self, lemma: &str) -> bool {
        self.stems.contains(&fold(lemma)) || self.support.of(lemma) >= 2
    }

    /// Whether a remainder the bank lacks is a word of general Finnish that can follow a head
    /// ending in `last`. An i or e straight after a head is its plural or stem vowel far more
    /// often than a new word (alue|itten, arvio|inti), and so is an ending or a derivational
    /// suffix that general Finnish also has as a word (hoita|malla, jousta|vasti, pilotoi|tava).
    fn general_tail(&self, rest: &str, key: &str, last: char) -> bool {
        let Some(first) = rest.chars().next() else { return false };
        // A short word general Finnish keys as it stands (its key keeps its vowel) is a word
        // however short the bank's key or however like an ending its last letters (työ|paja:
        // paj, -ja); not across a doubled consonant (pilot|tina is pilotti).
        let list = WordList::get();
        let bare = self.plain_word(rest, last);
        (key.chars().count() >= 4 || bare)
            && !(is_vowel(first)
                && (matches!(first, 'i' | 'e')
                    || !is_vowel(last) && !matches!(last, 'n' | 's')
                    || rest.chars().count() < 6))
            // Loanwords may begin with two consonants (psykologi, projekti, kriisi); short
            // remainders that do are stems of the head's own word.
            && (opens_with_vowel(key) || key.chars().count() >= 6)
            && !derivational(key)
            && (stem_letters(rest) >= 3 || bare)
            && (bare || self.general(key) || list.key(rest).is_some_and(|k| self.general(&k)))
    }

    /// Whether `rest`, after a head ending in `last`, is a form of a short word general Finnish
    /// keys as it is written (teko, paja, tapa: the key keeps its last vowel), whatever ending
    /// it has (päätöksen|teon, työ|pajoissa); not across a doubled consonant (pilot|tina).
    fn plain_word(&self, rest: &str, last: char) -> bool {
        let list = WordList::get();
        rest.chars().count() >= 4
            && !rest.starts_with(last)
            && (list.key(rest).is_some_and(|k| {
                k.chars().count() >= 4 && k.chars().last().is_some_and(is_vowel) && self.written_word(&k)
            }) || strong_grades(rest).iter().any(|k| self.written_word(k)))
    }

    /// Whether general Finnish writes the word of lemma key `key` as the key itself, in
    /// several forms (asu, teko, otto).
    fn written_word(&self, key: &str) -> bool {
        WordList::get().is_bare(key) && self.general(key)
    }

    /// Whether general Finnish has a word of lemma key `key` in several forms.
    fn general(&self, key: &str) -> bool {
        key.chars().count() >= 3 && WordList::get().forms(key) >= GENERAL_FORMS
    }

    /// Whether `head` has the shape of a compound's first part (a nominative ending in a vowel or
    /// -s, a genitive, a bound -is form) of a word the bank has in other forms: lähtö|kohta,
    /// sairaan|hoito, vammais|palvelu, though the bank never writes lähtö or vammais alone.
    fn modifier(&self, head: &str) -> bool {
        let mut rev = head.chars().rev();
        let (Some(last), Some(before)) = (rev.next(), rev.next()) else {
            return false;
        };
        if !(is_vowel(last) || matches!(last, 'n' | 's') && is_vowel(before)) {
            return false;
        }
        // The head must be the word as it is written before another, not a stem cut short: a
        // vowel before a final i is a plural or an inflected stem (erityi|sillä, mukai|silla).
        if WordList::get().is_bare(head) {
            return true;
        }
        // A loan noun in -tio or -sio is a nominative (its other forms have -tion, -tiota):
        // orientaatio|käynti, organisaatio|muutos, though general Finnish lacks the word.
        if head.chars().count() >= 7 && (head.ends_with("tio") || head.ends_with("sio")) {
            return true;
        }
        let (stem, genitive) = match head.strip_suffix('n') {
            Some(s) if is_vowel(before) => (s, true),
            _ => (head, false),
        };
        let mut tail = stem.chars().rev();
        if let (Some('i'), Some(v)) = (tail.next(), tail.next())
            && is_vowel(v)
        {
            return false;
        }
        let key = lemma::bare_key(stem);
        // A key that keeps a vowel was cut to its four letters (arvio -> arvi): only the word
        // itself is that key's nominative.
        if key.chars().last().is_some_and(is_vowel) && key != stem {
            return false;
        }
        self.stems.contains(&fold(&key)) || self.support.of(&key) >= 2 || genitive && self.general(&key)
    }

    /// Splits a lower-case word into known parts, or `None` when it is not a compound.
    /// Leading parts must be known words; the last may be inflected: its stem must be known.
    pub fn split(&self, word: &str) -> Option<Vec<String>> {
        self.split_deep(word, 0)
    }

    /// Splits `word`, then each of its parts that is itself a compound (perhekeskus|alue ->
    /// perhe|keskus|alue).
    fn split_deep(&self, word: &str, depth: usize) -> Option<Vec<String>> {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        if chars.len() < 7 || depth > 2 {
            return None;
        }
        let parts = Splitter::new(self, word, chars).from(0, 0)?;
        let mut out = Vec::with_capacity(parts.len());
        for p in parts {
            match self.split_deep(&p, depth + 1) {
                Some(sub) => out.extend(sub),
                None => out.push(p),
            }
        }
        Some(out)
    }
}

/// One word being split: the memo of its remainders' keys and of the splits tried from each
/// position, so a long word costs each analysis once (the search tries every boundary, and each
/// head it accepts tries the remainder's boundaries again).
struct Splitter<'v, 'w> {
    vocab: &'v Vocabulary,
    word: &'w str,
    chars: Vec<(usize, char)>,
    keys: Vec<Option<String>>,
    tried: HashMap<(usize, usize), Option<Vec<String>>>,
}

impl<'v, 'w> Splitter<'v, 'w> {
    fn new(vocab: &'v Vocabulary, word: &'w str, chars: Vec<(usize, char)>) -> Self {
        let keys = vec![None; chars.len() + 1];
        Splitter {
            vocab,
            word,
            chars,
            keys,
            tried: HashMap::new(),
        }
    }

    fn byte(&self, i: usize) -> usize {
        if i == self.chars.len() {
            self.word.len()
        } else {
            self.chars[i].0
        }
    }

    /// The lemma key of the remainder from letter `end`.
    fn key(&mut self, end: usize) -> &str {
        if self.keys[end].is_none() {
            let rest = &self.word[self.byte(end)..];
            self.keys[end] = Some(self.vocab.support.key(rest));
        }
        self.keys[end].as_deref().unwrap_or_default()
    }

    fn from(&mut self, start: usize, depth: usize) -> Option<Vec<String>> {
        if let Some(done) = self.tried.get(&(start, depth)) {
            return done.clone();
        }
        let found = self.search(start, depth);
        self.tried.insert((start, depth), found.clone());
        found
    }

    fn search(&mut self, start: usize, depth: usize) -> Option<Vec<String>> {
        if depth > 5 {
            return None;
        }
        let v = self.vocab;
        let word = self.word;
        let n = self.chars.len();
        // Longest known leading part first; every part at least three letters. A guess from
        // the list of heads is kept for last: parts the bank knows win over it.
        let mut guess: Option<Vec<String>> = None;
        for end in (start + 3..=n.saturating_sub(3)).rev() {
            let head = &word[self.byte(start)..self.byte(end)];
            // Three-letter heads only from the list or of one long syllable (työ, maa): the
            // bank's own short words split too much.
            let short = end - start == 3 && !COMPOUND_PARTS.contains(&head) && !long_syllable(head);
            let min = if COMPOUND_PARTS.contains(&head) || long_syllable(head) || short_word(head) {
                3
            } else {
                4
            };
            let rest = &word[self.byte(end)..];
            let rest_len = n - end;
            let (last, first) = (self.chars[end - 1].1, self.chars[end].1);
            // Finnish writes a hyphen where two parts meet with the same vowel (kunta-alue), so
            // "lisä|ämällä" is no boundary; stop words are no parts.
            // Nor where a head ending in a consonant other than the genitive's n or the -s of
            // a nominative meets a vowel: that consonant begins the next syllable (pilot|oitava).
            if end - start < min
                || last == first && is_vowel(last)
                || !is_vowel(last) && is_vowel(first) && !matches!(last, 'n' | 's')
                || is_stop(&fold(rest))
                // A participle's or an infinitive's ending, unless the bank has the remainder
                // as a word after one of the list's heads (työ|tavat, not pilotoi|tava).
                || suffix_like(rest)
                    && !v.words.contains(rest)
                    && !(COMPOUND_PARTS.contains(&head) && v.key_in_bank(&v.support.key(rest)))
            {
                continue;
            }
            let listed = v.words.contains(head) || v.heads.contains(head);
            if !(listed || v.modifier(head)) {
                continue;
            }
            // A head made from the bank's forms rather than written alone needs a remainder
            // that is plainly a word, else a stem and an ending pass for two parts (toimin|noissa).
            let whole = if short {
                // A three-letter head is a prefix of many words (edi|tori, esi|teltiin): only
                // a remainder the bank has as a word of five letters or more follows it.
                let key = self.key(end);
                v.words.contains(rest) || key.chars().count() >= 5 && v.key_in_bank(key)
            } else if listed {
                rest_len >= 3 && v.words.contains(rest) || {
                    let key = self.key(end);
                    rest_len >= 4 && v.key_in_bank(key) || v.general_tail(rest, key, last)
                }
            } else {
                let key = self.key(end);
                key.chars().count() >= 4
                    && !is_vowel(first)
                    && opens_with_vowel(key)
                    && !derivational(key)
                    && v.stems.contains(&fold(key))
                    // A head general Finnish writes as it stands may take a shorter remainder
                    // than one made from the bank's forms (paino|piste, näkö|kulma).
                    || (key.chars().count() >= 5
                        || key.chars().count() >= 4 && WordList::get().is_bare(head)
                        // A genitive or an illative before a short word: päätöksen|teko, kokoon|pano.
                        || last == 'n' && v.plain_word(rest, last))
                        && v.general_tail(rest, key, last)
                    // A one-syllable part of the list, inflected or not (kehitys|työssä).
                    || long_syllable(key) && COMPOUND_PARTS.contains(&key)
                    // A word of one long syllable after a genitive (järven|pää, pohjan|maa); not
                    // one that begins as the passive, participle and agent endings do (-taan,
                    // -vien, -jaa, -luun).
                    || long_syllable(key)
                        && WordList::get().is_bare(key)
                        && last == 'n'
                        && !matches!(first, 't' | 'v' | 'j' | 'l')
            };
            let written = listed || WordList::get().is_bare(head);
            // A nominative in -us, -ys, -os, -ös never meets its own endings with a vowel
            // (perus, perusteen; kirjoitus, kirjoituksen), so a short word general Finnish keys
            // as written may follow it, whatever its first vowel: perus|idea, tulos|arvio.
            let after_nominative = end - start >= 5
                && written
                && ["us", "ys", "os", "ös"].iter().any(|e| head.ends_with(e))
                && v.plain_word(rest, last)
                && !derivational(self.key(end))
                && !suffix_like(rest);
            // A three-letter word of general Finnish after a nominative's -s or a genitive's
            // -n, in any of its forms (any reading: asun is also asunto's): kirjoitus|asu,
            // tutkimus|ala, tulevaisuuden|ikä; not an i or e, which after -s are the -isi- of
            // the conditional and the -isenä of -nen.
            let short_tail = end - start >= 5
                && written
                && matches!(last, 's' | 'n')
                && !matches!(first, 'i' | 'e')
                && lemma::candidates(rest)
                    .iter()
                    .any(|(k, _)| short_word(k) && v.general(k));
            let whole = whole || after_nominative || short_tail;
            if whole {
                return Some(vec![head.to_string(), rest.to_string()]);
            }
            if let Some(mut tail) = self.from(end, depth + 1) {
                tail.insert(0, head.to_string());
                return Some(tail);
            }
            // A common head and a long remainder that is no derivational ending are a
            // compound even when the bank never has the remainder alone (hoito|tasapaino,
            // asian|tuntija). Not where the head ends in a consonant no modifier ends in before
            // a vowel (pilot|oitava), nor across a doubled consonant (suun|nitelma).
            let odd_join = !is_vowel(last) && (is_vowel(first) && !matches!(last, 'n' | 's' | 't') || last == first);
            if guess.is_none() && !odd_join && v.heads.contains(head) && rest_len >= 6 && word_like(self.key(end)) {
                guess = Some(vec![head.to_string(), rest.to_string()]);
            }
        }
        guess
    }
}

/// The analysis of one word: the tokens to index at its position.
pub fn word_tokens(word: &str, vocab: &Vocabulary) -> Vec<String> {
    let mut out = vec![vocab.lemma(word)];
    if let Some(parts) = vocab.split(word) {
        // Every run of adjacent parts shorter than the whole: perhe|keskus|toiminta|malli gives
        // perhekeskus, toimintamalli, keskustoiminta... so "toimintamalli" finds the compound.
        for len in 1..parts.len() {
            for start in 0..=parts.len() - len {
                let run: String = parts[start..start + len].concat();
                let s = vocab.lemma(&run);
                let readings = vocab.general_readings(&run);
                for s in std::iter::once(s).chain(readings) {
                    if s.chars().count() >= 3 && !out.contains(&s) {
                        out.push(s);
                    }
                }
            }
        }
        // The last part inflects as the whole word does, and the whole has the bank's support
        // for its key from every form of the compound: the key left after the leading parts is
        // the last part's key too (jyväskylä|ssä -> kyl, työ|pajoissa -> paj).
        for start in 1..parts.len() {
            let lead = fold(&parts[..start].concat());
            if let Some(rest) = out[0].strip_prefix(&lead)
                && rest.chars().count() >= 3
                && !out.iter().any(|t| t == rest)
            {
                out.push(rest.to_string());
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
pub fn analyse(lower: &str, vocab: &Vocabulary) -> FormTerms {
    if !lower.contains('-') {
        let doc = word_tokens(lower, vocab);
        return FormTerms {
            query: vec![doc[0].clone()],
            doc,
        };
    }
    let joined: String = lower.split('-').collect();
    let mut doc = word_tokens(&joined, vocab);
    let query = vec![doc[0].clone()];
    for part in super::words::hyphen_parts(lower) {
        if is_stop(&fold(part)) {
            continue;
        }
        for t in word_tokens(part, vocab) {
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
        let v = Vocabulary::from_texts(words.iter().copied());
        words.iter().map(|w| v.lemma(w)).collect()
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
        let toks = word_tokens("perhekeskustoimintamalli", &vocab);
        let query = vocab.lemma("toimintamalli");
        assert!(toks.contains(&query), "{toks:?} should contain {query}");
        let pk = vocab.lemma("perhekeskuksissa");
        assert!(toks.contains(&pk), "{toks:?} should contain {pk}");
    }

    #[test]
    fn parts_the_bank_never_writes_alone_come_from_general_finnish() {
        let text = "koulupsykologille projektikoordinaattorit kotikäynneillä asiakasprosesseissa oppilaitoksessa \
                    hoitamalla joustavasti alueitten erityisillä muutoksia kuntalaisille";
        let vocab = Vocabulary::from_texts([text, text].into_iter());
        for (word, part) in [
            ("koulupsykologille", "psykologi"),
            ("projektikoordinaattorit", "koordinaattori"),
            ("kotikäynneillä", "käynti"),
            ("asiakasprosesseissa", "prosessi"),
            ("oppilaitoksessa", "laitos"),
        ] {
            let toks = word_tokens(word, &vocab);
            assert!(toks.contains(&vocab.lemma(part)), "{word}: {toks:?} lacks {part}");
        }
        // An ending or a suffix that general Finnish also writes as a word is no part.
        for word in [
            "hoitamalla",
            "joustavasti",
            "alueitten",
            "erityisillä",
            "muutoksia",
            "kuntalaisille",
        ] {
            assert_eq!(vocab.split(word), None, "{word}");
        }
    }

    #[test]
    fn classes_of_compounds_found_through_general_finnish() {
        // None of the parts is written alone here: each class must come from the word list's
        // readings, not from the bank.
        let text = "tapa tavan monialaisessa päätöksentekoa orientaatiokäynnit työtavat kirjoitusasua \
                    asiakaskohtaisesti";
        let vocab = Vocabulary::from_texts([text, text].into_iter());
        for (word, part) in [
            // A derivational-looking word general Finnish has in many forms.
            ("monialaisessa", "alainen"),
            // A genitive before a short word keyed as written.
            ("päätöksentekoa", "teko"),
            // A loan noun's nominative as the head.
            ("orientaatiokäynnit", "käynti"),
            // A participle-like remainder after a head of the list.
            ("työtavat", "tapa"),
            // A three-letter word after a nominative in -s.
            ("kirjoitusasua", "asu"),
        ] {
            let toks = word_tokens(word, &vocab);
            assert!(toks.contains(&vocab.lemma(part)), "{word}: {toks:?} lacks {part}");
        }
        // The adverb of a -nen adjective is keyed as the adjective.
        assert_eq!(vocab.lemma("asiakaskohtaisesti"), vocab.lemma("asiakaskohtainen"));
    }

    #[test]
    fn stop_words_are_checked_folded() {
        assert!(is_stop("etta") && is_stop("kun") && !is_stop("kunta"));
        assert_ne!(stems(&["lappi"]), stems(&["lapsi"]));
    }

    #[test]
    fn hyphenated_words_are_searched_whole_and_indexed_by_part() {
        let vocab = Vocabulary::from_texts(["uudistus uudistus sote"].into_iter());
        let t = analyse("sote-uudistus", &vocab);
        let whole = analyse("soteuudistus", &vocab);
        assert_eq!(t.query, whole.query);
        assert!(t.doc.contains(&vocab.lemma("uudistus")), "{t:?}");
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

/// The analyser measured on Voikko's gold standard (`tests/gold/finnish.tsv`, made by
/// `tests/tools/make_finnish_gold.py`): every distinct word of the real bank and inflected
/// forms of its nouns and adjectives, with Voikko's lemmas and compound parts.
#[cfg(test)]
mod gold {
    use super::*;
    use std::collections::HashMap;

    struct Row {
        form: String,
        lemmas: Vec<String>,
        parts: Option<Vec<String>>,
    }

    fn rows() -> Vec<Row> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gold/finnish.tsv");
        let text = std::fs::read_to_string(path).expect("the gold standard is in the repository");
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                Row {
                    form: c[0].to_string(),
                    lemmas: c[1].split('|').map(str::to_string).collect(),
                    parts: (c[2] != "?").then(|| c[2].split('+').map(str::to_string).collect()),
                }
            })
            .collect()
    }

    /// The vocabulary a build of the real bank has: the words of every content file.
    fn bank_vocabulary() -> Vocabulary {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
        let texts: Vec<String> = walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .map(|t| t.to_lowercase())
            .collect();
        Vocabulary::from_texts(texts.iter().map(String::as_str))
    }

    fn pairs(n: u64) -> u64 {
        n * n.saturating_sub(1) / 2
    }

    #[test]
    fn lemmas_and_compounds_against_voikko() {
        let rows = rows();
        let vocab = bank_vocabulary();
        let main = |w: &str| analyse(w, &vocab).query.first().cloned().unwrap_or_default();
        if let Ok(words) = std::env::var("LAPE_GOLD_WORDS") {
            for w in words.split(',') {
                eprintln!(
                    "word {w}: key {} list key {:?} known {} listed {} modifier {} split {:?}",
                    vocab.lemma(w),
                    WordList::get().key(w),
                    vocab.known_in_bank(w),
                    vocab.words.contains(w) || vocab.heads.contains(w),
                    vocab.modifier(w),
                    vocab.split(w)
                );
            }
        }
        // Pairs of forms with one lemma each: same lemma sharing the main term (recall), and
        // of the pairs that share a main term, how many have different lemmas (false joins).
        let single: Vec<(&str, String)> = rows
            .iter()
            .filter(|r| r.lemmas.len() == 1 && !is_stop(&fold(&r.form)))
            .map(|r| (r.lemmas[0].as_str(), main(&r.form)))
            .collect();
        let mut by_lemma: HashMap<&str, HashMap<&str, u64>> = HashMap::new();
        let mut by_term: HashMap<&str, HashMap<&str, u64>> = HashMap::new();
        for (lemma, term) in &single {
            *by_lemma.entry(lemma).or_default().entry(term).or_default() += 1;
            *by_term.entry(term).or_default().entry(lemma).or_default() += 1;
        }
        let (mut same, mut all_same) = (0, 0);
        for terms in by_lemma.values() {
            all_same += pairs(terms.values().sum());
            same += terms.values().map(|&c| pairs(c)).sum::<u64>();
        }
        let (mut sharing, mut false_joins) = (0, 0);
        for lemmas in by_term.values() {
            let n = pairs(lemmas.values().sum());
            sharing += n;
            false_joins += n - lemmas.values().map(|&c| pairs(c)).sum::<u64>();
        }
        let recall = same as f64 / all_same as f64;
        let false_rate = false_joins as f64 / sharing as f64;
        // Compounds: every Voikko part's own main term among the word's terms.
        let (mut compounds, mut split_right, mut simple, mut split_wrong) = (0, 0, 0, 0);
        for r in &rows {
            let Some(parts) = &r.parts else { continue };
            if is_stop(&fold(&r.form)) {
                continue;
            }
            let terms = analyse(&r.form, &vocab).doc;
            if parts.len() > 1 {
                compounds += 1;
                let ok = parts.iter().all(|p| terms.contains(&main(p)));
                split_right += ok as u32;
                if !ok && std::env::var_os("LAPE_GOLD_SHOW").is_some() {
                    let want: Vec<String> = parts.iter().map(|p| main(p)).collect();
                    eprintln!("miss {} {parts:?} want {want:?} got {terms:?}", r.form);
                }
            } else {
                simple += 1;
                split_wrong += (terms.len() > 1) as u32;
                if terms.len() > 1 && std::env::var_os("LAPE_GOLD_SHOW").is_some() {
                    eprintln!("false {} {terms:?}", r.form);
                }
            }
        }
        let split = split_right as f64 / compounds as f64;
        let false_split = split_wrong as f64 / simple as f64;
        eprintln!(
            "gold: {} forms; same-lemma pairs sharing the main term {:.1}% ({same} of {all_same}); \
             pairs sharing it with different lemmas {:.2}% ({false_joins} of {sharing}); compounds split \
             into Voikko's parts {:.1}% ({split_right} of {compounds}); non-compounds split {:.2}% \
             ({split_wrong} of {simple})",
            rows.len(),
            recall * 100.0,
            false_rate * 100.0,
            split * 100.0,
            false_split * 100.0
        );
        assert!(recall >= 0.90, "recall {recall:.3}");
        assert!(false_rate < 0.02, "false joins {false_rate:.4}");
        // The target: 90% (reached: 90.9%).
        assert!(split >= 0.90, "compounds split {split:.3}");
        assert!(false_split < 0.02, "non-compounds split {false_split:.4}");
    }
}
