//! JSON Schema of each kind's front matter, generated from the same [`FIELDS`] table that
//! parsing and validation use, so editors' tools and `lape check` agree.
//!
//! Slug lists are enumerated from the bank itself: the schema of a site knows its regions,
//! themes and pilots, so an editor sees an unknown region as they type it.

use crate::model::{FIELDS, FieldDef, Kind, Ty};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// The slugs that exist in a bank, per kind.
pub type Vocabulary = BTreeMap<Kind, Vec<String>>;

const DATE_PATTERN: &str = r"^([0-9]{4})(-[0-9]{2}(-[0-9]{2})?)?$|^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}$";

fn of(ty: Ty, vocab: &Vocabulary) -> Value {
    let slug = |k: Kind| -> Value {
        let v: Vec<&String> = vocab.get(&k).map(|v| v.iter().collect()).unwrap_or_default();
        json!({"type": "string", "enum": v})
    };
    let object = |fields: &[(&str, Ty)]| -> Value {
        let props: Map<String, Value> = fields.iter().map(|(n, t)| (n.to_string(), of(*t, vocab))).collect();
        json!({"type": "object", "properties": props, "additionalProperties": false})
    };
    match ty {
        Ty::Text => json!({"type": "string"}),
        Ty::Texts => json!({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
        Ty::Date => json!({"anyOf": [
            {"type": "string", "pattern": DATE_PATTERN},
            {"type": "integer", "minimum": 1000, "maximum": 9999}
        ]}),
        Ty::Bool => json!({"type": "boolean"}),
        Ty::Choice(values) => json!({"type": "string", "enum": values}),
        Ty::Refs(k) => json!({"anyOf": [slug(k), {"type": "array", "items": slug(k)}]}),
        Ty::Ref(k) => slug(k),
        Ty::Object(fields) => object(fields),
        Ty::Objects(fields) => json!({"type": "array", "items": object(fields)}),
        Ty::Tile => {
            json!({"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 255}, "minItems": 2, "maxItems": 2})
        }
    }
}

fn applies(f: &FieldDef, kind: Kind) -> bool {
    f.kinds.contains(&kind)
}

/// The JSON Schema (draft 2020-12) of one kind's front matter.
pub fn schema(kind: Kind, vocab: &Vocabulary) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for f in FIELDS.iter().filter(|f| applies(f, kind)) {
        let mut s = of(f.ty, vocab);
        if let Some(o) = s.as_object_mut() {
            o.insert("description".into(), Value::String(f.doc.to_string()));
        }
        props.insert(f.name.to_string(), s);
        if f.required.contains(&kind) {
            required.push(f.name);
        }
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("lape-kb: front matter of a {}", kind.type_name()),
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false
    })
}

/// File name of a kind's schema, e.g. `memo.schema.json`.
pub fn file_name(kind: Kind) -> String {
    format!("{}.schema.json", kind.type_name())
}

/// Every kind's schema with its file name.
pub fn all(vocab: &Vocabulary) -> Vec<(String, String)> {
    Kind::ALL
        .iter()
        .map(|&k| {
            let text = serde_json::to_string_pretty(&schema(k, vocab)).unwrap_or_default();
            (file_name(k), text + "\n")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_schema_requires_and_enumerates() {
        let mut vocab = Vocabulary::new();
        vocab.insert(Kind::Region, vec!["kainuu".into(), "pirkanmaa".into()]);
        let s = schema(Kind::Memo, &vocab);
        assert_eq!(s["required"], json!(["title", "date", "regions"]));
        assert_eq!(
            s["properties"]["regions"]["anyOf"][0]["enum"],
            json!(["kainuu", "pirkanmaa"])
        );
        assert!(s["properties"].get("status").is_none(), "status is not a memo field");
        assert_eq!(s["additionalProperties"], json!(false));
    }
}
