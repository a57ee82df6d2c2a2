//! Plain text as extraction leaves it (PDF text layers, text files): pages of lines with
//! running headers and footers, page numbers, words hyphenated across lines, paragraphs cut
//! into lines and bullet glyphs. What it removes is counted, for the draft's `source` notes.

use super::blocks::{Block, Item};
use std::collections::{HashMap, HashSet};

/// What cleaning took out or put together.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Removed {
    /// Page or slide numbers dropped.
    pub page_numbers: usize,
    /// Lines repeated on many pages or slides (headers, footers, presenters' names), with
    /// how many copies went.
    pub repeated: Vec<(String, usize)>,
    /// Words hyphenated across a line break, joined.
    pub hyphenations: usize,
    /// Lines joined into the paragraph or list item they were cut from.
    pub joined_lines: usize,
    /// Slide footers, dates and numbers dropped by their placeholder type.
    pub slide_furniture: usize,
}

/// Glyphs that start a bullet point in extracted text.
const BULLETS: &[char] = &[
    '•', '▪', '◦', '●', '○', '■', '□', '➢', '►', '‣', '⁃', '·', '–', '—', '-', '*', '\u{f0b7}', '\u{f0a7}',
];

/// Words after which a line-end hyphen is a shortened compound ("sosiaali- ja terveys"),
/// not a word broken in two.
const CONJUNCTIONS: &[&str] = &[
    "ja", "tai", "sekä", "eli", "ynnä", "että", "kuin", "och", "eller", "and", "or",
];

/// A line as compared across pages: lower case, digits as one mark, spaces collapsed, so
/// "Sivu 3 / 12" and "Sivu 4 / 12" are one line.
pub fn repetition_key(line: &str) -> String {
    let mut key = String::new();
    let mut last_digit = false;
    for c in line.trim().chars() {
        if c.is_ascii_digit() {
            if !last_digit {
                key.push('#');
            }
            last_digit = true;
            continue;
        }
        last_digit = false;
        if c.is_whitespace() {
            if !key.ends_with(' ') {
                key.push(' ');
            }
        } else {
            key.extend(c.to_lowercase());
        }
    }
    key.trim().to_string()
}

/// The keys of lines found on so many of `pages` that they are furniture, not content: on at
/// least half the pages and at least three. Long lines are content even when repeated.
pub fn repeated_keys(pages: &[Vec<String>]) -> HashSet<String> {
    if pages.len() < 3 {
        return HashSet::new();
    }
    let mut on_pages: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let keys: HashSet<String> = page
            .iter()
            .filter(|l| l.chars().count() <= 120)
            .map(|l| repetition_key(l))
            .filter(|k| k.chars().any(char::is_alphanumeric))
            .collect();
        for k in keys {
            *on_pages.entry(k).or_insert(0) += 1;
        }
    }
    let need = pages.len().div_ceil(2).max(3);
    on_pages
        .into_iter()
        .filter(|(_, n)| *n >= need)
        .map(|(k, _)| k)
        .collect()
}

/// Whether a line is nothing but a page number ("3", "- 3 -", "Sivu 3", "3/12", "s. 3").
pub fn is_page_number(line: &str) -> bool {
    let t = line
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let lower = t.to_lowercase();
    let rest = ["sivu", "page", "sida", "s."]
        .iter()
        .find_map(|w| lower.strip_prefix(w))
        .unwrap_or(&lower)
        .trim();
    if rest.is_empty() {
        return false;
    }
    let mut parts = rest.splitn(2, ['/', '(']);
    let first = parts.next().unwrap_or("").trim();
    let second = parts.next().map(|s| s.trim().trim_end_matches(')').trim());
    let number = |s: &str| !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit());
    number(first) && second.is_none_or(number)
}

/// A bullet line's depth hint (leading spaces), glyph and text.
fn bullet(line: &str) -> Option<(usize, char, &str)> {
    let indent = line.chars().take_while(|c| c.is_whitespace()).count();
    let t = line.trim_start();
    let c = t.chars().next()?;
    if BULLETS.contains(&c) {
        let rest = &t[c.len_utf8()..];
        // "-5 %" or "–" alone are not bullets; the glyph must be followed by a space.
        if rest.starts_with([' ', '\t', '\u{a0}']) && !rest.trim().is_empty() {
            return Some((indent, c, rest.trim()));
        }
    }
    None
}

/// A numbered item ("1. Tavoite", "2) Keinot").
fn numbered(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = &t[digits..];
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    // "1.10.2018" is a date, not an item.
    rest.starts_with(' ').then(|| rest.trim()).filter(|r| !r.is_empty())
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with(['.', '!', '?', ':', ';'])
}

