//! `book.toml`: the site's configuration, read raw and then validated into [`Config`].
//!
//! Unknown keys are errors naming the key and its line, all of them in one run: a typo such as
//! `base_url` for `base-url` must not silently fall back to a default.

use crate::diag::{Diagnostic, did_you_mean, line_col};
use crate::model::Kind;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Largest Markdown file read unless `[limits] max-file-bytes` says otherwise: 4 MiB, some
/// hundred times the longest real document.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The file name of the configuration, at the site root.
pub const FILE_NAME: &str = "book.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    book: RawBook,
    #[serde(default)]
    build: RawBuild,
    #[serde(default)]
    site: RawSite,
    #[serde(default)]
    search: RawSearch,
    #[serde(default)]
    accessibility: Accessibility,
    #[serde(default)]
    limits: RawLimits,
    #[serde(default)]
    check: RawCheck,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawCheck {
    #[serde(default)]
    allow: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawLimits {
    max_file_bytes: Option<u64>,
    max_nesting: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawBook {
    title: Option<String>,
    description: Option<String>,
    language: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    ui_languages: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawBuild {
    content_dir: Option<PathBuf>,
    output_dir: Option<PathBuf>,
    theme: Option<String>,
    raw_html: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawSite {
    base_url: Option<String>,
    edit_url: Option<String>,
    licence: Option<String>,
    licence_url: Option<String>,
    publisher: Option<String>,
    guide: Option<String>,
    #[serde(default)]
    sections: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawSearch {
    index_dir: Option<PathBuf>,
    enabled: Option<bool>,
}

/// The content licence unless `[site] licence` names another.
pub const DEFAULT_LICENCE: &str = "CC BY 4.0";
/// Where CC BY 4.0 is written out, in Finnish.
pub const DEFAULT_LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/deed.fi";

/// The accessibility statement's facts (`[accessibility]` in `book.toml`), shown as they are.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(rename_all(deserialize = "kebab-case"))]
pub struct Accessibility {
    /// Who maintains the site and answers feedback.
    #[serde(default)]
    pub publisher: String,
    /// Feedback e-mail address.
    #[serde(default)]
    pub email: String,
    /// `full`, `partial` or `none`.
    #[serde(default)]
    pub status: String,
    /// Date of the last review, `YYYY-MM-DD`.
    #[serde(default)]
    pub reviewed: String,
    /// The same date as the pages show it (`23.11.2026`); filled in on load.
    #[serde(skip_deserializing)]
    pub reviewed_fi: String,
    /// The supervisory authority's name.
    #[serde(default)]
    pub authority: String,
    /// Its web page.
    #[serde(default)]
    pub authority_url: String,
    /// Its e-mail address.
    #[serde(default)]
    pub authority_email: String,
    /// Its phone number.
    #[serde(default)]
    pub authority_phone: String,
    /// Known gaps: a WCAG criterion and a description per interface language.
    #[serde(default)]
    pub gaps: Vec<BTreeMap<String, String>>,
}

/// The validated configuration of one site.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root (the folder holding `book.toml`).
    pub root: PathBuf,
    /// Site title, e.g. "LAPE-tietopankki".
    pub title: String,
    /// One sentence about the site.
    pub description: String,
    /// Default language of documents and the main UI language.
    pub language: String,
    /// Who publishes the site.
    pub authors: Vec<String>,
    /// Interface languages: the first is `language` (pages at the root), each other one gets
    /// its own copy of the site under `/<code>/`.
    pub ui_languages: Vec<String>,
    /// The accessibility statement's facts.
    pub accessibility: Accessibility,
    /// Raw HTML policy and nesting limit for bodies.
    pub parse: crate::model::ParseOptions,
    /// Largest Markdown file read, in bytes.
    pub max_file_bytes: u64,
    /// Where the Markdown lives.
    pub content_dir: PathBuf,
    /// Where the site is written.
    pub output_dir: PathBuf,
    /// The theme folder (templates, static files).
    pub theme_dir: PathBuf,
    /// Absolute site URL ending in `/`, or `/` when unknown.
    pub base_url: String,
    /// The path part of `base_url`, starting and ending with `/`.
    pub base_path: String,
    /// `[site] edit-url`: where an editor changes a page's file, with `{path}` for the file's
    /// path from the site root (`content/memos/x.md`), as mdBook's `edit-url-template`.
    pub edit_url: Option<String>,
    /// `[site] licence`: the content's licence, named as a reader knows it (default CC BY 4.0).
    pub licence: String,
    /// `[site] licence-url`: the licence's text.
    pub licence_url: String,
    /// `[site] publisher`: who publishes the bank and its data (default: the accessibility
    /// statement's publisher, else the authors).
    pub publisher: String,
    /// `[site] guide`: the slug of the page (`content/pages/<slug>.md`) that tells how to add
    /// documents, linked from region pages; `ohje` unless set.
    pub guide: String,
    /// URL section of each kind, e.g. `muistiot`.
    sections: BTreeMap<Kind, String>,
    /// Where the tantivy index is written.
    pub search_index_dir: PathBuf,
    /// Whether `lape build` writes the search indexes (`[search] enabled`, default true);
    /// `false` builds the pages only, as `--no-search` does.
    pub search_enabled: bool,
    /// `[check] allow`: warning codes the editors know about and do not want to see again
    /// (`region-empty`). Errors are never quieted.
    pub allow: Vec<String>,
}

impl Config {
    /// The URL section name of a kind.
    pub fn section(&self, kind: Kind) -> &str {
        self.sections.get(&kind).map_or(kind.default_section(), String::as_str)
    }

    /// The site path of a document: `/muistiot/<slug>/`, or `/<slug>/` for a page.
    pub fn doc_url(&self, kind: Kind, slug: &str) -> String {
        match self.section(kind) {
            "" => format!("{}{slug}/", self.base_path),
            section => format!("{}{section}/{slug}/", self.base_path),
        }
    }

    /// Reads `book.toml` under `root` (defaults when it is absent), reporting every problem.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => {
                return Err(vec![
                    Diagnostic::environment(
                        &path,
                        "config-unreadable",
                        crate::text!("config-unreadable", file = FILE_NAME, error = e),
                    )
                    .hint(crate::text!("config-unreadable-hint")),
                ]);
            }
        };
        Self::from_toml(root, &text)
    }

    /// Validates configuration text as if it were `root/book.toml`.
    pub fn from_toml(root: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
        let file = PathBuf::from(FILE_NAME);
        let mut problems = Vec::new();
        let de = match toml::Deserializer::parse(text) {
            Ok(de) => de,
            Err(e) => return Err(vec![toml_error(&file, text, &e)]),
        };
        let mut unknown = Vec::new();
        let raw: RawConfig = match serde_ignored::deserialize(de, |p| unknown.push(p.to_string())) {
            Ok(r) => r,
            Err(e) => return Err(vec![toml_error(&file, text, &e)]),
        };
        for key in unknown {
            let last = key.rsplit('.').next().unwrap_or(&key).to_string();
            let line = find_toml_key_line(text, &last);
            let known = [
                "book",
                "build",
                "site",
                "search",
                "title",
                "description",
                "language",
                "authors",
                "ui-languages",
                "accessibility",
                "publisher",
                "email",
                "status",
                "reviewed",
                "authority",
                "authority-url",
                "authority-email",
                "authority-phone",
                "gaps",
                "raw-html",
                "limits",
                "check",
                "allow",
                "max-file-bytes",
                "max-nesting",
                "content-dir",
                "output-dir",
                "theme",
                "base-url",
                "edit-url",
                "licence",
                "licence-url",
                "guide",
                "sections",
                "index-dir",
            ];
            let mut d = Diagnostic::error(
                &file,
                line,
                "config-unknown-key",
                crate::text!("config-unknown-key", key = key, file = FILE_NAME),
            )
            .with_source(text);
            d = match did_you_mean(&last.replace('_', "-"), known) {
                Some(s) => d.hint(crate::text!("did-you-mean", name = s)),
                None => d.hint(crate::text!("config-unknown-key-hint")),
            };
            problems.push(d);
        }
        let mut sections = BTreeMap::new();
        for (key, value) in &raw.site.sections {
            match Kind::from_type_name(key) {
                None => problems.push(
                    Diagnostic::error(
                        &file,
                        find_toml_key_line(text, key),
                        "config-unknown-key",
                        crate::text!("config-unknown-section", key = key),
                    )
                    .hint(crate::text!("config-unknown-section-hint"))
                    .with_source(text),
                ),
                Some(kind) => {
                    let slug = crate::slug::slugify(value);
                    if slug.is_empty() || slug != *value {
                        problems.push(
                            Diagnostic::error(
                                &file,
                                find_toml_key_line(text, key),
                                "config-bad-value",
                                crate::text!("config-section-not-slug", value = value),
                            )
                            .hint(crate::text!("config-section-not-slug-hint", slug = slug))
                            .with_source(text),
                        );
                    }
                    sections.insert(kind, value.clone());
                }
            }
        }
        for (key, value) in &raw.site.sections {
            let Some(kind) = Kind::from_type_name(key) else {
                continue;
            };
            if let Some(taken) = section_taken(value, kind, &sections) {
                problems.push(
                    Diagnostic::error(
                        &file,
                        find_toml_key_line(text, key),
                        "config-bad-value",
                        crate::text!("config-section-taken", value = value, taken = taken),
                    )
                    .hint(crate::text!("config-section-taken-hint"))
                    .with_source(text),
                );
            }
        }
        let base_url = raw.site.base_url.unwrap_or_else(|| "/".to_string());
        let base_path = match base_path_of(&base_url) {
            Some(p) => p,
            None => {
                problems.push(
                    Diagnostic::error(
                        &file,
                        find_toml_key_line(text, "base-url"),
                        "config-bad-value",
                        crate::text!("config-base-url", value = base_url),
                    )
                    .hint(crate::text!("config-base-url-hint"))
                    .with_source(text),
                );
                "/".to_string()
            }
        };
        let base_url = if base_url.ends_with('/') {
            base_url
        } else {
            format!("{base_url}/")
        };
        let edit_url = raw.site.edit_url.filter(|u| !u.trim().is_empty());
        if let Some(u) = &edit_url {
            let web = u.starts_with("https://") || u.starts_with("http://");
            if !web || !u.contains("{path}") {
                problems.push(
                    Diagnostic::error(
                        &file,
                        find_toml_key_line(text, "edit-url"),
                        "config-bad-value",
                        crate::text!("config-edit-url", value = u),
                    )
                    .hint(crate::text!("config-edit-url-hint"))
                    .with_source(text),
                );
            }
        }
        let language = raw.book.language.unwrap_or_else(|| "fi".to_string());
        let mut ui_languages = vec![language.clone()];
        for code in raw.book.ui_languages {
            if code.is_empty() || code.len() > 3 || !code.chars().all(|c| c.is_ascii_lowercase()) {
                problems.push(
                    Diagnostic::error(
                        &file,
                        find_toml_key_line(text, "ui-languages"),
                        "config-bad-value",
                        crate::text!("config-language-code", code = code),
                    )
                    .hint(crate::text!("config-language-code-hint"))
                    .with_source(text),
                );
            } else if !ui_languages.contains(&code) {
                ui_languages.push(code);
            }
        }
        let mut accessibility = raw.accessibility;
        if !accessibility.reviewed.is_empty() {
            match crate::model::Date::parse(&accessibility.reviewed) {
                Ok(d) => accessibility.reviewed_fi = d.finnish(),
                Err(e) => problems.push(
                    Diagnostic::error(
                        &file,
                        find_toml_key_line(text, "reviewed"),
                        "config-bad-value",
                        crate::text!("config-reviewed", detail = e),
                    )
                    .hint(crate::text!("config-reviewed-hint"))
                    .with_source(text),
                ),
            }
        }
        if !["", "full", "partial", "none"].contains(&accessibility.status.as_str()) {
            problems.push(
                Diagnostic::error(
                    &file,
                    find_toml_key_line(text, "status"),
                    "config-bad-value",
                    crate::text!("config-a11y-status", value = accessibility.status),
                )
                .hint(crate::text!("config-a11y-status-hint"))
                .with_source(text),
            );
        }
        let raw_html = match raw.build.raw_html.as_deref() {
            None => crate::model::RawHtml::Sanitize,
            Some(name) => crate::model::RawHtml::from_name(name).unwrap_or_else(|| {
                problems.push(
                    Diagnostic::error(
                        &file,
                        find_toml_key_line(text, "raw-html"),
                        "config-bad-value",
                        crate::text!("config-raw-html", value = name),
                    )
                    .hint(crate::text!("config-raw-html-hint"))
                    .with_source(text),
                );
                crate::model::RawHtml::Sanitize
            }),
        };
        let parse = crate::model::ParseOptions {
            raw_html,
            max_nesting: raw
                .limits
                .max_nesting
                .unwrap_or(crate::model::ParseOptions::default().max_nesting),
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let theme = raw.build.theme.unwrap_or_else(|| "default".to_string());
        let publisher = raw
            .site
            .publisher
            .clone()
            .or_else(|| Some(accessibility.publisher.clone()).filter(|p| !p.is_empty()))
            .unwrap_or_else(|| raw.book.authors.join(", "));
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.book.title.unwrap_or_else(|| "LAPE-tietopankki".to_string()),
            description: raw.book.description.unwrap_or_default(),
            language,
            authors: raw.book.authors,
            ui_languages,
            accessibility,
            parse,
            max_file_bytes: raw.limits.max_file_bytes.unwrap_or(DEFAULT_MAX_FILE_BYTES),
            content_dir: root.join(raw.build.content_dir.unwrap_or_else(|| "content".into())),
            output_dir: root.join(raw.build.output_dir.unwrap_or_else(|| "public".into())),
            theme_dir: root.join("themes").join(theme),
            base_url,
            base_path,
            edit_url,
            licence: raw.site.licence.clone().unwrap_or_else(|| DEFAULT_LICENCE.to_string()),
            licence_url: match (&raw.site.licence, raw.site.licence_url) {
                (_, Some(u)) => u,
                (None, None) => DEFAULT_LICENCE_URL.to_string(),
                (Some(_), None) => String::new(),
            },
            publisher,
            guide: raw.site.guide.unwrap_or_else(|| "ohje".to_string()),
            sections,
            search_index_dir: root.join(raw.search.index_dir.unwrap_or_else(|| ".lape/search-index".into())),
            search_enabled: raw.search.enabled.unwrap_or(true),
            allow: raw.check.allow,
        })
    }

    /// Replaces the base URL (from `--base-url`).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let path =
            base_path_of(url).ok_or_else(|| format!("'{url}' is not a URL; write it as https://example.fi/lape/"))?;
        self.base_url = if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        };
        self.base_path = path;
        Ok(())
    }

    /// An absolute URL for a site path such as `/muistiot/x/`, for feeds and sitemaps.
    pub fn absolute(&self, site_path: &str) -> String {
        let rel = site_path
            .strip_prefix(&self.base_path)
            .unwrap_or(site_path.trim_start_matches('/'));
        format!("{}{}", self.base_url, rel)
    }
}

