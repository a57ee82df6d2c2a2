//! What every reader produces: headings, paragraphs, lists, tables and notes, and their
//! Markdown.

/// One block of an imported document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading, level 1 to 6.
    Heading(u8, String),
    /// A paragraph of inline Markdown.
    Para(String),
    /// A list; items carry their own depth.
    List(Vec<Item>),
    /// A table, first row the header; cells are inline Markdown.
    Table(Vec<Vec<String>>),
    /// A speaker's note of a slide.
    Note(String),
}

/// A list item.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Depth, 0 for the outermost.
    pub level: usize,
    /// Numbered rather than bulleted.
    pub ordered: bool,
    /// Inline Markdown.
    pub text: String,
}

impl Block {
    /// The block's words, without Markdown, for guessing front matter.
    pub fn plain(&self) -> String {
        match self {
            Block::Heading(_, t) | Block::Para(t) | Block::Note(t) => t.clone(),
            Block::List(items) => items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>().join("\n"),
            Block::Table(rows) => rows.iter().map(|r| r.join(" ")).collect::<Vec<_>>().join("\n"),
        }
    }
}

/// Escapes what would otherwise turn text into Markdown structure or HTML.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '*' | '_' | '`' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Escapes a marker a line would start with (`# `, `- `, `1. `, `> `).
fn escape_start(text: &str) -> String {
    let t = text.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let numbered = digits > 0 && matches!(t[digits..].chars().next(), Some('.' | ')'));
    if t.starts_with(['#', '>', '-', '+', '=']) || numbered {
        format!("\\{t}")
    } else {
        t.to_string()
    }
}

fn cell(text: &str) -> String {
    text.replace('\n', " ").replace('|', "\\|").trim().to_string()
}

/// The Markdown body: blocks separated by blank lines.
pub fn to_markdown(blocks: &[Block], note_label: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for b in blocks {
        let md = match b {
            Block::Heading(level, text) => {
                format!("{} {}", "#".repeat(usize::from((*level).clamp(1, 6))), text.trim())
            }
            Block::Para(text) => escape_start(text),
            Block::Note(text) => format!("> **{note_label}:** {}", text.trim()),
            Block::List(items) => {
                let base = items.iter().map(|i| i.level).min().unwrap_or(0);
                let mut lines = Vec::new();
                let mut counters: Vec<usize> = Vec::new();
                for i in items {
                    let depth = i.level - base;
                    counters.truncate(depth + 1);
                    while counters.len() <= depth {
                        counters.push(0);
                    }
                    counters[depth] += 1;
                    // Nested items are indented under the text of their parent.
                    let indent = "   ".repeat(depth);
                    let marker = if i.ordered {
                        format!("{}.", counters[depth])
                    } else {
                        "-".to_string()
                    };
                    lines.push(format!("{indent}{marker} {}", i.text.trim()));
                }
                lines.join("\n")
            }
            Block::Table(rows) => {
                let width = rows.iter().map(Vec::len).max().unwrap_or(0);
                if width == 0 {
                    continue;
                }
                let line = |r: &Vec<String>| {
                    let cells: Vec<String> = (0..width).map(|c| cell(r.get(c).map_or("", String::as_str))).collect();
                    format!("| {} |", cells.join(" | "))
                };
                let mut lines = vec![line(&rows[0]), format!("|{}", " --- |".repeat(width))];
                lines.extend(rows[1..].iter().map(line));
                lines.join("\n")
            }
        };
        if !md.trim().is_empty() {
            parts.push(md);
        }
    }
    let mut s = parts.join("\n\n");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_tables_and_headings() {
        let md = to_markdown(
            &[
                Block::Heading(2, "Työpaja".into()),
                Block::List(vec![
                    Item {
                        level: 0,
                        ordered: false,
                        text: "yksi".into(),
                    },
                    Item {
                        level: 1,
                        ordered: false,
                        text: "alakohta".into(),
                    },
                    Item {
                        level: 0,
                        ordered: false,
                        text: "kaksi".into(),
                    },
                ]),
                Block::Table(vec![
                    vec!["Vuosi".into(), "Mitä".into()],
                    vec!["2018".into(), "a | b".into()],
                ]),
                Block::Para("1. ei lista".into()),
            ],
            "Muistiinpanot",
        );
        assert_eq!(
            md,
            "## Työpaja\n\n- yksi\n   - alakohta\n- kaksi\n\n| Vuosi | Mitä |\n| --- | --- |\n| 2018 | a \\| b |\n\n\\1. ei lista\n"
        );
    }
}
