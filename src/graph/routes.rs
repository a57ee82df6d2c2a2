//! Every URL the site publishes, claimed once: the site's own pages and folders, each
//! document's page, and each alias. A second claim is an error naming both claimants, so an
//! alias can never silently fail to appear, nor cover a page.

use super::Bank;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::model::Kind;
use crate::parse::locate_value;
use crate::routes::{LIST_PAGES_DIR, SHARED_DIRS, SitePage};
use std::collections::HashMap;
use std::path::PathBuf;

/// Who claims a URL.
#[derive(Debug, Clone)]
enum Claimant {
    /// A page the site makes itself (named for the message).
    Site(&'static str),
    /// A document's page.
    Document(PathBuf),
    /// An alias of a document.
    Alias(PathBuf),
}

impl Claimant {
    fn describe(&self) -> String {
        match self {
            Claimant::Site(what) => format!("the site's own {what}"),
            Claimant::Document(p) => format!("the page of {}", p.display()),
            Claimant::Alias(p) => format!("an alias of {}", p.display()),
        }
    }
}

/// The site path of an alias: `vanha/nimi` -> `/vanha/nimi/` under the base path.
pub fn alias_path(config: &Config, alias: &str) -> Option<String> {
    let clean: Vec<&str> = alias.trim_matches('/').split('/').filter(|c| !c.is_empty()).collect();
    (!clean.is_empty() && !clean.contains(&"..")).then(|| format!("{}{}/", config.base_path, clean.join("/")))
}

/// Checks that the documents and their aliases claim no URL twice, nor one of the site's own.
pub fn check(bank: &Bank, config: &Config, problems: &mut Vec<Diagnostic>) {
    let base = &config.base_path;
    let mut claims: HashMap<String, Claimant> = HashMap::new();
    // Folders whose every URL is the site's.
    let mut folders: Vec<(String, &'static str)> = SHARED_DIRS
        .iter()
        .map(|(dir, what)| (format!("{base}{dir}/"), *what))
        .collect();
    let mut prefixes = vec![(String::new(), config.language.as_str())];
    for lang in config.ui_languages.iter().skip(1) {
        folders.push((format!("{base}{lang}/"), "pages in another language"));
        prefixes.push((format!("{lang}/"), lang.as_str()));
    }
    for (p, lang) in &prefixes {
        for page in SitePage::ALL {
            claims.insert(
                format!("{base}{p}{}", page.path_in(lang)),
                Claimant::Site(page.describe()),
            );
        }
        for kind in Kind::LISTED {
            let section = config.section(kind);
            claims.insert(format!("{base}{p}{section}/"), Claimant::Site("list page"));
            folders.push((format!("{base}{p}{section}/{LIST_PAGES_DIR}/"), "list pages"));
        }
    }
    for id in bank.ids() {
        claims.insert(bank.url(id).to_string(), Claimant::Document(bank.doc(id).path.clone()));
    }
    for id in bank.ids() {
        let doc = bank.doc(id);
        for alias in &doc.fm.aliases {
            let Some(path) = alias_path(config, alias) else {
                continue;
            };
            let taken = claims.get(&path).cloned().or_else(|| {
                folders
                    .iter()
                    .find(|(f, _)| path.starts_with(f.as_str()))
                    .map(|(_, w)| Claimant::Site(w))
            });
            let Some(other) = taken else {
                claims.insert(path, Claimant::Alias(doc.path.clone()));
                continue;
            };
            let (line, col) = locate_value(doc.fm_text(), "aliases", alias).map_or((1, 0), |(l, c)| (l + 1, c));
            problems.push(
                Diagnostic::error(
                    &doc.path,
                    line,
                    "url-clash",
                    crate::text!("url-clash-alias", path = path, owner = other.describe()),
                )
                .col(col)
                .hint(crate::text!("url-clash-alias-hint"))
                .with_source(&doc.source),
            );
        }
    }
}
