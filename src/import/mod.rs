//! `lape import`: a Word, PowerPoint, PDF or text file to a draft in `content/`.
//!
//! Each reader turns its format into [`Block`]s ([`docx`], [`pptx`], [`pdf`] and plain text
//! through [`clean`]); [`guess`] proposes front matter from the text and the bank's own names;
//! [`draft`] writes the file. Nothing here overwrites a file or prints.

pub mod blocks;
pub mod clean;
pub mod docx;
pub mod guess;
mod office;
pub mod pdf;
pub mod pptx;
mod xml;

use crate::diag::Diagnostic;
use crate::model::{Date, FIELDS, Kind};
use crate::scaffold::quote;
use crate::slug::slugify;
pub use blocks::{Block, Item};
pub use clean::Removed;
pub use guess::{Guesses, Names};
use std::path::{Path, PathBuf};

/// The format a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Word.
    Docx,
    /// PowerPoint.
    Pptx,
    /// PDF text layer.
    Pdf,
    /// Plain text or Markdown.
    Text,
}

/// A document as read, before front matter.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// What it was read as.
    pub format: Format,
    /// Its title property or title-styled paragraph, when it has one.
    pub title: Option<String>,
    /// Its creation date property (ISO), when it has one.
    pub date: Option<String>,
    /// Its content.
    pub blocks: Vec<Block>,
    /// What cleaning removed.
    pub removed: Removed,
}

/// The largest file read: the bank's sources are kilobytes to a few megabytes.
const MAX_FILE: u64 = 200 * 1024 * 1024;

fn unreadable(path: &Path, error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::environment(
        path,
        "import-unreadable",
        crate::text!("import-unreadable", error = error),
    )
    .hint(crate::text!("import-unreadable-hint"))
}

/// Reads a file by its extension.
pub fn extract(path: &Path) -> Result<Extracted, Diagnostic> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let format = match ext.as_str() {
        "docx" => Format::Docx,
        "pptx" => Format::Pptx,
        "pdf" => Format::Pdf,
        "txt" | "md" | "markdown" | "text" => Format::Text,
        _ => {
            return Err(Diagnostic::environment(
                path,
                "import-unsupported",
                crate::text!(
                    "import-unsupported",
                    ext = if ext.is_empty() { "-".to_string() } else { ext }
                ),
            )
            .hint(crate::text!("import-unsupported-hint")));
        }
    };
    let size = std::fs::metadata(path).map_err(|e| unreadable(path, e))?.len();
    if size > MAX_FILE {
        return Err(unreadable(path, format!("{} MB", size / 1024 / 1024)));
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, e))?;
    let extracted = match format {
        Format::Docx => docx::read(bytes).map_err(|e| unreadable(path, e))?,
        Format::Pptx => pptx::read(bytes).map_err(|e| unreadable(path, e))?,
        Format::Pdf => {
            let pages = pdf::pages(&bytes).map_err(|e| unreadable(path, e))?;
            if pages.iter().all(|p| p.trim().is_empty()) {
                return Err(
                    Diagnostic::environment(path, "import-no-text", crate::text!("import-no-text"))
                        .hint(crate::text!("import-no-text-hint")),
                );
            }
            from_pages(Format::Pdf, &pages)
        }
        Format::Text => {
            let text = String::from_utf8(bytes).map_err(|_| {
                Diagnostic::environment(path, "not-utf8", crate::text!("import-not-utf8"))
                    .hint(crate::text!("import-not-utf8-hint"))
            })?;
            let text = text.replace("\r\n", "\n");
            let text = strip_front_matter(&text);
            // A form feed is a page break (pdftotext writes them).
            let pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
            from_pages(Format::Text, &pages)
        }
    };
    if extracted.blocks.is_empty() {
        return Err(
            Diagnostic::environment(path, "import-no-text", crate::text!("import-empty"))
                .hint(crate::text!("import-no-text-hint")),
        );
    }
    Ok(extracted)
}

