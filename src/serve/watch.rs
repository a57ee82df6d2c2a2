//! What a burst of file events means for the site: a pure function, tested without a watcher.

use crate::load::is_ignored_name;
use std::path::{Path, PathBuf};

/// What has to be rebuilt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Nothing the site depends on.
    None,
    /// Only these Markdown files changed in place (paths relative to the root).
    Documents(Vec<PathBuf>),
    /// Something that needs a full build: a template, book.toml, or files added or removed.
    Everything,
}

/// Folds the paths of a burst of events into one [`Change`].
/// `created_or_removed` marks bursts in which files appeared or disappeared.
pub fn classify(root: &Path, content: &Path, themes: &Path, paths: &[PathBuf], created_or_removed: bool) -> Change {
    let mut docs: Vec<PathBuf> = Vec::new();
    let mut everything = false;
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Editors' swap and backup files (.x.swp, x~, #x#, 4913) are no change to the site.
        // Our own half-written files too (`<name>.lape-tmp-<pid>`, see `output::DirSink`).
        if is_ignored_name(name) || name == "4913" || crate::output::is_temp_name(name) {
            continue;
        }
        if p.starts_with(root.join(".lape"))
            || p.components()
                .any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with(".public")))
        {
            continue;
        }
        if p == &root.join(crate::config::FILE_NAME) || p.starts_with(themes) {
            everything = true;
        } else if p.starts_with(content) {
            if p.extension().is_some_and(|e| e == "md") {
                let rel = p.strip_prefix(root).unwrap_or(p).to_path_buf();
                if !docs.contains(&rel) {
                    docs.push(rel);
                }
            } else if p.extension().is_none() {
                // A folder appeared or went away.
                everything = true;
            }
        }
    }
    if everything || (created_or_removed && !docs.is_empty()) {
        Change::Everything
    } else if docs.is_empty() {
        Change::None
    } else {
        Change::Documents(docs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(paths: &[&str], created: bool) -> Change {
        let root = Path::new("/s");
        let v: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        classify(root, &root.join("content"), &root.join("themes"), &v, created)
    }

    #[test]
    fn our_half_written_files_are_no_change() {
        // The sink names them `<name>.lape-tmp-<pid>`; the watcher once looked for `.lape-tmp`.
        assert_eq!(c(&["/s/themes/default/style.css.lape-tmp-4242"], true), Change::None);
        assert_eq!(c(&["/s/content/memos/a.md.lape-tmp-7"], true), Change::None);
    }

    #[test]
    fn kinds_of_change() {
        assert_eq!(
            c(&["/s/content/memos/a.md"], false),
            Change::Documents(vec![PathBuf::from("content/memos/a.md")])
        );
        assert_eq!(
            c(
                &[
                    "/s/content/memos/.a.md.swp",
                    "/s/content/memos/a.md~",
                    "/s/content/memos/4913"
                ],
                false
            ),
            Change::None
        );
        assert_eq!(c(&["/s/themes/default/templates/base.html"], false), Change::Everything);
        assert_eq!(c(&["/s/book.toml"], false), Change::Everything);
        assert_eq!(c(&["/s/content/memos/new.md"], true), Change::Everything);
        assert_eq!(c(&["/s/public/index.html", "/s/.lape/serve/x"], false), Change::None);
    }
}
