//! The real bank's whole output, in all three interface languages, against a recorded manifest
//! of every file's size and fingerprint: a refactor must not change a byte of what readers get.
//!
//! When a change to the output is meant (new content, a template edit, a fixed page), record
//! the new output with `LAPE_BLESS=1 cargo test --test testsuite golden` and commit
//! `tests/golden/real-bank.txt` with the change, so the review shows which files moved.

use crate::support::{Site, repo};
use std::collections::BTreeMap;

/// FNV-1a, 64 bits: stable across platforms and Rust versions, which `DefaultHasher` is not.
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

/// One line per file: fingerprint, size, path (with `/`), in path order.
fn manifest(files: &BTreeMap<std::path::PathBuf, Vec<u8>>) -> String {
    files
        .iter()
        .map(|(p, b)| {
            let path = p.to_string_lossy().replace('\\', "/");
            format!("{:016x} {:>8} {path}\n", fingerprint(b), b.len())
        })
        .collect()
}

fn by_path(manifest: &str) -> BTreeMap<&str, &str> {
    manifest
        .lines()
        .filter_map(|l| Some((l.get(26..)?, l.get(..25)?)))
        .collect()
}

#[test]
fn real_bank_output_is_as_recorded() {
    let site = Site::real_bank();
    site.build_ok(&[]);
    let now = manifest(&site.snapshot("public"));
    let file = repo().join("tests/golden/real-bank.txt");
    if std::env::var_os("LAPE_BLESS").is_some() {
        std::fs::write(&file, &now).expect("write the manifest");
        return;
    }
    let recorded = std::fs::read_to_string(&file).expect("tests/golden/real-bank.txt");
    let (old, new) = (by_path(&recorded), by_path(&now));
    for lang in ["sv/", "en/"] {
        assert!(
            new.keys().any(|p| p.starts_with(lang) && p.ends_with("index.html")),
            "no pages under /{lang}"
        );
    }
    let mut differ: Vec<String> = Vec::new();
    for (p, f) in &new {
        match old.get(p) {
            None => differ.push(format!("new: {p}")),
            Some(g) if g != f => differ.push(format!("changed: {p}")),
            _ => {}
        }
    }
    differ.extend(
        old.keys()
            .filter(|p| !new.contains_key(*p))
            .map(|p| format!("gone: {p}")),
    );
    assert!(
        differ.is_empty(),
        "the real bank's output differs from tests/golden/real-bank.txt in {} files:\n{}\n\
         if that is meant, record it: LAPE_BLESS=1 cargo test --test testsuite golden",
        differ.len(),
        differ.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
}