fn starts_lower(s: &str) -> bool {
    s.trim_start().chars().next().is_some_and(|c| c.is_lowercase())
}

/// Joins `next` to `line`, mending a word hyphenated across the break. Returns whether a
/// hyphenation was mended.
fn join_into(line: &mut String, next: &str) -> bool {
    let next = next.trim();
    let trimmed = line.trim_end().to_string();
    if let Some(head) = trimmed.strip_suffix('-')
        && head.chars().last().is_some_and(char::is_alphabetic)
        && starts_lower(next)
    {
        let first_word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        let stem: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let same_vowel =
            head.chars().last() == next.chars().next() && head.chars().last().is_some_and(|c| "aeiouyäöå".contains(c));
        let acronym = stem.chars().count() <= 4 && stem.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
        if CONJUNCTIONS.contains(&first_word.as_str()) {
            *line = format!("{trimmed} {next}");
            return false;
        }
        if same_vowel || acronym || stem.eq_ignore_ascii_case("sote") {
            // A real hyphen that happened to fall at the line end: "linja-auto", "LAPE-ryhmä".
            *line = format!("{trimmed}{next}");
            return false;
        }
        *line = format!("{head}{next}");
        return true;
    }
    *line = format!("{trimmed} {next}");
    false
}

/// A standalone line that reads as a heading: short, no sentence punctuation at the end,
/// and not a list item. Ending with a colon makes it a subheading ("Yhteistyöryhmän
/// kokoonpano:").
fn heading_level(line: &str) -> Option<u8> {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix('#') {
        let level = 1 + rest.chars().take_while(|c| *c == '#').count();
        return (level <= 6).then_some(level as u8);
    }
    let words = t.split_whitespace().count();
    let first_upper = t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !first_upper || words == 0 || t.chars().count() > 90 || bullet(t).is_some() || numbered(t).is_some() {
        return None;
    }
    if t.ends_with(':') && words <= 12 {
        return Some(3);
    }
    if !t.ends_with(['.', ',', ';', '!', '?', ':', ')']) && words <= 12 {
        return Some(2);
    }
    None
}

/// Pages of raw text to blocks; `removed` counts what went.
pub fn pages_to_blocks(pages: &[String], removed: &mut Removed) -> Vec<Block> {
    let pages: Vec<Vec<String>> = pages
        .iter()
        .map(|p| p.lines().map(|l| l.trim_end().replace('\u{a0}', " ")).collect())
        .collect();
    let furniture = repeated_keys(&pages);
    let mut lines: Vec<String> = Vec::new();
    let mut repeated: HashMap<String, (String, usize)> = HashMap::new();
    for page in &pages {
        let filled: Vec<usize> = (0..page.len()).filter(|&i| !page[i].trim().is_empty()).collect();
        let (first, last) = (filled.first().copied(), filled.last().copied());
        for (i, line) in page.iter().enumerate() {
            let key = repetition_key(line);
            if furniture.contains(&key) {
                let e = repeated.entry(key).or_insert_with(|| (line.trim().to_string(), 0));
                e.1 += 1;
                continue;
            }
            // A page number stands at a page's top or bottom; a lone number in the middle of
            // a page may be a table's cell.
            if (Some(i) == first || Some(i) == last || pages.len() == 1) && is_page_number(line) {
                removed.page_numbers += 1;
                continue;
            }
            lines.push(line.clone());
        }
        // A page break ends a paragraph only where the text says so; mark it softly.
        lines.push(String::new());
    }
    let mut rep: Vec<(String, usize)> = repeated.into_values().collect();
    rep.sort();
    removed.repeated.extend(rep);
    assemble(&lines, removed)
}

