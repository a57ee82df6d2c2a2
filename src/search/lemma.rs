//! A Finnish word's lemma key: the one term all forms of one noun or adjective share.
//!
//! Rules over the whole paradigm, not a word list. A form's candidate keys come from stripping
//! at most one clitic (-kin, -kaan), one possessive (-nsa), and one case ending (any of them, or
//! none: "kunta" is a nominative, not "kun" + partitive "-ta"); from each stem the plural
//! marker and the stem vowels go (kunni-, kunta-, sairaaloi- -> kunt, sairaal), consonant-final
//! classes take one shape (vastaus/vastaukse- -> vastauks, osallisuus/osallisuude- ->
//! osallisuut, nainen/naise- -> nais) and the last consonant cluster takes its strong grade
//! (kotikäynni- -> kotikäynt, hoido- -> hoit, käytännö- -> käytänt, rakenne/rakentee- alike).
//! Where the weak grade is nothing (teon, tuen) a candidate puts the k back.
//!
//! The bank decides between candidates: the key most of its distinct words could have wins
//! ("kunt" is the key of kunnan, kunnissa, kuntien...; "kun" of nothing), then the candidate
//! that stripped the longer ending, then the shorter key. Keys keep at least four letters of
//! the word, so short words keep their identity (alue, alku).

use std::collections::HashMap;

const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u', 'y', 'ä', 'ö'];

/// Whether a letter is a Finnish vowel (å is no vowel of Finnish words).
pub fn vowel(c: char) -> bool {
    VOWELS.contains(&c)
}

/// How many leading letters two words share.
pub fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Case endings (possessive-free), in both vowel harmonies.
const ENDINGS: &[&str] = &[
    "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "tta", "ttä", "na", "nä", "n", "t", "a", "ä",
    "ta", "tä", "seen", "siin", "hin", "han", "hen", "hon", "hun", "hyn", "hän", "hön", "den", "tten", "ten", "ne",
    "in", "sti",
];

const CLITICS: &[&str] = &["kaan", "kään", "kin"];
const POSSESSIVES: &[&str] = &["nsa", "nsä"];

/// Consonant-final and -e- stems, each made to one shape: (ending of the vowel-less stem, key
/// ending). First match wins, so longer patterns come first.
const CLASSES: &[(&str, &str)] = &[
    ("uud", "uut"),
    ("yyd", "yyt"),
    ("uuks", "uut"),
    ("yyks", "yyt"),
    ("uus", "uut"),
    ("yys", "yyt"),
    ("eud", "eut"),
    ("eyd", "eyt"),
    ("euks", "eut"),
    ("eyks", "eyt"),
    ("eus", "eut"),
    ("eys", "eyt"),
    ("us", "uks"),
    ("ys", "yks"),
    ("os", "oks"),
    ("ös", "öks"),
    ("nen", "s"),
];

/// Consonant gradation: the last cluster of a key in its strong grade. Single k, p, t merge
/// with kk, pp, tt and d with t, so a word's strong and weak forms share a key whichever way
/// its gradation goes (rakenne/rakenteen as hoito/hoidon).
const GRADES: &[(&str, &str)] = &[
    ("nn", "nt"),
    ("mm", "mp"),
    ("ng", "nk"),
    ("lj", "lk"),
    ("rj", "rk"),
    ("ll", "lt"),
    ("rr", "rt"),
    ("kk", "k"),
    ("pp", "p"),
    ("tt", "t"),
    ("d", "t"),
    ("v", "p"),
];

/// Fewest letters a key keeps of its word.
const MIN_KEY: usize = 4;

/// Whether an ending can follow `stem`: the plural genitive -den and the illatives -hin,
/// -siin follow a plural i, -ten a consonant, -seen a long vowel or e, -hVn its own vowel,
/// and -n no -ne of a nominative in -nen.
fn fits(ending: &str, stem: &[char]) -> bool {
    let Some(&last) = stem.last() else {
        return false;
    };
    match ending {
        "den" | "tten" | "hin" | "siin" => last == 'i',
        "ten" => !vowel(last),
        // The adverb of a -nen adjective is its -se- stem and -sti: monialaisesti is monialainen.
        "sti" => last == 'e' && stem.len() >= 2 && stem[stem.len() - 2] == 's',
        "seen" => last == 'e' || stem.len() >= 2 && stem[stem.len() - 2] == last,
        // A word in -nen is a nominative (its other forms have -se-, -s-): kunnallinen is not
        // kunnalline + -n.
        "n" => !(last == 'e' && stem.len() >= 2 && stem[stem.len() - 2] == 'n'),
        _ if ending.starts_with('h') => ending.chars().nth(1) == Some(last),
        _ => true,
    }
}

fn ends(s: &[char], e: &str) -> bool {
    let n = e.chars().count();
    s.len() >= n && s[s.len() - n..].iter().copied().eq(e.chars())
}

fn replace_end(s: &mut Vec<char>, from: &str, to: &str) {
    s.truncate(s.len() - from.chars().count());
    s.extend(to.chars());
}

