//! What Word and PowerPoint files share: a zip of XML parts, relationships, and the core
//! properties (title, dates).

use super::xml::{self, Element};
use std::collections::HashMap;
use std::io::Read;

/// An opened Office file.
pub struct Package {
    zip: zip::ZipArchive<std::io::Cursor<Vec<u8>>>,
}

/// The largest part we read: a Word text is kilobytes, a part of hundreds of megabytes is
/// not a document but a zip bomb.
const MAX_PART: u64 = 64 * 1024 * 1024;

impl Package {
    /// Opens the bytes of a .docx or .pptx.
    pub fn open(bytes: Vec<u8>) -> Result<Package, String> {
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("not a zip file ({e})"))?;
        Ok(Package { zip })
    }

    /// A part's text, if the package has it.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, String> {
        let mut file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("{name}: {e}")),
        };
        if file.size() > MAX_PART {
            return Err(format!("{name} is larger than {} MB", MAX_PART / 1024 / 1024));
        }
        let mut s = String::new();
        file.by_ref()
            .take(MAX_PART)
            .read_to_string(&mut s)
            .map_err(|e| format!("{name}: {e}"))?;
        Ok(Some(s))
    }

    /// A part parsed, if the package has it.
    pub fn xml(&mut self, name: &str) -> Result<Option<Element>, String> {
        match self.text(name)? {
            Some(t) => xml::parse(&t).map(Some).map_err(|e| format!("{name}: {e}")),
            None => Ok(None),
        }
    }

    /// The relationships of a part (`word/document.xml` → `word/_rels/document.xml.rels`):
    /// id to target, targets resolved against the part's folder unless external.
    pub fn relationships(&mut self, part: &str) -> Result<HashMap<String, String>, String> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let mut out = HashMap::new();
        let Some(root) = self.xml(&rels)? else {
            return Ok(out);
        };
        for r in root.elements().filter(|e| e.name == "Relationship") {
            let (Some(id), Some(target)) = (r.attr("Id"), r.attr("Target")) else {
                continue;
            };
            let target = if r.attr("TargetMode") == Some("External") {
                target.to_string()
            } else {
                resolve(dir, target)
            };
            out.insert(id.to_string(), target);
        }
        Ok(out)
    }

    /// The title and the creation date of the core properties, when set.
    pub fn core(&mut self) -> (Option<String>, Option<String>) {
        let Ok(Some(core)) = self.xml("docProps/core.xml") else {
            return (None, None);
        };
        let title = core
            .child("title")
            .map(|t| t.text().trim().to_string())
            .filter(|t| !t.is_empty());
        let date = core
            .child("created")
            .or_else(|| core.child("modified"))
            .map(|d| d.text().trim().chars().take(10).collect::<String>())
            .filter(|d| d.len() == 10);
        (title, date)
    }
}

/// `../media/x.png` against `word` is `media/x.png`.
fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = if dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn targets_resolve_against_the_part() {
        assert_eq!(
            super::resolve("ppt/slides", "../notesSlides/notesSlide1.xml"),
            "ppt/notesSlides/notesSlide1.xml"
        );
        assert_eq!(super::resolve("ppt", "slides/slide1.xml"), "ppt/slides/slide1.xml");
        assert_eq!(super::resolve("word", "/word/media/a.png"), "word/media/a.png");
    }
}
