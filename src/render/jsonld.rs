//! One JSON-LD block per page: what search engines and other services read of it, with the
//! schema.org type that fits (a memo or workshop summary is a Report, the workshop itself an
//! Event, a pilot a Project, a service a GovernmentService, a region an AdministrativeArea).
//!
//! Only facts go in: no contact people (see [`crate::export::personal`]), and e-mail
//! addresses or phone numbers in a summary are taken out.

use super::context::Ctx;
use crate::model::{DocId, Kind};
use serde_json::{Value, json};

/// What a page is, for its JSON-LD when it is no document.
pub(super) fn for_page(cx: &Ctx, template: &str, path: &str) -> Value {
    let kind = match template {
        "index.html" => "WebSite",
        "list.html" | "municipalities.html" | "sitemap.html" | "overview.html" => "CollectionPage",
        "search.html" => "SearchResultsPage",
        _ => "WebPage",
    };
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": kind,
        "url": cx.config.absolute(path),
        "inLanguage": cx.lang().lang,
        "isPartOf": {"@type": "WebSite", "name": cx.config.title, "url": cx.config.base_url},
        "publisher": publisher(cx),
        "license": licence(cx),
    });
    if kind == "WebSite"
        && let Some(o) = v.as_object_mut()
    {
        o.remove("isPartOf");
        o.insert("name".into(), Value::String(cx.config.title.clone()));
        o.insert("description".into(), Value::String(cx.config.description.clone()));
    }
    v
}

fn publisher(cx: &Ctx) -> Value {
    json!({"@type": "Organization", "name": cx.config.publisher})
}

fn licence(cx: &Ctx) -> Value {
    if cx.config.licence_url.is_empty() {
        Value::String(cx.config.licence.clone())
    } else {
        Value::String(cx.config.licence_url.clone())
    }
}

fn clean(text: &str) -> String {
    crate::export::personal::Redactor::default().redact(text)
}

/// A document page's JSON-LD.
pub(super) fn for_document(cx: &Ctx, id: DocId, path: &str) -> Value {
    let bank = cx.bank;
    let doc = bank.doc(id);
    let refs = bank.refs_of(id);
    let lang = cx.lang().lang;
    let named = |ids: &[DocId], ty: &str| -> Vec<Value> {
        ids.iter()
            .map(|&r| {
                let d = bank.doc(r);
                let name = super::views::name_in(d, lang).unwrap_or(&d.title);
                json!({"@type": ty, "name": name, "url": cx.config.absolute(&cx.ui.url(bank.url(r)))})
            })
            .collect()
    };
    let ty = match doc.kind {
        Kind::Memo | Kind::Workshop => "Report",
        Kind::Pilot => "Project",
        Kind::Service => "GovernmentService",
        Kind::Region => "AdministrativeArea",
        Kind::Theme => "DefinedTerm",
        Kind::Page => "WebPage",
    };
    let name = match doc.kind {
        Kind::Region | Kind::Theme => super::views::name_in(doc, lang).unwrap_or(&doc.title),
        _ => &doc.title,
    };
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": ty,
        "name": clean(name),
        "url": cx.config.absolute(path),
        "inLanguage": doc.fm.lang.clone().unwrap_or_else(|| cx.config.language.clone()),
    });
    let o = v.as_object_mut().expect("an object");
    let mut put = |k: &str, x: Value| {
        let empty = x.is_null() || matches!(&x, Value::Array(a) if a.is_empty()) || x.as_str() == Some("");
        if !empty {
            o.insert(k.to_string(), x);
        }
    };
    put(
        "description",
        Value::String(doc.fm.summary.as_deref().map(clean).unwrap_or_default()),
    );
    let regions = named(&refs.regions, "AdministrativeArea");
    let themes = named(&refs.themes, "DefinedTerm");
    match doc.kind {
        Kind::Memo | Kind::Workshop => {
            put("datePublished", json!(doc.date().map(|d| d.iso())));
            put("dateModified", json!(doc.fm.updated.map(|d| d.iso())));
            put("spatialCoverage", Value::Array(regions));
            put("about", Value::Array(themes));
            put("publisher", publisher(cx));
            put("license", licence(cx));
            if doc.kind == Kind::Workshop {
                let event = doc.fm.event.as_ref();
                let ev_name = event.and_then(|e| e.name.clone()).unwrap_or_else(|| doc.title.clone());
                let mut e = json!({"@type": "Event", "name": clean(&ev_name)});
                if let Some(d) = doc.date() {
                    e["startDate"] = Value::String(d.iso());
                }
                if let Some(place) = event.and_then(|e| e.place.clone()) {
                    e["location"] = json!({"@type": "Place", "name": clean(&place)});
                }
                put("recordedAt", e);
            }
        }
        Kind::Pilot => {
            put("areaServed", Value::Array(regions));
            put("knowsAbout", Value::Array(themes));
            if let Some(p) = &doc.fm.period {
                put("foundingDate", json!(p.start.map(|d| d.iso())));
                put("dissolutionDate", json!(p.end.map(|d| d.iso())));
            }
        }
        Kind::Service => {
            put("areaServed", Value::Array(regions));
            put("category", Value::Array(themes));
            if let Some(p) = &doc.fm.provider {
                put("provider", json!({"@type": "GovernmentOrganization", "name": clean(p)}));
            }
        }
        Kind::Region => {
            let mut alt: Vec<Value> = Vec::new();
            for n in [&doc.fm.name_sv, &doc.fm.name_en, &Some(doc.title.clone())]
                .into_iter()
                .flatten()
            {
                if n != name && !alt.contains(&Value::String(n.clone())) {
                    alt.push(Value::String(n.clone()));
                }
            }
            put("alternateName", Value::Array(alt));
            put("identifier", json!(doc.fm.code.clone()));
            put(
                "containedInPlace",
                json!({"@type": "Country", "name": "Suomi", "alternateName": ["Finland"]}),
            );
        }
        Kind::Theme => {
            put(
                "inDefinedTermSet",
                json!({"@type": "DefinedTermSet", "name": cx.config.section(Kind::Theme), "url": cx.config.absolute(&format!("{}{}/", cx.ui.base(), cx.config.section(Kind::Theme)))}),
            );
        }
        Kind::Page => {
            put("publisher", publisher(cx));
            put("license", licence(cx));
        }
    }
    v
}

/// The block's text, safe inside `<script>`: no `<`, `>` or `&` a parser could take for markup.
pub(super) fn script_text(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
