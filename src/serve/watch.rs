//! Which paths of a burst of file events the site depends on: a pure function, tested without
//! a watcher.

use crate::load::is_ignored_name;
use std::path::{Path, PathBuf};

/// The paths of a burst of events that the site depends on: the configuration, the theme and
/// the content. What each change means is the session's business.
pub fn relevant(root: &Path, content: &Path, themes: &Path, paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Editors' swap and backup files (.x.swp, x~, #x#, 4913) are no change to the site.
        // Our own half-written files too (`<name>.lape-tmp-<pid>`, see `output::DirSink`).
        if is_ignored_name(name) || name == "4913" || crate::output::is_temp_name(name) {
            continue;
        }
        let site_file = p == &root.join(crate::config::FILE_NAME) || p.starts_with(themes) || p.starts_with(content);
        if site_file && !out.contains(p) {
            out.push(p.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(paths: &[&str]) -> Vec<PathBuf> {
        let root = Path::new("/s");
        let v: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        relevant(root, &root.join("content"), &root.join("themes"), &v)
    }

    #[test]
    fn our_half_written_files_are_no_change() {
        // The sink names them `<name>.lape-tmp-<pid>`; the watcher once looked for `.lape-tmp`.
        assert!(r(&["/s/themes/default/style.css.lape-tmp-4242"]).is_empty());
        assert!(r(&["/s/content/memos/a.md.lape-tmp-7"]).is_empty());
    }

    #[test]
    fn what_the_site_depends_on() {
        assert_eq!(
            r(&["/s/content/memos/a.md", "/s/content/memos/a.md"]),
            [PathBuf::from("/s/content/memos/a.md")]
        );
        assert!(
            r(&[
                "/s/content/memos/.a.md.swp",
                "/s/content/memos/a.md~",
                "/s/content/memos/4913"
            ])
            .is_empty()
        );
        assert_eq!(r(&["/s/themes/default/templates/base.html"]).len(), 1);
        assert_eq!(r(&["/s/book.toml"]).len(), 1);
        assert!(r(&["/s/public/index.html", "/s/.lape/serve/x", "/s/README.md"]).is_empty());
    }
}
