//! The bank as open data: `/data/bank.json` (every published document once, with its typed
//! fields, references, links and backlinks), its JSON Schema made from the same field table
//! as the front matter's, and CSV files for spreadsheets. `lape build` writes them into the
//! site; `lape export` writes them alone.
//!
//! Personal data stays out (see [`personal`]); drafts never reach a [`Bank`] at all.

pub mod personal;

use crate::config::Config;
use crate::graph::Bank;
use crate::graph::counts::Overview;
use crate::model::{DocId, FIELDS, Kind, Ty};
use crate::parse::LinkTarget;
use personal::{PERSONAL_FIELDS, PERSONAL_MEETING_FIELDS, Redactor};
use serde_json::{Map, Value, json};

/// The folder of the data files under the site root.
pub const DATA_DIR: &str = "data";
/// The data files, in the order they are written.
pub const FILES: [&str; 4] = ["bank.json", "bank.schema.json", "documents.csv", "region-theme.csv"];

/// Fields every record has, before the kind's own.
const BASE: &[(&str, &str)] = &[
    ("url", "The document's page"),
    ("kind", "memo, workshop, pilot, service, region, theme or page"),
    ("slug", "The last segment of its URL"),
    ("title", "Title"),
    ("lang", "Language of the document"),
    ("links", "Pages and web addresses its text links to"),
    ("backlinks", "Pages of the bank that name it or link to it"),
];

/// Front-matter fields a record does not repeat: its title is a base field, drafts are never
/// exported, aliases are old URLs, the layout fields are the site's own.
const NOT_EXPORTED: &[&str] = &["title", "type", "draft", "aliases", "tile"];

fn exported(name: &str) -> bool {
    !NOT_EXPORTED.contains(&name) && !PERSONAL_FIELDS.contains(&name)
}

/// One document as data.
fn record(bank: &Bank, config: &Config, id: DocId, redactor: &Redactor) -> Value {
    let doc = bank.doc(id);
    let refs = bank.refs_of(id);
    let mut m = Map::new();
    m.insert("url".into(), Value::String(config.absolute(bank.url(id))));
    m.insert("kind".into(), Value::String(doc.kind.type_name().into()));
    m.insert("slug".into(), Value::String(doc.slug.clone()));
    m.insert("title".into(), Value::String(redactor.redact(&doc.title)));
    let lang = doc.fm.lang.clone().unwrap_or_else(|| config.language.clone());
    m.insert("lang".into(), Value::String(lang));
    let fm = serde_json::to_value(&doc.fm).unwrap_or(Value::Null);
    let slugs = |ids: &[DocId]| -> Value {
        Value::Array(ids.iter().map(|&r| Value::String(bank.doc(r).slug.clone())).collect())
    };
    for f in FIELDS
        .iter()
        .filter(|f| f.kinds.contains(&doc.kind) && exported(f.name))
    {
        let value = match f.name {
            "regions" => slugs(&refs.regions),
            "themes" => slugs(&refs.themes),
            "pilots" => slugs(&refs.pilots),
            "parent" => match refs.parent {
                Some(p) => Value::String(bank.doc(p).slug.clone()),
                None => continue,
            },
            "municipalities" => Value::Array(
                refs.municipalities
                    .iter()
                    .filter_map(|&i| bank.municipality_list().get(i))
                    .map(|mu| Value::String(mu.name.clone()))
                    .collect(),
            ),
            name if doc.fm.has(name) => {
                let mut v = fm.get(name).cloned().unwrap_or(Value::Null);
                if name == "meeting"
                    && let Some(o) = v.as_object_mut()
                {
                    for p in PERSONAL_MEETING_FIELDS {
                        o.remove(*p);
                    }
                }
                normalise(&mut v, f.ty, redactor);
                v
            }
            _ => continue,
        };
        let empty = matches!(&value, Value::Array(a) if a.is_empty());
        if !value.is_null() && !empty {
            m.insert(f.name.to_string(), value);
        }
    }
    let mut seen = std::collections::HashSet::new();
    let links: Vec<Value> = doc
        .scan
        .links
        .iter()
        .zip(bank.link_targets_of(id))
        .filter_map(|(l, t)| match t {
            LinkTarget::Url(u) => Some(config.absolute(u.split('#').next().unwrap_or(u))),
            LinkTarget::Keep if l.dest.starts_with("https://") || l.dest.starts_with("http://") => {
                (!redactor.touches(&l.dest)).then(|| l.dest.clone())
            }
            _ => None,
        })
        .filter(|u| seen.insert(u.clone()))
        .map(Value::String)
        .collect();
    m.insert("links".into(), Value::Array(links));
    let backlinks = bank
        .backlinks(id)
        .into_iter()
        .map(|b| Value::String(config.absolute(bank.url(b))))
        .collect();
    m.insert("backlinks".into(), Value::Array(backlinks));
    Value::Object(m)
}

