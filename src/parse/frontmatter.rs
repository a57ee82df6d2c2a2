//! The YAML between the `---` lines: split off, deserialised, and checked against the field table.
//!
//! serde_yaml counts lines from the start of the YAML text; every position reported here is
//! shifted to the line of the file, so `memos/x.md:7:3` points at the real line.

use crate::diag::{Diagnostic, did_you_mean};
use crate::messages::kind_word;
use crate::model::{FIELDS, FrontMatter, Kind};
use std::ops::Range;
use std::path::Path;

/// Where the front matter and the body lie in a file.
#[derive(Debug, Clone)]
pub struct Split {
    /// Byte range of the YAML text.
    pub fm: Range<usize>,
    /// 1-based file line of the first YAML line.
    pub fm_line: usize,
    /// Byte offset of the body.
    pub body_start: usize,
    /// 1-based file line of the body's first line.
    pub body_line: usize,
}

/// Finds the front matter between a first line `---` and the next `---` (or `...`) line.
pub fn split(path: &Path, text: &str) -> Result<Split, Diagnostic> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        let hint = if text.trim().is_empty() {
            crate::text!("no-front-matter-empty")
        } else {
            crate::text!("no-front-matter-hint")
        };
        return Err(
            Diagnostic::error(path, 1, "no-front-matter", crate::text!("no-front-matter"))
                .hint(hint)
                .with_source(text),
        );
    }
    let fm_start = (first_end + 1).min(text.len());
    let mut pos = fm_start;
    let mut line = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let l = text[pos..end].trim_end();
        if l == "---" || l == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                fm: fm_start..pos,
                fm_line: 2,
                body_start,
                body_line: line + 1,
            });
        }
        pos = end + 1;
        line += 1;
    }
    Err(
        Diagnostic::error(path, 1, "front-matter-unclosed", crate::text!("front-matter-unclosed"))
            .hint(crate::text!("front-matter-unclosed-hint"))
            .with_source(text),
    )
}

/// Deepest `[`/`{` nesting front matter may use.
const MAX_FLOW_DEPTH: usize = 32;

/// Byte offset where `[`/`{` nesting outside quotes first goes past `limit`, if it does.
fn flow_too_deep(yaml: &str, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in yaml.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '\n') => {}
            (None, '[' | '{') => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Deserialises the YAML, reporting syntax and type errors and unknown keys.
/// `broken_out` gets the fields that were given but could not be read, so they are not also
/// reported as missing.
pub(super) fn deserialize(
    path: &Path,
    text: &str,
    parts: &Split,
    problems: &mut Vec<Diagnostic>,
    broken_out: &mut Vec<String>,
) -> Option<FrontMatter> {
    let yaml = &text[parts.fm.clone()];
    if yaml.trim().is_empty() {
        return Some(FrontMatter::default());
    }
    // The YAML scanner slows down with the square of flow nesting ([[[[...); nothing in front
    // matter needs more than a few levels, so deep nesting is refused before it is parsed.
    if let Some(offset) = flow_too_deep(yaml, MAX_FLOW_DEPTH) {
        let (line, col) = crate::diag::line_col(yaml, offset);
        problems.push(
            Diagnostic::error(
                path,
                line + parts.fm_line - 1,
                "yaml",
                crate::text!("yaml-too-deep", limit = MAX_FLOW_DEPTH),
            )
            .col(col)
            .hint(crate::text!("yaml-too-deep-hint"))
            .with_source(text),
        );
        return None;
    }
    let mut unknown: Vec<String> = Vec::new();
    let de = serde_yaml::Deserializer::from_str(yaml);
    let result: Result<FrontMatter, _> = serde_ignored::deserialize(de, |p| unknown.push(p.to_string()));
    match result {
        Ok(fm) => {
            for key in unknown {
                report_unknown(path, text, parts, &key, problems);
            }
            Some(fm)
        }
        Err(_) => {
            // serde stops at the first wrong field and a syntax error hides every field after
            // it; the editor wants all of them in one run, and the rest of the file checked.
            let (fm, broken) = field_by_field(path, text, parts, problems);
            *broken_out = broken;
            fm
        }
    }
}

