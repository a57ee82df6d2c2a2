//! Which pages the site has and what each one is given: documents, lists, region, theme and
//! pilot pages, the municipality index, the overview, feeds and the sitemap.

use super::views::{Counted, DocLink, Group, NamedLink, Ui, doc_link, doc_view, links};
use super::{Theme, template_error};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::graph::{Bank, BankResolver};
use crate::model::{DocId, Kind};
use crate::output::Sink;
use crate::parse::render_body;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use tera::Context;

/// Documents per list page.
pub const PAGE_SIZE: usize = 50;
/// Entries in the Atom feed.
const FEED_SIZE: usize = 50;

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    /// The interface language of this page.
    lang: &'a str,
    /// The site's default language.
    default_lang: &'a str,
    /// Base path of this language's pages (`/` or `/sv/`): page links start here.
    base_path: String,
    /// Base path of the site itself: shared files (styles, feeds, the search bundle) live here.
    root_path: &'a str,
    base_url: &'a str,
    /// Every interface language, for the language menu and `hreflang` links.
    languages: Vec<LangNav>,
    accessibility: &'a crate::config::Accessibility,
    sections: BTreeMap<&'static str, String>,
    kinds: Vec<KindNav>,
    /// The site's own pages (content/pages/), for the footer.
    pages: Vec<DocLink>,
}

#[derive(Serialize)]
struct LangNav {
    code: String,
    /// Path segment of its pages (`sv/`, or empty).
    prefix: String,
    /// The language's own name.
    name: String,
}

#[derive(Serialize)]
struct KindNav {
    kind: Kind,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct Pager {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<(usize, String)>,
}

/// One page to write: its site path (`/muistiot/x/`) and its HTML.
struct Out {
    path: String,
    bytes: Vec<u8>,
}

/// What a build wrote, for the summary line and the sitemap.
#[derive(Debug, Default)]
pub struct RenderStats {
    /// HTML pages written.
    pub pages: usize,
}

struct Ctx<'a> {
    bank: &'a Bank,
    config: &'a Config,
    theme: &'a Theme,
    ui: Ui<'a>,
    base: Context,
}

impl Ctx<'_> {
    fn lang(&self) -> &Ui<'_> {
        &self.ui
    }

    /// This language's base path, e.g. `/sv/`.
    fn base_path(&self) -> String {
        self.ui.base()
    }

    fn render(&self, template: &str, extra: Context) -> Result<String, Diagnostic> {
        crate::graph::reads::note(|r| {
            r.templates.insert(template.to_string());
        });
        let mut ctx = self.base.clone();
        ctx.extend(extra);
        self.theme
            .tera
            .render(template, &ctx)
            .map_err(|e| template_error(self.config, &e))
    }

    /// Renders the page at `path` (a site path of this language); templates get `here`, the
    /// path below the language's base, to link the same page in the other languages.
    fn page(&self, template: &str, path: String, mut extra: Context) -> Result<Out, Diagnostic> {
        let base = self.base_path();
        extra.insert("here", path.strip_prefix(base.as_str()).unwrap_or(""));
        Ok(Out {
            bytes: self.render(template, extra)?.into_bytes(),
            path,
        })
    }

    fn file_of(&self, site_path: &str) -> String {
        let rel = site_path
            .strip_prefix(&self.config.base_path)
            .unwrap_or(site_path)
            .trim_start_matches('/');
        if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        }
    }

    fn section_url(&self, kind: Kind) -> String {
        format!("{}{}/", self.base_path(), self.config.section(kind))
    }
}

/// The interface languages of the site: the default at the root, the others under `/<code>/`.
fn languages(config: &Config) -> Vec<(String, String)> {
    config
        .ui_languages
        .iter()
        .enumerate()
        .map(|(i, code)| (code.clone(), if i == 0 { String::new() } else { format!("{code}/") }))
        .collect()
}

