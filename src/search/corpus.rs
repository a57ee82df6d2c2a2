//! What search knows of each published page: the texts of its fields, its filters and its place
//! in the default order. Both search outputs are written from this one view of the bank.

use crate::export::personal::Redactor;
use crate::graph::Bank;
use crate::model::{DocId, Kind};
use std::borrow::Cow;

/// The searchable fields, in the order their weights and positions use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The title.
    Title = 0,
    /// The summary (`summary:`).
    Summary = 1,
    /// The body's visible text.
    Body = 2,
    /// Names around the document: regions, themes, municipalities, organisations.
    Meta = 3,
    /// The body's headings, one per line (their words are in the body too).
    Headings = 4,
}

/// How many fields a document has.
pub const FIELD_COUNT: usize = 5;

impl Field {
    /// Every field, in order.
    pub const ALL: [Field; FIELD_COUNT] = [Field::Title, Field::Summary, Field::Body, Field::Meta, Field::Headings];

    /// The field's name in the tantivy schema and in the browser index.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Body => "body",
            Field::Meta => "meta",
            Field::Headings => "headings",
        }
    }
}

/// One searchable page; its texts borrow from the bank where they can.
#[derive(Debug, Clone)]
pub struct SearchDoc<'a> {
    /// The document in the bank.
    pub id: DocId,
    /// Place in the default order: newest first, then by URL. Ties in relevance keep this order,
    /// and results with no words to rank (filters only) come in it.
    pub rank: u32,
    /// Site path in the default language.
    pub url: String,
    /// What it is.
    pub kind: Kind,
    /// Its date, as `yyyymmdd` (0 when it has none; a month or year alone gives zeros below).
    pub date: u32,
    /// ISO date for display, or empty.
    pub date_iso: String,
    /// Slugs of its regions.
    pub regions: Vec<String>,
    /// Slugs of its themes.
    pub themes: Vec<String>,
    /// Field texts, indexed by [`Field`], whitespace collapsed.
    pub fields: [Cow<'a, str>; FIELD_COUNT],
    /// Where excerpts come from: the body, or the summary when the body is empty.
    pub excerpt_from_summary: bool,
}

impl SearchDoc<'_> {
    /// The text excerpts are cut from.
    pub fn excerpt_text(&self) -> &str {
        self.field(if self.excerpt_from_summary {
            Field::Summary
        } else {
            Field::Body
        })
    }

    /// The text of one field.
    pub fn field(&self, f: Field) -> &str {
        &self.fields[f as usize]
    }
}

/// Collapses runs of whitespace to one space and trims the ends, as a page shows text (the body
/// text of a scan already is); borrows when there is nothing to change.
pub fn collapse_whitespace(text: &str) -> Cow<'_, str> {
    let clean = !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !text.contains(|c: char| c.is_whitespace() && c != ' ');
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    Cow::Owned(out)
}

/// Names around a document, joined one per line: its regions and themes in every language, its
/// municipalities and organisations.
fn meta_text(bank: &Bank, id: DocId) -> String {
    let d = bank.doc(id);
    let r = &bank.refs[id.index()];
    let mut names: Vec<&str> = Vec::new();
    // A region's or theme's own page answers to its name in every interface language
    // ("Kymmenedalen" finds Kymenlaakso), as the documents naming it do.
    if d.kind.is_taxonomy() {
        names.extend(d.fm.name_sv.as_deref());
        names.extend(d.fm.name_en.as_deref());
    }
    for &x in r.regions.iter().chain(&r.themes) {
        let t = bank.doc(x);
        names.push(&t.title);
        names.extend(t.fm.name_sv.as_deref());
        names.extend(t.fm.name_en.as_deref());
    }
    for &m in &r.municipalities {
        names.push(&bank.municipalities[m].name);
    }
    names.extend(d.fm.organisations.iter().map(String::as_str));
    names.join("\n")
}

/// `text` without contact people, e-mail addresses and phone numbers: the search indexes are
/// bulk data, which keeps personal data out (the page itself still shows what the editor wrote).
fn without_people<'a>(text: Cow<'a, str>, redactor: &Redactor) -> Cow<'a, str> {
    if redactor.touches(&text) {
        Cow::Owned(redactor.redact(&text))
    } else {
        text
    }
}

/// One published page as search sees it (its rank still to be set).
pub fn one<'a>(bank: &'a Bank, id: DocId, redactor: &Redactor) -> SearchDoc<'a> {
    let d = bank.doc(id);
    let r = &bank.refs[id.index()];
    let date = d.date();
    // The body scan gives its text with whitespace collapsed already.
    let body = without_people(Cow::Borrowed(d.scan.text.as_str()), redactor);
    let summary = without_people(collapse_whitespace(d.fm.summary.as_deref().unwrap_or("")), redactor);
    SearchDoc {
        id,
        rank: 0,
        url: bank.url(id).to_string(),
        kind: d.kind,
        date: date.map_or(0, |d| d.year as u32 * 10_000 + d.month as u32 * 100 + d.day as u32),
        date_iso: date.map(|d| d.iso()).unwrap_or_default(),
        regions: r.regions.iter().map(|&x| bank.doc(x).slug.clone()).collect(),
        themes: r.themes.iter().map(|&x| bank.doc(x).slug.clone()).collect(),
        excerpt_from_summary: body.is_empty(),
        fields: [
            without_people(collapse_whitespace(&d.title), redactor),
            summary,
            body,
            without_people(Cow::Owned(meta_text(bank, id)), redactor),
            without_people(
                Cow::Owned(
                    d.scan
                        .headings
                        .iter()
                        .map(|h| h.text.as_str())
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                redactor,
            ),
        ],
    }
}

/// Every published page of the bank, in rank order.
pub fn collect(bank: &Bank) -> Vec<SearchDoc<'_>> {
    let redactor = Redactor::of(bank);
    let mut docs: Vec<SearchDoc> = bank.ids().map(|id| one(bank, id, &redactor)).collect();
    docs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    for (i, d) in docs.iter_mut().enumerate() {
        d.rank = i as u32;
    }
    docs
}
