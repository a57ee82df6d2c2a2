//! PowerPoint (.pptx): one section per slide under its title, bullets with their levels,
//! tables, and the speaker's notes kept as a note. Footers, slide numbers and dates go by
//! their placeholder type; text repeated on most slides (a presenter's name, a project's
//! name in a text box) goes by repetition.

use super::blocks::{Block, Item, escape_inline};
use super::clean::{repeated_keys, repetition_key};
use super::office::Package;
use super::xml::Element;
use super::{Extracted, Format};
use std::collections::HashMap;

/// A paragraph of a slide before it becomes a block.
#[derive(Debug, Clone)]
struct Para {
    text: String,
    level: usize,
    bullet: Option<bool>,
}

#[derive(Debug, Default)]
struct Slide {
    title: Option<String>,
    body: Vec<Para>,
    tables: Vec<Vec<Vec<String>>>,
    notes: Option<String>,
    furniture: usize,
}

fn para_text(p: &Element) -> String {
    let mut s = String::new();
    for c in p.elements() {
        match c.name.as_str() {
            "r" | "fld" => {
                let t = c.child("t").map(|t| t.text()).unwrap_or_default();
                let rpr = c.child("rPr");
                let flag = |n: &str| rpr.and_then(|r| r.attr(n)).is_some_and(|v| v == "1" || v == "true");
                let t = escape_inline(&t);
                if (flag("b") || flag("i")) && !t.trim().is_empty() {
                    let mark = if flag("b") { "**" } else { "*" };
                    let lead = &t[..t.len() - t.trim_start().len()];
                    let trail = &t[t.trim_end().len()..];
                    s.push_str(&format!("{lead}{mark}{}{mark}{trail}", t.trim()));
                } else {
                    s.push_str(&t);
                }
            }
            "br" => s.push(' '),
            _ => {}
        }
    }
    s.replace("****", "").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The paragraphs of a text body; `bulleted` is whether the shape's paragraphs are bullets
/// unless they say otherwise (a body placeholder's are).
fn paragraphs(body: &Element, bulleted: bool) -> Vec<Para> {
    body.elements()
        .filter(|e| e.name == "p")
        .filter_map(|p| {
            let text = para_text(p);
            if text.is_empty() {
                return None;
            }
            let ppr = p.child("pPr");
            let level = ppr
                .and_then(|x| x.attr("lvl"))
                .and_then(|l| l.parse().ok())
                .unwrap_or(0);
            let bullet = match ppr {
                Some(x) if x.child("buNone").is_some() => None,
                Some(x) if x.child("buAutoNum").is_some() => Some(true),
                Some(x) if x.child("buChar").is_some() => Some(false),
                _ if bulleted => Some(false),
                _ => None,
            };
            Some(Para { text, level, bullet })
        })
        .collect()
}

fn table(t: &Element) -> Vec<Vec<String>> {
    t.elements()
        .filter(|e| e.name == "tr")
        .map(|tr| {
            tr.elements()
                .filter(|e| e.name == "tc")
                .map(|tc| {
                    tc.child("txBody")
                        .map(|b| {
                            paragraphs(b, false)
                                .into_iter()
                                .map(|p| p.text)
                                .collect::<Vec<_>>()
                                .join("; ")
                        })
                        .unwrap_or_default()
                })
                .collect()
        })
        .filter(|r: &Vec<String>| r.iter().any(|c| !c.is_empty()))
        .collect()
}

fn read_slide(root: &Element, slide: &mut Slide) {
    let mut shapes = Vec::new();
    collect_shapes(root, &mut shapes);
    for sp in shapes {
        if sp.name == "graphicFrame" {
            if let Some(t) = sp.find("tbl") {
                let rows = table(t);
                if !rows.is_empty() {
                    slide.tables.push(rows);
                }
            }
            continue;
        }
        let ph = sp.find("nvPr").and_then(|n| n.child("ph"));
        let kind = ph.map(|p| p.attr("type").unwrap_or("body"));
        let Some(body) = sp.child("txBody") else { continue };
        match kind {
            Some("ftr" | "sldNum" | "dt" | "hdr") => slide.furniture += 1,
            Some("title" | "ctrTitle") if slide.title.is_none() => {
                let t = paragraphs(body, false)
                    .into_iter()
                    .map(|p| p.text)
                    .collect::<Vec<_>>()
                    .join(" ");
                if !t.is_empty() {
                    slide.title = Some(t);
                }
            }
            Some("subTitle") => slide.body.extend(paragraphs(body, false)),
            Some(_) => slide.body.extend(paragraphs(body, true)),
            None => slide.body.extend(paragraphs(body, false)),
        }
    }
}

/// Shapes in reading order, groups opened.
fn collect_shapes<'a>(e: &'a Element, out: &mut Vec<&'a Element>) {
    for c in e.elements() {
        match c.name.as_str() {
            "sp" | "graphicFrame" => out.push(c),
            _ => collect_shapes(c, out),
        }
    }
}

