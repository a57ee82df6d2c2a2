//! The one place that knows the order: config -> load -> parse -> graph -> render -> swap.
//!
//! Each phase returns a new type ([`Vec<Document>`], [`Bank`], a committed output), so a later
//! phase cannot run on the input of an earlier one.

pub mod session;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::graph::{self, Bank, Hidden};
use crate::load;
use crate::model::Document;
use crate::output::{Sink, Staging};
use crate::parse;
use crate::progress::Phase;
use crate::render;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Options shared by `build`, `check` and `serve`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Publish drafts too.
    pub drafts: bool,
    /// Override the output folder.
    pub output: Option<PathBuf>,
    /// Override the base URL.
    pub base_url: Option<String>,
    /// Skip both search indexes (`lape build --no-search`).
    pub no_search: bool,
    /// Told how far the build has come (silent unless the caller shows it).
    pub progress: crate::progress::Reporter,
}

/// How long each phase took.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Reading and parsing files.
    pub parse: Duration,
    /// Resolving references, backlinks and related documents.
    pub graph: Duration,
    /// Rendering and writing pages.
    pub render: Duration,
    /// Rendering and search together (they run side by side): the wall time of both.
    pub render_and_search: Duration,
    /// Swapping the output in.
    pub commit: Duration,
    /// Writing both search indexes (in parallel with rendering), by part.
    pub search: crate::search::SearchTimings,
}

/// A successful build.
#[derive(Debug)]
pub struct BuildReport {
    /// Documents published.
    pub documents: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Where the site went.
    pub output: PathBuf,
    /// Phase timings.
    pub timings: Timings,
    /// The search index written.
    pub index: crate::search::IndexStats,
    /// Warnings (no errors, or the build would have failed).
    pub diagnostics: Diagnostics,
}

/// Loads configuration, applying command-line overrides.
pub fn config(root: &Path, opts: &Options) -> Result<Config, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut config = match Config::load(root) {
        Ok(c) => c,
        Err(ds) => {
            diags.extend(ds);
            return Err(diags);
        }
    };
    if let Some(out) = &opts.output {
        config.output_dir = if out.is_absolute() {
            out.clone()
        } else {
            std::env::current_dir().unwrap_or_default().join(out)
        };
    }
    if let Some(url) = &opts.base_url
        && config.set_base_url(url).is_err()
    {
        diags.push(
            Diagnostic::environment(
                Path::new("--base-url"),
                "usage",
                crate::text!("config-base-url", value = url),
            )
            .hint(crate::text!("config-base-url-hint")),
        );
        return Err(diags);
    }
    Ok(config)
}

/// Reads and parses every file; drafts are split off unless `drafts` is set. Documents without
/// an `updated` field get the date of their file's last git commit.
pub fn parse_all(config: &Config, drafts: bool, diags: &mut Diagnostics) -> (Vec<Arc<Document>>, Vec<Hidden>) {
    // git runs in its own process while this one parses.
    let (root, content) = (config.root.clone(), config.content_dir.clone());
    let git = std::thread::spawn(move || crate::gitdates::last_commit_dates(&root, &content));
    let (files, problems) = load::load(&config.root, &config.content_dir, config.max_file_bytes);
    diags.extend(problems);
    let parsed: Vec<(Hidden, parse::Parsed)> = files
        .into_par_iter()
        .map(|f| (identity(&f.path, f.kind), parse::parse(f, &config.parse)))
        .collect();
    let dates = git.join().unwrap_or_default();
    assemble(parsed, &dates, drafts, diags)
}

/// One parsed file's part in a build: its problems, and either its document or, for a draft
/// (unless drafts are published) or a file too broken to parse, its identity.
#[derive(Clone)]
pub struct Part {
    /// Problems found in the file.
    pub problems: Vec<Diagnostic>,
    /// The document, dated.
    pub doc: Option<Arc<Document>>,
    /// The identity of a file that takes no part.
    pub hidden: Option<Hidden>,
}

/// One file's [`Part`]: a document without an `updated` field gets its file's date from `dates`.
pub fn assemble_one(
    id: Hidden,
    mut p: parse::Parsed,
    dates: &std::collections::HashMap<PathBuf, crate::model::Date>,
    drafts: bool,
) -> Part {
    if let Some(doc) = p.doc.as_mut()
        && doc.fm.updated.is_none()
    {
        doc.fm.updated = dates.get(&doc.path).copied();
    }
    let problems = p.problems;
    match p.doc {
        // Broken files keep their name, so references to them are not errors twice over.
        None => Part {
            problems,
            doc: None,
            hidden: Some(id),
        },
        Some(doc) if doc.is_draft() && !drafts => Part {
            problems,
            hidden: Some(Hidden {
                draft: true,
                kind: doc.kind,
                slug: doc.slug.clone(),
                path: doc.path.clone(),
            }),
            doc: None,
        },
        Some(doc) => Part {
            problems,
            doc: Some(Arc::new(doc)),
            hidden: None,
        },
    }
}

/// The documents that take part in a build, in the order they were read, and the identities of
/// those that do not (drafts, unless `drafts`; files too broken to parse). Documents without an
/// `updated` field get their file's date from `dates`.
pub fn assemble(
    parsed: Vec<(Hidden, parse::Parsed)>,
    dates: &std::collections::HashMap<PathBuf, crate::model::Date>,
    drafts: bool,
    diags: &mut Diagnostics,
) -> (Vec<Arc<Document>>, Vec<Hidden>) {
    let parts: Vec<Part> = parsed
        .into_iter()
        .map(|(id, p)| assemble_one(id, p, dates, drafts))
        .collect();
    gather(parts, diags)
}

