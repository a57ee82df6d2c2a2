//! What machines read: redirects for old URLs, `sitemap.xml` and the Atom feeds.

use super::context::{Ctx, Out, languages};
use crate::diag::Diagnostic;
use crate::model::DocId;
use crate::routes::{FEED_FILE, SITEMAP_XML};
use serde::Serialize;
use std::collections::HashMap;

/// Entries in the Atom feed.
const FEED_SIZE: usize = 50;

/// A redirect page from an old URL.
#[derive(Serialize)]
struct Redirect<'a> {
    target: &'a str,
    title: &'a str,
}

pub(super) fn aliases(cx: &Ctx) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let mut out = Vec::new();
    for id in bank.ids() {
        for alias in &bank.doc(id).fm.aliases {
            // The same path the URL registry checked (graph::routes).
            let Some(path) = crate::graph::routes::alias_path(cx.config, alias) else {
                continue;
            };
            let view = Redirect {
                target: bank.url(id),
                title: &bank.doc(id).title,
            };
            out.push(cx.page("redirect.html", path, &view)?);
        }
    }
    Ok(out)
}

#[derive(Serialize)]
struct UrlEntry {
    loc: String,
    lastmod: String,
}

pub(super) fn sitemap(cx: &Ctx, paths: &[String]) -> Result<Vec<Out>, Diagnostic> {
    let by_url: HashMap<&str, DocId> = cx.bank.ids().map(|i| (cx.bank.url(i), i)).collect();
    // A page of another interface language dates from its document too: /sv/x/ is /x/.
    let prefixes: Vec<String> = languages(cx.config)
        .into_iter()
        .filter(|(_, prefix)| !prefix.is_empty())
        .map(|(_, prefix)| format!("{}{prefix}", cx.config.base_path))
        .collect();
    let default_path = |p: &str| -> String {
        prefixes
            .iter()
            .find_map(|pre| p.strip_prefix(pre.as_str()))
            .map_or_else(|| p.to_string(), |rest| format!("{}{rest}", cx.config.base_path))
    };
    let entries: Vec<UrlEntry> = paths
        .iter()
        .map(|p| UrlEntry {
            loc: cx.config.absolute(p),
            lastmod: by_url
                .get(default_path(p).as_str())
                .and_then(|&i| {
                    let d = cx.bank.doc(i);
                    d.fm.updated.or(d.date())
                })
                .filter(|d| d.day > 0)
                .map(|d| d.iso())
                .unwrap_or_default(),
        })
        .collect();
    #[derive(Serialize)]
    struct Sitemap {
        entries: Vec<UrlEntry>,
    }
    Ok(vec![Out {
        path: format!("{}{SITEMAP_XML}", cx.config.base_path),
        bytes: cx.render("sitemap.xml", &Sitemap { entries })?.into_bytes(),
    }])
}

/// An Atom feed.
#[derive(Serialize)]
struct Feed<'a> {
    entries: Vec<FeedEntry>,
    updated: String,
    feed_url: String,
    feed_title: &'a str,
    home_url: String,
    feed_id: String,
}

#[derive(Serialize)]
struct FeedEntry {
    title: String,
    url: String,
    id: String,
    updated: String,
    summary: String,
}

pub(super) fn feed(cx: &Ctx) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let ids: Vec<DocId> = bank.ids().filter(|&i| bank.doc(i).kind.is_text()).collect();
    let path = format!("{}{FEED_FILE}", cx.config.base_path);
    Ok(vec![feed_of(cx, ids, path, &cx.config.title, &cx.config.base_path)?])
}

/// A feed per region and per theme, beside its page: `/alueet/kainuu/atom.xml`.
pub(super) fn taxonomy_feeds(cx: &Ctx) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let mut out = Vec::new();
    for id in bank.ids().filter(|&i| bank.doc(i).kind.is_taxonomy()) {
        let ids: Vec<DocId> = bank.documents_of(id).collect();
        let title = format!("{} – {}", bank.doc(id).title, cx.config.title);
        let page = bank.url(id);
        out.push(feed_of(cx, ids, format!("{page}{FEED_FILE}"), &title, page)?);
    }
    Ok(out)
}

/// An Atom id must be an absolute IRI; without a `base-url` the site path becomes a URN.
fn atom_id(url: &str) -> String {
    if url.contains("://") {
        url.to_string()
    } else {
        format!("urn:lape-kb:{}", url.trim_start_matches('/'))
    }
}

/// An Atom feed of the newest (by update, then date) of `ids`.
fn feed_of(cx: &Ctx, mut ids: Vec<DocId>, path: String, title: &str, home: &str) -> Result<Out, Diagnostic> {
    let bank = cx.bank;
    let stamp = |i: DocId| {
        let d = bank.doc(i);
        d.fm.updated.or(d.date())
    };
    ids.sort_by(|&a, &b| stamp(b).cmp(&stamp(a)).then(a.cmp(&b)));
    ids.truncate(FEED_SIZE);
    let entries: Vec<FeedEntry> = ids
        .iter()
        .map(|&i| {
            let d = bank.doc(i);
            let url = cx.config.absolute(bank.url(i));
            FeedEntry {
                title: d.title.clone(),
                id: atom_id(&url),
                url,
                updated: stamp(i).map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |x| x.rfc3339()),
                summary: d.fm.summary.clone().unwrap_or_default(),
            }
        })
        .collect();
    let view = Feed {
        updated: entries
            .first()
            .map_or("1970-01-01T00:00:00Z".to_string(), |e| e.updated.clone()),
        entries,
        feed_url: cx.config.absolute(&path),
        feed_title: title,
        home_url: cx.config.absolute(home),
        feed_id: atom_id(&cx.config.absolute(&path)),
    };
    Ok(Out {
        bytes: cx.render("atom.xml", &view)?.into_bytes(),
        path,
    })
}