fn notes_text(root: &Element) -> Option<String> {
    let mut shapes = Vec::new();
    collect_shapes(root, &mut shapes);
    let text: Vec<String> = shapes
        .into_iter()
        .filter(|sp| sp.find("nvPr").and_then(|n| n.child("ph")).and_then(|p| p.attr("type")) == Some("body"))
        .filter_map(|sp| sp.child("txBody"))
        .flat_map(|b| paragraphs(b, false).into_iter().map(|p| p.text))
        .collect();
    let joined = text.join(" ");
    (!joined.trim().is_empty()).then_some(joined)
}

/// Reads a .pptx.
pub fn read(bytes: Vec<u8>) -> Result<Extracted, String> {
    let mut pkg = Package::open(bytes)?;
    let pres = pkg
        .xml("ppt/presentation.xml")?
        .ok_or("no ppt/presentation.xml: not a PowerPoint file")?;
    let rels = pkg.relationships("ppt/presentation.xml")?;
    let (prop_title, prop_date) = pkg.core();
    let order: Vec<String> = pres
        .child("sldIdLst")
        .map(|l| {
            l.elements()
                .filter_map(|s| s.rel_id().and_then(|id| rels.get(id)).cloned())
                .collect()
        })
        .unwrap_or_default();
    let mut slides = Vec::new();
    for part in &order {
        let Some(root) = pkg.xml(part)? else { continue };
        let mut slide = Slide::default();
        read_slide(&root, &mut slide);
        let slide_rels: HashMap<String, String> = pkg.relationships(part)?;
        if let Some(notes) = slide_rels.values().find(|t| t.contains("notesSlide"))
            && let Some(n) = pkg.xml(notes)?
        {
            slide.notes = notes_text(&n);
        }
        slides.push(slide);
    }
    let mut removed = super::clean::Removed::default();
    let pages: Vec<Vec<String>> = slides
        .iter()
        .map(|s| s.body.iter().map(|p| p.text.clone()).collect())
        .collect();
    let furniture = repeated_keys(&pages);
    let mut repeated: HashMap<String, (String, usize)> = HashMap::new();
    let mut blocks = Vec::new();
    let mut title = prop_title;
    for (n, slide) in slides.iter().enumerate() {
        removed.slide_furniture += slide.furniture;
        let heading = slide.title.clone().unwrap_or_else(|| format!("Dia {}", n + 1));
        if n == 0 && title.is_none() {
            title = slide.title.clone();
        }
        blocks.push(Block::Heading(2, heading));
        let mut items: Vec<Item> = Vec::new();
        for p in &slide.body {
            let key = repetition_key(&p.text);
            if furniture.contains(&key) {
                repeated.entry(key).or_insert_with(|| (p.text.clone(), 0)).1 += 1;
                continue;
            }
            if super::clean::is_page_number(&p.text) {
                removed.page_numbers += 1;
                continue;
            }
            match p.bullet {
                Some(ordered) => items.push(Item {
                    level: p.level,
                    ordered,
                    text: p.text.clone(),
                }),
                None => {
                    if !items.is_empty() {
                        blocks.push(Block::List(std::mem::take(&mut items)));
                    }
                    blocks.push(Block::Para(p.text.clone()));
                }
            }
        }
        if !items.is_empty() {
            blocks.push(Block::List(items));
        }
        blocks.extend(slide.tables.iter().cloned().map(Block::Table));
        if let Some(notes) = &slide.notes {
            blocks.push(Block::Note(notes.clone()));
        }
    }
    let mut rep: Vec<(String, usize)> = repeated.into_values().collect();
    rep.sort();
    removed.repeated = rep;
    Ok(Extracted {
        format: Format::Pptx,
        title,
        date: prop_date,
        blocks,
        removed,
    })
}