fn context<'a>(bank: &'a Bank, config: &'a Config, theme: &'a Theme, ui: Ui<'a>) -> Ctx<'a> {
    let mut sections = BTreeMap::new();
    let mut kinds = Vec::new();
    for kind in Kind::LISTED {
        let url = format!("{}{}/", ui.base(), config.section(kind));
        sections.insert(kind.type_name(), url.clone());
        kinds.push(KindNav {
            kind,
            url,
            count: bank.of_kind(kind).len(),
        });
    }
    let site = SiteView {
        title: &config.title,
        description: &config.description,
        lang: ui.lang,
        default_lang: &config.language,
        base_path: ui.base(),
        root_path: &config.base_path,
        base_url: &config.base_url,
        languages: languages(config)
            .into_iter()
            .map(|(code, prefix)| LangNav {
                name: theme
                    .ui
                    .get(&code)
                    .and_then(|t| t.get("lang_name"))
                    .and_then(toml::Value::as_str)
                    .unwrap_or(&code)
                    .to_string(),
                code,
                prefix,
            })
            .collect(),
        accessibility: &config.accessibility,
        sections,
        kinds,
        pages: links(bank, bank.of_kind(Kind::Page), &ui),
    };
    let mut base = Context::new();
    base.insert("site", &site);
    base.insert("t", theme.ui.get(ui.lang).unwrap_or(&theme.strings));
    Ctx {
        bank,
        config,
        theme,
        ui,
        base,
    }
}

fn ui_of<'a>(config: &'a Config, lang: &'a str, prefix: &'a str) -> Ui<'a> {
    Ui {
        lang,
        docs: &config.language,
        root: &config.base_path,
        prefix,
    }
}

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
    Single(usize, &'static str),
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
    /// The theme's static files.
    Statics,
}

/// The pages that are not a document's, in the order a full build makes them.
const SINGLES: [(&str, &str); 3] = [
    ("404.html", "404.html"),
    ("search.html", "haku/"),
    ("accessibility.html", "saavutettavuus/"),
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
        all.extend(SINGLES.iter().map(|(t, _)| Unit::Single(n, t)));
        all.push(Unit::SiteMap(n));
        if prefix.is_empty() {
            all.extend([Unit::Aliases, Unit::TaxonomyFeeds]);
        }
    }
    all.extend([Unit::Sitemap, Unit::Feed, Unit::Robots, Unit::Statics]);
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
    let done = render_units(bank, config, theme, &all, staging, &|fresh: &[Rendered]| {
        fresh.iter().flat_map(|r| r.html.iter().cloned()).collect()
    })?;
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
) -> Result<Vec<Rendered>, Vec<Diagnostic>> {
    let langs = languages(config);
    // What every page shows (the sections' counts, the site's own pages) is read once here
    // and counts as read by every unit.
    let (contexts, shared): (Vec<Ctx>, _) = crate::graph::reads::record(|| {
        langs
            .iter()
            .map(|(lang, prefix)| context(bank, config, theme, ui_of(config, lang, prefix)))
            .collect()
    });
    if contexts.is_empty() {
        // No interface language, no pages (configuration always names one).
        return Ok(Vec::new());
    }
    let (last, first): (Vec<&Unit>, Vec<&Unit>) = todo.iter().partition(|u| **u == Unit::Sitemap);
    let render = |u: &&Unit| render_unit(&contexts, &shared, u, sink, &[]);
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
            Unit::Single(n, template) => {
                let path = SINGLES.iter().find(|(t, _)| t == template).map_or("", |(_, p)| *p);
                single(cx_of(*n), template, path)
            }
            Unit::SiteMap(n) => site_map(cx_of(*n)),
            Unit::Aliases => aliases(cx_of(0)),
            Unit::TaxonomyFeeds => taxonomy_feeds(cx_of(0)),
            Unit::Sitemap => sitemap(cx_of(0), html_pages),
            Unit::Feed => feed(cx_of(0)),
            Unit::Robots => Ok(vec![Out {
                path: format!("{}robots.txt", config.base_path),
                bytes: format!(
                    "User-agent: *\nAllow: /\nSitemap: {}\n",
                    config.absolute(&format!("{}sitemap.xml", config.base_path))
                )
                .into_bytes(),
            }]),
            Unit::Statics => Ok(theme
                .statics
                .iter()
                .map(|(rel, bytes)| Out {
                    path: format!("{}static/{rel}", config.base_path),
                    bytes: if rel.ends_with(".js") {
                        super::compact_js(bytes)
                    } else {
                        bytes.clone()
                    },
                })
                .collect()),
        }
    });
    let outs = outs?;
    let mut reads = reads;
    reads.merge(shared);
    let cx = cx_of(0);
    let mut files = Vec::with_capacity(outs.len());
    let mut html = Vec::new();
    let is_page = !matches!(unit, Unit::Statics | Unit::Robots);
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
        Diagnostic::error(
            &cx.config.output_dir,
            0,
            "io-error",
            format!("cannot write {file}: {e}"),
        )
        .hint("check free disk space and permissions")
    })
}

