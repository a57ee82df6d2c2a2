//! Counted phrases in the reader's language: "1 dokumentti", "2 dokumenttia", "1 document".
//!
//! The theme's i18n tables hold each phrase as a table of CLDR plural forms (`one`, `other`,
//! with `{n}` where the number goes), and templates pick one with the `plural` filter:
//! `{{ n | plural(forms=t.plural.documents, lang=site.lang) }}`. Sentences are never put
//! together from a number and a word, because the word's form depends on the number.

use std::collections::HashMap;
use tera::Value;

/// The CLDR plural category of a whole number in a language.
///
/// Finnish, Swedish and English (and the other languages a bank is likely to add: Northern
/// Sami, Estonian, German) share the rule "one for exactly 1, other otherwise"; a language
/// with more forms gets its rule here before its tables can use them.
pub fn category(lang: &str, n: u64) -> &'static str {
    let _ = lang;
    if n == 1 { "one" } else { "other" }
}

/// The form of `forms` for `n` in `lang`, with `{n}` replaced; `other` when a language's
/// table lacks the form its rule asks for.
pub fn phrase(forms: &toml::Table, lang: &str, n: u64) -> Option<String> {
    let form = forms.get(category(lang, n)).or_else(|| forms.get("other"))?.as_str()?;
    Some(form.replace("{n}", &n.to_string()))
}

/// The `plural` template filter.
pub fn filter(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let n = value
        .as_u64()
        .ok_or_else(|| tera::Error::msg(format!("plural: expected a whole number, got {value}")))?;
    let forms: toml::Table = args
        .get("forms")
        .and_then(|f| serde_json::from_value(f.clone()).ok())
        .ok_or_else(|| tera::Error::msg("plural: forms= must be a table of plural forms such as t.plural.documents"))?;
    let lang = args.get("lang").and_then(Value::as_str).unwrap_or("fi");
    phrase(&forms, lang, n)
        .map(Value::String)
        .ok_or_else(|| tera::Error::msg("plural: the forms table has no 'other' form"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(one: &str, other: &str) -> toml::Table {
        let mut t = toml::Table::new();
        t.insert("one".into(), one.into());
        t.insert("other".into(), other.into());
        t
    }

    #[test]
    fn one_is_singular_and_every_other_number_plural_in_fi_sv_en() {
        let fi = forms("{n} dokumentti", "{n} dokumenttia");
        let sv = forms("{n} dokument", "{n} dokument");
        let en = forms("{n} document", "{n} documents");
        assert_eq!(phrase(&fi, "fi", 1).unwrap(), "1 dokumentti");
        assert_eq!(phrase(&fi, "fi", 0).unwrap(), "0 dokumenttia");
        assert_eq!(phrase(&fi, "fi", 21).unwrap(), "21 dokumenttia");
        assert_eq!(phrase(&sv, "sv", 2).unwrap(), "2 dokument");
        assert_eq!(phrase(&en, "en", 1).unwrap(), "1 document");
        assert_eq!(phrase(&en, "en", 11).unwrap(), "11 documents");
    }

    #[test]
    fn a_missing_form_falls_back_to_other_and_no_other_is_an_error() {
        let mut t = toml::Table::new();
        t.insert("other".into(), "{n} x".into());
        assert_eq!(phrase(&t, "fi", 1).unwrap(), "1 x");
        let args = HashMap::from([("forms".to_string(), serde_json::json!({"one": "{n} y"}))]);
        assert!(filter(&Value::from(2), &args).is_err());
        assert!(filter(&Value::from("kaksi"), &args).is_err());
    }
}
