//! Word (.docx): paragraphs with their styles (headings, title), lists from the numbering
//! definitions, tables, bold, italic and links.

use super::blocks::{Block, Item, escape_inline};
use super::office::Package;
use super::xml::Element;
use super::{Extracted, Format};
use std::collections::HashMap;

/// How a paragraph style reads.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    Title,
    Heading(u8),
    ListParagraph,
    Body,
}

/// Style ids to what they mean, by their built-in names (stored in English whatever the
/// language of Word: "heading 1", "Title"), and by their outline level.
fn styles(styles: Option<&Element>) -> HashMap<String, Style> {
    let mut out = HashMap::new();
    let Some(root) = styles else {
        return out;
    };
    for s in root.elements().filter(|e| e.name == "style") {
        let Some(id) = s.attr("styleId") else { continue };
        let name = s.child("name").and_then(|n| n.attr("val")).unwrap_or("").to_lowercase();
        let outline = s
            .child("pPr")
            .and_then(|p| p.child("outlineLvl"))
            .and_then(|o| o.attr("val"))
            .and_then(|v| v.parse::<u8>().ok());
        let style = if name == "title" {
            Style::Title
        } else if let Some(n) = name.strip_prefix("heading ").and_then(|n| n.trim().parse::<u8>().ok()) {
            Style::Heading(n)
        } else if let Some(l) = outline.filter(|l| *l < 6) {
            Style::Heading(l + 1)
        } else if name.contains("list") {
            Style::ListParagraph
        } else {
            Style::Body
        };
        out.insert(id.to_string(), style);
    }
    out
}

/// numId → level → numbered (true) or bulleted.
fn numbering(root: Option<&Element>) -> HashMap<String, HashMap<String, bool>> {
    let mut out = HashMap::new();
    let Some(root) = root else { return out };
    let mut abstracts: HashMap<String, HashMap<String, bool>> = HashMap::new();
    for a in root.elements().filter(|e| e.name == "abstractNum") {
        let Some(id) = a.attr("abstractNumId") else { continue };
        let levels = a
            .elements()
            .filter(|e| e.name == "lvl")
            .filter_map(|l| {
                let fmt = l.child("numFmt").and_then(|f| f.attr("val")).unwrap_or("bullet");
                Some((l.attr("ilvl")?.to_string(), !matches!(fmt, "bullet" | "none")))
            })
            .collect();
        abstracts.insert(id.to_string(), levels);
    }
    for n in root.elements().filter(|e| e.name == "num") {
        let (Some(id), Some(a)) = (n.attr("numId"), n.child("abstractNumId").and_then(|a| a.attr("val"))) else {
            continue;
        };
        if let Some(levels) = abstracts.get(a) {
            out.insert(id.to_string(), levels.clone());
        }
    }
    out
}

fn on(rpr: Option<&Element>, name: &str) -> bool {
    rpr.and_then(|r| r.child(name))
        .is_some_and(|b| !matches!(b.attr("val"), Some("0" | "false" | "off")))
}

/// A paragraph's inline Markdown: runs with bold and italic, links, tabs and breaks.
fn inline(p: &Element, links: &HashMap<String, String>) -> String {
    let mut out = String::new();
    for child in p.elements() {
        match child.name.as_str() {
            "r" => run(child, &mut out),
            "hyperlink" => {
                let mut text = String::new();
                for r in child.elements().filter(|e| e.name == "r") {
                    run(r, &mut text);
                }
                match child.rel_id().and_then(|id| links.get(id)) {
                    Some(url) if !text.trim().is_empty() => out.push_str(&format!("[{}]({url})", text.trim())),
                    _ => out.push_str(&text),
                }
            }
            "ins" | "smartTag" | "fldSimple" => out.push_str(&inline(child, links)),
            _ => {}
        }
    }
    tidy_emphasis(&out)
}

