//! Editors' messages in their language. A diagnostic's message and hint are [`Text`]s: a key of
//! the catalogues `src/messages/fi.toml` and `src/messages/en.toml` with named arguments, put
//! into the language's sentence only when it is printed. Sentences are never glued together
//! from pieces, so a translation can put the arguments where its grammar wants them.
//!
//! Codes (`unknown-region`) stay the same in every language; only the words change.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A message or hint before it is put into words: its catalogue key and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// Key in the catalogues.
    pub key: &'static str,
    /// Named arguments, filled into `{name}` in the catalogue's sentence.
    pub args: Vec<(&'static str, String)>,
}

/// A [`Text`] from a key and named arguments: `text!("unknown-reference", value = v, field = f)`.
#[macro_export]
macro_rules! text {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Text {
            key: $key,
            args: vec![$((stringify!($name), ($value).to_string())),*],
        }
    };
}

/// A word of the catalogue given as an argument, put into the sentence's language with it:
/// `text!("unknown-reference", kind = Word("kind-region"), ...)` says "maakunta" in Finnish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word(pub &'static str);

/// Marks an argument that is a catalogue key (see [`Word`]).
const WORD_MARK: char = '\u{1}';

impl std::fmt::Display for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{WORD_MARK}{}", self.0)
    }
}

impl Word {
    /// The word in `lang` (English when `lang` lacks it, the key when both do).
    pub fn render(self, lang: Lang) -> &'static str {
        lang.catalogue()
            .get(self.0)
            .or_else(|| Lang::En.catalogue().get(self.0))
            .map_or(self.0, String::as_str)
    }
}

/// The word for a kind of document (`memo` → "muistio" in Finnish).
pub fn kind_word(type_name: &str) -> Word {
    match type_name {
        "memo" => Word("kind-memo"),
        "workshop" => Word("kind-workshop"),
        "pilot" => Word("kind-pilot"),
        "service" => Word("kind-service"),
        "region" => Word("kind-region"),
        "theme" => Word("kind-theme"),
        _ => Word("kind-page"),
    }
}

/// A language the messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Finnish: the default for a bank whose language is Finnish.
    Fi,
    /// English.
    En,
}

impl Lang {
    /// Every language with a catalogue.
    pub const ALL: [Lang; 2] = [Lang::Fi, Lang::En];

