//! `updated` dates from git: the date of the last commit that touched each file.
//!
//! One `git log` pass for the whole content folder, not one process per file. Outside a git
//! repository, or without git, there are simply no dates.

use crate::model::Date;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Last commit date of each file under `content_dir`, keyed by path relative to `root`.
pub fn last_commit_dates(root: &Path, content_dir: &Path) -> HashMap<PathBuf, Date> {
    let out = Command::new("git")
        .args([
            "-c",
            "core.quotePath=false",
            "log",
            "--format=%x00%cs",
            "--name-only",
            "--relative",
            "--no-renames",
            "--",
            ".",
        ])
        .current_dir(content_dir)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output();
    let Ok(out) = out else { return HashMap::new() };
    if !out.status.success() {
        return HashMap::new();
    }
    let prefix = content_dir
        .strip_prefix(root)
        .unwrap_or(Path::new("content"))
        .to_path_buf();
    parse_log(&String::from_utf8_lossy(&out.stdout), &prefix)
}

/// Reads `git log --format=%x00%cs --name-only` output; the newest commit comes first, so the
/// first date seen for a file is its last change.
pub fn parse_log(log: &str, prefix: &Path) -> HashMap<PathBuf, Date> {
    let mut dates = HashMap::new();
    let mut current: Option<Date> = None;
    for line in log.lines() {
        if let Some(stamp) = line.strip_prefix('\0') {
            current = Date::parse(stamp.trim()).ok();
        } else if let (false, Some(d)) = (line.is_empty(), current) {
            dates.entry(prefix.join(line)).or_insert(d);
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_commit_wins() {
        let log = "\x002020-06-06\n\nmemos/a.md\n\x002019-05-05\n\nmemos/a.md\nmemos/päijät.md\n";
        let d = parse_log(log, Path::new("content"));
        assert_eq!(d[&PathBuf::from("content/memos/a.md")].iso(), "2020-06-06");
        assert_eq!(d[&PathBuf::from("content/memos/päijät.md")].iso(), "2019-05-05");
    }
}