fn document_page(cx: &Ctx, id: DocId) -> Result<Out, Diagnostic> {
    let bank = cx.bank;
    let doc = bank.doc(id);
    let localize = |u: &str| cx.ui.url(u);
    let body = render_body(
        bank.body_of(id),
        &doc.scan.headings,
        &BankResolver::new(bank, id).localized(&localize),
        cx.config.parse.raw_html,
    );
    let mut ctx = Context::new();
    ctx.insert("page", &doc_view(bank, id, cx.lang()));
    ctx.insert("body", &body);
    let template = match doc.kind {
        Kind::Pilot => "pilot.html",
        Kind::Region => {
            region_extras(cx, id, &mut ctx);
            "region.html"
        }
        Kind::Theme => {
            theme_extras(cx, id, &mut ctx);
            "theme.html"
        }
        Kind::Page => "page.html",
        _ => "document.html",
    };
    cx.page(template, cx.ui.url(bank.url(id)), ctx)
}

/// Groups documents by kind and, for dated kinds, by year (newest first).
fn by_kind_and_year(cx: &Ctx, ids: &[DocId]) -> Vec<Group> {
    let bank = cx.bank;
    let mut groups = Vec::new();
    for kind in [Kind::Memo, Kind::Workshop, Kind::Service] {
        let mut of_kind: Vec<DocId> = ids.iter().copied().filter(|&i| bank.doc(i).kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        of_kind.sort_by(|&a, &b| {
            bank.doc(b)
                .date()
                .cmp(&bank.doc(a).date())
                .then_with(|| crate::collate::compare(&bank.doc(a).title, &bank.doc(b).title))
        });
        let mut years: Vec<Group> = Vec::new();
        for &i in &of_kind {
            let year = bank.doc(i).date().map_or(String::new(), |d| d.year.to_string());
            if years.last().is_none_or(|g| g.key != year) {
                years.push(Group {
                    anchor: format!("{}-{}", kind.type_name(), if year.is_empty() { "x" } else { &year }),
                    label: year.clone(),
                    key: year.clone(),
                    docs: Vec::new(),
                    groups: Vec::new(),
                });
            }
            if let Some(g) = years.last_mut() {
                g.docs.push(doc_link(bank, i, cx.lang()));
            }
        }
        groups.push(Group {
            key: kind.type_name().to_string(),
            label: cx
                .theme
                .strings
                .get("kind_plural")
                .and_then(|t| t.get(kind.type_name()))
                .and_then(toml::Value::as_str)
                .unwrap_or_default()
                .to_string(),
            anchor: kind.type_name().to_string(),
            docs: Vec::new(),
            groups: years,
        });
    }
    groups
}

/// One bar of a timeline: documents dated in a year, with its place in the chart.
#[derive(Serialize)]
struct Bar {
    year: i32,
    count: usize,
    x: usize,
    y: usize,
    height: usize,
}

/// Height of the timeline's plot area and width of one year's slot, in SVG units.
const TIMELINE_HEIGHT: usize = 80;
const TIMELINE_SLOT: usize = 48;

/// Documents per year of `ids`, every year from the first to the last (empty years as 0).
fn timeline(bank: &Bank, ids: &[DocId]) -> Vec<Bar> {
    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    for &d in ids {
        let doc = bank.doc(d);
        if let Some(date) = doc.date().filter(|_| doc.kind.is_text()) {
            *per_year.entry(i32::from(date.year)).or_insert(0) += 1;
        }
    }
    let (Some(&first), Some(&last)) = (per_year.keys().next(), per_year.keys().last()) else {
        return Vec::new();
    };
    let max = per_year.values().copied().max().unwrap_or(1).max(1);
    (first..=last)
        .enumerate()
        .map(|(i, year)| {
            let count = per_year.get(&year).copied().unwrap_or(0);
            let height = count * TIMELINE_HEIGHT / max;
            Bar {
                year,
                count,
                x: i * TIMELINE_SLOT,
                y: TIMELINE_HEIGHT - height,
                height,
            }
        })
        .collect()
}

fn sorted_by_title(bank: &Bank, mut ids: Vec<DocId>) -> Vec<DocId> {
    ids.sort_by(|&a, &b| crate::collate::compare(&bank.doc(a).title, &bank.doc(b).title));
    ids
}

fn region_extras(cx: &Ctx, id: DocId, ctx: &mut Context) {
    let bank = cx.bank;
    let named = bank.named_by_of(id);
    let pilots = sorted_by_title(
        bank,
        named
            .iter()
            .copied()
            .filter(|&d| bank.doc(d).kind == Kind::Pilot)
            .collect(),
    );
    let texts: Vec<DocId> = named
        .iter()
        .copied()
        .filter(|&d| !matches!(bank.doc(d).kind, Kind::Pilot) && bank.doc(d).kind.is_text())
        .collect();
    let mut theme_counts: HashMap<DocId, usize> = HashMap::new();
    for &d in named {
        for &t in &bank.refs_of(d).themes {
            *theme_counts.entry(t).or_insert(0) += 1;
        }
    }
    let mut themes: Vec<(DocId, usize)> = theme_counts.into_iter().collect();
    themes.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| crate::collate::compare(&bank.doc(a.0).title, &bank.doc(b.0).title))
    });
    // Other regions working on the same themes: counted through the themes' documents.
    let mut others: HashMap<DocId, usize> = HashMap::new();
    for &(t, _) in &themes {
        for &d in bank.named_by_of(t) {
            for &r in &bank.refs_of(d).regions {
                if r != id {
                    *others.entry(r).or_insert(0) += 1;
                }
            }
        }
    }
    let mut others: Vec<(DocId, usize)> = others.into_iter().collect();
    others.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| crate::collate::compare(&bank.doc(a.0).title, &bank.doc(b.0).title))
    });
    others.truncate(10);
    let counted = |v: Vec<(DocId, usize)>| -> Vec<Counted> {
        v.into_iter()
            .map(|(d, count)| Counted {
                link: doc_link(bank, d, cx.lang()),
                count,
            })
            .collect()
    };
    let municipalities: Vec<NamedLink> = bank
        .municipality_list()
        .iter()
        .filter(|m| m.region == Some(id))
        .map(|m| NamedLink {
            name: m.name.clone(),
            url: format!("{}kunnat/#{}", cx.base_path(), m.slug),
        })
        .collect();
    ctx.insert("pilots", &links(bank, &pilots, cx.lang()));
    ctx.insert("groups", &by_kind_and_year(cx, &texts));
    ctx.insert("theme_counts", &counted(themes));
    ctx.insert("other_regions", &counted(others));
    ctx.insert("region_municipalities", &municipalities);
    ctx.insert("doc_count", &texts.len());
    ctx.insert("timeline", &timeline(bank, &texts));
    ctx.insert("timeline_slot", &TIMELINE_SLOT);
    ctx.insert("timeline_height", &TIMELINE_HEIGHT);
}