/// The key of one stem (a form with its ending gone).
fn key_of(stem: &[char]) -> String {
    let s = stem.to_vec();
    let strip = |s: &[char]| {
        let mut t = s.to_vec();
        while t.len() > 1 && t.last().is_some_and(|&c| vowel(c)) {
            t.pop();
        }
        t
    };
    let mut t = strip(&s);
    // The plural j of -oja, -ejä, -öjen, -ujen: after the stem vowel only (laaja keeps its j,
    // and so does tekijä).
    if t.len() > MIN_KEY && t.last() == Some(&'j') && matches!(t[t.len() - 2], 'e' | 'o' | 'ö' | 'u' | 'y') {
        t.pop();
        t = strip(&t);
    }
    if t.len() < MIN_KEY {
        t = s[..s.len().min(MIN_KEY)].to_vec();
        // A short word keeps its vowel, so its last consonant takes the strong grade here as
        // a long key's does at its end (tava- -> tapa, kedo- -> keto); a doubled one stays,
        // so the key keeps four letters.
        if t.len() == MIN_KEY && vowel(t[3]) && !vowel(t[2]) {
            let v = t.pop();
            for (from, to) in GRADES {
                if from.chars().count() == 1 && ends(&t, from) {
                    replace_end(&mut t, from, to);
                    break;
                }
            }
            t.extend(v);
        }
    }
    for (from, to) in CLASSES {
        if t.len() > from.chars().count() + 1 && ends(&t, from) {
            replace_end(&mut t, from, to);
            break;
        }
    }
    for (from, to) in GRADES {
        if t.len() > from.chars().count() + 1 && ends(&t, from) {
            replace_end(&mut t, from, to);
            break;
        }
    }
    t.into_iter().collect()
}

/// A short key (four letters, the last a vowel) of a plural stem (its vowel followed by the
/// plural i or j) in the vowel the word has in the singular: tapoi- (tapoja) -> tapa, pajoi-
/// -> paja, lajei- -> laji. The bank's support decides whether the word has that singular.
fn singular_vowel(key: &str, stem: &[char]) -> Option<String> {
    let k: Vec<char> = key.chars().collect();
    if k.len() != MIN_KEY || vowel(k[2]) || stem.len() <= MIN_KEY || !matches!(stem[MIN_KEY], 'i' | 'j') {
        return None;
    }
    let singular = match k[3] {
        'o' => 'a',
        'e' => 'i',
        _ => return None,
    };
    Some(k[..3].iter().copied().chain([singular]).collect())
}

/// The key of a word taken as it stands, with no case ending: a nominative's (or, with the
/// -n gone, a genitive's) own key.
pub fn bare_key(word: &str) -> String {
    let w: Vec<char> = word.chars().collect();
    key_of(&w)
}

/// Every candidate key of a lower-case word, each with its prior: the length of the ending it
/// stripped (a k put back counts half a letter less).
pub fn candidates(word: &str) -> Vec<(String, i32)> {
    let w: Vec<char> = word.chars().collect();
    let mut bases = vec![w.clone()];
    for c in CLITICS {
        if ends(&w, c) && w.len() - c.chars().count() >= 4 {
            bases.push(w[..w.len() - c.chars().count()].to_vec());
        }
    }
    for b in bases.clone() {
        for p in POSSESSIVES {
            if ends(&b, p) && b.len() - p.chars().count() >= 4 {
                bases.push(b[..b.len() - p.chars().count()].to_vec());
            }
        }
    }
    let mut out: Vec<(String, i32)> = Vec::new();
    let mut add = |k: String, prior: i32| match out.iter_mut().find(|(o, _)| *o == k) {
        Some((_, p)) => *p = (*p).max(prior),
        None => out.push((k, prior)),
    };
    for b in &bases {
        let mut stems: Vec<(&[char], i32)> = vec![(b, 0)];
        for e in ENDINGS {
            let n = e.chars().count();
            if b.len() >= n + 3 && ends(b, e) {
                let st = &b[..b.len() - n];
                if st.iter().any(|&c| vowel(c)) && fits(e, st) {
                    stems.push((st, 2 * n as i32));
                }
            }
        }
        for (st, prior) in stems {
            let key = key_of(st);
            if let Some(alt) = singular_vowel(&key, st) {
                add(alt, prior - 1);
            }
            // A three-letter word's plural stem: asui- (asuihin) is asu, työi- is työ.
            if st.len() == MIN_KEY && st[3] == 'i' && "uoyö".contains(st[2]) && !vowel(st[1]) {
                add(st[..3].iter().collect(), prior - 1);
            }
            add(key, prior);
            // The weak grade of k between vowels is nothing: teo- -> teko, tue- -> tuki.
            let n = st.len();
            if n > 3 && vowel(st[n - 1]) && vowel(st[n - 2]) && st[n - 1] != st[n - 2] && !vowel(st[n - 3]) {
                let mut k = st[..n - 1].to_vec();
                k.push('k');
                k.push(st[n - 1]);
                add(key_of(&k), prior - 1);
            }
        }
    }
    out
}

