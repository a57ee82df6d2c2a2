//! The units a site is rendered in (a document's page in one language, a list with its pages,
//! a feed, ...), and rendering a set of them in parallel while recording what each read.

use super::Theme;
use super::context::{Ctx, Out, RenderStats, context, languages, ui_of};
use super::document::document_page;
use super::feeds::{aliases, feed, sitemap, taxonomy_feeds};
use super::hubs::{home, list_pages, municipalities, overview, single, site_map};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::graph::Bank;
use crate::model::Kind;
use crate::output::Sink;
use crate::routes::{FAVICON_ICO, ROBOTS_TXT, SITEMAP_XML, STATIC_DIR, SitePage};
use rayon::prelude::*;
use std::path::PathBuf;

/// One piece of the site that is rendered as a whole: a document's page in one language, a
/// list with all its pages, the sitemap. Named by what stays the same across rebuilds (a
/// document's path, not its id), so an incremental rebuild can match it with the last one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// A document's page in the `n`th interface language.
    Document(usize, PathBuf),
    /// Every page of one section's list.
    List(usize, Kind),
    /// The front page.
    Home(usize),
    /// The municipality index.
    Municipalities(usize),
    /// The region x theme overview.
    Overview(usize),
    /// A page made from a template alone (404, search, accessibility statement).
    Single(usize, SitePage),
    /// The readers' site map page.
    SiteMap(usize),
    /// Redirect pages for documents' old URLs.
    Aliases,
    /// A feed per region and theme.
    TaxonomyFeeds,
    /// `sitemap.xml`: it lists every HTML page the other units made.
    Sitemap,
    /// The site's Atom feed.
    Feed,
    /// `robots.txt`.
    Robots,
    /// The open data under `/data/` (see [`crate::export`]).
    Data,
    /// The theme's static files.
    Statics,
}

/// The pages made from a template alone, in the order a full build makes them.
const SINGLES: [SitePage; 4] = [
    SitePage::NotFound,
    SitePage::Search,
    SitePage::Accessibility,
    SitePage::OpenData,
];

/// Up to this many units are rendered in the order given; more are split between threads.
const ORDERED_UNITS: usize = 1000;

/// Every unit of the site, in the order a full build renders and lists them.
pub fn units(bank: &Bank, config: &Config) -> Vec<Unit> {
    let mut all = Vec::with_capacity(bank.docs.len() * config.ui_languages.len() + 32);
    for (n, (_, prefix)) in languages(config).iter().enumerate() {
        all.extend(bank.docs.iter().map(|d| Unit::Document(n, d.path.clone())));
        all.extend(Kind::LISTED.into_iter().map(|k| Unit::List(n, k)));
        all.extend([Unit::Home(n), Unit::Municipalities(n), Unit::Overview(n)]);
        all.extend(SINGLES.map(|p| Unit::Single(n, p)));
        all.push(Unit::SiteMap(n));
        if prefix.is_empty() {
            all.extend([Unit::Aliases, Unit::TaxonomyFeeds]);
        }
    }
    all.extend([Unit::Sitemap, Unit::Feed, Unit::Robots, Unit::Data, Unit::Statics]);
    all
}

/// What rendering one unit made and read.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The unit.
    pub unit: Unit,
    /// Files written, relative to the site root.
    pub files: Vec<String>,
    /// Site paths of its HTML pages (for `sitemap.xml`).
    pub html: Vec<String>,
    /// What it read from the bank and which templates it rendered.
    pub reads: crate::graph::reads::Reads,
    /// How long rendering and writing it took.
    pub took: std::time::Duration,
}

/// Renders every page of the bank into a sink.
pub fn render_site(
    bank: &Bank,
    config: &Config,
    theme: &Theme,
    staging: &dyn Sink,
) -> Result<RenderStats, Vec<Diagnostic>> {
    let all = units(bank, config);
    let pages = |fresh: &[Rendered]| fresh.iter().flat_map(|r| r.html.iter().cloned()).collect();
    let done = render_units(bank, config, theme, &all, staging, &pages, &crate::progress::Silent)?;
    Ok(RenderStats {
        pages: done.iter().map(|r| r.html.len()).sum(),
    })
}