fn run(r: &Element, out: &mut String) {
    let rpr = r.child("rPr");
    let (bold, italic) = (on(rpr, "b"), on(rpr, "i"));
    let mut text = String::new();
    for c in r.elements() {
        match c.name.as_str() {
            "t" => text.push_str(&escape_inline(&c.text())),
            "tab" => text.push(' '),
            "br" | "cr" => text.push(' '),
            "noBreakHyphen" => text.push('-'),
            _ => {}
        }
    }
    if text.trim().is_empty() || !(bold || italic) {
        out.push_str(&text);
        return;
    }
    // Emphasis markers hug the words: "**a** b", never "** a**".
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    let mark = match (bold, italic) {
        (true, true) => "***",
        (true, false) => "**",
        _ => "*",
    };
    out.push_str(&format!("{lead}{mark}{}{mark}{trail}", text.trim()));
}

/// Word splits text into runs freely: "**Hyvin**** menee**" is one bold span.
fn tidy_emphasis(s: &str) -> String {
    s.replace("****", "").replace("** **", " ")
}

fn cell_text(tc: &Element, links: &HashMap<String, String>) -> String {
    let mut paras = Vec::new();
    tc.find_all("p", &mut paras);
    paras
        .iter()
        .map(|p| inline(p, links))
        .filter(|t| !t.trim().is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads a .docx.
pub fn read(bytes: Vec<u8>) -> Result<Extracted, String> {
    let mut pkg = Package::open(bytes)?;
    let doc = pkg
        .xml("word/document.xml")?
        .ok_or("no word/document.xml: not a Word document")?;
    let styles = styles(pkg.xml("word/styles.xml")?.as_ref());
    let numbering = numbering(pkg.xml("word/numbering.xml")?.as_ref());
    let links = pkg.relationships("word/document.xml")?;
    let (prop_title, prop_date) = pkg.core();
    let body = doc.child("body").ok_or("word/document.xml has no body")?;
    let mut blocks: Vec<Block> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut title = None;
    for el in body.elements() {
        match el.name.as_str() {
            "p" => {
                let ppr = el.child("pPr");
                let style = ppr
                    .and_then(|p| p.child("pStyle"))
                    .and_then(|s| s.attr("val"))
                    .and_then(|id| styles.get(id).copied())
                    .unwrap_or(Style::Body);
                let num = ppr.and_then(|p| p.child("numPr"));
                let text = inline(el, &links).trim().to_string();
                if text.is_empty() {
                    continue;
                }
                let list = num.and_then(|n| {
                    let id = n.child("numId")?.attr("val")?;
                    let level = n.child("ilvl").and_then(|l| l.attr("val")).unwrap_or("0");
                    // numId 0 means "no numbering" in Word.
                    (id != "0").then(|| {
                        let ordered = numbering.get(id).and_then(|l| l.get(level)).copied().unwrap_or(false);
                        (level.parse::<usize>().unwrap_or(0), ordered)
                    })
                });
                if let Some((level, ordered)) = list.filter(|_| !matches!(style, Style::Heading(_) | Style::Title)) {
                    items.push(Item { level, ordered, text });
                    continue;
                }
                if !items.is_empty() {
                    blocks.push(Block::List(std::mem::take(&mut items)));
                }
                match style {
                    Style::Title if title.is_none() => title = Some(text),
                    Style::Title => blocks.push(Block::Heading(1, text)),
                    Style::Heading(n) => blocks.push(Block::Heading(n.clamp(1, 6), text)),
                    Style::ListParagraph => items.push(Item {
                        level: 0,
                        ordered: false,
                        text,
                    }),
                    Style::Body => blocks.push(Block::Para(text)),
                }
            }
            "tbl" => {
                if !items.is_empty() {
                    blocks.push(Block::List(std::mem::take(&mut items)));
                }
                let rows: Vec<Vec<String>> = el
                    .elements()
                    .filter(|e| e.name == "tr")
                    .map(|tr| {
                        tr.elements()
                            .filter(|e| e.name == "tc")
                            .map(|tc| cell_text(tc, &links))
                            .collect()
                    })
                    .filter(|r: &Vec<String>| r.iter().any(|c| !c.is_empty()))
                    .collect();
                if !rows.is_empty() {
                    blocks.push(Block::Table(rows));
                }
            }
            _ => {}
        }
    }
    if !items.is_empty() {
        blocks.push(Block::List(items));
    }
    Ok(Extracted {
        format: Format::Docx,
        title: title.or(prop_title),
        date: prop_date,
        blocks,
        removed: Default::default(),
    })
}
