//! Finds the bank's source files under `content/` and reads them as text.
//!
//! The folder a file sits in gives its kind. Reading is the only I/O of the front end; every
//! later stage works on the strings read here.

use crate::diag::{Diagnostic, line_col};
use crate::model::Kind;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A Markdown file read from disk, not yet parsed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, for messages and links.
    pub path: PathBuf,
    /// The kind given by its folder.
    pub kind: Kind,
    /// Text with a byte-order mark removed and line endings normalised to `\n`.
    pub text: String,
}

/// Whether a file name belongs to an editor's temporary or hidden files.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.starts_with("~$")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

/// Lists the Markdown files of each kind folder and reads them in parallel.
pub fn load(root: &Path, content_dir: &Path, max_bytes: u64) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let (found, mut problems) = list(root, content_dir);
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let read: Vec<Result<SourceFile, Diagnostic>> = found
        .par_iter()
        .map(|(path, kind)| read_one(path, &rel(path), *kind, max_bytes))
        .collect();
    let mut files = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(f) => files.push(f),
            Err(d) => problems.push(d),
        }
    }
    (files, problems)
}

/// The Markdown files of the content folder with their kinds, in the order a build reads them
/// (by file name, folder by folder), without reading them; problems with the folder itself.
pub fn list(root: &Path, content_dir: &Path) -> (Vec<(PathBuf, Kind)>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    if !content_dir.is_dir() {
        problems.push(
            Diagnostic::error(&rel(content_dir), 0, "no-content", crate::text!("no-content"))
                .hint(crate::text!("no-content-hint")),
        );
        return (Vec::new(), problems);
    }
    let mut found: Vec<(PathBuf, Kind)> = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(is_ignored_name));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map_or_else(|| rel(content_dir), rel);
                problems.push(
                    Diagnostic::environment(&path, "io-error", crate::text!("cannot-read", error = e))
                        .hint(crate::text!("check-permissions")),
                );
                continue;
            }
        };
        let path = entry.path();
        let is_md = path.extension().is_some_and(|x| x.eq_ignore_ascii_case("md"));
        if !is_md || entry.file_type().is_dir() {
            continue;
        }
        if entry.path_is_symlink() {
            problems.push(
                Diagnostic::warning(&rel(path), 0, "symlink-skipped", crate::text!("symlink-skipped"))
                    .hint(crate::text!("symlink-skipped-hint")),
            );
            continue;
        }
        // A pipe or device named x.md would block the read forever.
        if !entry.file_type().is_file() {
            problems.push(
                Diagnostic::warning(&rel(path), 0, "not-a-file", crate::text!("not-a-file"))
                    .hint(crate::text!("not-a-file-hint")),
            );
            continue;
        }
        let inner = path.strip_prefix(content_dir).unwrap_or(path);
        let mut comps = inner.components();
        let folder = comps.next().and_then(|c| c.as_os_str().to_str()).unwrap_or("");
        let kind = if comps.next().is_some() {
            Kind::from_folder(folder)
        } else {
            None
        };
        match kind {
            Some(kind) => found.push((path.to_path_buf(), kind)),
            None => problems.push(
                Diagnostic::warning(&rel(path), 0, "unknown-folder", crate::text!("unknown-folder"))
                    .hint(crate::text!("unknown-folder-hint")),
            ),
        }
    }
    (found, problems)
}

/// Reads one file (`abs`, shown as `rel`) of a kind, refusing one larger than `max_bytes` or
/// not in UTF-8.
pub fn read_one(abs: &Path, rel: &Path, kind: Kind, max_bytes: u64) -> Result<SourceFile, Diagnostic> {
    use std::io::Read;
    let io = |e: std::io::Error| {
        Diagnostic::environment(rel, "io-error", crate::text!("cannot-read", error = e))
            .hint(crate::text!("check-permissions"))
    };
    let file = std::fs::File::open(abs).map_err(io)?;
    // Sized from the file's length, the read is one system call (and one for the end) rather
    // than one per doubling of the buffer.
    let len = file.metadata().map_or(0, |m| m.len()).min(max_bytes);
    let mut bytes = Vec::with_capacity(len as usize + 1);
    // Read at most one byte past the limit: a file that grows while it is read is caught too.
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Diagnostic::error(
            rel,
            0,
            "file-too-large",
            crate::text!("file-too-large", limit = max_bytes),
        )
        .hint(crate::text!("file-too-large-hint")));
    }
    let text = decode(rel, bytes)?;
    Ok(SourceFile {
        path: rel.to_path_buf(),
        kind,
        text,
    })
}

/// Decodes UTF-8 (with or without a byte-order mark) and normalises line endings to `\n`.
pub fn decode(rel: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let valid = String::from_utf8_lossy(&bytes[..bad]);
            let (line, col) = line_col(&valid, valid.len());
            let hint = if bytes.len() >= 2 && (bytes[..2] == [0xff, 0xfe] || bytes[..2] == [0xfe, 0xff]) {
                crate::text!("not-utf8-utf16")
            } else {
                crate::text!("not-utf8-hint")
            };
            return Err(
                Diagnostic::error(rel, line, "not-utf8", crate::text!("not-utf8", byte = bad))
                    .col(col)
                    .hint(hint),
            );
        }
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_located() {
        let d = decode(Path::new("x.md"), b"---\ntitle: P\xe4ij\xe4t\n".to_vec()).unwrap_err();
        assert_eq!((d.line, d.column, d.code), (2, 9, "not-utf8"));
    }

    #[test]
    fn bom_and_crlf() {
        let t = decode(Path::new("x.md"), "\u{feff}---\r\na\r\n".as_bytes().to_vec()).unwrap();
        assert_eq!(t, "---\na\n");
    }
}