fn strip_front_matter(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        return &rest[end + 5..];
    }
    text
}

fn from_pages(format: Format, pages: &[String]) -> Extracted {
    let mut removed = Removed::default();
    let blocks = clean::pages_to_blocks(pages, &mut removed);
    Extracted {
        format,
        title: None,
        date: None,
        blocks,
        removed,
    }
}

/// What the editor asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The kind, if given.
    pub kind: Option<Kind>,
    /// Region slugs, if given (checked by the caller).
    pub regions: Vec<String>,
    /// The date, if given.
    pub date: Option<Date>,
    /// Today, for the source note.
    pub today: Option<Date>,
}

/// Where a guessed date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFrom {
    /// The first date in the text.
    Text,
    /// The file's creation date property.
    Properties,
}

/// A draft ready to be written.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Its kind.
    pub kind: Kind,
    /// Whether the kind was guessed (no `--kind`).
    pub kind_guessed: bool,
    /// Its title.
    pub title: String,
    /// Its path under the content folder.
    pub path: PathBuf,
    /// The whole file.
    pub text: String,
    /// What was guessed.
    pub guesses: Guesses,
    /// Where a date not given by `--date` came from.
    pub date_from: Option<DateFrom>,
    /// What cleaning removed.
    pub removed: Removed,
    /// Required fields left for the editor (`TÄYTÄ`).
    pub to_fill: Vec<&'static str>,
}

/// The kind a document reads as, from words of its title and opening, and its format.
pub fn guess_kind(title: &str, opening: &str, format: Format) -> Kind {
    let t = format!("{title} {opening}").to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["muistio", "pöytäkirja", "kokous", "haastattelu", "yhteenveto"]) {
        Kind::Memo
    } else if has(&["työpaja", "koonti", "kooste", "seminaari", "tilaisuu", "tapahtuma"]) {
        Kind::Workshop
    } else if has(&["palvelukuvaus", "palveluverkosto", "perhekeskusverkosto", "neuvola"]) {
        Kind::Service
    } else if has(&["toimintamalli", "pilotti", "kokeilu"]) {
        Kind::Pilot
    } else if format == Format::Pptx {
        Kind::Workshop
    } else {
        Kind::Memo
    }
}

/// The title and the body's blocks: the title property, else the first heading or the first
/// short line, which then leaves the body. Headings move so the body's top level is `##`.
fn title_and_body(ex: &Extracted) -> (String, Vec<Block>) {
    let mut blocks = ex.blocks.clone();
    // The first block when it is a heading or a short line; else a heading among the first
    // blocks (a photo's description may come first); else the first line's opening words.
    let short_first = match blocks.first() {
        Some(Block::Heading(..)) => true,
        Some(Block::Para(t)) => t.chars().count() <= 150,
        _ => false,
    };
    let heading = if short_first {
        Some(0)
    } else {
        blocks.iter().take(4).position(|b| matches!(b, Block::Heading(..)))
    };
    let title = match (&ex.title, heading, blocks.first()) {
        (Some(t), _, _) => {
            if let Some(i) = blocks.iter().take(4).position(|b| b.plain().trim() == t.trim()) {
                blocks.remove(i);
            }
            t.clone()
        }
        (None, Some(i), _) => blocks.remove(i).plain(),
        (None, None, Some(first)) => {
            let mut t = String::new();
            for w in first.plain().split_whitespace() {
                if t.chars().count() + w.chars().count() > 100 {
                    break;
                }
                if !t.is_empty() {
                    t.push(' ');
                }
                t.push_str(w);
            }
            t
        }
        (None, None, None) => String::new(),
    };
    if let Some(top) = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(l, _) => Some(*l),
            _ => None,
        })
        .min()
    {
        for b in &mut blocks {
            if let Block::Heading(l, _) = b {
                *l = (*l + 2).saturating_sub(top).min(6);
            }
        }
    }
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (title.trim_start_matches('#').trim().to_string(), blocks)
}