/// Values as the schema says: a text list always an array, texts without personal data,
/// nulls and empty lists of objects dropped.
fn normalise(v: &mut Value, ty: Ty, redactor: &Redactor) {
    match (ty, &mut *v) {
        (Ty::Texts, Value::String(s)) => *v = Value::Array(vec![Value::String(redactor.redact(s))]),
        (Ty::Object(fields), Value::Object(o)) => {
            o.retain(|_, x| !x.is_null() && !matches!(x, Value::Array(a) if a.is_empty()));
            for (name, ty) in fields.iter() {
                if let Some(x) = o.get_mut(*name) {
                    normalise(x, *ty, redactor);
                }
            }
        }
        (Ty::Objects(fields), Value::Array(items)) => {
            for item in items {
                normalise(item, Ty::Object(fields), redactor);
            }
        }
        (_, Value::String(s)) => *s = redactor.redact(s),
        (_, Value::Array(items)) => {
            for i in items {
                if let Value::String(s) = i {
                    *s = redactor.redact(s);
                }
            }
        }
        _ => {}
    }
}

/// The documents as published, in the bank's order (drafts are not in a built bank).
fn published(bank: &Bank) -> Vec<DocId> {
    bank.ids().collect()
}

/// Every published document as data, in the bank's order.
fn records(bank: &Bank, config: &Config) -> Vec<Value> {
    let redactor = Redactor::of(bank);
    published(bank)
        .into_iter()
        .map(|id| record(bank, config, id, &redactor))
        .collect()
}

/// `/data/bank.json`.
pub fn bank_json(bank: &Bank, config: &Config) -> String {
    bank_json_of(bank, config, records(bank, config))
}

fn bank_json_of(bank: &Bank, config: &Config, documents: Vec<Value>) -> String {
    let modified = published(bank)
        .into_iter()
        .filter_map(|id| {
            let d = bank.doc(id);
            d.fm.updated.or(d.date())
        })
        .max()
        .map(|d| d.iso());
    let v = json!({
        "$schema": config.absolute(&format!("{}{DATA_DIR}/bank.schema.json", config.base_path)),
        "title": config.title,
        "description": config.description,
        "url": config.base_url,
        "publisher": config.publisher,
        "licence": {"name": config.licence, "url": config.licence_url},
        "language": config.language,
        "modified": modified,
        "citation": citation(config),
        "documents": documents,
    });
    // One document a line: small enough to read, without the indentation that made a pretty
    // file a third larger.
    let mut out = serde_json::to_string(&v).unwrap_or_default();
    out = out
        .replacen("\"documents\":[{", "\"documents\":[\n{", 1)
        .replace("},{\"", "},\n{\"");
    out.push('\n');
    out
}

/// How to cite the data, as the data page says it too.
pub fn citation(config: &Config) -> String {
    format!(
        "{}: {}. {}. {}",
        config.publisher, config.title, config.base_url, config.licence
    )
}