fn theme_extras(cx: &Ctx, id: DocId, ctx: &mut Context) {
    let bank = cx.bank;
    let named = bank.named_by_of(id);
    let mut by_region: BTreeMap<DocId, (Vec<DocId>, Vec<DocId>)> = BTreeMap::new();
    let mut no_region: Vec<DocId> = Vec::new();
    for &d in named {
        let doc = bank.doc(d);
        if !doc.kind.is_text() {
            continue;
        }
        let regions = &bank.refs_of(d).regions;
        if regions.is_empty() {
            no_region.push(d);
        }
        for &r in regions {
            let e = by_region.entry(r).or_default();
            if doc.kind == Kind::Pilot {
                e.1.push(d);
            } else {
                e.0.push(d);
            }
        }
    }
    let mut regions: Vec<DocId> = by_region.keys().copied().collect();
    regions.sort_by(|&a, &b| crate::collate::compare(&bank.doc(a).title, &bank.doc(b).title));
    let groups: Vec<Group> = regions
        .into_iter()
        .map(|r| {
            let (mut docs, pilots) = by_region.remove(&r).unwrap_or_default();
            docs.sort_by_key(|&b| std::cmp::Reverse(bank.doc(b).date()));
            let pilots = sorted_by_title(bank, pilots);
            let region = bank.doc(r);
            Group {
                key: region.slug.clone(),
                label: doc_link(bank, r, cx.lang()).title,
                anchor: format!("alue-{}", region.slug),
                docs: links(bank, &docs, cx.lang()),
                groups: vec![Group {
                    key: "pilots".into(),
                    label: String::new(),
                    anchor: format!("alue-{}-pilotit", region.slug),
                    docs: links(bank, &pilots, cx.lang()),
                    groups: Vec::new(),
                }],
            }
        })
        .collect();
    let children: Vec<DocId> = sorted_by_title(
        bank,
        // Only themes have parents: reading every document's references here made every
        // theme page stale whenever any document changed its regions.
        bank.of_kind(Kind::Theme)
            .iter()
            .copied()
            .filter(|&t| bank.refs_of(t).parent == Some(id))
            .collect(),
    );
    let parent: Vec<DocId> = bank.refs_of(id).parent.into_iter().collect();
    ctx.insert("region_groups", &groups);
    ctx.insert("children", &links(bank, &children, cx.lang()));
    ctx.insert("parent", &links(bank, &parent, cx.lang()));
    ctx.insert(
        "doc_count",
        &named.iter().filter(|&&d| bank.doc(d).kind.is_text()).count(),
    );
    ctx.insert("timeline", &timeline(bank, named));
    ctx.insert("timeline_slot", &TIMELINE_SLOT);
    ctx.insert("timeline_height", &TIMELINE_HEIGHT);
}