    /// The language of a code such as `fi`, `en`, `fi_FI.UTF-8` or `en-GB`, if it has a catalogue.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        let base = code.split(['_', '-', '.', '@']).next().unwrap_or("");
        match base {
            "fi" => Some(Lang::Fi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Which language to speak: `--lang` if given, else the locale (`LC_ALL`, `LC_MESSAGES`,
    /// `LANG`, the first that is set), else the bank's language, else Finnish. A locale with
    /// no catalogue (`C`, `sv_FI`) does not decide.
    pub fn choose(flag: Option<&str>, locale: &[Option<String>], bank: Option<&str>) -> Lang {
        if let Some(l) = flag.and_then(Lang::from_code) {
            return l;
        }
        let first_set = locale.iter().flatten().find(|v| !v.is_empty());
        if let Some(l) = first_set.and_then(|v| Lang::from_code(v)) {
            return l;
        }
        bank.and_then(Lang::from_code).unwrap_or(Lang::Fi)
    }

    fn source(self) -> &'static str {
        match self {
            Lang::Fi => include_str!("messages/fi.toml"),
            Lang::En => include_str!("messages/en.toml"),
        }
    }

    /// The language's catalogue: key to sentence.
    pub fn catalogue(self) -> &'static HashMap<String, String> {
        static FI: OnceLock<HashMap<String, String>> = OnceLock::new();
        static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
        let cell = match self {
            Lang::Fi => &FI,
            Lang::En => &EN,
        };
        cell.get_or_init(|| {
            // The catalogues are part of the program and tested; a broken one is a bug, and
            // its messages fall back to their keys rather than stopping a build.
            toml::from_str::<toml::Table>(self.source())
                .map(|t| {
                    t.into_iter()
                        .filter_map(|(k, v)| Some((k, v.as_str()?.to_string())))
                        .collect()
                })
                .unwrap_or_default()
        })
    }
}

impl Text {
    /// The sentence in `lang` (English when `lang` lacks the key, the key when both do).
    pub fn render(&self, lang: Lang) -> String {
        let template = lang
            .catalogue()
            .get(self.key)
            .or_else(|| Lang::En.catalogue().get(self.key))
            .map_or(self.key, String::as_str);
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match self.args.iter().find(|(n, _)| *n == name) {
                        Some((_, v)) => match v.strip_prefix(WORD_MARK) {
                            Some(key) => out.push_str(
                                lang.catalogue()
                                    .get(key)
                                    .or_else(|| Lang::En.catalogue().get(key))
                                    .map_or(key, String::as_str),
                            ),
                            None => out.push_str(v),
                        },
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the code uses, from the text! and Word calls in `src/`.
    fn keys_used() -> Vec<(String, String)> {
        let mut keys = Vec::new();
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let code = std::fs::read_to_string(entry.path()).unwrap();
            // Spelled in two pieces so this line is not a call itself.
            for marker in [concat!("text", "!("), concat!("Word", "(")] {
                for part in code.split(marker).skip(1) {
                    // A call may put its key on the next line.
                    let Some(rest) = part.trim_start().strip_prefix('"') else {
                        continue;
                    };
                    let key = rest.split('"').next().unwrap().to_string();
                    keys.push((key, entry.path().display().to_string()));
                }
            }
        }
        keys
    }

    #[test]
    fn every_key_the_code_uses_is_in_every_catalogue() {
        let used = keys_used();
        assert!(used.len() > 50, "the scan found {} keys", used.len());
        for lang in Lang::ALL {
            let missing: Vec<&(String, String)> =
                used.iter().filter(|(k, _)| !lang.catalogue().contains_key(k)).collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        }
    }

    #[test]
    fn the_catalogues_have_the_same_keys_and_the_same_arguments() {
        let (fi, en) = (Lang::Fi.catalogue(), Lang::En.catalogue());
        assert!(!fi.is_empty() && !en.is_empty(), "both catalogues parse");
        let args = |s: &str| -> Vec<String> {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(a, _)| a.to_string()))
                .filter(|a| !a.is_empty() && a.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
                .collect();
            v.sort();
            v.dedup();
            v
        };
        for (k, e) in en {
            let f = fi.get(k).unwrap_or_else(|| panic!("fi lacks '{k}'"));
            assert_eq!(args(f), args(e), "'{k}': the Finnish sentence uses other arguments");
        }
        for k in fi.keys() {
            assert!(en.contains_key(k), "en lacks '{k}'");
        }
        let used: std::collections::HashSet<String> = keys_used().into_iter().map(|(k, _)| k).collect();
        let unused: Vec<&String> = en.keys().filter(|k| !used.contains(*k)).collect();
        assert!(unused.is_empty(), "catalogue entries no code uses: {unused:?}");
    }

    #[test]
    fn arguments_go_where_the_sentence_puts_them() {
        let t = crate::text!(
            "unknown-reference",
            kind = kind_word("region"),
            value = "kainu",
            field = "regions"
        );
        assert!(
            t.render(Lang::En).contains("unknown region 'kainu' in 'regions'"),
            "{}",
            t.render(Lang::En)
        );
        assert!(t.render(Lang::Fi).contains("maakunta"), "{}", t.render(Lang::Fi));
        let missing = Text {
            key: "no-such-key",
            args: Vec::new(),
        };
        assert_eq!(missing.render(Lang::Fi), "no-such-key");
    }

    #[test]
    fn the_language_is_the_flag_then_the_locale_then_the_bank() {
        let none: [Option<String>; 3] = [None, None, None];
        assert_eq!(Lang::choose(Some("en"), &none, Some("fi")), Lang::En);
        assert_eq!(
            Lang::choose(None, &[None, None, Some("en_US.UTF-8".into())], Some("fi")),
            Lang::En
        );
        assert_eq!(
            Lang::choose(None, &[Some("fi_FI.UTF-8".into()), None, Some("en_US".into())], None),
            Lang::Fi
        );
        assert_eq!(
            Lang::choose(None, &[None, None, Some("C.UTF-8".into())], Some("fi")),
            Lang::Fi
        );
        assert_eq!(Lang::choose(None, &none, Some("en")), Lang::En);
        assert_eq!(Lang::choose(None, &none, None), Lang::Fi);
    }
}
