//! `updated` dates from git: the date of the last commit that changed each file after the
//! commit that added it.
//!
//! A file that was only added has no such date: the bank's seed documents were imported in
//! one commit, and showing that commit's date as "Päivitetty" made a 2016 memo look revised
//! last week. One `git log` pass for the whole content folder, not one process per file. Outside a git
//! repository, or without git, there are simply no dates.

use crate::model::Date;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Date of the last edit of each edited file under `content_dir`, keyed by path relative to
/// `root`.
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

/// Reads `git log --format=%x00%cs --name-only` output. The newest commit comes first, so the
/// first date seen for a file is its last change; a file named by one commit only was added
/// and never edited (with `--no-renames`, a move is an add too).
pub fn parse_log(log: &str, prefix: &Path) -> HashMap<PathBuf, Date> {
    let mut seen: HashMap<PathBuf, (Date, usize)> = HashMap::new();
    let mut current: Option<Date> = None;
    for line in log.lines() {
        if let Some(stamp) = line.strip_prefix('\0') {
            current = Date::parse(stamp.trim()).ok();
        } else if let (false, Some(d)) = (line.is_empty(), current) {
            seen.entry(prefix.join(line)).or_insert((d, 0)).1 += 1;
        }
    }
    seen.into_iter()
        .filter(|(_, (_, commits))| *commits > 1)
        .map(|(path, (date, _))| (path, date))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_edit_wins_and_a_file_only_added_has_no_date() {
        let log = "\x002020-06-06\n\nmemos/a.md\n\x002019-05-05\n\nmemos/a.md\nmemos/päijät.md\n";
        let d = parse_log(log, Path::new("content"));
        assert_eq!(d[&PathBuf::from("content/memos/a.md")].iso(), "2020-06-06");
        assert!(!d.contains_key(&PathBuf::from("content/memos/päijät.md")), "only added");
    }
}