fn pager(base: &str, current: usize, total: usize) -> Pager {
    let url = |n: usize| {
        if n == 1 {
            base.to_string()
        } else {
            format!("{base}sivu/{n}/")
        }
    };
    Pager {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages: (1..=total).map(|n| (n, url(n))).collect(),
    }
}

fn list_pages(cx: &Ctx, kind: Kind) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let ids = bank.of_kind(kind);
    let base = cx.section_url(kind);
    let chunks: Vec<&[DocId]> = if ids.is_empty() {
        vec![&[]]
    } else {
        ids.chunks(PAGE_SIZE).collect()
    };
    let total = chunks.len();
    let mut out = Vec::with_capacity(total);
    for (i, chunk) in chunks.into_iter().enumerate() {
        let mut ctx = Context::new();
        let mut entries = links(bank, chunk, cx.lang());
        let counts: Vec<usize> = chunk
            .iter()
            .map(|&d| {
                bank.named_by_of(d)
                    .iter()
                    .filter(|&&x| bank.doc(x).kind.is_text())
                    .count()
            })
            .collect();
        if kind.is_taxonomy() {
            for (e, c) in entries.iter_mut().zip(&counts) {
                e.status = c.to_string();
            }
        }
        ctx.insert("kind", &kind);
        ctx.insert("docs", &entries);
        ctx.insert("pager", &pager(&base, i + 1, total));
        ctx.insert("total", &ids.len());
        let path = if i == 0 {
            base.clone()
        } else {
            format!("{base}sivu/{}/", i + 1)
        };
        out.push(cx.page("list.html", path, ctx)?);
    }
    Ok(out)
}

