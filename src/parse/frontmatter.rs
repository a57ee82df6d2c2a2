//! The YAML between the `---` lines: split off, deserialised, and checked against the field table.
//!
//! serde_yaml counts lines from the start of the YAML text; every position reported here is
//! shifted to the line of the file, so `memos/x.md:7:3` points at the real line.

use crate::diag::{Diagnostic, did_you_mean};
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
            "the file is empty; start it with front matter: ---, title: ..., ---"
        } else {
            "start the file with a line '---', then the fields (title: ..., date: ...), then '---'"
        };
        return Err(
            Diagnostic::error(path, 1, "no-front-matter", "the file has no front matter")
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
    Err(Diagnostic::error(
        path,
        1,
        "front-matter-unclosed",
        "the front matter has no closing '---' line",
    )
    .hint("add a line '---' after the last field")
    .with_source(text))
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
                format!("the front matter nests brackets more than {MAX_FLOW_DEPTH} levels deep"),
            )
            .col(col)
            .hint("front matter fields are flat lists such as regions: [kainuu]")
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
    let mut d = Diagnostic::error(path, line, "unknown-field", format!("unknown field '{key}'"))
        .col(col)
        .with_source(text);
    d = match did_you_mean(last, FIELDS.iter().map(|f| f.name)) {
        Some(s) if top == last => d.hint(format!("did you mean '{s}'?")),
        _ => d.hint("remove it, or see the field list in the editors' guide"),
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
fn unclosed(entry: &str) -> Option<&'static str> {
    let first = entry.lines().next()?;
    let value = first.split_once(':')?.1.trim();
    let multi_line = entry.lines().nth(1).is_some();
    match value.chars().next()? {
        q @ ('"' | '\'') => {
            let closed = value[1..].replace("\\\"", "").contains(q);
            (!closed).then_some(if q == '"' {
                "the quote \" that starts the value is never closed: add \" at the end of the value, e.g. title: \"Muistio 18.3.2016\""
            } else {
                "the quote ' that starts the value is never closed: add ' at the end of the value"
            })
        }
        '[' if !value.contains(']') && !multi_line => {
            Some("the list that starts with [ is never closed: add ] at the end, e.g. regions: [kainuu, lappi]")
        }
        '{' if !value.contains('}') && !multi_line => {
            Some("the braces that start the value are never closed: add } at the end, e.g. meeting: {date: 2018-09-10}")
        }
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
                    format!("front matter: the field '{}' is given twice", entry.key),
                )
                .col(1)
                .hint("each field may appear only once: remove one of them")
                .with_source(text),
            );
            continue;
        }
        seen.push(entry.key);
        let value = match serde_yaml::from_str::<serde_yaml::Value>(&entry.text) {
            Ok(serde_yaml::Value::Mapping(m)) => m,
            Ok(_) => {
                problems.push(
                    Diagnostic::error(
                        path,
                        file_line(entry.line),
                        "yaml",
                        "front matter: this line is not a field (name: value)",
                    )
                    .col(1)
                    .hint("write each field as name: value, e.g. date: 2018-09-10")
                    .with_source(text),
                );
                broken.push(entry.key.to_string());
                continue;
            }
            Err(e) => {
                let hint = unclosed(&entry.text);
                // An unclosed quote is where its value starts, not where YAML gave up.
                let (line, col) = match (hint, e.location()) {
                    (None, Some(l)) => (entry.line + l.line() - 1, l.column()),
                    _ => (entry.line, entry.key.chars().count() + 3),
                };
                let msg = match hint {
                    Some(_) => format!("{}: the value is left open", entry.key),
                    None => friendly(&e.to_string()),
                };
                problems.push(
                    Diagnostic::error(path, file_line(line), "yaml", format!("front matter: {msg}"))
                        .col(col)
                        .hint(hint.unwrap_or_else(|| yaml_hint(&msg)))
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
                problems.push(
                    Diagnostic::error(
                        path,
                        file_line(entry.line),
                        "yaml",
                        format!("front matter: {}: {msg}", entry.key),
                    )
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

fn yaml_hint(msg: &str) -> &'static str {
    if msg.contains("expected a sequence") || msg.contains("list of names") {
        "write a list as [a, b] or as lines starting with '- '"
    } else if msg.contains("did not find expected key") || msg.contains("mapping values are not allowed") {
        "put quotes around a value that contains ': ' or starts with a special character"
    } else if msg.contains("unknown variant") {
        "use one of the values listed"
    } else if msg.contains("not a date") {
        "write dates as 2018-09-10"
    } else if msg.contains("duplicate") {
        "each field may appear only once"
    } else if msg.contains("expected a boolean") {
        "write true or false (for example draft: true); words such as kyllä, ei or ehkä are not read as yes or no"
    } else if msg.contains("expected u8") || msg.contains("expected an integer") || msg.contains("expected u16") {
        "write a whole number"
    } else if msg.contains("expected a string") {
        "put the value in quotes: title: \"...\""
    } else if msg.contains("invalid type") || msg.contains("invalid length") {
        "this field takes another kind of value: see the field list in the editors' guide"
    } else {
        "check the indentation and quoting of this line"
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
                    format!("field '{}' is not used for a {}", f.name, kind.type_name()),
                )
                .col(c)
                .hint("remove it, or move the file to the folder of the right kind")
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
            Diagnostic::error(
                path,
                line,
                "missing-field",
                format!("required field '{name}' is missing or empty"),
            )
            .hint(format!("a {} needs '{name}', e.g. {example}", kind.type_name()))
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
                format!("the source's URL has the scheme {scheme}: and is not published"),
            )
            .col(c)
            .hint(crate::urls::HINT)
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
                    format!("'{alias}' is not a path of this site"),
                )
                .col(c)
                .hint("write the old address as a path, e.g. aliases: [vanha-nimi/] or [/muistiot/vanha-nimi/]")
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
                format!(
                    "type '{t}' does not match the folder, which holds {}s",
                    kind.type_name()
                ),
            )
            .col(c)
            .hint(format!(
                "write type: {} or move the file to content/{}/",
                kind.type_name(),
                Kind::from_type_name(t).map_or("<kind>", |k| k.folder())
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
                format!("language '{lang}' has no UI translation"),
            )
            .col(c)
            .hint("use fi, sv or en")
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
