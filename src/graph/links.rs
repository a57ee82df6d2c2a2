//! Body links: relative `.md` links and `[[wikilinks]]` resolved to documents and anchors.
//!
//! One function, [`resolve_dest`], decides what a destination means; the check pass turns its
//! failures into diagnostics and the render pass into URLs, so the two cannot disagree.

use super::Bank;
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::{DocId, Kind};
use crate::parse::{LinkResolver, LinkTarget};
use crate::slug::slugify;
use std::path::{Component, Path, PathBuf};

/// What a link destination turned out to be.
enum Dest {
    /// Not ours to check: external, absolute, or a non-Markdown file.
    Foreign,
    /// A published document, with an optional anchor.
    Doc(DocId, Option<String>),
    /// An anchor on the same page.
    SelfAnchor(String),
    /// A document that exists but is not published (draft), or failed to parse (`false`).
    Hidden(bool),
}

/// Why a destination could not be resolved.
enum Problem {
    MissingFile(PathBuf),
    UnknownWiki(String),
    Ambiguous(String, Vec<DocId>),
    MissingAnchor(DocId, String),
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            dest[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && i > 0
        }
        None => false,
    }
}

fn hidden_draft(bank: &Bank, f: impl Fn(&super::Hidden) -> bool) -> bool {
    bank.hidden.iter().filter(|h| f(h)).any(|h| h.draft)
}

fn resolve_dest(bank: &Bank, from: DocId, dest: &str, wiki: bool) -> Result<Dest, Problem> {
    let (path_part, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string()).filter(|a| !a.is_empty())),
        None => (dest, None),
    };
    let target = if wiki {
        let name = path_part.trim();
        let (kind, slug) = match name.split_once('/') {
            Some((folder, s)) => (Kind::from_folder(folder), slugify(s)),
            None => (None, slugify(name)),
        };
        if let Some(kind) = kind {
            match bank.find(kind, &slug) {
                Some(id) => id,
                None if bank.hidden.iter().any(|h| h.kind == kind && h.slug == slug) => {
                    return Ok(Dest::Hidden(hidden_draft(bank, |h| h.kind == kind && h.slug == slug)));
                }
                None => return Err(Problem::UnknownWiki(name.to_string())),
            }
        } else {
            match bank.by_slug.get(&slug).map(Vec::as_slice) {
                Some([one]) => *one,
                Some(many) if many.len() > 1 => return Err(Problem::Ambiguous(name.to_string(), many.to_vec())),
                _ if bank.hidden.iter().any(|h| h.slug == slug) => {
                    return Ok(Dest::Hidden(hidden_draft(bank, |h| h.slug == slug)));
                }
                _ => return Err(Problem::UnknownWiki(name.to_string())),
            }
        }
    } else {
        if has_scheme(dest) || dest.starts_with('/') || dest.starts_with("//") {
            return Ok(Dest::Foreign);
        }
        if path_part.is_empty() {
            return match anchor {
                Some(a) => {
                    if bank.doc(from).scan.headings.iter().any(|h| h.id == a) {
                        Ok(Dest::SelfAnchor(a))
                    } else {
                        Err(Problem::MissingAnchor(from, a))
                    }
                }
                None => Ok(Dest::Foreign),
            };
        }
        let decoded = percent_decode(path_part);
        if !decoded.to_ascii_lowercase().ends_with(".md") {
            return Ok(Dest::Foreign);
        }
        let base = bank.doc(from).path.parent().unwrap_or(Path::new(""));
        let full = normalise(&base.join(&decoded));
        match bank.by_path.get(&full) {
            Some(&id) => id,
            None if bank.hidden.iter().any(|h| h.path == full) => {
                return Ok(Dest::Hidden(hidden_draft(bank, |h| h.path == full)));
            }
            None => return Err(Problem::MissingFile(full)),
        }
    };
    match anchor {
        Some(a) if !bank.doc(target).scan.headings.iter().any(|h| h.id == a) => Err(Problem::MissingAnchor(target, a)),
        a => Ok(Dest::Doc(target, a)),
    }
}

fn to_target(bank: &Bank, r: &Result<Dest, Problem>) -> LinkTarget {
    match r {
        Ok(Dest::Doc(id, anchor)) => {
            let url = bank.url(*id);
            LinkTarget::Url(match anchor {
                Some(a) => format!("{url}#{a}"),
                None => url.to_string(),
            })
        }
        Ok(Dest::SelfAnchor(a)) => LinkTarget::Url(format!("#{a}")),
        Ok(Dest::Hidden(_)) => LinkTarget::TextOnly,
        Ok(Dest::Foreign) | Err(_) => LinkTarget::Keep,
    }
}

/// What one document's body links became.
#[derive(Debug, Clone, Default)]
pub(super) struct BodyLinks {
    /// The documents it links to, each once, in body order.
    pub targets: Vec<DocId>,
    /// What each link becomes on the page, in body order (for the renderer).
    pub on_page: Vec<LinkTarget>,
    /// What is wrong with them.
    pub problems: Vec<Diagnostic>,
}

