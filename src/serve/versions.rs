//! The preview's folder, rewritten in place, with every page served together with the
//! stylesheet and scripts of its own build.
//!
//! The session rewrites only the files an edit changed, in the one served folder. Each rebuild
//! is a generation; the folder remembers in which generation each file was last written, and
//! before a file is overwritten or removed, its old version is hard-linked into the shadow
//! folder of the generation it belonged to. A page is served with its assets pinned to its own
//! generation (`/__lape/gen/<n>/static/style.css`), and an asset is looked up as it was then:
//! a page loaded just before a rebuild rewrote the stylesheet still gets the old one, a page
//! rewritten by the rebuild gets the new one, even while the rebuild is still writing.

use crate::output::{DirSink, Sink};
use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};

/// Generations whose shadows are kept: a page loaded this many rebuilds ago still gets its own
/// stylesheet.
const KEPT: u64 = 3;

#[derive(Default)]
struct Book {
    /// The generation being written (the last finished one when no rebuild runs).
    building: u64,
    /// Generation of each file's last write, by path relative to the folder.
    written: HashMap<String, u64>,
}

/// The served folder and its generations.
pub struct Versions {
    live: DirSink,
    shadows: PathBuf,
    book: RwLock<Book>,
    /// Files whose old version this generation already keeps.
    kept: Mutex<HashSet<String>>,
}

impl Versions {
    /// Serves `live`, keeping old versions under `shadows`.
    pub fn new(live: PathBuf, shadows: PathBuf) -> Versions {
        Versions {
            live: DirSink { dir: live },
            shadows,
            book: RwLock::new(Book::default()),
            kept: Mutex::new(HashSet::new()),
        }
    }

    /// The served folder.
    pub fn dir(&self) -> &Path {
        &self.live.dir
    }

    /// Starts the next generation: what is written from now on belongs to it.
    pub fn begin(&self) {
        if let Ok(mut b) = self.book.write() {
            b.building += 1;
            let old = b.building.saturating_sub(KEPT + 1);
            // Shadows of generations no page is pinned to any more.
            for n in old.saturating_sub(KEPT)..=old {
                let _ = std::fs::remove_dir_all(self.shadow(n));
            }
        }
        if let Ok(mut k) = self.kept.lock() {
            k.clear();
        }
    }

    fn shadow(&self, generation: u64) -> PathBuf {
        self.shadows.join(generation.to_string())
    }

    /// Keeps the current version of `rel` in the shadow of the generation that wrote it, once
    /// per generation.
    fn keep_old(&self, rel: &str) {
        let first = self.kept.lock().map(|mut k| k.insert(rel.to_string())).unwrap_or(false);
        if !first {
            return;
        }
        let from = self.live.dir.join(rel);
        if !from.is_file() {
            return;
        }
        let generation = self.book.read().map_or(0, |b| b.building.saturating_sub(1));
        let to = self.shadow(generation).join(rel);
        if let Some(parent) = to.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        if std::fs::hard_link(&from, &to).is_err() {
            let _ = std::fs::copy(&from, &to);
        }
    }

    /// The generation the current version of `rel` belongs to.
    pub fn current(&self, rel: &str) -> u64 {
        self.book.read().map_or(0, |b| b.written.get(rel).copied().unwrap_or(0))
    }

    /// The bytes of `rel` and the generation they belong to, read as one (no write lands
    /// between the two).
    pub fn read_current(&self, rel: &str) -> Option<(Vec<u8>, u64)> {
        let b = self.book.read().ok()?;
        let bytes = std::fs::read(self.live.dir.join(rel)).ok()?;
        Some((bytes, b.written.get(rel).copied().unwrap_or(0)))
    }

    /// `rel` as it was when generation `generation` was written: the live file if nothing
    /// rewrote it since, else the version the first rewrite after it kept.
    pub fn as_of(&self, rel: &str, generation: u64) -> PathBuf {
        let Ok(b) = self.book.read() else {
            return self.live.dir.join(rel);
        };
        if b.written.get(rel).copied().unwrap_or(0) <= generation {
            return self.live.dir.join(rel);
        }
        (generation..b.building)
            .map(|n| self.shadow(n).join(rel))
            .find(|p| p.is_file())
            .unwrap_or_else(|| self.live.dir.join(rel))
    }
}

fn clean(rel: &str) -> &str {
    rel.trim_start_matches('/')
}

impl Sink for Versions {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let rel = clean(rel);
        self.keep_old(rel);
        // The file and its generation change together, so a reader never sees the new file
        // with the old generation or the other way round.
        let mut b = self.book.write().map_err(|_| io::Error::other("lock"))?;
        self.live.write(rel, bytes)?;
        let n = b.building;
        b.written.insert(rel.to_string(), n);
        Ok(())
    }

    fn rename(&self, from: &str, to: &str) -> io::Result<()> {
        self.live.rename(from, to)
    }

    fn remove(&self, rel: &str) -> io::Result<()> {
        let rel = clean(rel);
        self.keep_old(rel);
        let mut b = self.book.write().map_err(|_| io::Error::other("lock"))?;
        self.live.remove(rel)?;
        let n = b.building;
        b.written.insert(rel.to_string(), n);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_as_it_was_in_each_generation() {
        let tmp = tempfile::tempdir().unwrap();
        let v = Versions::new(tmp.path().join("live"), tmp.path().join("shadows"));
        let read = |p: PathBuf| std::fs::read_to_string(p).unwrap_or_default();
        v.begin();
        v.write("static/a.css", b"one").unwrap();
        v.write("x/index.html", b"page one").unwrap();
        v.begin();
        v.write("x/index.html", b"page two").unwrap();
        v.begin();
        v.write("static/a.css", b"three").unwrap();
        v.remove("x/index.html").unwrap();
        assert_eq!(read(v.as_of("static/a.css", 1)), "one");
        assert_eq!(read(v.as_of("static/a.css", 2)), "one");
        assert_eq!(read(v.as_of("static/a.css", 3)), "three");
        assert_eq!(read(v.as_of("x/index.html", 1)), "page one");
        assert_eq!(read(v.as_of("x/index.html", 2)), "page two");
        assert_eq!(v.current("static/a.css"), 3);
        assert_eq!(v.read_current("static/a.css"), Some((b"three".to_vec(), 3)));
        assert!(!tmp.path().join("live/x").exists(), "an emptied folder goes");
    }
}
