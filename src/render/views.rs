//! Plain data handed to templates. Everything a theme may show is here, already formatted the
//! Finnish way (dates as 29.3.2016), so templates stay free of logic.

use crate::graph::Bank;
use crate::model::{DocId, Document, FrontMatter, Heading, Kind};
use serde::Serialize;

/// The interface language a page is rendered in, and where that language's pages live.
#[derive(Debug, Clone, Copy)]
pub struct Ui<'a> {
    /// Interface language code, e.g. `sv`.
    pub lang: &'a str,
    /// Default language of documents (`book.language`).
    pub docs: &'a str,
    /// The site's base path, e.g. `/` or `/lape/`.
    pub root: &'a str,
    /// Path segment of this language's pages: empty for the default language, `sv/` for Swedish.
    pub prefix: &'a str,
}

impl Ui<'_> {
    /// The base path of this language's pages, e.g. `/sv/`.
    pub fn base(&self) -> String {
        format!("{}{}", self.root, self.prefix)
    }

    /// The same site path in this language: `/muistiot/x/` becomes `/sv/muistiot/x/`.
    pub fn url(&self, site_path: &str) -> String {
        // Pages end in '/'; files (styles, attachments, feeds) are shared by every language.
        let page = site_path.split('#').next().is_some_and(|p| p.ends_with('/'));
        if self.prefix.is_empty() || !page {
            return site_path.to_string();
        }
        match site_path.strip_prefix(self.root) {
            Some(rest) => format!("{}{}{rest}", self.root, self.prefix),
            None => site_path.to_string(),
        }
    }
}

/// The name of a region or theme in `lang` (`name_sv`, `name_en`), if the page gives one.
pub(super) fn name_in<'a>(d: &'a Document, lang: &str) -> Option<&'a str> {
    match lang {
        "sv" => d.fm.name_sv.as_deref(),
        "en" => d.fm.name_en.as_deref(),
        _ => None,
    }
}

/// A link to a document, as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct DocLink {
    /// Title.
    pub title: String,
    /// Site path.
    pub url: String,
    /// URL slug.
    pub slug: String,
    /// `memo`, `pilot`, ...
    pub kind: Kind,
    /// Date shown (`10.9.2018`), empty if none.
    pub date: String,
    /// ISO date for `<time datetime>`, empty if none.
    pub date_iso: String,
    /// Summary, empty if none.
    pub summary: String,
    /// Pilot status label, empty for other kinds.
    pub status: String,
    /// Document language.
    pub lang: String,
}

/// A municipality link.
#[derive(Debug, Clone, Serialize)]
pub struct NamedLink {
    /// Shown name.
    pub name: String,
    /// Site path (with anchor).
    pub url: String,
}

/// Everything a document page shows.
#[derive(Debug, Serialize)]
pub struct DocView<'a> {
    /// The document as a link (title, url, kind, date...).
    #[serde(flatten)]
    pub link: DocLink,
    /// The language of the document's text (the title may be in the interface language).
    pub doc_lang: String,
    /// Last update (`updated` field), formatted.
    pub updated: String,
    /// ISO form of `updated`.
    pub updated_iso: String,
    /// A memo's meeting date (`meeting.date`), formatted; empty without one.
    pub meeting_date: String,
    /// ISO form of `meeting_date`.
    pub meeting_date_iso: String,
    /// The original's date (`source.date`), formatted; empty without one.
    pub source_date: String,
    /// ISO form of `source_date`.
    pub source_date_iso: String,
    /// Regions named.
    pub regions: Vec<DocLink>,
    /// Themes named.
    pub themes: Vec<DocLink>,
    /// Pilots named.
    pub pilots: Vec<DocLink>,
    /// Municipalities named.
    pub municipalities: Vec<NamedLink>,
    /// Pilot period, e.g. `3/2017 – 12/2018`.
    pub period: String,
    /// Pilot scope label.
    pub scope: String,
    /// Service level label.
    pub service_level: String,
    /// The raw front matter, for themes that show more.
    pub fm: &'a FrontMatter,
    /// Headings of the body, for a table of contents.
    pub toc: &'a [Heading],
    /// Documents naming or linking to this one.
    pub backlinks: Vec<DocLink>,
    /// Related documents.
    pub related: Vec<DocLink>,
    /// Path of the source file, for an "edit" link.
    pub source_path: String,
}

/// Turns a document into its list entry; regions and themes go by their name in the
/// interface language when their page gives one.
pub fn doc_link(bank: &Bank, id: DocId, ui: &Ui) -> DocLink {
    let d: &Document = bank.doc(id);
    let date = d.date();
    let doc_lang = d.fm.lang.as_deref().unwrap_or(ui.docs);
    let (title, lang) = match name_in(d, ui.lang) {
        Some(name) if ui.lang != doc_lang => (name.to_string(), ui.lang.to_string()),
        _ => (d.title.clone(), doc_lang.to_string()),
    };
    DocLink {
        title,
        url: ui.url(bank.url(id)),
        slug: d.slug.clone(),
        kind: d.kind,
        date: date.map(|x| x.finnish()).unwrap_or_default(),
        date_iso: date.map(|x| x.iso()).unwrap_or_default(),
        summary: d.fm.summary.clone().unwrap_or_default(),
        status: d.fm.status.map(|s| s.label().to_string()).unwrap_or_default(),
        lang,
    }
}