/// Side of one tile of the region map, in SVG units.
const TILE: usize = 110;

/// A long region name on two lines, broken after a hyphen or at a space; the pieces joined
/// again give the name exactly (the tile's visible text must match its accessible name).
fn tile_lines(name: &str) -> Vec<String> {
    if name.chars().count() <= 12 {
        return vec![name.to_string()];
    }
    let mid = name.len() / 2;
    let cut = name
        .char_indices()
        .filter(|&(_, c)| c == '-' || c == ' ')
        .map(|(i, _)| i + 1)
        .min_by_key(|&i| i.abs_diff(mid));
    match cut {
        Some(i) => vec![name[..i].to_string(), name[i..].to_string()],
        None => vec![name.to_string()],
    }
}

#[derive(Serialize)]
struct Tile {
    x: usize,
    y: usize,
    lines: Vec<String>,
    count: usize,
    #[serde(flatten)]
    link: DocLink,
}

fn home(cx: &Ctx) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let mut dated: Vec<DocId> = bank
        .ids()
        .filter(|&i| bank.doc(i).kind.is_dated() || bank.doc(i).kind == Kind::Service)
        .collect();
    dated.sort_by(|&a, &b| bank.doc(b).date().cmp(&bank.doc(a).date()).then(a.cmp(&b)));
    dated.truncate(10);
    let count_of = |id: DocId| {
        bank.named_by_of(id)
            .iter()
            .filter(|&&x| bank.doc(x).kind.is_text())
            .count()
    };
    let regions: Vec<Counted> = bank
        .by_kind
        .get(&Kind::Region)
        .into_iter()
        .flatten()
        .map(|&r| Counted {
            link: doc_link(bank, r, cx.lang()),
            count: count_of(r),
        })
        .collect();
    let themes: Vec<Counted> = bank
        .by_kind
        .get(&Kind::Theme)
        .into_iter()
        .flatten()
        .map(|&t| Counted {
            link: doc_link(bank, t, cx.lang()),
            count: count_of(t),
        })
        .collect();
    // The tile map: each region with a `tile: [col, row]` is a square in a schematic Finland.
    let tiles: Vec<Tile> = bank
        .by_kind
        .get(&Kind::Region)
        .into_iter()
        .flatten()
        .filter_map(|&r| {
            let [col, row] = bank.doc(r).fm.tile?;
            let link = doc_link(bank, r, cx.lang());
            Some(Tile {
                x: usize::from(col) * TILE,
                y: usize::from(row) * TILE,
                lines: tile_lines(&link.title),
                link,
                count: count_of(r),
            })
        })
        .collect();
    let map_width = tiles.iter().map(|t| t.x + TILE).max().unwrap_or(0);
    let map_height = tiles.iter().map(|t| t.y + TILE).max().unwrap_or(0);
    let mut ctx = Context::new();
    ctx.insert("tiles", &tiles);
    ctx.insert("tile", &TILE);
    ctx.insert("map_width", &map_width);
    ctx.insert("map_height", &map_height);
    ctx.insert("newest", &links(bank, &dated, cx.lang()));
    ctx.insert("regions", &regions);
    ctx.insert("themes", &themes);
    Ok(vec![cx.page("index.html", cx.base_path(), ctx)?])
}

#[derive(Serialize)]
struct MunicipalityView {
    name: String,
    slug: String,
    region: Option<DocLink>,
    docs: Vec<DocLink>,
}