/// An unknown field (`key`, or a path such as `meeting.paikka`), at its line, with a
/// did-you-mean when it is a top-level field.
fn report_unknown(path: &Path, text: &str, parts: &Split, key: &str, problems: &mut Vec<Diagnostic>) {
    let yaml = &text[parts.fm.clone()];
    let top = key.split(['.', '[']).next().unwrap_or(key);
    let last = key.rsplit('.').next().unwrap_or(key);
    let (line, col) = locate_key(yaml, top)
        .and_then(|(l, _)| {
            if top == last {
                Some((l, 1))
            } else {
                locate_value(yaml, top, last)
            }
        })
        .map_or((0, 0), |(l, c)| (l + parts.fm_line - 1, c));
    let mut d = Diagnostic::error(path, line, "unknown-field", crate::text!("unknown-field", key = key))
        .col(col)
        .with_source(text);
    d = match did_you_mean(last, FIELDS.iter().map(|f| f.name)) {
        Some(s) if top == last => d.hint(crate::text!("did-you-mean", name = s)),
        _ => d.hint(crate::text!("unknown-field-hint")),
    };
    problems.push(d);
}

/// One top-level entry of the front matter: its key, its first line (in the YAML) and its
/// text, with the indented or `- ` lines that continue it.
struct Entry<'a> {
    key: &'a str,
    line: usize,
    text: String,
}

/// Splits the YAML into top-level entries by their first column, without parsing it, so a
/// broken entry cannot take the others with it.
fn entries(yaml: &str) -> Vec<Entry<'_>> {
    let mut out: Vec<Entry> = Vec::new();
    for (i, l) in yaml.lines().enumerate() {
        let starts_entry = !l.is_empty() && !l.starts_with([' ', '\t', '-', '#']);
        if starts_entry {
            let key = l.split(':').next().unwrap_or(l).trim();
            out.push(Entry {
                key,
                line: i + 1,
                text: format!("{l}\n"),
            });
        } else if let Some(e) = out.last_mut() {
            e.text.push_str(l);
            e.text.push('\n');
        }
    }
    out
}

/// Why a value does not parse, when it is a quote or bracket left open on its line.
fn unclosed(entry: &str) -> Option<crate::messages::Text> {
    let first = entry.lines().next()?;
    let value = first.split_once(':')?.1.trim();
    let multi_line = entry.lines().nth(1).is_some();
    match value.chars().next()? {
        q @ ('"' | '\'') => {
            let closed = value[1..].replace("\\\"", "").contains(q);
            (!closed).then(|| {
                if q == '"' {
                    crate::text!("unclosed-double-quote")
                } else {
                    crate::text!("unclosed-single-quote")
                }
            })
        }
        '[' if !value.contains(']') && !multi_line => Some(crate::text!("unclosed-bracket")),
        '{' if !value.contains('}') && !multi_line => Some(crate::text!("unclosed-brace")),
        _ => None,
    }
}

