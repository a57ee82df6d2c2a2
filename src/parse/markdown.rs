//! The Markdown body: one scan for links, headings and text, and the HTML rendering.
//!
//! Both passes use the same parser options so that the heading anchors found by the scan are the
//! ones the rendering writes.

use super::sanitize::RawHtml;
use crate::model::{BodyLink, BodyScan, Heading};
use crate::slug::{AnchorSet, slugify};
use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

fn level_num(l: HeadingLevel) -> u8 {
    l as u8
}

/// Appends visible text with whitespace collapsed: a run of spaces and line breaks, and every
/// block boundary, is one space, so the text reads as the page does.
fn push_visible(out: &mut String, text: &str) {
    for (i, part) in text.split(char::is_whitespace).enumerate() {
        if i > 0 {
            push_break(out);
        }
        out.push_str(part);
    }
}

fn push_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Block elements: their text never runs into the text around them.
fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::FootnoteDefinition(_)
            | Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

/// One pass over a body: links, headings with unique anchors, visible text (whitespace
/// collapsed), images without alt.
pub fn scan_body(body: &str) -> BodyScan {
    let mut scan = BodyScan::default();
    let mut anchors = AnchorSet::default();
    let mut heading: Option<(u8, Option<String>, String)> = None;
    let mut image: Option<(usize, String)> = None;
    scan.text.reserve(body.len());
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match &event {
            Event::Start(tag) => {
                if is_block(tag) {
                    push_break(&mut scan.text);
                }
                depth += 1;
                if depth > scan.max_depth {
                    scan.max_depth = depth;
                    scan.deepest_at = range.start;
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::InlineHtml(h) if h.trim().to_ascii_lowercase().starts_with("<br") => {
                push_break(&mut scan.text);
            }
            _ => {}
        }
        if let Event::Html(h) | Event::InlineHtml(h) = &event {
            let what = super::sanitize::dropped(h);
            if !what.is_empty() {
                scan.html_dropped.push((range.start, what.join(", ")));
            }
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level_num(level), id.map(|s| s.to_string()), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, text)) = heading.take() {
                    let base = id.unwrap_or_else(|| slugify(&text));
                    let id = anchors.unique(&base);
                    scan.headings.push(Heading {
                        level,
                        id,
                        text: text.trim().to_string(),
                    });
                }
                push_break(&mut scan.text);
            }
            Event::Start(Tag::Link {
                link_type, dest_url, ..
            }) => {
                let wiki = matches!(link_type, LinkType::WikiLink { .. });
                if !wiki {
                    scan.urls.push((range.start, dest_url.to_string()));
                }
                scan.links.push(BodyLink {
                    dest: dest_url.to_string(),
                    wiki,
                    offset: range.start,
                })
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                scan.urls.push((range.start, dest_url.to_string()));
                image = Some((range.start, String::new()))
            }
            Event::End(TagEnd::Image) => {
                if let Some((offset, alt)) = image.take()
                    && alt.trim().is_empty()
                {
                    scan.images_without_alt.push(offset);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, alt)) = image.as_mut() {
                    alt.push_str(&t);
                } else {
                    if let Some((_, _, h)) = heading.as_mut() {
                        h.push_str(&t);
                    }
                    push_visible(&mut scan.text, &t);
                }
            }
            Event::SoftBreak | Event::HardBreak => push_break(&mut scan.text),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::HtmlBlock,
            ) => push_break(&mut scan.text),
            _ => {}
        }
    }
    if scan.text.ends_with(' ') {
        scan.text.pop();
    }
    scan
}

/// What a link in a body becomes on the page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LinkTarget {
    /// Keep the destination as written (external links, files we do not manage).
    Keep,
    /// Point the link at this URL.
    Url(String),
    /// Drop the link and keep only its text (its target is not published, e.g. a draft).
    TextOnly,
}

/// Turns a link destination written in a body into what the page should carry.
pub trait LinkResolver {
    /// The target for `dest` (`wiki` if written as `[[dest]]`).
    fn resolve(&self, dest: &str, wiki: bool) -> LinkTarget;
}

fn align_class(a: Alignment) -> &'static str {
    match a {
        Alignment::None => "",
        Alignment::Left => " class=\"ta-left\"",
        Alignment::Center => " class=\"ta-center\"",
        Alignment::Right => " class=\"ta-right\"",
    }
}