fn removed_note(r: &Removed) -> Option<String> {
    let mut parts = Vec::new();
    if r.page_numbers > 0 {
        parts.push(format!("sivunumerot ({} kpl)", r.page_numbers));
    }
    for (line, n) in &r.repeated {
        parts.push(format!("joka sivulla toistunut rivi ”{line}” ({n} kertaa)"));
    }
    if r.slide_furniture > 0 {
        parts.push(format!(
            "diojen alatunnisteet, päivämäärät ja numerot ({} kpl)",
            r.slide_furniture
        ));
    }
    let mut s = String::new();
    if !parts.is_empty() {
        s.push_str(&format!("Poistettu: {}.", parts.join("; ")));
    }
    if r.hyphenations > 0 || r.joined_lines > 0 {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&format!(
            "Yhdistetty rivinvaihdon katkaisemat kappaleet ({} riviä) ja tavutetut sanat ({} kpl).",
            r.joined_lines, r.hyphenations
        ));
    }
    (!s.is_empty()).then_some(s)
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|i| {
            if i.chars().all(|c| c.is_alphanumeric() || c == '-' || c == ' ') && !i.is_empty() {
                i.clone()
            } else {
                quote(i)
            }
        })
        .collect();
    format!("[{}]", quoted.join(", "))
}