/// The documents and hidden identities of `parts`, in order; their problems go to `diags`.
pub fn gather(parts: impl IntoIterator<Item = Part>, diags: &mut Diagnostics) -> (Vec<Arc<Document>>, Vec<Hidden>) {
    let mut docs = Vec::new();
    let mut hidden = Vec::new();
    for p in parts {
        diags.extend(p.problems);
        docs.extend(p.doc);
        hidden.extend(p.hidden);
    }
    (docs, hidden)
}

/// The identity a file has before it is parsed: its kind and the slug of its name.
pub fn identity(path: &Path, kind: crate::model::Kind) -> Hidden {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    Hidden {
        draft: false,
        kind,
        slug: crate::slug::slugify(crate::slug::strip_date_prefix(stem)),
        path: path.to_path_buf(),
    }
}

/// Everything `check` does: all problems of the bank, nothing written.
pub fn check(root: &Path, opts: &Options) -> (Option<Bank>, Diagnostics) {
    let config = match config(root, opts) {
        Ok(c) => c,
        Err(d) => return (None, d),
    };
    let mut diags = Diagnostics::default();
    let (docs, hidden) = parse_all(&config, opts.drafts, &mut diags);
    let mut problems = Vec::new();
    let bank = graph::resolve(docs, hidden, &config, &mut problems);
    diags.extend(problems);
    if let Err(ds) = render::load_theme(&config) {
        diags.extend(ds);
    }
    diags.quiet(&config.allow);
    (Some(bank), diags)
}

/// Writes both search indexes: tantivy's into a staging folder beside its place (see
/// [`Produced::index_pending`]), the browser's into `sink`.
pub fn search_products(
    bank: &Bank,
    config: &Config,
    theme: &render::Theme,
    sink: &dyn Sink,
) -> Result<crate::search::Written, String> {
    crate::search::write(bank, &config.search_index_dir, &theme.ui, &config.ui_languages, sink)
}

/// Builds the site into the output folder; on any error the previous output stays as it was.
pub fn build(root: &Path, opts: &Options) -> Result<BuildReport, Diagnostics> {
    let config = config(root, opts)?;
    let staging = match Staging::begin(&config.output_dir) {
        Ok(s) => s,
        Err(e) => {
            let mut diags = Diagnostics::default();
            diags.push(io_error(&config, crate::messages::Word("output-prepare"), &e));
            return Err(diags);
        }
    };
    let mut session = session::Session::new(root, opts);
    let search = !opts.no_search && config.search_enabled;
    let mut rebuilt = session
        .rebuild(&session::Changes::default(), &staging, search, &[], &mut || {})
        .map_err(|mut d| {
            d.quiet(&config.allow);
            d
        })?;
    let t = Instant::now();
    opts.progress.start(Phase::Commit, None);
    if let Err(e) = staging.commit() {
        rebuilt
            .diagnostics
            .push(io_error(&config, crate::messages::Word("output-commit"), &e));
        return Err(rebuilt.diagnostics);
    }
    // The index follows its pages: a crash between the two leaves old pages with the old index
    // or new pages with the old one, never the other way round.
    let index = rebuilt.index.take();
    let stats = index.as_ref().map(|w| w.stats.clone()).unwrap_or_default();
    if let Some(written) = index
        && let Err(e) = written.staging.commit()
    {
        rebuilt
            .diagnostics
            .push(io_error(&config, crate::messages::Word("index-commit"), &e));
        return Err(rebuilt.diagnostics);
    }
    rebuilt.timings.commit = t.elapsed();
    opts.progress.finish(Phase::Commit);
    if let Some(bank) = session.bank()
        && let Err(e) = write_schemas(bank, &schema_dir(&config))
    {
        rebuilt.diagnostics.push(
            Diagnostic::warning(
                Path::new(".lape/schema"),
                0,
                "io-error",
                crate::text!("schema-unwritable", error = e),
            )
            .hint(crate::text!("schema-unwritable-hint")),
        );
    }
    rebuilt.diagnostics.quiet(&config.allow);
    Ok(BuildReport {
        documents: rebuilt.documents,
        pages: rebuilt.pages,
        output: config.output_dir.clone(),
        timings: rebuilt.timings,
        index: stats,
        diagnostics: rebuilt.diagnostics,
    })
}

/// The slugs of the bank's regions, themes and pilots, for the JSON Schema.
pub fn vocabulary(bank: &Bank) -> crate::schema::Vocabulary {
    let mut v = crate::schema::Vocabulary::new();
    for kind in [
        crate::model::Kind::Region,
        crate::model::Kind::Theme,
        crate::model::Kind::Pilot,
    ] {
        let mut slugs: Vec<String> = bank.by_kind_ids(kind).map(|id| bank.doc(id).slug.clone()).collect();
        slugs.sort();
        v.insert(kind, slugs);
    }
    v
}

/// Where builds write the JSON Schemas of the front matter.
pub fn schema_dir(config: &Config) -> PathBuf {
    config.root.join(".lape").join("schema")
}

/// Writes each kind's JSON Schema into `dir`, leaving files that did not change untouched.
pub fn write_schemas(bank: &Bank, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, text) in crate::schema::all(&vocabulary(bank)) {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text)?;
        }
        written.push(path);
    }
    Ok(written)
}

fn io_error(config: &Config, what: crate::messages::Word, e: &std::io::Error) -> Diagnostic {
    let out = config
        .output_dir
        .strip_prefix(&config.root)
        .unwrap_or(&config.output_dir);
    Diagnostic::environment(out, "io-error", crate::text!("io-error", what = what, error = e))
        .hint(crate::text!("disk-hint"))
}