/// Renders a body to HTML: links resolved, heading anchors from the scan, tables with header
/// scopes inside a focusable scroll region, code highlighted, raw HTML by the site's policy.
pub fn render_body(body: &str, headings: &[Heading], resolver: &dyn LinkResolver, raw: RawHtml) -> String {
    let mut has_raw = false;
    let mut out_events: Vec<Event> = Vec::new();
    let mut heading_ids = headings.iter().map(|h| h.id.as_str());
    let mut code: Option<(String, String)> = None;
    let mut aligns: Vec<Alignment> = Vec::new();
    let mut in_head = false;
    let mut cell = 0usize;
    let mut table_no = 0usize;
    let mut unlinked = false;
    let mut unimaged = false;
    for event in Parser::new_ext(body, options()) {
        let ev = match event {
            Event::Start(Tag::Heading {
                level, classes, attrs, ..
            }) => {
                let id = heading_ids.next().map(|s| CowStr::from(s.to_string()));
                // Body headings sit under the page's h1, so a Markdown "# x" becomes h2.
                let level = match level {
                    HeadingLevel::H1 => HeadingLevel::H2,
                    l => l,
                };
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => Event::End(TagEnd::Heading(HeadingLevel::H2)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let wiki = matches!(link_type, LinkType::WikiLink { .. });
                let dest_url = match resolver.resolve(&dest_url, wiki) {
                    // The URL policy: a refused URL keeps only the link's text.
                    LinkTarget::Keep if !crate::urls::allowed(&dest_url) => {
                        unlinked = true;
                        continue;
                    }
                    LinkTarget::Keep => dest_url,
                    LinkTarget::Url(url) => CowStr::from(url),
                    LinkTarget::TextOnly => {
                        unlinked = true;
                        continue;
                    }
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link) if unlinked => {
                unlinked = false;
                continue;
            }
            // The URL policy: an image with a refused source shows its alt text instead.
            Event::Start(Tag::Image { ref dest_url, .. }) if !crate::urls::allowed(dest_url) => {
                unimaged = true;
                continue;
            }
            Event::End(TagEnd::Image) if unimaged => {
                unimaged = false;
                continue;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
                continue;
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, buf)) = code.as_mut() {
                    buf.push_str(&t);
                }
                continue;
            }
            Event::End(TagEnd::CodeBlock) => {
                let (lang, text) = code.take().unwrap_or_default();
                Event::Html(CowStr::from(crate::highlight::code_block(&lang, &text)))
            }
            Event::Start(Tag::Table(a)) => {
                aligns = a;
                table_no += 1;
                Event::Html(CowStr::from(format!(
                    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Taulukko {table_no}\"><table>"
                )))
            }
            Event::End(TagEnd::Table) => Event::Html(CowStr::from(if in_head {
                "</tr></thead></table></div>"
            } else {
                "</tbody></table></div>"
            })),
            Event::Start(Tag::TableHead) => {
                in_head = true;
                cell = 0;
                Event::Html(CowStr::from("<thead><tr>"))
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                Event::Html(CowStr::from("</tr></thead><tbody>"))
            }
            Event::Start(Tag::TableRow) => {
                cell = 0;
                Event::Html(CowStr::from("<tr>"))
            }
            Event::End(TagEnd::TableRow) => Event::Html(CowStr::from("</tr>")),
            Event::Start(Tag::TableCell) => {
                let class = align_class(aligns.get(cell).copied().unwrap_or(Alignment::None));
                cell += 1;
                Event::Html(CowStr::from(if in_head {
                    format!("<th scope=\"col\"{class}>")
                } else {
                    format!("<td{class}>")
                }))
            }
            Event::End(TagEnd::TableCell) => Event::Html(CowStr::from(if in_head { "</th>" } else { "</td>" })),
            Event::Html(h) | Event::InlineHtml(h) if raw == RawHtml::Escape => Event::Text(h),
            e @ (Event::Html(_) | Event::InlineHtml(_)) => {
                has_raw = true;
                e
            }
            e => e,
        };
        out_events.push(ev);
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out_events.into_iter());
    // Cleaned whole, so markup split over several HTML blocks keeps its structure.
    if has_raw && raw == RawHtml::Sanitize {
        return super::sanitize::clean(&html);
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Upper;
    impl LinkResolver for Upper {
        fn resolve(&self, dest: &str, wiki: bool) -> LinkTarget {
            if dest == "luonnos.md" {
                LinkTarget::TextOnly
            } else if wiki {
                LinkTarget::Url(format!("/w/{dest}/"))
            } else {
                LinkTarget::Url(dest.to_uppercase())
            }
        }
    }

    #[test]
    fn scan_finds_links_headings_text() {
        let s = scan_body("## Tausta\n\nKatso [x](a.md#b) ja [[vatu|VATU]].\n\n## Tausta\n\n![](k.png)\n");
        assert_eq!(
            s.headings.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
            ["tausta", "tausta-1"]
        );
        assert_eq!(s.links.len(), 2);
        assert!(s.links[1].wiki);
        assert_eq!(s.links[1].dest, "vatu");
        assert_eq!(s.images_without_alt.len(), 1);
        assert!(s.text.contains("Katso x ja VATU."));
    }

    #[test]
    fn render_uses_scan_ids_and_resolver() {
        let body = "# Päälle\n\n[a](x.md) [[vatu]]\n\n| A | B |\n|---|--:|\n| 1 | 2 |\n\n<script>x</script>\n\n[piilo](luonnos.md)\n";
        let scan = scan_body(body);
        let html = render_body(body, &scan.headings, &Upper, RawHtml::Sanitize);
        assert!(html.contains("<h2 id=\"paalle\">Päälle</h2>"), "{html}");
        assert!(html.contains("href=\"X.MD\""));
        assert!(html.contains("href=\"/w/vatu/\""));
        assert!(html.contains("<th scope=\"col\">A</th><th scope=\"col\" class=\"ta-right\">B</th>"));
        assert!(html.contains("<td>1</td>"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("<p>piilo</p>"), "{html}");
    }
}
