//! Turns a [`SourceFile`] into a [`Document`]: front matter checked field by field, and one
//! scan of the Markdown body for links, headings and text.

mod frontmatter;
mod markdown;
mod sanitize;

pub use frontmatter::{Split, locate_key, locate_value, split};
pub use markdown::{LinkResolver, LinkTarget, render_body, scan_body};
pub use sanitize::{RawHtml, clean as sanitize_html, dropped as html_dropped};

pub use crate::model::ParseOptions;

use crate::diag::Diagnostic;
use crate::load::SourceFile;
use crate::model::Document;
use crate::slug::{slugify, strip_date_prefix};

/// The outcome of parsing one file: the document if it could be understood, and its problems.
#[derive(Clone)]
pub struct Parsed {
    /// `None` when the file is too broken to take part in the build.
    pub doc: Option<Document>,
    /// Errors and warnings found in the file.
    pub problems: Vec<Diagnostic>,
}

/// Parses one source file, collecting every problem in it.
pub fn parse(file: SourceFile, opts: &ParseOptions) -> Parsed {
    let mut problems = Vec::new();
    let parts = match split(&file.path, &file.text) {
        Ok(p) => p,
        Err(d) => {
            return Parsed {
                doc: None,
                problems: vec![d],
            };
        }
    };
    let mut broken = Vec::new();
    let fm = frontmatter::deserialize(&file.path, &file.text, &parts, &mut problems, &mut broken);
    let Some(fm) = fm else {
        return Parsed { doc: None, problems };
    };
    frontmatter::validate(&file.path, file.kind, &file.text, &parts, &fm, &broken, &mut problems);
    let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let slug = slugify(strip_date_prefix(stem));
    if slug.is_empty() {
        problems.push(
            Diagnostic::error(&file.path, 0, "bad-file-name", crate::text!("bad-file-name"))
                .hint(crate::text!("bad-file-name-hint")),
        );
    }
    let scan = scan_body(&file.text[parts.body_start..]);
    if scan.max_depth > opts.max_nesting {
        let (line, col) = crate::diag::line_col(&file.text, parts.body_start + scan.deepest_at);
        problems.push(
            Diagnostic::error(
                &file.path,
                line,
                "too-deep",
                crate::text!("too-deep", depth = scan.max_depth, limit = opts.max_nesting),
            )
            .col(col)
            .hint(crate::text!("too-deep-hint"))
            .with_source(&file.text),
        );
        return Parsed { doc: None, problems };
    }
    for (offset, url) in &scan.urls {
        if let Some(scheme) = crate::urls::refused(url) {
            let (line, col) = crate::diag::line_col(&file.text, parts.body_start + offset);
            problems.push(
                Diagnostic::error(
                    &file.path,
                    line,
                    "unsafe-url",
                    crate::text!("unsafe-url", scheme = scheme),
                )
                .col(col)
                .hint(crate::text!("unsafe-url-hint"))
                .with_source(&file.text),
            );
        }
    }
    if opts.raw_html == RawHtml::Sanitize {
        for (offset, what) in &scan.html_dropped {
            let (line, col) = crate::diag::line_col(&file.text, parts.body_start + offset);
            // A script URL is refused like one in Markdown; other markup is only dropped.
            let d = if what.contains("a script URL") {
                Diagnostic::error(
                    &file.path,
                    line,
                    "unsafe-url",
                    crate::text!("html-dropped", what = what),
                )
                .hint(crate::text!("unsafe-url-hint"))
            } else {
                Diagnostic::warning(
                    &file.path,
                    line,
                    "html-dropped",
                    crate::text!("html-dropped", what = what),
                )
                .hint(crate::text!("html-dropped-hint"))
            };
            problems.push(d.col(col).with_source(&file.text));
        }
    }
    for offset in crate::search::words::long_words(&file.text[parts.body_start..]) {
        let (line, col) = crate::diag::line_col(&file.text, parts.body_start + offset);
        problems.push(
            Diagnostic::warning(
                &file.path,
                line,
                "long-word",
                crate::text!("long-word", limit = crate::search::words::MAX_WORD_CHARS),
            )
            .col(col)
            .hint(crate::text!("long-word-hint"))
            .with_source(&file.text),
        );
    }
    for &offset in &scan.images_without_alt {
        let (line, col) = crate::diag::line_col(&file.text, parts.body_start + offset);
        problems.push(
            Diagnostic::warning(&file.path, line, "image-no-alt", crate::text!("image-no-alt"))
                .col(col)
                .hint(crate::text!("image-no-alt-hint"))
                .with_source(&file.text),
        );
    }
    let title = fm.title.clone().unwrap_or_default();
    let doc = Document {
        kind: file.kind,
        slug,
        path: file.path,
        fm_range: parts.fm.clone(),
        body_start: parts.body_start,
        body_line: parts.body_line,
        fm,
        title: title.trim().to_string(),
        scan,
        source: file.text,
    };
    Parsed {
        doc: Some(doc),
        problems,
    }
}