/// Checks the body links of one document. It reads the bank's names of files and slugs, and
/// of other documents only the headings its links' anchors point at.
pub(super) fn body_links(bank: &Bank, from: DocId) -> BodyLinks {
    let mut problems = Vec::new();
    {
        let doc = bank.doc(from);
        let mut targets = Vec::new();
        let mut on_page = Vec::with_capacity(doc.scan.links.len());
        for link in &doc.scan.links {
            // Positions are only worked out for links that need a message: most links are fine.
            let pos = || doc.body_offset_line(link.offset);
            let at = |code, msg: crate::messages::Text| {
                let (line, col) = pos();
                Diagnostic::error(&doc.path, line, code, msg)
                    .col(col)
                    .with_source(&doc.source)
            };
            let resolved = resolve_dest(bank, from, &link.dest, link.wiki);
            on_page.push(to_target(bank, &resolved));
            match resolved {
                Ok(Dest::Doc(t, _)) => {
                    if !targets.contains(&t) && t != from {
                        targets.push(t);
                    }
                }
                Ok(Dest::Hidden(false)) => {}
                Ok(Dest::Hidden(true)) => problems.push(
                    Diagnostic::warning(
                        &doc.path,
                        pos().0,
                        "link-to-draft",
                        crate::text!("link-to-draft", dest = link.dest),
                    )
                    .col(pos().1)
                    .hint(crate::text!("link-to-draft-hint"))
                    .with_source(&doc.source),
                ),
                Ok(Dest::Foreign | Dest::SelfAnchor(_)) => {}
                Err(Problem::MissingFile(p)) => {
                    let names = bank.by_path.keys().filter_map(|k| k.file_name()?.to_str());
                    let wanted = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    let mut d = at("broken-link", crate::text!("broken-link", path = p.display()));
                    d = match did_you_mean(wanted, names) {
                        Some(s) => d.hint(crate::text!("broken-link-did-you-mean", name = s)),
                        None => d.hint(crate::text!("broken-link-hint")),
                    };
                    problems.push(d);
                }
                Err(Problem::UnknownWiki(name)) => {
                    let slug = slugify(&name);
                    let mut d = at("broken-wikilink", crate::text!("broken-wikilink", name = name));
                    d = match did_you_mean(&slug, bank.by_slug.keys().map(String::as_str)) {
                        Some(s) => d.hint(crate::text!("broken-wikilink-did-you-mean", name = s)),
                        None => d.hint(crate::text!("broken-wikilink-hint")),
                    };
                    problems.push(d);
                }
                Err(Problem::Ambiguous(name, ids)) => {
                    let options: Vec<String> = ids
                        .iter()
                        .map(|&i| format!("[[{}/{}]]", bank.doc(i).kind.folder(), bank.doc(i).slug))
                        .collect();
                    problems.push(
                        at(
                            "ambiguous-wikilink",
                            crate::text!("ambiguous-wikilink", name = name, count = ids.len()),
                        )
                        .hint(crate::text!("ambiguous-wikilink-hint", options = options.join(", "))),
                    );
                }
                Err(Problem::MissingAnchor(t, a)) => {
                    let target = bank.doc(t);
                    let ids = target.scan.headings.iter().map(|h| h.id.as_str());
                    let mut d = at(
                        "broken-anchor",
                        crate::text!("broken-anchor", target = target.path.display(), anchor = a),
                    );
                    d = match did_you_mean(&a, ids) {
                        Some(s) => d.hint(crate::text!("did-you-mean", name = format!("#{s}"))),
                        None => {
                            let list: Vec<&str> = target.scan.headings.iter().take(8).map(|h| h.id.as_str()).collect();
                            if list.is_empty() {
                                d.hint(crate::text!("broken-anchor-no-headings"))
                            } else {
                                d.hint(crate::text!("broken-anchor-list", anchors = list.join(", ")))
                            }
                        }
                    };
                    problems.push(d);
                }
            }
        }
        BodyLinks {
            targets,
            on_page,
            problems,
        }
    }
}

/// Resolves the links of one document's body while it is rendered, from the targets the check
/// pass already worked out (the renderer meets the links in the same order as the scan).
pub struct BankResolver<'a> {
    bank: &'a Bank,
    from: DocId,
    next: std::cell::Cell<usize>,
    localize: Option<&'a dyn Fn(&str) -> String>,
}

impl<'a> BankResolver<'a> {
    /// A resolver for the body of `from`.
    pub fn new(bank: &'a Bank, from: DocId) -> Self {
        BankResolver {
            bank,
            from,
            next: std::cell::Cell::new(0),
            localize: None,
        }
    }

    /// Rewrites the site paths of resolved links, e.g. into an interface language's copy.
    pub fn localized(mut self, f: &'a dyn Fn(&str) -> String) -> Self {
        self.localize = Some(f);
        self
    }
}

impl LinkResolver for BankResolver<'_> {
    fn resolve(&self, dest: &str, wiki: bool) -> LinkTarget {
        let i = self.next.get();
        self.next.set(i + 1);
        let doc = self.bank.doc(self.from);
        let target = match (doc.scan.links.get(i), self.bank.link_targets_of(self.from).get(i)) {
            (Some(link), Some(target)) if link.dest == dest && link.wiki == wiki => target.clone(),
            // Out of step with the scan (should not happen): resolve afresh.
            _ => to_target(self.bank, &resolve_dest(self.bank, self.from, dest, wiki)),
        };
        match (target, self.localize) {
            (LinkTarget::Url(u), Some(f)) => LinkTarget::Url(f(&u)),
            (t, _) => t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_and_normalise() {
        assert_eq!(percent_decode("p%C3%A4ij%C3%A4t.md"), "päijät.md");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(
            normalise(Path::new("content/memos/../pilots/./x.md")),
            PathBuf::from("content/pilots/x.md")
        );
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("x.md"));
    }
}