/// Links for a list of ids.
pub fn links(bank: &Bank, ids: &[DocId], ui: &Ui) -> Vec<DocLink> {
    ids.iter().map(|&i| doc_link(bank, i, ui)).collect()
}

/// `ids` in the alphabetical order of the names the reader sees: a Swedish list of regions
/// goes by the Swedish names in Swedish order (Birkaland ... Åland, Österbotten), not by the
/// Finnish titles.
pub fn in_name_order(bank: &Bank, ids: &[DocId], ui: &Ui) -> Vec<DocId> {
    let name = |i: DocId| {
        let d = bank.doc(i);
        name_in(d, ui.lang).unwrap_or(&d.title)
    };
    let mut v = ids.to_vec();
    v.sort_by(|&a, &b| crate::collate::compare_in(ui.lang, name(a), name(b)));
    v
}

/// Builds the full view of one document.
pub fn doc_view<'a>(bank: &'a Bank, id: DocId, ui: &Ui) -> DocView<'a> {
    let lang = ui;
    let base_path = ui.base();
    let d = bank.doc(id);
    let r = bank.refs_of(id);
    let mut backlinks = bank.backlinks(id);
    // Newest first, so a pilot page shows the latest memo that mentions it on top.
    backlinks.sort_by(|&a, &b| bank.doc(b).date().cmp(&bank.doc(a).date()).then(a.cmp(&b)));
    let meeting_date = d.fm.meeting.as_ref().and_then(|m| m.date);
    let source_date = d.fm.source.as_ref().and_then(|s| s.date);
    let period = d.fm.period.as_ref().map_or(String::new(), |p| match (p.start, p.end) {
        // "2018 – 2018" says one thing twice.
        (Some(s), Some(e)) if s == e => s.finnish(),
        (Some(s), Some(e)) => format!("{} – {}", s.finnish(), e.finnish()),
        (Some(s), None) => format!("{} –", s.finnish()),
        (None, Some(e)) => format!("– {}", e.finnish()),
        (None, None) => String::new(),
    });
    DocView {
        link: doc_link(bank, id, lang),
        doc_lang: d.fm.lang.clone().unwrap_or_else(|| ui.docs.to_string()),
        updated: d.fm.updated.map(|x| x.finnish()).unwrap_or_default(),
        updated_iso: d.fm.updated.map(|x| x.iso()).unwrap_or_default(),
        meeting_date: meeting_date.map(|x| x.finnish()).unwrap_or_default(),
        meeting_date_iso: meeting_date.map(|x| x.iso()).unwrap_or_default(),
        source_date: source_date.map(|x| x.finnish()).unwrap_or_default(),
        source_date_iso: source_date.map(|x| x.iso()).unwrap_or_default(),
        regions: links(bank, &r.regions, lang),
        themes: links(bank, &r.themes, lang),
        pilots: links(bank, &r.pilots, lang),
        municipalities: r
            .municipalities
            .iter()
            .map(|&m| NamedLink {
                name: bank.municipality_list()[m].name.clone(),
                url: format!(
                    "{base_path}{}#{}",
                    crate::routes::SitePage::Municipalities.path(),
                    bank.municipality_list()[m].slug
                ),
            })
            .collect(),
        period,
        scope: d.fm.scope.map(|s| s.label().to_string()).unwrap_or_default(),
        service_level: d.fm.service_level.map(|s| s.label().to_string()).unwrap_or_default(),
        fm: &d.fm,
        toc: &d.scan.headings,
        backlinks: links(bank, &backlinks, lang),
        // A document already under "Mentioned in" is not offered again as related.
        related: links(
            bank,
            &bank
                .related_of(id)
                .iter()
                .copied()
                .filter(|r| !backlinks.contains(r))
                .collect::<Vec<_>>(),
            lang,
        ),
        source_path: d.path.to_string_lossy().replace('\\', "/"),
    }
}

/// Documents grouped under a heading (a kind, a year, a region).
#[derive(Debug, Serialize)]
pub struct Group {
    /// Group key (kind name, year, region slug).
    pub key: String,
    /// Heading shown.
    pub label: String,
    /// Anchor id on the page.
    pub anchor: String,
    /// Entries.
    pub docs: Vec<DocLink>,
    /// Sub-groups (years under a kind).
    pub groups: Vec<Group>,
}

/// A document with a count (themes worked on in a region).
#[derive(Debug, Serialize)]
pub struct Counted {
    /// The document.
    #[serde(flatten)]
    pub link: DocLink,
    /// How many.
    pub count: usize,
}