/// Reads the front matter entry by entry: every entry that does not parse or does not fit its
/// field is reported at its own line and left out, and the others make the front matter, so
/// references, links and the body are still checked. Returns the keys left out.
fn field_by_field(
    path: &Path,
    text: &str,
    parts: &Split,
    problems: &mut Vec<Diagnostic>,
) -> (Option<FrontMatter>, Vec<String>) {
    let yaml = &text[parts.fm.clone()];
    let file_line = |l: usize| l + parts.fm_line - 1;
    let mut good = serde_yaml::Mapping::new();
    let mut broken = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for entry in entries(yaml) {
        if seen.contains(&entry.key) {
            problems.push(
                Diagnostic::error(
                    path,
                    file_line(entry.line),
                    "yaml",
                    crate::text!("yaml-duplicate", field = entry.key),
                )
                .col(1)
                .hint(crate::text!("yaml-duplicate-hint"))
                .with_source(text),
            );
            continue;
        }
        seen.push(entry.key);
        let value = match serde_yaml::from_str::<serde_yaml::Value>(&entry.text) {
            Ok(serde_yaml::Value::Mapping(m)) => m,
            Ok(_) => {
                problems.push(
                    Diagnostic::error(path, file_line(entry.line), "yaml", crate::text!("yaml-not-a-field"))
                        .col(1)
                        .hint(crate::text!("yaml-not-a-field-hint"))
                        .with_source(text),
                );
                broken.push(entry.key.to_string());
                continue;
            }
            Err(e) => {
                let hint = unclosed(&entry.text);
                // An unclosed quote is where its value starts, not where YAML gave up.
                let (line, col) = match (&hint, e.location()) {
                    (None, Some(l)) => (entry.line + l.line() - 1, l.column()),
                    _ => (entry.line, entry.key.chars().count() + 3),
                };
                let detail = friendly(&e.to_string());
                let message = match hint {
                    Some(_) => crate::text!("yaml-left-open", field = entry.key),
                    None => crate::text!("yaml-syntax", detail = detail),
                };
                problems.push(
                    Diagnostic::error(path, file_line(line), "yaml", message)
                        .col(col)
                        .hint(hint.unwrap_or_else(|| yaml_hint(&detail)))
                        .with_source(text),
                );
                broken.push(entry.key.to_string());
                continue;
            }
        };
        let single = serde_yaml::Value::Mapping(value.clone());
        let mut unknown: Vec<String> = Vec::new();
        let result: Result<FrontMatter, _> = serde_ignored::deserialize(single, |p| unknown.push(p.to_string()));
        for key in &unknown {
            report_unknown(path, text, parts, key, problems);
        }
        match result {
            Ok(_) => good.extend(value),
            Err(e) => {
                let msg = friendly(&e.to_string());
                let col = entry.key.chars().count() + 3;
                let message = typed_message(&entry, &msg)
                    .unwrap_or_else(|| crate::text!("yaml-field", field = entry.key, detail = msg));
                problems.push(
                    Diagnostic::error(path, file_line(entry.line), "yaml", message)
                        .col(col)
                        .hint(yaml_hint(&msg))
                        .with_source(text),
                );
                broken.push(entry.key.to_string());
            }
        }
    }
    let fm = serde_yaml::from_value::<FrontMatter>(serde_yaml::Value::Mapping(good)).ok();
    (fm, broken)
}

/// A serde_yaml message as an editor can read it, without its YAML-relative position.
fn friendly(msg: &str) -> String {
    let msg = msg.split(" at line ").next().unwrap_or(msg);
    msg.replace(
        "data did not match any variant of untagged enum OneOrMany",
        "expected a name or a list of names",
    )
}

/// The editor's own words for a value of the wrong type, with the value as written, so the
/// parser's English detail is not all a Finnish editor gets. `None` for other problems.
fn typed_message(entry: &Entry, msg: &str) -> Option<crate::messages::Text> {
    let value = entry.text.lines().next()?.split_once(':')?.1.trim();
    if value.is_empty() || entry.text.lines().nth(1).is_some() {
        return None;
    }
    let (field, value) = (entry.key, value.trim_matches(['"', '\'']));
    Some(if msg.contains("not a date") {
        use crate::messages::Word;
        let why = match msg.split("is not a date: ").nth(1).unwrap_or("") {
            w if w.starts_with("the year") => Word("date-four-digits"),
            w if w.starts_with("there is no such month") => Word("date-no-month"),
            w if w.starts_with("there is no such day") => Word("date-no-day"),
            w if w.starts_with("month and day") => Word("date-from-one"),
            w if w.starts_with("expected day.month") => Word("date-dmy"),
            w if w.starts_with("expected year-month") => Word("date-ymd"),
            _ => Word("date-digits"),
        };
        crate::text!("yaml-not-date", field = field, value = value, why = why)
    } else if msg.contains("expected a boolean") {
        crate::text!("yaml-not-bool", field = field, value = value)
    } else if msg.contains("expected u8") || msg.contains("expected an integer") || msg.contains("expected u16") {
        crate::text!("yaml-not-number", field = field, value = value)
    } else if msg.contains("expected a string") {
        crate::text!("yaml-not-string", field = field, value = value)
    } else {
        return None;
    })
}