/// Text of a table cell as extraction left it, sometimes with the HTML of a list in it:
/// items become "a; b", tags go, entities are decoded.
fn cell_text(cell: &str) -> String {
    let mut items: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut rest = cell;
    while let Some(open) = rest.find('<') {
        current.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            current.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_lowercase();
        if tag.starts_with("li") || tag.starts_with("/li") || tag.starts_with("br") || tag.starts_with("p") {
            items.push(std::mem::take(&mut current));
        }
        rest = &rest[open + close + 1..];
    }
    current.push_str(rest);
    items.push(current);
    items
        .iter()
        .map(|i| {
            let i = i
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&nbsp;", " ");
            let i = i.trim();
            let i = bullet(i).map_or(i, |(_, _, t)| t);
            i.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|i| !i.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Escapes what would start an HTML tag in text that is not meant as HTML.
fn escape_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!')
        {
            out.push_str("&lt;");
        } else {
            out.push(c);
        }
    }
    out
}

/// Lines (blank lines between paragraphs) to blocks: runs of tab-separated lines are tables.
fn assemble(lines: &[String], removed: &mut Removed) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let tabbed = |l: &String| {
        l.contains('\t') && l.split('\t').filter(|c| !c.trim().is_empty()).count() >= 1 && l.split('\t').count() >= 2
    };
    while i < lines.len() {
        if tabbed(&lines[i]) {
            let mut j = i;
            while j < lines.len()
                && (tabbed(&lines[j]) || (lines[j].trim().is_empty() && lines.get(j + 1).is_some_and(tabbed)))
            {
                j += 1;
            }
            let rows: Vec<Vec<String>> = lines[i..j]
                .iter()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.split('\t').map(cell_text).collect::<Vec<_>>())
                .collect();
            if rows.len() >= 2 {
                out.extend(assemble_text(&lines[start..i], removed));
                let width = rows
                    .iter()
                    .map(|r| r.iter().rposition(|c| !c.is_empty()).map_or(0, |p| p + 1))
                    .max()
                    .unwrap_or(0);
                out.push(Block::Table(
                    rows.into_iter()
                        .map(|mut r| {
                            r.resize(width, String::new());
                            r
                        })
                        .collect(),
                ));
                start = j;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out.extend(assemble_text(&lines[start..], removed));
    for b in &mut out {
        match b {
            Block::Para(t) | Block::Heading(_, t) => *t = escape_tags(t),
            Block::List(items) => items.iter_mut().for_each(|it| it.text = escape_tags(&it.text)),
            _ => {}
        }
    }
    out
}

fn assemble_text(lines: &[String], removed: &mut Removed) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut para: Option<String> = None;
    let mut items: Vec<Item> = Vec::new();
    let mut glyphs: Vec<(usize, char)> = Vec::new();
    let mut in_item = false;
    let flush_para = |para: &mut Option<String>, blocks: &mut Vec<Block>| {
        if let Some(p) = para.take() {
            let p = p.trim().to_string();
            if !p.is_empty() {
                blocks.push(Block::Para(p));
            }
        }
    };
    let flush_list = |items: &mut Vec<Item>, blocks: &mut Vec<Block>| {
        if !items.is_empty() {
            blocks.push(Block::List(std::mem::take(items)));
        }
    };
    for (n, raw) in lines.iter().enumerate() {
        let line = raw.trim_end();
        if line.trim().is_empty() {
            // A blank line ends a paragraph; a list goes on past one if the next line is an item.
            flush_para(&mut para, &mut blocks);
            in_item = false;
            let next = lines[n + 1..].iter().find(|l| !l.trim().is_empty());
            if !next.is_some_and(|l| bullet(l).is_some() || numbered(l).is_some()) {
                flush_list(&mut items, &mut blocks);
                glyphs.clear();
            }
            continue;
        }
        if let Some((indent, glyph, text)) = bullet(line) {
            flush_para(&mut para, &mut blocks);
            // Depth: by indentation when the text keeps it, else by a glyph not seen at a
            // shallower depth (• then – then ▪).
            let level = match glyphs.iter().position(|&(i, g)| g == glyph && i == indent) {
                Some(p) => {
                    glyphs.truncate(p + 1);
                    p
                }
                None => {
                    while glyphs.last().is_some_and(|&(i, _)| i > indent) {
                        glyphs.pop();
                    }
                    glyphs.push((indent, glyph));
                    glyphs.len() - 1
                }
            };
            items.push(Item {
                level,
                ordered: false,
                text: text.to_string(),
            });
            in_item = true;
            continue;
        }
        if let Some(text) = numbered(line)
            && (!items.is_empty() || lines.get(n + 1).is_some_and(|l| numbered(l).is_some()))
        {
            flush_para(&mut para, &mut blocks);
            items.push(Item {
                level: 0,
                ordered: true,
                text: text.to_string(),
            });
            in_item = true;
            continue;
        }
        if in_item && let Some(last) = items.last_mut() {
            // A bullet's text cut into lines: the rest follows without a glyph.
            if starts_lower(line) || !ends_sentence(&last.text) {
                if join_into(&mut last.text, line) {
                    removed.hyphenations += 1;
                }
                removed.joined_lines += 1;
                continue;
            }
        }
        flush_list(&mut items, &mut blocks);
        glyphs.clear();
        in_item = false;
        let standalone = para.is_none() && lines.get(n + 1).is_none_or(|l| l.trim().is_empty());
        if standalone && let Some(level) = heading_level(line) {
            let text = line.trim().trim_start_matches('#').trim().trim_end_matches(':').trim();
            blocks.push(Block::Heading(level, text.to_string()));
            continue;
        }
        match para.as_mut() {
            Some(p) => {
                if join_into(p, line) {
                    removed.hyphenations += 1;
                }
                removed.joined_lines += 1;
            }
            None => para = Some(line.trim().to_string()),
        }
    }
    flush_para(&mut para, &mut blocks);
    flush_list(&mut items, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(ps: &[&str]) -> (Vec<Block>, Removed) {
        let mut r = Removed::default();
        let b = pages_to_blocks(&ps.iter().map(|s| s.to_string()).collect::<Vec<_>>(), &mut r);
        (b, r)
    }

    #[test]
    fn footers_page_numbers_and_hyphenation_go() {
        let (b, r) = pages(&[
            "LAPE Pirkanmaa – muistio\nPerhekeskuksen toiminta-\nmalli otettiin käyttöön\nkolmessa kunnassa.\n\n1",
            "LAPE Pirkanmaa – muistio\nSosiaali- ja terveyspalvelut\nsovittiin.\n\n2",
            "LAPE Pirkanmaa – muistio\nLAPE-\nryhmä kokoontuu.\n\nSivu 3 / 3",
        ]);
        assert_eq!(r.page_numbers, 3, "{r:?}");
        assert_eq!(r.repeated, vec![("LAPE Pirkanmaa – muistio".to_string(), 3)]);
        let text: Vec<String> = b.iter().map(Block::plain).collect();
        assert!(
            text.contains(&"Perhekeskuksen toimintamalli otettiin käyttöön kolmessa kunnassa.".to_string()),
            "{text:?}"
        );
        assert!(
            text.contains(&"Sosiaali- ja terveyspalvelut sovittiin.".to_string()),
            "{text:?}"
        );
        assert!(text.contains(&"LAPE-ryhmä kokoontuu.".to_string()), "{text:?}");
        assert_eq!(r.hyphenations, 1);
    }

    #[test]
    fn bullet_glyphs_become_lists_with_depth() {
        let (b, _) = pages(&[
            "Tavoitteet:\n\n• Yhteinen suunnitelma\n– lapsen kanssa\n– perheen kanssa\n• Toinen kohta, joka jatkuu\nseuraavalle riville\n\nLoppu.",
        ]);
        assert_eq!(b[0], Block::Heading(3, "Tavoitteet".into()));
        let Block::List(items) = &b[1] else { panic!("{b:?}") };
        let got: Vec<(usize, &str)> = items.iter().map(|i| (i.level, i.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (0, "Yhteinen suunnitelma"),
                (1, "lapsen kanssa"),
                (1, "perheen kanssa"),
                (0, "Toinen kohta, joka jatkuu seuraavalle riville"),
            ]
        );
        assert_eq!(b[2], Block::Para("Loppu.".into()));
    }

    #[test]
    fn tab_separated_lines_are_a_table_and_html_in_cells_a_list() {
        let (b, _) = pages(&[
            "Aikataulu\n\n2018\t2019\t2022\nVerkosto\tKoulutus\t\n\tEsimiehet\tTyöntekijät\nOnnistumiset\t<ul style=\"x\"><li>• Johto &amp; tiimi</li><li>• Yhteistyö</li></ul>\t<b>ok</b>\n\nLoppu <script> ei.",
        ]);
        assert_eq!(b[0], Block::Heading(2, "Aikataulu".into()));
        let Block::Table(rows) = &b[1] else { panic!("{b:?}") };
        assert_eq!(rows[0], vec!["2018", "2019", "2022"]);
        assert_eq!(rows[1], vec!["Verkosto", "Koulutus", ""]);
        assert_eq!(rows[3], vec!["Onnistumiset", "Johto & tiimi; Yhteistyö", "ok"]);
        assert_eq!(b[2], Block::Para("Loppu &lt;script> ei.".into()));
    }

    #[test]
    fn page_numbers_are_recognised_and_dates_are_not() {
        for yes in ["3", "- 3 -", "Sivu 3", "3/12", "s. 3", "Sivu 2 (5)", "12 / 40"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["2018", "10.9.2018", "Sivu", "3 kuntaa", "1."] {
            assert!(!is_page_number(no), "{no}");
        }
    }
}