/// Stems a word with lemma key `key` may be written with before its ending: the key, each
/// grade and class shape that leads to it (kotikäynt: kotikäynn; osallisuut: osallisuud,
/// osallisuus, osallisuuks; tarp: tarv), each without its final consonant, and each with a
/// stem vowel or a long one. The query table keys each of these, through the fallback rule, to
/// the lemma, so a form the bank lacks still finds it.
pub fn spellings(key: &str) -> Vec<String> {
    let k: Vec<char> = key.chars().collect();
    let mut variants: Vec<Vec<char>> = vec![k.clone()];
    let push = |v: Vec<char>, to: &mut Vec<Vec<char>>| {
        if !to.contains(&v) {
            to.push(v);
        }
    };
    for (from, to) in GRADES.iter().chain(&[("v", "p"), ("j", "k"), ("", "k")]).chain(CLASSES) {
        if k.len() > to.chars().count() + 2 && ends(&k, to) {
            let mut v = k.clone();
            replace_end(&mut v, to, from);
            push(v, &mut variants);
        }
    }
    for v in variants.clone() {
        if v.len() > MIN_KEY && v.last().is_some_and(|&c| !vowel(c)) {
            push(v[..v.len() - 1].to_vec(), &mut variants);
        }
    }
    let mut out: Vec<String> = Vec::new();
    for v in &variants {
        if v.last().is_some_and(|&c| vowel(c)) {
            out.push(v.iter().collect());
            continue;
        }
        for tail in ["", "a", "e", "i", "o", "u", "y", "aa", "ee", "ii", "oo", "uu", "yy"] {
            let s: String = v.iter().copied().chain(tail.chars()).collect();
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// How many of the bank's distinct words could have each key.
#[derive(Default, Clone)]
pub struct Support {
    counts: HashMap<String, u32>,
}

impl Support {
    /// Counts the candidates of every distinct lower-case word.
    pub fn from_words<'a>(words: impl Iterator<Item = &'a str>) -> Support {
        let mut counts: HashMap<String, u32> = HashMap::new();
        for w in words {
            for (k, _) in candidates(w) {
                *counts.entry(k).or_insert(0) += 1;
            }
        }
        Support { counts }
    }

    /// How many distinct words of the bank could have `key`.
    pub fn of(&self, key: &str) -> u32 {
        self.counts.get(key).copied().unwrap_or(0)
    }

    /// The lemma key of a lower-case word: the best-supported candidate.
    pub fn key(&self, word: &str) -> String {
        let support = |k: &str| self.counts.get(k).copied().unwrap_or(0);
        candidates(word)
            .into_iter()
            .max_by(|(a, pa), (b, pb)| {
                (support(a), pa, std::cmp::Reverse(a.len())).cmp(&(support(b), pb, std::cmp::Reverse(b.len())))
            })
            .map(|(k, _)| k)
            .unwrap_or_else(|| word.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn support(words: &[&str]) -> Support {
        Support::from_words(words.iter().copied())
    }

    #[test]
    fn gradation_both_ways_and_stem_vowels() {
        let s = support(&[
            "kotikäynti",
            "kotikäynnillä",
            "kotikäynnit",
            "hoito",
            "hoidon",
            "hoitoa",
            "rakenne",
            "rakenteen",
            "rakenteita",
            "kunta",
            "kunnan",
            "kunnissa",
            "kuntien",
            "sairaala",
            "sairaaloissa",
            "järjestö",
            "järjestöjen",
            "käytäntö",
            "käytännöt",
            "osallisuus",
            "osallisuuden",
            "osallisuutta",
            "vastaus",
            "vastauksen",
            "vastauksia",
            "perhe",
            "perheeseen",
            "perheitä",
        ]);
        for group in [
            &["kotikäynti", "kotikäynnillä", "kotikäynneissä"][..],
            &["hoito", "hoidon", "hoitoon"],
            &["rakenne", "rakenteen", "rakenteisiin"],
            &["kunta", "kunnan", "kunnissa", "kuntien", "kuntaan"],
            &["sairaala", "sairaaloissa", "sairaalan"],
            &["järjestö", "järjestöjen", "järjestöille"],
            &["käytäntö", "käytännöt", "käytännön"],
            &["osallisuus", "osallisuuden", "osallisuutta", "osallisuuksia"],
            &["vastaus", "vastauksen", "vastauksia", "vastausta"],
            &["perhe", "perheeseen", "perheitä", "perheen"],
        ] {
            let keys: Vec<String> = group.iter().map(|w| s.key(w)).collect();
            assert!(keys.iter().all(|k| *k == keys[0]), "{group:?} -> {keys:?}");
        }
    }

    #[test]
    fn unsure_joins_are_missed_not_made() {
        // Stop words (kun) are no word's support, as in a build; the bank decides.
        let s = support(&[
            "kunta", "kunnan", "kunnissa", "kuntien", "tuki", "tuen", "tukki", "tukin", "alue", "alueen", "alku",
        ]);
        assert_ne!(s.key("kunta"), s.key("kun"));
        assert_ne!(s.key("tuki"), s.key("tukki"));
        assert_ne!(s.key("alue"), s.key("alku"));
    }
}