fn yaml_hint(msg: &str) -> crate::messages::Text {
    if msg.contains("expected a sequence") || msg.contains("list of names") {
        crate::text!("yaml-list-hint")
    } else if msg.contains("did not find expected key") || msg.contains("mapping values are not allowed") {
        crate::text!("yaml-quote-hint")
    } else if msg.contains("unknown variant") {
        crate::text!("yaml-variant-hint")
    } else if msg.contains("not a date") {
        crate::text!("yaml-date-hint")
    } else if msg.contains("duplicate") {
        crate::text!("yaml-duplicate-hint")
    } else if msg.contains("expected a boolean") {
        crate::text!("yaml-bool-hint")
    } else if msg.contains("expected u8") || msg.contains("expected an integer") || msg.contains("expected u16") {
        crate::text!("yaml-number-hint")
    } else if msg.contains("expected a string") {
        crate::text!("yaml-string-hint")
    } else if msg.contains("invalid type") || msg.contains("invalid length") {
        crate::text!("yaml-type-hint")
    } else {
        crate::text!("yaml-syntax-hint")
    }
}

/// Checks required fields, fields that do not belong to the kind, and `type:` against the folder.
pub(super) fn validate(
    path: &Path,
    kind: Kind,
    text: &str,
    parts: &Split,
    fm: &FrontMatter,
    broken: &[String],
    problems: &mut Vec<Diagnostic>,
) {
    let yaml = &text[parts.fm.clone()];
    let file_line = |l: usize| l + parts.fm_line - 1;
    let mut missing = Vec::new();
    for f in FIELDS {
        let has = fm.has(f.name);
        // A field given but unreadable was reported where it is; it is not missing too.
        if !has && f.required.contains(&kind) && !broken.iter().any(|b| b == f.name) {
            missing.push(f.name);
        }
        if has && !f.kinds.contains(&kind) {
            let (l, c) = locate_key(yaml, f.name).unwrap_or((1, 1));
            problems.push(
                Diagnostic::warning(
                    path,
                    file_line(l),
                    "field-not-used",
                    crate::text!("field-not-used", field = f.name, kind = kind_word(kind.type_name())),
                )
                .col(c)
                .hint(crate::text!("field-not-used-hint"))
                .with_source(text),
            );
        }
    }
    for name in missing {
        let line = locate_key(yaml, name).map_or(1, |(l, _)| file_line(l));
        let example = match name {
            "title" => "title: \"Muistio 18.3.2016\"",
            "date" => "date: 2018-09-10",
            "regions" => "regions: [pirkanmaa]",
            "status" => "status: kokeilu",
            _ => "",
        };
        problems.push(
            Diagnostic::error(path, line, "missing-field", crate::text!("missing-field", field = name))
                .hint(crate::text!(
                    "missing-field-hint",
                    kind = kind_word(kind.type_name()),
                    field = name,
                    example = example
                ))
                .with_source(text),
        );
    }
    // The URL policy for front matter: the source's URL is a link on the page.
    if let Some(url) = fm.source.as_ref().and_then(|s| s.url.as_deref())
        && let Some(scheme) = crate::urls::refused(url)
    {
        let (l, c) = locate_value(yaml, "source", url).unwrap_or((1, 1));
        problems.push(
            Diagnostic::error(
                path,
                file_line(l),
                "unsafe-url",
                crate::text!("unsafe-source-url", scheme = scheme),
            )
            .col(c)
            .hint(crate::text!("unsafe-url-hint"))
            .with_source(text),
        );
    }
    // An alias is a path of this site: where the old URL of a page was.
    for alias in &fm.aliases {
        let bad = alias
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "?#\\\"<>".contains(c))
            || crate::urls::scheme(alias).is_some()
            || alias.split('/').any(|c| c == ".." || c == ".")
            || alias.trim_matches('/').is_empty();
        if bad {
            let (l, c) = locate_value(yaml, "aliases", alias).unwrap_or((1, 1));
            problems.push(
                Diagnostic::error(
                    path,
                    file_line(l),
                    "bad-alias",
                    crate::text!("bad-alias", alias = alias),
                )
                .col(c)
                .hint(crate::text!("bad-alias-hint"))
                .with_source(text),
            );
        }
    }
    if let Some(t) = &fm.type_name
        && t != kind.type_name()
    {
        let (l, c) = locate_key(yaml, "type").unwrap_or((1, 1));
        problems.push(
            Diagnostic::error(
                path,
                file_line(l),
                "type-mismatch",
                crate::text!("type-mismatch", given = t, kind = kind_word(kind.type_name())),
            )
            .col(c)
            .hint(crate::text!(
                "type-mismatch-hint",
                type_name = kind.type_name(),
                folder = Kind::from_type_name(t).map_or("<kind>", |k| k.folder())
            ))
            .with_source(text),
        );
    }
    if let Some(lang) = &fm.lang
        && !matches!(lang.as_str(), "fi" | "sv" | "en")
    {
        let (l, c) = locate_key(yaml, "lang").unwrap_or((1, 1));
        problems.push(
            Diagnostic::warning(
                path,
                file_line(l),
                "unknown-lang",
                crate::text!("unknown-lang", lang = lang),
            )
            .col(c)
            .hint(crate::text!("unknown-lang-hint"))
            .with_source(text),
        );
    }
}