fn municipalities(cx: &Ctx) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let list: Vec<MunicipalityView> = bank
        .municipality_list()
        .iter()
        .map(|m| {
            // Without a region page listing it, the municipality belongs to its documents' region.
            let region = m.region.or_else(|| {
                let first = m.docs.first()?;
                bank.refs_of(*first).regions.first().copied()
            });
            MunicipalityView {
                name: m.name.clone(),
                slug: m.slug.clone(),
                region: region.map(|r| doc_link(bank, r, cx.lang())),
                docs: links(bank, &m.docs, cx.lang()),
            }
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("municipalities", &list);
    Ok(vec![cx.page(
        "municipalities.html",
        format!("{}kunnat/", cx.base_path()),
        ctx,
    )?])
}

#[derive(Serialize)]
struct Cell {
    count: usize,
    url: String,
}

#[derive(Serialize)]
struct Row {
    region: DocLink,
    cells: Vec<Cell>,
    total: usize,
}

fn overview(cx: &Ctx) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let regions: Vec<DocId> = bank.of_kind(Kind::Region).to_vec();
    let themes: Vec<DocId> = bank.of_kind(Kind::Theme).to_vec();
    let mut counts: HashMap<(DocId, DocId), usize> = HashMap::new();
    for d in bank.ids() {
        if !bank.doc(d).kind.is_text() {
            continue;
        }
        let r = bank.refs_of(d);
        for &reg in &r.regions {
            for &th in &r.themes {
                *counts.entry((reg, th)).or_insert(0) += 1;
            }
        }
    }
    let rows: Vec<Row> = regions
        .iter()
        .map(|&reg| {
            let cells: Vec<Cell> = themes
                .iter()
                .map(|&th| Cell {
                    count: counts.get(&(reg, th)).copied().unwrap_or(0),
                    url: format!("{}#alue-{}", cx.ui.url(bank.url(th)), bank.doc(reg).slug),
                })
                .collect();
            Row {
                region: doc_link(bank, reg, cx.lang()),
                total: cells.iter().map(|c| c.count).sum(),
                cells,
            }
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("themes", &links(bank, &themes, cx.lang()));
    ctx.insert("rows", &rows);
    Ok(vec![cx.page(
        "overview.html",
        format!("{}yleiskuva/", cx.base_path()),
        ctx,
    )?])
}

fn single(cx: &Ctx, template: &str, path: &str) -> Result<Vec<Out>, Diagnostic> {
    let path = format!("{}{path}", cx.base_path());
    Ok(vec![cx.page(template, path, Context::new())?])
}

fn aliases(cx: &Ctx) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let mut out = Vec::new();
    for id in bank.ids() {
        for alias in &bank.doc(id).fm.aliases {
            // The same path the URL registry checked (graph::routes).
            let Some(path) = crate::graph::routes::alias_path(cx.config, alias) else {
                continue;
            };
            let mut ctx = Context::new();
            ctx.insert("target", bank.url(id));
            ctx.insert("title", &bank.doc(id).title);
            out.push(cx.page("redirect.html", path, ctx)?);
        }
    }
    Ok(out)
}

#[derive(Serialize)]
struct UrlEntry {
    loc: String,
    lastmod: String,
}

fn sitemap(cx: &Ctx, paths: &[String]) -> Result<Vec<Out>, Diagnostic> {
    let by_url: HashMap<&str, DocId> = cx.bank.ids().map(|i| (cx.bank.url(i), i)).collect();
    // A page of another interface language dates from its document too: /sv/x/ is /x/.
    let prefixes: Vec<String> = languages(cx.config)
        .into_iter()
        .filter(|(_, prefix)| !prefix.is_empty())
        .map(|(_, prefix)| format!("{}{prefix}", cx.config.base_path))
        .collect();
    let default_path = |p: &str| -> String {
        prefixes
            .iter()
            .find_map(|pre| p.strip_prefix(pre.as_str()))
            .map_or_else(|| p.to_string(), |rest| format!("{}{rest}", cx.config.base_path))
    };
    let entries: Vec<UrlEntry> = paths
        .iter()
        .map(|p| UrlEntry {
            loc: cx.config.absolute(p),
            lastmod: by_url
                .get(default_path(p).as_str())
                .and_then(|&i| {
                    let d = cx.bank.doc(i);
                    d.fm.updated.or(d.date())
                })
                .filter(|d| d.day > 0)
                .map(|d| d.iso())
                .unwrap_or_default(),
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("entries", &entries);
    Ok(vec![Out {
        path: format!("{}sitemap.xml", cx.config.base_path),
        bytes: cx.render("sitemap.xml", ctx)?.into_bytes(),
    }])
}

#[derive(Serialize)]
struct FeedEntry {
    title: String,
    url: String,
    id: String,
    updated: String,
    summary: String,
}

fn feed(cx: &Ctx) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let ids: Vec<DocId> = bank.ids().filter(|&i| bank.doc(i).kind.is_text()).collect();
    let path = format!("{}atom.xml", cx.config.base_path);
    Ok(vec![feed_of(cx, ids, path, &cx.config.title, &cx.config.base_path)?])
}

/// A feed per region and per theme, beside its page: `/alueet/kainuu/atom.xml`.
fn taxonomy_feeds(cx: &Ctx) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let mut out = Vec::new();
    for id in bank.ids().filter(|&i| bank.doc(i).kind.is_taxonomy()) {
        let ids: Vec<DocId> = bank
            .named_by_of(id)
            .iter()
            .copied()
            .filter(|&d| bank.doc(d).kind.is_text())
            .collect();
        let title = format!("{} – {}", bank.doc(id).title, cx.config.title);
        let page = bank.url(id);
        out.push(feed_of(cx, ids, format!("{page}atom.xml"), &title, page)?);
    }
    Ok(out)
}

/// An Atom id must be an absolute IRI; without a `base-url` the site path becomes a URN.
fn atom_id(url: &str) -> String {
    if url.contains("://") {
        url.to_string()
    } else {
        format!("urn:lape-kb:{}", url.trim_start_matches('/'))
    }
}

/// An Atom feed of the newest (by update, then date) of `ids`.
fn feed_of(cx: &Ctx, mut ids: Vec<DocId>, path: String, title: &str, home: &str) -> Result<Out, Diagnostic> {
    let bank = cx.bank;
    let stamp = |i: DocId| {
        let d = bank.doc(i);
        d.fm.updated.or(d.date())
    };
    ids.sort_by(|&a, &b| stamp(b).cmp(&stamp(a)).then(a.cmp(&b)));
    ids.truncate(FEED_SIZE);
    let entries: Vec<FeedEntry> = ids
        .iter()
        .map(|&i| {
            let d = bank.doc(i);
            let url = cx.config.absolute(bank.url(i));
            FeedEntry {
                title: d.title.clone(),
                id: atom_id(&url),
                url,
                updated: stamp(i).map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |x| x.rfc3339()),
                summary: d.fm.summary.clone().unwrap_or_default(),
            }
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("entries", &entries);
    ctx.insert(
        "updated",
        &entries
            .first()
            .map_or("1970-01-01T00:00:00Z".to_string(), |e| e.updated.clone()),
    );
    ctx.insert("feed_url", &cx.config.absolute(&path));
    ctx.insert("feed_title", title);
    ctx.insert("home_url", &cx.config.absolute(home));
    ctx.insert("feed_id", &atom_id(&cx.config.absolute(&path)));
    Ok(Out {
        bytes: cx.render("atom.xml", ctx)?.into_bytes(),
        path,
    })
}

/// The site map page: every section, region, theme, pilot and page, for readers.
fn site_map(cx: &Ctx) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let mut ctx = Context::new();
    let of = |k: Kind| links(bank, bank.of_kind(k), cx.lang());
    let groups: Vec<Group> = [Kind::Region, Kind::Theme, Kind::Pilot, Kind::Service]
        .into_iter()
        .map(|k| Group {
            key: k.type_name().to_string(),
            label: String::new(),
            anchor: format!("kartta-{}", cx.config.section(k)),
            docs: of(k),
            groups: Vec::new(),
        })
        .collect();
    ctx.insert("groups", &groups);
    ctx.insert("pages", &of(Kind::Page));
    Ok(vec![cx.page(
        "sitemap.html",
        format!("{}sivukartta/", cx.base_path()),
        ctx,
    )?])
}