/// The draft for one extracted file.
pub fn draft(file_name: &str, ex: &Extracted, req: &Request, names: &Names) -> Draft {
    let (mut title, body) = title_and_body(ex);
    if title.is_empty() {
        title = Path::new(file_name)
            .file_stem()
            .map(|s| s.to_string_lossy().replace(['_', '-'], " "))
            .unwrap_or_default();
    }
    let text: String = body.iter().map(Block::plain).collect::<Vec<_>>().join("\n");
    let opening: String = text.chars().take(400).collect();
    let kind = req.kind.unwrap_or_else(|| guess_kind(&title, &opening, ex.format));
    // A running header or footer names who wrote the document and for whom: it counts for
    // the guesses as the title does, though it left the body.
    let heading_text = std::iter::once(title.as_str())
        .chain(ex.removed.repeated.iter().map(|(l, _)| l.as_str()))
        .collect::<Vec<_>>()
        .join("\n");
    let guesses = guess::guess(&heading_text, &text, names);
    let (date, date_from) = match (&req.date, &guesses.date, &ex.date) {
        (Some(d), _, _) => (Some(*d), None),
        (None, Some((d, _)), _) => (Some(*d), Some(DateFrom::Text)),
        (None, None, Some(p)) => match Date::parse(p) {
            Ok(d) => (Some(d), Some(DateFrom::Properties)),
            Err(_) => (None, None),
        },
        _ => (None, None),
    };
    let regions: Vec<String> = if req.regions.is_empty() {
        guesses.regions.iter().map(|(r, _)| r.clone()).collect()
    } else {
        req.regions.clone()
    };
    let themes: Vec<String> = guesses.themes.iter().map(|(t, _)| t.clone()).collect();
    let mut fm = String::from("---\n");
    fm.push_str(&format!(
        "# lape import {}: {}. Rivit, joissa lukee ARVAUS, ovat ohjelman ehdotuksia tekstin perusteella:\n\
         # tarkista ne, täytä TÄYTÄ-kohdat ja poista draft-rivi, kun dokumentti on valmis julkaistavaksi.\n",
        req.today.map(|d| d.finnish()).unwrap_or_default(),
        file_name.replace('\n', " "),
    ));
    let mut to_fill = Vec::new();
    let guess_mark = |given: bool, why: String| {
        if given {
            String::new()
        } else {
            format!("  # ARVAUS: {why}")
        }
    };
    for f in FIELDS.iter().filter(|f| f.kinds.contains(&kind)) {
        let required = f.required.contains(&kind);
        let line = match f.name {
            "title" => Some(format!(
                "title: {}{}",
                quote(&title),
                guess_mark(
                    false,
                    if ex.title.is_some() {
                        "asiakirjan otsikko".into()
                    } else {
                        "ensimmäinen rivi tai otsikko".into()
                    }
                )
            )),
            "date" if kind.is_dated() => match (date, &guesses.date) {
                (Some(d), _) if req.date.is_some() => Some(format!("date: {}", d.iso())),
                (Some(d), Some((_, written))) if date_from == Some(DateFrom::Text) => Some(format!(
                    "date: {}  # ARVAUS: tekstin ensimmäinen päivämäärä ”{written}”",
                    d.iso()
                )),
                (Some(d), _) => Some(format!("date: {}  # ARVAUS: tiedoston luontipäivä", d.iso())),
                (None, _) => None,
            },
            "regions" if !regions.is_empty() => Some(format!(
                "regions: {}{}",
                list(&regions),
                guess_mark(
                    !req.regions.is_empty(),
                    format!(
                        "mainintoja {}",
                        guesses
                            .regions
                            .iter()
                            .map(|(r, n)| format!("{r} {n}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                )
            )),
            "themes" if !themes.is_empty() => {
                Some(format!("themes: {}  # ARVAUS: teemojen nimet tekstissä", list(&themes)))
            }
            "municipalities" if !guesses.municipalities.is_empty() => Some(format!(
                "municipalities: {}  # ARVAUS: kuntien nimet tekstissä",
                list(&guesses.municipalities)
            )),
            "draft" => Some("draft: true".to_string()),
            "source" => {
                let mut s = format!("source:\n  title: {}\n  file: {}\n", quote(&title), quote(file_name));
                if let Some(d) = date {
                    s.push_str(&format!("  date: {}\n", d.iso()));
                }
                let mut notes = vec![format!(
                    "Tuotu lape importilla{}.",
                    req.today.map(|d| format!(" {}", d.finnish())).unwrap_or_default()
                )];
                notes.extend(removed_note(&ex.removed));
                s.push_str("  notes:\n");
                for n in notes {
                    s.push_str(&format!("    - {}\n", quote(&n)));
                }
                Some(s.trim_end().to_string())
            }
            "type" => None,
            _ if required => {
                to_fill.push(f.name);
                Some(crate::scaffold::to_fill(f))
            }
            _ => None,
        };
        if let Some(l) = line {
            fm.push_str(&l);
            fm.push('\n');
        }
    }
    fm.push_str("---\n\n");
    let text = fm + &blocks::to_markdown(&body, "Puhujan muistiinpanot");
    let slug = slugify(&title);
    let slug = if slug.is_empty() { "tuotu".to_string() } else { slug };
    let slug: String = slug
        .chars()
        .take(80)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string();
    let name = match date.filter(|_| kind.is_dated()) {
        Some(d) => format!("{}-{slug}.md", d.iso()),
        None => format!("{slug}.md"),
    };
    Draft {
        kind,
        kind_guessed: req.kind.is_none(),
        title,
        path: Path::new(kind.folder()).join(name),
        text,
        guesses,
        date_from,
        removed: ex.removed.clone(),
        to_fill,
    }
}

/// Writes a draft under `content_dir`; never overwrites.
pub fn write(content_dir: &Path, draft: &Draft) -> Result<PathBuf, Diagnostic> {
    use std::io::Write;
    let path = content_dir.join(&draft.path);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| unreadable(dir, e))?;
    }
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(
                Diagnostic::environment(&path, "import-exists", crate::text!("import-exists"))
                    .hint(crate::text!("import-exists-hint")),
            );
        }
        Err(e) => return Err(unreadable(&path, e)),
    };
    if let Err(e) = file.write_all(draft.text.as_bytes()) {
        drop(file);
        let _ = std::fs::remove_file(&path);
        return Err(unreadable(&path, e));
    }
    Ok(path)
}
