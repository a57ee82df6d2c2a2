//! Pure data of the bank: kinds, dates, front matter and documents. No I/O here.

mod date;
mod declare;
mod frontmatter;
mod kind;
mod options;

pub use date::{Date, DateError};
pub use frontmatter::{
    Contact, Event, FIELDS, FieldDef, FrontMatter, Meeting, Period, PilotStatus, Scope, ServiceLevel, Source, Ty,
};
pub use kind::Kind;
pub use options::{ParseOptions, RawHtml};

use std::path::PathBuf;

/// Index of a document in the bank's store; stable for one build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct DocId(pub u32);

impl DocId {
    /// The index into the store's vector.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A link found in a document body, before it is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    /// The destination as written (`../pilots/vatu.md#tausta`, `vatu` for a wikilink).
    pub dest: String,
    /// Whether it was written as `[[wikilink]]`.
    pub wiki: bool,
    /// Byte offset of the link in the body.
    pub offset: usize,
}

/// A heading found in a document body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1-6.
    pub level: u8,
    /// The unique anchor of the heading on its page.
    pub id: String,
    /// Plain text of the heading.
    pub text: String,
}

/// What one pass over the Markdown body learns: links, headings and plain text.
#[derive(Debug, Clone, Default)]
pub struct BodyScan {
    /// Every link and wikilink, in order.
    pub links: Vec<BodyLink>,
    /// Every heading, in order, with its anchor.
    pub headings: Vec<Heading>,
    /// The visible text without markup, whitespace collapsed to single spaces (a space at every
    /// block boundary), for search, summaries and similarity.
    pub text: String,
    /// Markdown images with no alt text: byte offsets in the body.
    pub images_without_alt: Vec<usize>,
    /// Destinations of every link and image that are URLs (not wikilinks): byte offset in the
    /// body and the URL, for the URL policy.
    pub urls: Vec<(usize, String)>,
    /// Raw HTML the default policy drops: byte offset in the body and what.
    pub html_dropped: Vec<(usize, String)>,
    /// Deepest nesting of Markdown containers, and where it was reached.
    pub max_depth: usize,
    /// Byte offset in the body of the deepest point.
    pub deepest_at: usize,
}

/// One parsed source file.
#[derive(Debug, Clone)]
pub struct Document {
    /// What the document is.
    pub kind: Kind,
    /// The URL slug: the file stem, folded to ASCII, without a date prefix.
    pub slug: String,
    /// Path relative to the site root, e.g. `content/memos/x.md`.
    pub path: PathBuf,
    /// The whole file as text (line endings normalised to `\n`).
    pub source: String,
    /// Byte range of the front matter text in `source`.
    pub fm_range: std::ops::Range<usize>,
    /// Byte offset where the body starts in `source`.
    pub body_start: usize,
    /// 1-based line of the first body line.
    pub body_line: usize,
    /// The validated front matter.
    pub fm: FrontMatter,
    /// Title (required, so always present after validation).
    pub title: String,
    /// What one pass over the body found.
    pub scan: BodyScan,
}

impl Document {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.source[self.body_start..]
    }

    /// The front matter text.
    pub fn fm_text(&self) -> &str {
        &self.source[self.fm_range.clone()]
    }

    /// 1-based line in the file of a byte offset in the body.
    pub fn body_offset_line(&self, offset: usize) -> (usize, usize) {
        crate::diag::line_col(&self.source, self.body_start + offset)
    }

    /// The document's main date: its `date`, else the start of a pilot's period.
    pub fn date(&self) -> Option<Date> {
        self.fm.date.or(self.fm.period.as_ref().and_then(|p| p.start))
    }

    /// Whether the document is a draft.
    pub fn is_draft(&self) -> bool {
        self.fm.draft.unwrap_or(false)
    }
}
