//! Writing the site without ever leaving half of one behind.
//!
//! Every build writes into a staging folder beside the output folder and swaps it in only when
//! the whole build succeeded. A build that fails (or is killed) leaves the previous output as it
//! was; the next build clears any staging leftovers and restores an output that a crash caught
//! in the middle of the swap.
//!
//! Old trees are not deleted in the build's path: deleting ten thousand files costs seconds on a
//! disk mounted with `discard`. They are renamed to a `.<name>.lape-trash-*` folder (one cheap
//! rename) and removed by a background thread, which the next build resumes if a process ended
//! before its thread finished.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Where rendered files go: a staging folder for `build`, a generation folder for `serve`.
pub trait Sink: Sync {
    /// Writes one file at a path relative to the site root (`muistiot/x/index.html`).
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;

    /// Writes one file of many into one folder: tries the write first and makes the folder only
    /// when it is missing (one system call per file instead of two).
    fn write_many(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.write(rel, bytes)
    }

    /// Renames a folder of the output (replacing an empty or missing `to`).
    fn rename(&self, from: &str, to: &str) -> io::Result<()>;

    /// Removes one file that the site no longer has (a deleted document's page), and its
    /// folder when that is left empty; a file already gone is no error.
    fn remove(&self, rel: &str) -> io::Result<()>;
}

fn remove_under(dir: &Path, rel: &str) -> io::Result<()> {
    let rel = rel.trim_start_matches('/');
    if rel.split('/').any(|c| c == "..") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to remove outside the site: {rel}"),
        ));
    }
    let path = dir.join(rel);
    match fs::remove_file(&path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    // Folders left empty go too, up to the site root, as a full build would not have them.
    let mut folder = path.parent();
    while let Some(f) = folder {
        if f == dir || fs::remove_dir(f).is_err() {
            break;
        }
        folder = f.parent();
    }
    Ok(())
}

fn rename_under(dir: &Path, from: &str, to: &str) -> io::Result<()> {
    let (from, to) = (from.trim_start_matches('/'), to.trim_start_matches('/'));
    if from.split('/').chain(to.split('/')).any(|c| c == "..") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "refusing to rename outside the site",
        ));
    }
    let target = dir.join(to);
    if target.is_dir() {
        // A leftover of an interrupted run: the new folder takes its place.
        fs::remove_dir_all(&target)?;
    }
    fs::rename(dir.join(from), target)
}

/// Writes `bytes` to `dir/rel`, creating folders, refusing paths that climb out of `dir`.
fn write_under(dir: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
    let rel = rel.trim_start_matches('/');
    if rel.split('/').any(|c| c == "..") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write outside the site: {rel}"),
        ));
    }
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        // Most pages are the only file in a new folder whose parent exists: try the one
        // mkdir first and walk up only when that fails.
        match fs::create_dir(parent) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(_) => fs::create_dir_all(parent)?,
        }
    }
    fs::write(path, bytes)
}

/// What a file being written is named after: `<name>.lape-tmp-<pid>` until it is renamed.
const TEMP_MARK: &str = ".lape-tmp-";

/// Whether a file name is one of ours half-written (the watcher ignores them).
pub fn is_temp_name(name: &str) -> bool {
    name.contains(TEMP_MARK)
}

/// A plain folder as a sink; each file is replaced atomically (written beside, then renamed),
/// so a reader never sees half a file.
pub struct DirSink {
    /// The folder.
    pub dir: PathBuf,
}

impl Sink for DirSink {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let tmp = format!("{}{TEMP_MARK}{}", rel.trim_start_matches('/'), std::process::id());
        write_under(&self.dir, &tmp, bytes)?;
        fs::rename(self.dir.join(&tmp), self.dir.join(rel.trim_start_matches('/')))
    }

    fn rename(&self, from: &str, to: &str) -> io::Result<()> {
        rename_under(&self.dir, from, to)
    }

    fn remove(&self, rel: &str) -> io::Result<()> {
        remove_under(&self.dir, rel)
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        write_under(&self.dir, rel, bytes)
    }

    fn rename(&self, from: &str, to: &str) -> io::Result<()> {
        rename_under(&self.dir, from, to)
    }

    fn remove(&self, rel: &str) -> io::Result<()> {
        remove_under(&self.dir, rel)
    }

    fn write_many(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let trimmed = rel.trim_start_matches('/');
        if trimmed.split('/').any(|c| c == "..") {
            return write_under(&self.dir, rel, bytes);
        }
        match fs::write(self.dir.join(trimmed), bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => write_under(&self.dir, rel, bytes),
            other => other,
        }
    }
}

/// A folder being filled with the next version of the output.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    done: bool,
}