/// The path part of a base URL: `https://x.fi/lape` gives `/lape/`.
fn base_path_of(url: &str) -> Option<String> {
    let path = if let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) {
        let host_end = rest.find('/').unwrap_or(rest.len());
        if host_end == 0 {
            return None;
        }
        &rest[host_end..]
    } else if url.starts_with('/') {
        url
    } else {
        return None;
    };
    if path.contains(['?', '#', ' ', '"', '<', '>']) {
        return None;
    }
    let trimmed = path.trim_matches('/');
    Some(if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    })
}

fn toml_error(file: &Path, text: &str, e: &toml::de::Error) -> Diagnostic {
    let (line, col) = e.span().map_or((0, 0), |s| line_col(text, s.start));
    Diagnostic::error(
        file,
        line,
        "config-syntax",
        crate::text!("config-syntax", detail = e.message()),
    )
    .col(col)
    .hint(crate::text!("config-syntax-hint"))
    .with_source(text)
}

fn find_toml_key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('=')) || t == format!("[{key}]")
        })
        .map_or(0, |i| i + 1)
}

/// What already takes the URL folder `value` that a section of `kind` asks for, if anything: one
/// of the site's own routes, or another kind's section (set or by default).
fn section_taken(value: &str, kind: Kind, set: &BTreeMap<Kind, String>) -> Option<String> {
    if let Some(what) = crate::routes::fixed_owner(value) {
        return Some(format!("the site's own {what}"));
    }
    Kind::LISTED
        .into_iter()
        .filter(|&k| k != kind)
        .find(|k| set.get(k).map_or(k.default_section(), String::as_str) == value)
        .map(|k| format!("the section of {}", k.type_name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_all_reported() {
        let errs = Config::from_toml(Path::new("."), "[book]\ntitel = \"x\"\n[site]\nbase_url = \"/\"\n").unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, 2);
        assert_eq!(errs[1].hint.as_deref(), Some("did you mean 'base-url'?"));
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path_of("https://x.fi").as_deref(), Some("/"));
        assert_eq!(base_path_of("https://x.fi/lape").as_deref(), Some("/lape/"));
        assert_eq!(base_path_of("/a/b/").as_deref(), Some("/a/b/"));
        assert_eq!(base_path_of("x.fi"), None);
    }

    #[test]
    fn a_section_may_not_take_a_site_route_or_another_section() {
        for (toml, taken) in [
            ("[site.sections]\nmemo = \"haku\"\n", "search page"),
            ("[site.sections]\nmemo = \"static\"\n", "styles"),
            ("[site.sections]\nmemo = \"pilotit\"\n", "pilot"),
            ("[site.sections]\nmemo = \"x\"\npilot = \"x\"\n", "the section of"),
        ] {
            let Err(problems) = Config::from_toml(Path::new("/r"), toml) else {
                panic!("{toml} was accepted");
            };
            assert!(
                problems.iter().any(|d| d.message.contains(taken)),
                "{toml}: {problems:?}"
            );
        }
    }

    #[test]
    fn sections_may_swap_names() {
        let c = Config::from_toml(
            Path::new("/r"),
            "[site.sections]\nmemo = \"pilotit\"\npilot = \"kokeilut\"\n",
        );
        assert!(c.is_ok(), "{:?}", c.err());
    }

    #[test]
    fn sections_override() {
        let c = Config::from_toml(Path::new("/r"), "[site.sections]\nmemo = \"minnesanteckningar\"\n").unwrap();
        assert_eq!(c.section(Kind::Memo), "minnesanteckningar");
        assert_eq!(c.section(Kind::Pilot), "pilotit");
        assert_eq!(c.absolute("/pilotit/x/"), "/pilotit/x/");
    }
}