/// The JSON Schema of a value of front-matter type `ty` as exported (lists always arrays,
/// dates ISO strings, references slugs).
fn export_type(ty: Ty) -> Value {
    let object = |fields: &[(&str, Ty)], drop: &[&str]| -> Value {
        let props: Map<String, Value> = fields
            .iter()
            .filter(|(n, _)| !drop.contains(n))
            .map(|(n, t)| (n.to_string(), export_type(*t)))
            .collect();
        json!({"type": "object", "properties": props, "additionalProperties": false})
    };
    match ty {
        Ty::Text | Ty::Ref(_) => json!({"type": "string"}),
        Ty::Texts | Ty::Refs(_) => json!({"type": "array", "items": {"type": "string"}}),
        Ty::Date => json!({"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}),
        Ty::Bool => json!({"type": "boolean"}),
        Ty::Choice(values) => json!({"type": "string", "enum": values}),
        Ty::Object(fields) => object(fields, PERSONAL_MEETING_FIELDS),
        Ty::Objects(fields) => json!({"type": "array", "items": object(fields, &[])}),
        Ty::Tile => json!({"type": "array", "items": {"type": "integer"}}),
    }
}

/// `/data/bank.schema.json`: made from the same field table as the front matter's schema.
pub fn schema_json() -> String {
    let mut props = Map::new();
    for (name, doc) in BASE {
        let ty = match *name {
            "links" | "backlinks" => json!({"type": "array", "items": {"type": "string"}}),
            "kind" => json!({"type": "string", "enum": Kind::TYPE_NAMES}),
            _ => json!({"type": "string"}),
        };
        let mut ty = ty;
        if let Some(o) = ty.as_object_mut() {
            o.insert("description".into(), Value::String(doc.to_string()));
        }
        props.insert(name.to_string(), ty);
    }
    for f in FIELDS.iter().filter(|f| exported(f.name)) {
        let mut s = export_type(f.ty);
        if let Some(o) = s.as_object_mut() {
            o.insert("description".into(), Value::String(f.doc.to_string()));
        }
        props.insert(f.name.to_string(), s);
    }
    let record = json!({
        "type": "object",
        "properties": props,
        "required": ["url", "kind", "slug", "title", "lang", "links", "backlinks"],
        "additionalProperties": false
    });
    let v = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "lape-kb: the knowledge bank as data (/data/bank.json)",
        "type": "object",
        "properties": {
            "$schema": {"type": "string"},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "url": {"type": "string"},
            "publisher": {"type": "string"},
            "licence": {"type": "object", "properties": {"name": {"type": "string"}, "url": {"type": "string"}}, "required": ["name", "url"], "additionalProperties": false},
            "language": {"type": "string"},
            "modified": {"type": ["string", "null"]},
            "citation": {"type": "string"},
            "documents": {"type": "array", "items": record}
        },
        "required": ["title", "url", "publisher", "licence", "documents"],
        "additionalProperties": false
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// A CSV field: quoted when it holds the separator, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([SEPARATOR, '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Spreadsheets in a Finnish locale split on semicolons (the comma is the decimal mark) and
/// read a file as UTF-8 when it starts with a byte order mark.
pub const SEPARATOR: char = ';';
const BOM: &str = "\u{feff}";

fn csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from(BOM);
    for r in rows {
        out.push_str(
            &r.iter()
                .map(|c| csv_field(c))
                .collect::<Vec<_>>()
                .join(&SEPARATOR.to_string()),
        );
        out.push_str("\r\n");
    }
    out
}

/// The columns of `documents.csv`: fields of a record, lists joined with ", ".
const COLUMNS: [&str; 13] = [
    "url",
    "kind",
    "slug",
    "title",
    "date",
    "updated",
    "regions",
    "themes",
    "pilots",
    "municipalities",
    "organisations",
    "status",
    "summary",
];

/// `/data/documents.csv`: one row a document.
pub fn documents_csv(bank: &Bank, config: &Config) -> String {
    documents_csv_of(&records(bank, config))
}

fn documents_csv_of(records: &[Value]) -> String {
    let mut rows = vec![COLUMNS.map(String::from).to_vec()];
    for r in records {
        let text = |k: &str| match r.get(k) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "),
            _ => String::new(),
        };
        rows.push(COLUMNS.map(text).to_vec());
    }
    csv(&rows)
}

/// `/data/region-theme.csv`: the overview's counts, rows regions and columns themes, with each
/// region's total as its page counts it.
pub fn region_theme_csv(bank: &Bank) -> String {
    let order = |k: Kind| -> Vec<DocId> {
        let mut v = bank.of_kind(k).to_vec();
        v.sort_by(|a, b| crate::collate::compare(&bank.doc(*a).title, &bank.doc(*b).title));
        v
    };
    let (regions, themes) = (order(Kind::Region), order(Kind::Theme));
    let overview = Overview::of(bank, &regions, &themes);
    let mut header = vec!["region".to_string(), "name".to_string(), "documents".to_string()];
    header.extend(themes.iter().map(|&t| bank.doc(t).slug.clone()));
    let mut rows = vec![header];
    for (i, &r) in regions.iter().enumerate() {
        let mut row = vec![
            bank.doc(r).slug.clone(),
            bank.doc(r).title.clone(),
            bank.count_of(r).to_string(),
        ];
        row.extend(overview.counts[i].iter().map(usize::to_string));
        rows.push(row);
    }
    let mut totals = vec!["*".to_string(), "(teeman dokumentit)".to_string(), String::new()];
    totals.extend(themes.iter().map(|&t| bank.count_of(t).to_string()));
    rows.push(totals);
    csv(&rows)
}

/// The first control character in a value (other than a tab or a line break), which CSV and
/// XML consumers of the data reject: a `"\u0007"` escape in YAML, text pasted from a terminal.
fn control_char(v: &Value) -> Option<char> {
    match v {
        Value::String(s) => s.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
        Value::Array(a) => a.iter().find_map(control_char),
        Value::Object(o) => o.values().find_map(control_char),
        _ => None,
    }
}

/// Front-matter values that cannot go into the data: errors of `lape check`, with the line.
pub fn problems(doc: &crate::model::Document) -> Vec<crate::diag::Diagnostic> {
    let Ok(Value::Object(fm)) = serde_json::to_value(&doc.fm) else {
        return Vec::new();
    };
    fm.iter()
        .filter_map(|(key, v)| {
            let c = control_char(v)?;
            // The YAML starts on the line after the opening `---`.
            let line = crate::parse::locate_key(doc.fm_text(), key).map_or(1, |(l, _)| l + 1);
            Some(
                crate::diag::Diagnostic::error(
                    &doc.path,
                    line,
                    "data-control-char",
                    crate::text!(
                        "data-control-char",
                        field = key,
                        code = format!("U+{:04X}", u32::from(c))
                    ),
                )
                .hint(crate::text!("data-control-char-hint")),
            )
        })
        .collect()
}

/// Every data file as (name under `data/`, bytes).
pub fn files(bank: &Bank, config: &Config) -> Vec<(&'static str, Vec<u8>)> {
    let records = records(bank, config);
    let csv = documents_csv_of(&records);
    vec![
        (FILES[0], bank_json_of(bank, config, records).into_bytes()),
        (FILES[1], schema_json().into_bytes()),
        (FILES[2], csv.into_bytes()),
        (FILES[3], region_theme_csv(bank).into_bytes()),
    ]
}