fn sibling(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| OsString::from("public"), OsString::from);
    let mut s = OsString::from(".");
    s.push(&name);
    s.push(format!(".lape-{tag}"));
    target.with_file_name(s)
}

fn prefix_of(target: &Path, tag: &str) -> Option<String> {
    let name = target.file_name()?.to_str()?;
    Some(format!(".{name}.lape-{tag}"))
}

static TRASH_SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Moves a tree out of the way with one rename and deletes it on a background thread.
fn discard(target: &Path, dir: &Path) -> io::Result<()> {
    let n = TRASH_SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let trash = sibling(target, &format!("trash-{}-{n}", std::process::id()));
    fs::rename(dir, &trash)?;
    sweep_in_background(vec![trash]);
    Ok(())
}

fn sweep_in_background(dirs: Vec<PathBuf>) {
    if dirs.is_empty() {
        return;
    }
    // Best effort: whatever a finished process leaves behind, the next build sweeps again.
    let _ = std::thread::Builder::new().name("lape-sweep".into()).spawn(move || {
        for d in dirs {
            let _ = fs::remove_dir_all(d);
        }
    });
}

/// Clears staging leftovers of killed builds, restores an output a crash left mid-swap, and
/// sweeps old trees away in the background.
pub fn recover(target: &Path) -> io::Result<()> {
    let Some(parent) = target.parent().filter(|p| p.is_dir()) else {
        return Ok(());
    };
    let staging = prefix_of(target, "staging-");
    let old = prefix_of(target, "old-");
    let trash = prefix_of(target, "trash-");
    let mut sweep = Vec::new();
    for entry in fs::read_dir(parent)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let is = |p: &Option<String>| p.as_deref().is_some_and(|p| name.starts_with(p));
        if is(&staging) {
            discard(target, &entry.path())?;
        } else if is(&old) {
            if target.exists() {
                discard(target, &entry.path())?;
            } else {
                fs::rename(entry.path(), target)?;
            }
        } else if is(&trash) {
            sweep.push(entry.path());
        }
    }
    sweep_in_background(sweep);
    Ok(())
}

impl Staging {
    /// Starts a new staging folder for `target`, cleaning up after earlier crashed builds.
    pub fn begin(target: &Path) -> io::Result<Staging> {
        if let Some(parent) = target.parent()
            && !parent.as_os_str().is_empty()
        {
            fs::create_dir_all(parent)?;
        }
        recover(target)?;
        let dir = sibling(target, &format!("staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            done: false,
        })
    }

    /// The staging folder itself, for writers that fill whole trees (the search index).
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Swaps the staging folder in as the output; the old output is removed afterwards.
    pub fn commit(mut self) -> io::Result<()> {
        let old = sibling(&self.target, &format!("old-{}", std::process::id()));
        let had_old = self.target.exists();
        if had_old {
            fs::rename(&self.target, &old)?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.done = true;
        if had_old {
            discard(&self.target, &old)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done && discard(&self.target, &self.dir).is_err() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Bytes of all files under `p` (for the index and the benchmarks' size figures).
pub fn dir_size(p: &Path) -> u64 {
    walkdir::WalkDir::new(p)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// Every file under `from` (relative path with `/`, bytes), read now: a build copies the theme's
/// static files as they were when it started, like its templates, not as they are when it ends.
pub fn read_tree(from: &Path) -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    if !from.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(from).follow_links(false) {
        let entry = entry.map_err(io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        files.push((rel.to_string_lossy().replace('\\', "/"), fs::read(entry.path())?));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries in a folder once background sweeps have finished (bounded wait).
    fn settled_count(dir: &Path) -> usize {
        for _ in 0..200 {
            let n = fs::read_dir(dir).unwrap().count();
            if n <= 1 {
                return n;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn failed_build_keeps_old_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::begin(&out).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        let s = Staging::begin(&out).unwrap();
        s.write("a/index.html", b"two").unwrap();
        drop(s);
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        assert_eq!(settled_count(tmp.path()), 1);
    }

    #[test]
    fn crash_mid_swap_is_recovered() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let old = tmp.path().join(".public.lape-old-999");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("x"), b"kept").unwrap();
        fs::create_dir_all(tmp.path().join(".public.lape-staging-998")).unwrap();
        recover(&out).unwrap();
        assert_eq!(fs::read(out.join("x")).unwrap(), b"kept");
        assert_eq!(settled_count(tmp.path()), 1);
    }

    #[test]
    fn no_escape_from_site() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Staging::begin(&tmp.path().join("public")).unwrap();
        let s: &dyn Sink = &s;
        assert!(s.write("../evil", b"x").is_err());
    }
}
