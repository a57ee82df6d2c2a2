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

/// A [`Text`] from a key and named arguments: `text!("unknown-region", value = v, field = f)`.
#[macro_export]
macro_rules! text {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Text {
            key: $key,
            args: vec![$((stringify!($name), ($value).to_string())),*],
        }
    };
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
                        Some((_, v)) => out.push_str(v),
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

    /// Every key the code uses, from the `text!("key"` calls in `src/`.
    fn keys_used() -> Vec<(String, String)> {
        let mut keys = Vec::new();
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
            if entry.path().extension().is_none_or(|e| e != "rs") || entry.path().ends_with("messages.rs") {
                continue;
            }
            let code = std::fs::read_to_string(entry.path()).unwrap();
            for part in code.split("text!(\"").skip(1) {
                let key = part.split('"').next().unwrap().to_string();
                keys.push((key, entry.path().display().to_string()));
            }
        }
        keys
    }

    #[test]
    fn every_key_the_code_uses_is_in_every_catalogue() {
        let used = keys_used();
        assert!(used.len() > 50, "the scan found {} keys", used.len());
        for lang in Lang::ALL {
            let missing: Vec<&(String, String)> = used.iter().filter(|(k, _)| !lang.catalogue().contains_key(k)).collect();
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
        let t = Text {
            key: "unknown-reference",
            args: vec![("kind", "maakunta".into()), ("value", "kainu".into()), ("field", "regions".into())],
        };
        assert!(t.render(Lang::En).contains("kainu"));
        let missing = Text { key: "no-such-key", args: Vec::new() };
        assert_eq!(missing.render(Lang::Fi), "no-such-key");
    }

    #[test]
    fn the_language_is_the_flag_then_the_locale_then_the_bank() {
        let none: [Option<String>; 3] = [None, None, None];
        assert_eq!(Lang::choose(Some("en"), &none, Some("fi")), Lang::En);
        assert_eq!(Lang::choose(None, &[None, None, Some("en_US.UTF-8".into())], Some("fi")), Lang::En);
        assert_eq!(Lang::choose(None, &[Some("fi_FI.UTF-8".into()), None, Some("en_US".into())], None), Lang::Fi);
        assert_eq!(Lang::choose(None, &[None, None, Some("C.UTF-8".into())], Some("fi")), Lang::Fi);
        assert_eq!(Lang::choose(None, &none, Some("en")), Lang::En);
        assert_eq!(Lang::choose(None, &none, None), Lang::Fi);
    }
}
