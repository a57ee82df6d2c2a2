//! General Finnish: the lemma keys of words of the language at large, not only of the bank.
//!
//! A compound's parts are often words the bank never writes alone (koulu|psykologi,
//! projekti|koordinaattori, koti|käynti). The bank's own vocabulary cannot tell that
//! "psykologi" is a word, so the splitter also asks this list: the lemma keys (see
//! [`super::lemma`]) that two or more distinct frequent forms of general Finnish text share,
//! with how many forms share each. It is made once, offline, by `make_keys` below from the
//! word frequencies of the `wordfreq` package (CC BY-SA 4.0; see `data/README.md`), and
//! compiled in, so every machine builds the same index from the same bank.

use super::lemma::{Support, bare_key, candidates, common_prefix, vowel};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

/// The list: one `key<TAB>forms` line per key, sorted by key.
const KEYS: &str = include_str!("data/finnish-keys.tsv");

/// Fewest distinct forms a key needs to enter the list: a form or two alone are as likely a
/// name or a typo as a word.
const MIN_FORMS: u32 = 3;

/// The lemma keys of general Finnish with how many distinct frequent forms have each.
pub struct WordList {
    keys: HashMap<&'static str, u32>,
    bare: HashSet<String>,
}

impl WordList {
    /// The compiled-in list, parsed on first use.
    pub fn get() -> &'static WordList {
        static LIST: OnceLock<WordList> = OnceLock::new();
        LIST.get_or_init(|| WordList::parse(KEYS))
    }

    fn parse(text: &'static str) -> WordList {
        let mut list = WordList {
            keys: HashMap::new(),
            bare: HashSet::new(),
        };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(k), Some(Ok(n))) = (cols.next(), cols.next().map(str::parse)) else {
                continue;
            };
            list.keys.insert(k, n);
            for code in cols.next().unwrap_or("").split(' ').filter(|c| !c.is_empty()) {
                let digits = code.chars().take_while(char::is_ascii_digit).count();
                let Ok(drop) = code[..digits].parse::<usize>() else {
                    continue;
                };
                let kept = k.chars().count().saturating_sub(drop);
                list.bare
                    .insert(k.chars().take(kept).chain(code[digits..].chars()).collect());
            }
        }
        list
    }

    /// Whether `word` is a word of general Finnish as it stands, with no ending (a nominative:
    /// koti, lähtö, orientaatio), the shape a compound's first part is written in.
    pub fn is_bare(&self, word: &str) -> bool {
        self.bare.contains(word)
    }

    /// How many distinct forms of general Finnish have lemma key `key` (0 when none).
    pub fn forms(&self, key: &str) -> u32 {
        self.keys.get(key).copied().unwrap_or(0)
    }

    /// The key general Finnish gives `word`: of its candidate keys, the one most of the list's
    /// forms share. A word the bank has only inside compounds (työ|pajojen) is keyed by the
    /// language's paradigm, not by the few forms the bank has.
    pub fn key(&self, word: &str) -> Option<String> {
        candidates(word)
            .into_iter()
            .filter(|(k, _)| self.forms(k) > 0)
            .max_by_key(|(k, prior)| (self.forms(k), *prior))
            .map(|(k, _)| k)
    }

    /// How many keys the list holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// Whether form `f` of key `key` is the word with no ending: the key itself, or the key and a
/// stem vowel or two (käynti, kokemus -> kokemuks, organisaatio), never a key cut to four
/// letters plus an ending (kotia) nor a plural stem (käyntii).
fn is_nominative(f: &str, key: &str) -> bool {
    if f == key {
        return true;
    }
    if bare_key(f) != key || key.chars().last().is_some_and(vowel) {
        return false;
    }
    let common = common_prefix(f, key);
    let rest: Vec<char> = f.chars().skip(common).collect();
    match rest.as_slice() {
        [_] => true,
        [a, b] => vowel(*a) && vowel(*b) && *b != 'i',
        _ => false,
    }
}

/// Makes the list's lines from lower-case forms of general Finnish: each form's key chosen by
/// the support of all the forms, kept where `MIN_FORMS` distinct forms share it, with the forms
/// that are the key's word as it stands (no ending: nominatives).
pub fn make_keys<'a>(forms: impl Iterator<Item = &'a str> + Clone, is_stop: impl Fn(&str) -> bool) -> String {
    let support = Support::from_words(forms.clone());
    let mut keys: BTreeMap<String, (u32, Vec<&str>)> = BTreeMap::new();
    for f in forms {
        if is_stop(f) {
            continue;
        }
        let key = support.key(f);
        if key.chars().count() >= 3 {
            let bare = is_nominative(f, &key);
            let entry = keys.entry(key).or_default();
            entry.0 += 1;
            if bare {
                entry.1.push(f);
            }
        }
    }
    let mut out = String::from(
        "# lemma key\tdistinct forms\tforms with no ending; made by `cargo test --release --lib \
         search::wordlist -- --ignored` (see data/README.md); do not edit by hand\n",
    );
    for (k, (n, bare)) in keys {
        if n >= MIN_FORMS {
            // Each bare form as how it differs from the key: letters dropped from the key's end,
            // then letters added (kokemuks + "2s" = kokemus, käynt + "0i" = käynti).
            let mut codes: Vec<String> = bare
                .iter()
                .map(|f| {
                    let common = common_prefix(f, &k);
                    let added: String = f.chars().skip(common).collect();
                    format!("{}{added}", k.chars().count() - common)
                })
                .collect();
            codes.sort();
            out.push_str(&format!("{k}\t{n}\t{}\n", codes.join(" ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_knows_words_the_bank_writes_only_in_compounds() {
        let list = WordList::get();
        assert!(list.len() > 10_000, "{} keys", list.len());
        for word in ["psykologi", "koordinaattori", "käynti", "projekti", "laitos"] {
            let s = Support::default();
            let key = s.key(word);
            assert!(list.forms(&key) >= MIN_FORMS, "{word} ({key})");
        }
    }

    /// Regenerates `data/finnish-keys.tsv` from the form list that
    /// `tests/tools/make_finnish_wordlist.py` writes (path in LAPE_WORDLIST_FORMS).
    #[test]
    #[ignore]
    fn make() {
        let path = std::env::var("LAPE_WORDLIST_FORMS").expect("LAPE_WORDLIST_FORMS names the form list");
        let text = std::fs::read_to_string(path).expect("the form list can be read");
        let forms: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        let stop = |f: &str| super::super::finnish::is_stop(&super::super::words::fold(f));
        let out = make_keys(forms.iter().copied(), stop);
        let dest = concat!(env!("CARGO_MANIFEST_DIR"), "/src/search/data/finnish-keys.tsv");
        std::fs::write(dest, out).expect("the list can be written");
    }
}