/// Renders `todo` into `sink`, in parallel; the sitemap (if asked for) last, from the HTML
/// pages `html_pages` names given what this call rendered (a full build: exactly those).
pub fn render_units(
    bank: &Bank,
    config: &Config,
    theme: &Theme,
    todo: &[Unit],
    sink: &dyn Sink,
    html_pages: &(dyn Fn(&[Rendered]) -> Vec<String> + Sync),
    progress: &dyn crate::progress::Progress,
) -> Result<Vec<Rendered>, Vec<Diagnostic>> {
    let langs = languages(config);
    // What every page shows (the sections' counts, the site's own pages) is read once here
    // and counts as read by every unit.
    let (contexts, shared) = crate::graph::reads::record(|| {
        langs
            .iter()
            .map(|(lang, prefix)| context(bank, config, theme, ui_of(config, lang, prefix)))
            .collect::<Result<Vec<Ctx>, Diagnostic>>()
    });
    let contexts = contexts.map_err(|d| vec![d])?;
    if contexts.is_empty() {
        // No interface language, no pages (configuration always names one).
        return Ok(Vec::new());
    }
    let (last, first): (Vec<&Unit>, Vec<&Unit>) = todo.iter().partition(|u| **u == Unit::Sitemap);
    let render = |u: &&Unit| {
        let r = render_unit(&contexts, &shared, u, sink, &[]);
        progress.advance(crate::progress::Phase::Render, 1);
        r
    };
    // An edit's few units are handed out in the given order (a caller puts what a reader waits
    // for first), where splitting the slice would start the second thread halfway through it.
    // A whole site is split: handing out ten thousand units one by one cost some 5%.
    let results: Vec<Result<Rendered, Diagnostic>> = if first.len() <= ORDERED_UNITS {
        first.iter().par_bridge().map(render).collect()
    } else {
        first.par_iter().map(render).collect()
    };
    let mut done = Vec::with_capacity(results.len() + 1);
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(r) => done.push(r),
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        problems.truncate(20);
        return Err(problems);
    }
    if let Some(u) = last.first() {
        let paths = html_pages(&done);
        done.push(render_unit(&contexts, &shared, u, sink, &paths).map_err(|d| vec![d])?);
        progress.advance(crate::progress::Phase::Render, 1);
    }
    Ok(done)
}

/// Renders one unit and writes its files, recording what it read.
fn render_unit(
    contexts: &[Ctx],
    shared: &crate::graph::reads::Reads,
    unit: &Unit,
    sink: &dyn Sink,
    html_pages: &[String],
) -> Result<Rendered, Diagnostic> {
    let cx_of = |n: usize| &contexts[n.min(contexts.len().saturating_sub(1))];
    let (bank, config, theme) = (cx_of(0).bank, cx_of(0).config, cx_of(0).theme);
    let started = std::time::Instant::now();
    let (outs, reads) = crate::graph::reads::record(|| -> Result<Vec<Out>, Diagnostic> {
        match unit {
            Unit::Document(n, path) => match bank.find_path(path) {
                Some(id) => Ok(vec![document_page(cx_of(*n), id)?]),
                None => Ok(Vec::new()),
            },
            Unit::List(n, kind) => list_pages(cx_of(*n), *kind),
            Unit::Home(n) => home(cx_of(*n)),
            Unit::Municipalities(n) => municipalities(cx_of(*n)),
            Unit::Overview(n) => overview(cx_of(*n)),
            Unit::Single(n, page) => single(cx_of(*n), *page),
            Unit::SiteMap(n) => site_map(cx_of(*n)),
            Unit::Aliases => aliases(cx_of(0)),
            Unit::TaxonomyFeeds => taxonomy_feeds(cx_of(0)),
            Unit::Sitemap => sitemap(cx_of(0), html_pages),
            Unit::Feed => feed(cx_of(0)),
            Unit::Data => Ok(crate::export::files(bank, config)
                .into_iter()
                .map(|(name, bytes)| Out {
                    path: format!("{}{}/{name}", config.base_path, crate::export::DATA_DIR),
                    bytes,
                })
                .collect()),
            Unit::Robots => Ok(vec![Out {
                path: format!("{}{ROBOTS_TXT}", config.base_path),
                bytes: format!(
                    "User-agent: *\nAllow: /\nSitemap: {}\n",
                    config.absolute(&format!("{}{SITEMAP_XML}", config.base_path))
                )
                .into_bytes(),
            }]),
            Unit::Statics => Ok(theme
                .statics
                .iter()
                .map(|(rel, bytes)| Out {
                    path: format!("{}{STATIC_DIR}/{rel}", config.base_path),
                    bytes: if rel.ends_with(".js") {
                        super::compact_js(bytes)
                    } else {
                        bytes.clone()
                    },
                })
                // Browsers and crawlers fetch /favicon.ico without asking the page.
                .chain(
                    theme
                        .statics
                        .iter()
                        .filter(|(rel, _)| rel == FAVICON_ICO)
                        .map(|(_, bytes)| Out {
                            path: format!("{}{FAVICON_ICO}", config.base_path),
                            bytes: bytes.clone(),
                        }),
                )
                .collect()),
        }
    });
    let outs = outs?;
    let mut reads = reads;
    reads.merge(shared);
    let cx = cx_of(0);
    let mut files = Vec::with_capacity(outs.len());
    let mut html = Vec::new();
    let is_page = !matches!(unit, Unit::Statics | Unit::Robots | Unit::Data);
    for o in outs {
        if is_page && o.path.ends_with('/') {
            html.push(o.path.clone());
        }
        files.push(cx.file_of(&o.path));
        write_out(cx, sink, o)?;
    }
    Ok(Rendered {
        unit: unit.clone(),
        files,
        html,
        reads,
        took: started.elapsed(),
    })
}

fn write_out(cx: &Ctx, staging: &dyn Sink, o: Out) -> Result<(), Diagnostic> {
    let file = cx.file_of(&o.path);
    staging.write(&file, &o.bytes).map_err(|e| {
        Diagnostic::environment(
            &cx.config.output_dir,
            "io-error",
            crate::text!("page-unwritable", file = file, error = e),
        )
        .hint(crate::text!("disk-hint"))
    })
}