/// 1-based line and column (within the YAML) of a top-level key.
pub fn locate_key(yaml: &str, key: &str) -> Option<(usize, usize)> {
    yaml.lines().enumerate().find_map(|(i, l)| {
        let rest = l.strip_prefix(key)?;
        rest.trim_start().starts_with(':').then_some((i + 1, 1))
    })
}

/// 1-based line and column (within the YAML) of `value` under a top-level `key`.
pub fn locate_value(yaml: &str, key: &str, value: &str) -> Option<(usize, usize)> {
    let (start, _) = locate_key(yaml, key)?;
    for (i, l) in yaml.lines().enumerate().skip(start - 1) {
        if i + 1 > start && !l.is_empty() && !l.starts_with([' ', '\t', '-', '#']) {
            break;
        }
        let from = if i + 1 == start { key.len() + 1 } else { 0 };
        if let Some(pos) = l.get(from..).and_then(|s| s.find(value)) {
            let col = l[..from + pos].chars().count() + 1;
            return Some((i + 1, col));
        }
    }
    Some((start, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_list_values() {
        let y = "title: x\nregions:\n  - uusimaa\n  - pirknamaa\nthemes: [a]\n";
        assert_eq!(locate_key(y, "regions"), Some((2, 1)));
        assert_eq!(locate_value(y, "regions", "pirknamaa"), Some((4, 5)));
        assert_eq!(locate_value(y, "themes", "a"), Some((5, 10)));
    }

    #[test]
    fn split_positions() {
        let s = split(Path::new("x"), "---\ntitle: x\n---\nbody\n").unwrap();
        assert_eq!((s.fm_line, s.body_line), (2, 4));
        assert!(split(Path::new("x"), "title: x\n").is_err());
        assert!(split(Path::new("x"), "---\ntitle: x\n").is_err());
    }
}
