//! HTML, feeds and sitemap from the resolved bank, with tera templates from the theme.
//!
//! Pages are rendered in parallel and handed to a sink (the staging folder) as they are made,
//! so memory does not grow with the size of the bank.

mod context;
mod document;
mod feeds;
mod filters;
mod hubs;
mod jsonld;
pub mod plural;
mod template_prints;
mod units;
mod views;

pub use units::{Rendered, Unit, render_site, render_units, units};
pub use views::{DocLink, DocView, Group, Ui, doc_link, doc_view};

use crate::config::Config;
use crate::diag::Diagnostic;
use std::path::Path;
use tera::Tera;

/// The theme: compiled templates and the interface strings of the site's language.
pub struct Theme {
    /// Compiled templates.
    pub tera: Tera,
    /// Interface strings of the site's language, by key (tables such as `kind` hold one
    /// string per kind).
    pub strings: toml::Table,
    /// Interface strings of every interface language, by language code.
    pub ui: std::collections::BTreeMap<String, toml::Table>,
    /// The theme's `static/` files, read with the templates so one build sees one theme.
    pub statics: Vec<(String, Vec<u8>)>,
    /// Each template's fingerprint over itself and every template it extends, includes or
    /// imports, read with the templates.
    pub template_prints: std::collections::HashMap<String, u64>,
}

fn rel(config: &Config, p: &Path) -> std::path::PathBuf {
    p.strip_prefix(&config.root).unwrap_or(p).to_path_buf()
}

/// A theme script as the site serves it: lines that are only a `//` comment are dropped, and
/// indentation and blank lines with them. Keeps the theme's scripts commented and the bytes a
/// reader downloads few; a script must not rely on a line's leading spaces (a template literal
/// spanning lines) or start a line inside a string with `//`.
pub fn compact_js(source: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(source) else {
        return source.to_vec();
    };
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let t = line.trim_start();
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    out.into_bytes()
}

/// Loads templates and translations from the theme folder.
pub fn load_theme(config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    // One build, one theme: if a file of the theme changes while it is being read (a save
    // during a build), read it again, so templates and static files are of the same moment.
    let mut last = None;
    for _ in 0..5 {
        let before = stamp(&config.theme_dir);
        let theme = read_theme(config)?;
        if stamp(&config.theme_dir) == before {
            return Ok(theme);
        }
        last = Some(theme);
    }
    last.map_or_else(|| read_theme(config), Ok)
}

/// Names, sizes and modification times of every file of the theme.
fn stamp(dir: &Path) -> Vec<(std::path::PathBuf, u64, Option<std::time::SystemTime>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            m.is_file().then(|| (e.into_path(), m.len(), m.modified().ok()))
        })
        .collect()
}

fn read_theme(config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let dir = &config.theme_dir;
    let templates = dir.join("templates");
    if !templates.is_dir() {
        return Err(vec![
            Diagnostic::error(&rel(config, dir), 0, "theme-missing", crate::text!("theme-missing"))
                .hint(crate::text!("theme-missing-hint")),
        ]);
    }
    let template_prints = template_prints::template_prints(&templates);
    let glob = format!("{}/**/*", templates.display());
    let mut tera = Tera::new(&glob).map_err(|e| vec![template_error(config, &e)])?;
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default also escapes '/', which turns every URL into "&#x2F;" soup.
    tera.set_escape_fn(crate::html::escape);
    tera.register_filter(
        "slugify_fi",
        |v: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
            Ok(tera::Value::String(crate::slug::slugify(
                v.as_str().unwrap_or_default(),
            )))
        },
    );
    tera.register_filter("plural", plural::filter);
    tera.register_filter(
        "encode_path",
        |v: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
            Ok(tera::Value::String(crate::urls::encode_path(
                v.as_str().unwrap_or_default(),
            )))
        },
    );
    let mut ui = std::collections::BTreeMap::new();
    let mut problems = Vec::new();
    for lang in &config.ui_languages {
        match load_strings(config, lang) {
            Ok(t) => {
                ui.insert(lang.clone(), t);
            }
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let strings = ui.get(&config.language).cloned().unwrap_or_default();
    let statics = crate::output::read_tree(&dir.join("static")).map_err(|e| {
        vec![Diagnostic::environment(
            &rel(config, &dir.join("static")),
            "io-error",
            crate::text!("theme-static-unreadable", error = e),
        )]
    })?;
    Ok(Theme {
        tera,
        strings,
        ui,
        statics,
        template_prints,
    })
}

/// Reads `i18n/<lang>.toml` of the theme.
fn load_strings(config: &Config, lang: &str) -> Result<toml::Table, Diagnostic> {
    let file = config.theme_dir.join("i18n").join(format!("{lang}.toml"));
    let text = std::fs::read_to_string(&file).map_err(|e| {
        Diagnostic::error(
            &rel(config, &file),
            0,
            "theme-missing",
            crate::text!("theme-strings-missing", lang = lang, error = e),
        )
        .hint(crate::text!("theme-strings-missing-hint"))
    })?;
    toml::from_str(&text).map_err(|e: toml::de::Error| {
        let (line, col) = e.span().map_or((0, 0), |s| crate::diag::line_col(&text, s.start));
        Diagnostic::error(
            &rel(config, &file),
            line,
            "theme-syntax",
            crate::text!("config-syntax", detail = e.message()),
        )
        .col(col)
    })
}

/// A template failure as a diagnostic naming the template.
pub fn template_error(config: &Config, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    let templates = rel(config, &config.theme_dir.join("templates"));
    Diagnostic::error(&templates, 0, "template", crate::text!("template", detail = msg))
        .hint(crate::text!("template-hint"))
}
