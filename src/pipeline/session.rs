//! A build that stays loaded: `lape build` runs it once, `lape serve` after every save.
//!
//! The session keeps the configuration, the theme, every file's parse and the resolved bank of
//! the last good build, and for each rendered [`Unit`] what it read (which [`Aspect`]s of which
//! documents, lists of a kind, templates). A rebuild reads only the files that changed (only
//! the ones the watcher names, when it vouches for its list), resolves the bank starting from
//! the last one (see [`graph::resolve_with`]), compares fingerprints of each aspect of each
//! document, and renders exactly the units whose reads changed: the pages a reader has open
//! first, then the rest quickest first. A failed rebuild changes nothing: the last good bank,
//! records and output stay.

use super::{Options, Part, Timings, assemble_one, gather, identity};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::graph::{
    self, Bank,
    reads::{ASPECTS, Aspect, Reads, fingerprint},
};
use crate::model::{Date, DocId, Document, Kind};
use crate::output::Sink;
use crate::parse;
use crate::progress::Phase;
use crate::render::{self, Rendered, Theme, Unit};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Instant, SystemTime};

/// What changed since the last rebuild, as far as the caller knows.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// Files named by the watcher (absolute or relative to the root); they are read again
    /// even when their size and time look the same.
    pub paths: Vec<PathBuf>,
    /// Whether `paths` names every file that changed (a watcher that saw no overflow): then a
    /// rebuild looks at those files only, unless one is new or not a plain file, instead of
    /// listing the content folder again.
    pub complete: bool,
}

/// What a rebuild did.
#[derive(Default)]
pub struct Rebuilt {
    /// Documents published.
    pub documents: usize,
    /// Units rendered (a document's page in one language is one).
    pub units: usize,
    /// HTML pages of the whole site.
    pub pages: usize,
    /// Files written.
    pub written: usize,
    /// Files removed because the site no longer has them.
    pub removed: usize,
    /// Whether every unit was rendered (first build, configuration or interface strings
    /// changed).
    pub everything: bool,
    /// Documents whose text or facts changed, or that came or went (search must follow them).
    pub changed_documents: usize,
    /// The ids of the changed documents when the bank has the same documents in the same
    /// order as before (so ids still mean the same documents); `None` otherwise.
    pub changed_ids: Option<Vec<DocId>>,
    /// Phase timings.
    pub timings: Timings,
    /// The search indexes written (when asked for and something changed).
    pub index: Option<crate::search::Written>,
    /// Warnings.
    pub diagnostics: Diagnostics,
    /// When each step ended, if `LAPE_TRACE` is set (for benchmarks; the caller prints them).
    pub trace: Vec<String>,
}

/// A file's size and modification time, when the file system tells them.
type Stamp = Option<(u64, SystemTime)>;

/// One content file as last read.
struct Source {
    stamp: Stamp,
    kind: Kind,
    /// The file's part in a build, or the reason it could not be read.
    part: Result<Part, Diagnostic>,
    /// Its document's [`own_prints`].
    own: (u64, u64),
}

/// What one unit read, by stable names (paths, not ids).
#[derive(Debug, Clone)]
struct Record {
    files: Vec<String>,
    html: Vec<String>,
    /// How long it took to render last time.
    took: std::time::Duration,
    /// Interned paths (see [`Session::interned`]) of the documents it read, by [`Aspect`].
    docs: [Vec<u32>; ASPECTS],
    kinds: Vec<Kind>,
    all: bool,
    municipalities: bool,
    templates: Vec<String>,
}

/// Fingerprints of everything a unit can read.
#[derive(Default, Clone)]
struct Prints {
    /// Each [`Aspect`] of each document by interned path (see [`Session::interned`]), 0 for
    /// a path the bank does not have: checking ten thousand units' reads by hashing paths took
    /// longer than rendering what an edit changed.
    at: [Vec<u64>; ASPECTS],
    kinds: BTreeMap<Kind, u64>,
    all: u64,
    municipalities: u64,
    /// Each template with everything it extends, includes or imports.
    templates: HashMap<String, u64>,
    /// Configuration and interface strings: every page reads them.
    environment: u64,
    statics: u64,
    /// The HTML pages of the site, in order (what `sitemap.xml` lists).
    html: u64,
}

struct Last {
    bank: Bank,
    prints: Prints,
    records: HashMap<Unit, Record>,
}

/// A loaded site, rebuilt on demand.
pub struct Session {
    root: PathBuf,
    /// The root as the file system names it, to recognise the watcher's absolute paths.
    canonical_root: PathBuf,
    opts: Options,
    config: Option<Config>,
    /// The theme, its templates' fingerprints and its static files' fingerprint.
    theme: Option<(Theme, HashMap<String, u64>, u64)>,
    /// Fingerprint of the configuration and interface strings: every page reads them.
    environment: u64,
    sources: HashMap<PathBuf, Source>,
    /// The content files in the order a build reads them, and the problems listing them found.
    order: Vec<PathBuf>,
    listing_problems: Vec<Diagnostic>,
    dates: HashMap<PathBuf, Date>,
    last: Option<Last>,
    /// Word counts of the documents' texts, kept for the next graph.
    words: graph::WordCache,
    /// Files read again since the graph last counted their words.
    recount: HashSet<PathBuf>,
    /// A number for each document path ever seen, so records name documents by number.
    interned: HashMap<PathBuf, u32>,
    /// A planted bug for the property test, to show that it catches one: units it picks
    /// forget what they read, so they are never rendered again.
    #[doc(hidden)]
    pub plant_missing_reads: Option<fn(&Unit) -> bool>,
}

impl Session {
    /// A session for the site at `root`; nothing is read until the first [`Session::rebuild`].
    pub fn new(root: &Path, opts: &Options) -> Session {
        Session {
            root: root.to_path_buf(),
            canonical_root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            opts: opts.clone(),
            config: None,
            theme: None,
            environment: 0,
            sources: HashMap::new(),
            order: Vec::new(),
            listing_problems: Vec::new(),
            dates: HashMap::new(),
            last: None,
            words: graph::WordCache::default(),
            recount: HashSet::new(),
            interned: HashMap::new(),
            plant_missing_reads: None,
        }
    }

    /// The configuration of the last rebuild that got that far.
    pub fn config(&self) -> Option<&Config> {
        self.config.as_ref()
    }

    /// The bank of the last good build.
    pub fn bank(&self) -> Option<&Bank> {
        self.last.as_ref().map(|l| &l.bank)
    }

    /// The theme of the last good build.
    pub fn theme(&self) -> Option<&Theme> {
        self.theme.as_ref().map(|(t, _, _)| t)
    }

    /// Whether a unit makes one of `pages` (site paths): such units are rendered first.
    fn is_open(record: Option<&Record>, pages: &[String]) -> bool {
        if pages.is_empty() {
            return false;
        }
        record.is_some_and(|r| r.html.iter().any(|h| pages.contains(h)))
    }

    /// Brings `sink` up to date with the files: renders what changed, removes what went, and
    /// with `search` writes both search indexes when any document changed. `open` names site
    /// paths a reader is looking at: their units go first, then `first_done` is called.
    pub fn rebuild(
        &mut self,
        changes: &Changes,
        sink: &dyn Sink,
        search: bool,
        open: &[String],
        first_done: &mut dyn FnMut(),
    ) -> Result<Rebuilt, Diagnostics> {
        let mut diags = Diagnostics::default();
        let mut timings = Timings::default();
        let t = Instant::now();
        // `LAPE_TRACE=1` prints when each step of a rebuild ends, for benchmarks.
        let trace = std::env::var_os("LAPE_TRACE").is_some();
        let start = Instant::now();
        let trace_lines = std::cell::RefCell::new(Vec::new());
        let mark = |what: &str| {
            if trace {
                trace_lines
                    .borrow_mut()
                    .push(format!("trace: {what} at {} ms", start.elapsed().as_millis()));
            }
        };
        let progress = self.opts.progress.clone();
        let named: Vec<PathBuf> = changes.paths.iter().map(|p| self.relative(p)).collect();
        // Configuration: read on the first build and whenever book.toml is named.
        let config_file = Path::new(crate::config::FILE_NAME);
        if self.config.is_none() || named.iter().any(|p| p == config_file) {
            let config = super::config(&self.root, &self.opts)?;
            if self.config.as_ref().map(|c| format!("{c:?}")) != Some(format!("{config:?}")) {
                // Parse options or folders may differ: nothing read before is reused.
                self.sources.clear();
                self.order.clear();
                self.words = graph::WordCache::default();
                self.theme = None;
                if self.config.is_none() {
                    let (root, content) = (config.root.clone(), config.content_dir.clone());
                    self.dates = crate::gitdates::last_commit_dates(&root, &content);
                }
            }
            self.config = Some(config);
        }
        let Some(config) = self.config.clone() else {
            return Err(diags);
        };
        let theme_dir = self.relative(&config.theme_dir);
        if self.theme.is_none() || named.iter().any(|p| p.starts_with(&theme_dir)) {
            let theme = render::load_theme(&config).map_err(|d| with(&mut diags, d))?;
            // Read with the templates themselves (see `render::load_theme`): a fingerprint read
            // apart from them once matched a newer save than the templates compiled, and the
            // pages of that save were never made.
            let prints = theme.template_prints.clone();
            self.environment = fingerprint((
                format!("{config:?}"),
                format!("{:?}", theme.ui),
                format!("{:?}", theme.strings),
            ));
            let statics = fingerprint(&theme.statics);
            self.theme = Some((theme, prints, statics));
        }
        mark("configuration and theme");
        self.refresh_sources(&config, &named, changes.complete);
        diags.extend(self.listing_problems.iter().cloned());
        mark("files read");
        let parts = self.in_order(&mut diags);
        let (docs, hidden) = gather(parts, &mut diags);
        timings.parse = t.elapsed();
        mark("documents assembled");
        let t = Instant::now();
        let mut problems = Vec::new();
        let recount = std::mem::take(&mut self.recount);
        let last_bank = self.last.as_ref().map(|l| &l.bank);
        progress.start(Phase::Graph, None);
        let bank = graph::resolve_with(
            docs,
            hidden,
            &config,
            &mut problems,
            &mut self.words,
            &|p| !recount.contains(p),
            last_bank,
        );
        diags.extend(problems);
        timings.graph = t.elapsed();
        progress.finish(Phase::Graph);
        mark("graph");
        if diags.has_errors() {
            return Err(diags);
        }
        let Some((theme, template_prints, statics)) = self.theme.as_ref() else {
            return Err(diags);
        };
        let t = Instant::now();
        let ids: Vec<u32> = bank
            .docs
            .iter()
            .map(|d| {
                let next = self.interned.len() as u32 + 1;
                *self.interned.entry(d.path.clone()).or_insert(next)
            })
            .collect();
        let own: Vec<(u64, u64)> = bank
            .docs
            .iter()
            .map(|d| match self.sources.get(&d.path) {
                Some(s)
                    if s.part
                        .as_ref()
                        .is_ok_and(|p| p.doc.as_ref().is_some_and(|x| Arc::ptr_eq(x, d))) =>
                {
                    s.own
                }
                _ => own_prints(d),
            })
            .collect();
        let mut prints = prints(&bank, &ids, &own, self.interned.len() + 1, self.environment);
        prints.templates = template_prints.clone();
        prints.statics = *statics;
        mark("fingerprints");
        let all_units = render::units(&bank, &config);
        let last = self.last.as_ref();
        let everything = last.is_none_or(|l| l.prints.environment != prints.environment);
        let dirty: Vec<Unit> = all_units
            .iter()
            .filter(|u| **u != Unit::Sitemap)
            .filter(|u| {
                everything || last.is_none_or(|l| l.records.get(*u).is_none_or(|r| stale(r, u, &l.prints, &prints)))
            })
            .cloned()
            .collect();
        let changed_documents = match last {
            None => bank.docs.len(),
            Some(l) => changed_docs(&l.prints, &prints),
        };
        let changed_ids = last.filter(|l| l.prints.all == prints.all).map(|l| {
            bank.ids()
                .filter(|&i| doc_changed(&l.prints, &prints, ids[i.index()] as usize))
                .collect()
        });
        mark("stale units found");
        if trace {
            let pages = dirty.iter().filter(|u| matches!(u, Unit::Document(..))).count();
            let others: Vec<String> = dirty
                .iter()
                .filter(|u| !matches!(u, Unit::Document(..)))
                .map(|u| format!("{u:?}"))
                .collect();
            trace_lines
                .borrow_mut()
                .push(format!("trace: {pages} document pages and {others:?} to render"));
        }
        let (first, mut rest): (Vec<Unit>, Vec<Unit>) = dirty
            .into_iter()
            .partition(|u| Self::is_open(last.and_then(|l| l.records.get(u)), open));
        // Quickest first (by last time's figure): the most pages are new soonest, and a page a
        // reader opens next does not wait behind the long list of every municipality.
        if let Some(l) = last {
            rest.sort_by_key(|u| l.records.get(u).map(|r| r.took));
        }
        // Every unit to render, and the sitemap.
        progress.start(Phase::Render, Some((first.len() + rest.len() + 1) as u64));
        let no_html = |_: &[Rendered]| Vec::new();
        let render_some =
            |units: &[Unit]| render::render_units(&bank, &config, theme, units, sink, &no_html, &*progress);
        let mut fresh: Vec<Rendered> = Vec::new();
        // The theme's files go before any page, so a page written by this rebuild never
        // finds its stylesheet still to come (the preview serves while it writes).
        let (statics, first): (Vec<Unit>, Vec<Unit>) = first.into_iter().partition(|u| *u == Unit::Statics);
        let (statics, rest): (Vec<Unit>, Vec<Unit>) = {
            let (s, r): (Vec<Unit>, Vec<Unit>) = rest.into_iter().partition(|u| *u == Unit::Statics);
            (statics.into_iter().chain(s).collect(), r)
        };
        if !statics.is_empty() {
            fresh.extend(render_some(&statics).map_err(|d| with(&mut diags, d))?);
        }
        if !first.is_empty() {
            fresh.extend(render_some(&first).map_err(|d| with(&mut diags, d))?);
            mark("open pages written");
            first_done();
        }
        let want_search = search && (changed_documents > 0 || everything);
        let (rest_result, searched) = rayon::join(
            || render_some(&rest),
            || {
                want_search.then(|| {
                    progress.start(Phase::Search, None);
                    let written = super::search_products(&bank, &config, theme, sink);
                    progress.finish(Phase::Search);
                    written
                })
            },
        );
        fresh.extend(rest_result.map_err(|d| with(&mut diags, d))?);
        mark("pages written");
        // The sitemap lists the HTML pages of every unit, fresh or kept, in the full build's order.
        let by_unit: HashMap<&Unit, &Rendered> = fresh.iter().map(|r| (&r.unit, r)).collect();
        let html: Vec<String> = all_units
            .iter()
            .flat_map(|u| match by_unit.get(u) {
                Some(r) => r.html.clone(),
                None => last
                    .and_then(|l| l.records.get(u))
                    .map(|r| r.html.clone())
                    .unwrap_or_default(),
            })
            .collect();
        prints.html = fingerprint(&html);
        let sitemap_stale = everything
            || last.is_none_or(|l| {
                l.prints.html != prints.html
                    || l.records
                        .get(&Unit::Sitemap)
                        .is_none_or(|r| stale(r, &Unit::Sitemap, &l.prints, &prints))
            });
        if sitemap_stale {
            let pages = html.clone();
            let listed = move |_: &[Rendered]| pages.clone();
            fresh.extend(
                render::render_units(&bank, &config, theme, &[Unit::Sitemap], sink, &listed, &*progress)
                    .map_err(|d| with(&mut diags, d))?,
            );
        }
        timings.render = t.elapsed();
        progress.finish(Phase::Render);
        timings.render_and_search = timings.render;
        let index = match searched {
            Some(Ok(w)) => {
                timings.search = w.timings.clone();
                Some(w)
            }
            Some(Err(e)) => {
                diags.push(Diagnostic::environment(
                    Path::new(".lape"),
                    "io-error",
                    crate::text!("search-unwritable", error = e),
                ));
                return Err(diags);
            }
            None => None,
        };
        mark("sitemap");
        let t = Instant::now();
        // Records: fresh ones replace the old; units the site no longer has are dropped.
        let mut records: HashMap<Unit, Record> = HashMap::with_capacity(all_units.len());
        let written: usize = fresh.iter().map(|r| r.files.len()).sum();
        let units = fresh.len();
        let mut old = self.last.take().map(|l| l.records).unwrap_or_default();
        for r in fresh {
            let mut rec = record(&ids, &r);
            if self.plant_missing_reads.is_some_and(|f| f(&r.unit)) {
                (rec.docs, rec.kinds, rec.all) = (Default::default(), Vec::new(), false);
            }
            records.insert(r.unit, rec);
        }
        for u in &all_units {
            if !records.contains_key(u)
                && let Some(r) = old.remove(u)
            {
                records.insert(u.clone(), r);
            }
        }
        // Files the site had and no longer has: a deleted document's pages, a list's last page.
        let keep: HashSet<&str> = records
            .values()
            .flat_map(|r| r.files.iter().map(String::as_str))
            .collect();
        let mut gone: BTreeSet<String> = old.into_values().flat_map(|r| r.files).collect();
        gone.retain(|f| !keep.contains(f.as_str()));
        let mut removed = 0;
        for f in &gone {
            match sink.remove(f) {
                Ok(()) => removed += 1,
                Err(e) => diags.push(Diagnostic::warning(
                    Path::new(f),
                    0,
                    "io-error",
                    crate::text!("stale-page-unremovable", error = e),
                )),
            }
        }
        timings.commit = t.elapsed();
        mark("records kept");
        let pages = html.len();
        let documents = bank.docs.len();
        self.last = Some(Last { bank, prints, records });
        Ok(Rebuilt {
            documents,
            units,
            pages,
            written,
            removed,
            everything,
            changed_documents,
            changed_ids,
            timings,
            index,
            diagnostics: diags,
            trace: trace_lines.into_inner(),
        })
    }

    /// Reads again the files whose size or time changed, those named in `changes`, and new ones;
    /// forgets the ones that went. With `complete`, only the named files are looked at when
    /// that is enough to know what changed.
    fn refresh_sources(&mut self, config: &Config, named: &[PathBuf], complete: bool) {
        if complete && !self.order.is_empty() && self.refresh_named(config, named) {
            return;
        }
        let (found, problems) = crate::load::list(&config.root, &config.content_dir);
        self.listing_problems = problems;
        let order: Vec<PathBuf> = found.iter().map(|(p, _)| self.rel(p)).collect();
        let named: HashSet<&PathBuf> = named.iter().collect();
        let present: HashSet<&PathBuf> = order.iter().collect();
        self.sources.retain(|p, _| present.contains(p));
        let todo: Vec<(PathBuf, PathBuf, Kind, Stamp)> = found
            .into_iter()
            .filter_map(|(abs, kind)| {
                let rel = self.rel(&abs);
                let stamp = stamp_of(&abs);
                let same = self
                    .sources
                    .get(&rel)
                    .is_some_and(|s| s.kind == kind && s.stamp.is_some() && s.stamp == stamp);
                (!same || named.contains(&rel)).then_some((abs, rel, kind, stamp))
            })
            .collect();
        self.read(config, todo);
        self.order = order;
    }

    /// The named files alone, when each is a known file still there or gone: returns false
    /// (and changes nothing) when a named path is new, a folder, or no plain file, so the
    /// content folder must be listed.
    fn refresh_named(&mut self, config: &Config, named: &[PathBuf]) -> bool {
        let content = self.rel(&config.content_dir);
        let mut todo = Vec::new();
        let mut gone = HashSet::new();
        for rel in named.iter().filter(|p| p.starts_with(&content)) {
            let abs = self.root.join(rel);
            let meta = std::fs::symlink_metadata(&abs);
            match (self.sources.get(rel), meta) {
                (Some(s), Ok(m)) if m.is_file() => todo.push((abs.clone(), rel.clone(), s.kind, stamp_of(&abs))),
                (Some(_), Err(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                    gone.insert(rel.clone());
                }
                // A file that came and went between two looks (an editor's temporary file),
                // unless it was a folder of known files.
                (None, Err(e))
                    if e.kind() == std::io::ErrorKind::NotFound && !self.order.iter().any(|p| p.starts_with(rel)) => {}
                _ => return false,
            }
        }
        if !gone.is_empty() {
            self.sources.retain(|p, _| !gone.contains(p));
            self.order.retain(|p| !gone.contains(p));
        }
        self.read(config, todo);
        true
    }

    /// Reads and parses `todo` (absolute path, path as the build names it, kind, stamp).
    fn read(&mut self, config: &Config, todo: Vec<(PathBuf, PathBuf, Kind, Stamp)>) {
        let max = config.max_file_bytes;
        let opts = &config.parse;
        let (dates, drafts) = (&self.dates, self.opts.drafts);
        let progress = &self.opts.progress;
        progress.start(Phase::Read, Some(todo.len() as u64));
        let read: Vec<(PathBuf, Source)> = todo
            .into_par_iter()
            .map(|(abs, rel, kind, stamp)| {
                progress.advance(Phase::Read, 1);
                let part = crate::load::read_one(&abs, &rel, kind, max)
                    .map(|f| assemble_one(identity(&rel, kind), parse::parse(f, opts), dates, drafts));
                let own = match &part {
                    Ok(Part { doc: Some(d), .. }) => own_prints(d),
                    _ => (0, 0),
                };
                (rel, Source { stamp, kind, part, own })
            })
            .collect();
        progress.finish(Phase::Read);
        self.recount.extend(read.iter().map(|(p, _)| p.clone()));
        self.sources.extend(read);
    }

    /// A path of the content as the build names it: relative to the root as it was given.
    fn rel(&self, abs: &Path) -> PathBuf {
        abs.strip_prefix(&self.root).unwrap_or(abs).to_path_buf()
    }

    /// A path named by a caller (relative to the root, or absolute as the watcher sees it),
    /// relative to the root.
    fn relative(&self, p: &Path) -> PathBuf {
        p.strip_prefix(&self.canonical_root)
            .or_else(|_| p.strip_prefix(&self.root))
            .unwrap_or(p)
            .to_path_buf()
    }

    /// Every readable file's part, in the order a build reads files; read errors go to `diags`.
    fn in_order(&self, diags: &mut Diagnostics) -> Vec<Part> {
        let mut out = Vec::with_capacity(self.order.len());
        for rel in &self.order {
            let Some(source) = self.sources.get(rel) else { continue };
            match &source.part {
                Ok(p) => out.push(p.clone()),
                Err(d) => diags.push(d.clone()),
            }
        }
        out
    }
}

/// A file's size and modification time.
fn stamp_of(abs: &Path) -> Stamp {
    std::fs::metadata(abs)
        .ok()
        .and_then(|m| Some((m.len(), m.modified().ok()?)))
}

fn with(diags: &mut Diagnostics, problems: Vec<Diagnostic>) -> Diagnostics {
    diags.extend(problems);
    std::mem::take(diags)
}

/// Whether any of the things `r` read changed between `old` and `new`.
fn stale(r: &Record, unit: &Unit, old: &Prints, new: &Prints) -> bool {
    // Absent on both sides (a kind the bank has no documents of) is no change.
    let changed = |a: Option<&u64>, b: Option<&u64>| a != b;
    (*unit == Unit::Statics && old.statics != new.statics)
        || (r.all && old.all != new.all)
        || (r.municipalities && old.municipalities != new.municipalities)
        || r.kinds.iter().any(|k| changed(old.kinds.get(k), new.kinds.get(k)))
        || r.docs
            .iter()
            .zip(old.at.iter().zip(&new.at))
            .any(|(read, (old, new))| read.iter().any(|&i| old.get(i as usize) != new.get(i as usize)))
        || r.templates
            .iter()
            .any(|t| changed(old.templates.get(t), new.templates.get(t)))
}

/// How many documents came, went, or changed their facts or text.
fn changed_docs(old: &Prints, new: &Prints) -> usize {
    let len = old.at[0].len().max(new.at[0].len());
    (0..len).filter(|&i| doc_changed(old, new, i)).count()
}

/// Whether any aspect of the document with interned number `i` differs.
fn doc_changed(old: &Prints, new: &Prints, i: usize) -> bool {
    let at = |v: &[u64]| v.get(i).copied().unwrap_or(0);
    old.at.iter().zip(&new.at).any(|(a, b)| at(a) != at(b))
}

/// A rendered unit's reads, by the interned paths (`ids`, by document) of the bank it was
/// rendered from.
fn record(ids: &[u32], r: &Rendered) -> Record {
    let paths = |read: &BTreeSet<DocId>| read.iter().map(|&i| ids[i.index()]).collect();
    let Reads {
        docs,
        kinds,
        all,
        municipalities,
        templates,
    } = &r.reads;
    Record {
        files: r.files.clone(),
        html: r.html.clone(),
        took: r.took,
        docs: std::array::from_fn(|a| paths(&docs[a])),
        kinds: kinds.iter().copied().collect(),
        all: *all,
        municipalities: *municipalities,
        templates: templates.iter().cloned().collect(),
    }
}

/// What a document shows of itself (its facts: kind, name, title, front matter, headings) and
/// its source, as two fingerprints; worked out once per read of the file.
pub(super) fn own_prints(d: &Document) -> (u64, u64) {
    (
        fingerprint((
            d.kind,
            &d.slug,
            &d.title,
            format!("{:?}", d.fm),
            format!("{:?}", d.scan.headings),
        )),
        fingerprint(&d.source),
    )
}

/// Fingerprints of every document's facts and body, of each kind's list, and of the rest of
/// what pages read. Documents are named by their interned numbers `ids` (below `slots`);
/// `own` holds each document's [`own_prints`].
fn prints(bank: &Bank, ids: &[u32], own: &[(u64, u64)], slots: usize, environment: u64) -> Prints {
    let at = |v: &[DocId]| v.iter().map(|i| ids[i.index()]).collect::<Vec<u32>>();
    let per_doc: Vec<[u64; ASPECTS]> = (0..bank.docs.len())
        .into_par_iter()
        .map(|i| {
            let r = &bank.refs[i];
            let municipalities: Vec<(&str, &str)> = r
                .municipalities
                .iter()
                .map(|&m| {
                    (
                        bank.municipalities[m].name.as_str(),
                        bank.municipalities[m].slug.as_str(),
                    )
                })
                .collect();
            let mut out = [0; ASPECTS];
            out[Aspect::Facts as usize] = fingerprint((own[i].0, &bank.urls[i]));
            out[Aspect::Refs as usize] = fingerprint((
                (
                    at(&r.regions),
                    at(&r.themes),
                    at(&r.pilots),
                    r.parent.map(|p| ids[p.index()]),
                ),
                municipalities,
            ));
            out[Aspect::Mentions as usize] = fingerprint((at(&bank.named_by[i]), at(&bank.linked_by[i])));
            out[Aspect::Related as usize] = fingerprint(at(&bank.related[i]));
            out[Aspect::Body as usize] = fingerprint((own[i].1, bank.link_targets_of(DocId(i as u32))));
            out
        })
        .collect();
    let mut by_aspect: [Vec<u64>; ASPECTS] = std::array::from_fn(|_| vec![0; slots]);
    for (i, prints) in per_doc.into_iter().enumerate() {
        for (a, p) in prints.into_iter().enumerate() {
            by_aspect[a][ids[i] as usize] = p;
        }
    }
    let kinds = bank.by_kind.iter().map(|(k, v)| (*k, fingerprint(at(v)))).collect();
    let municipalities = fingerprint(
        bank.municipalities
            .iter()
            .map(|m| (&m.name, &m.slug, m.region.map(|r| ids[r.index()]), at(&m.docs)))
            .collect::<Vec<_>>(),
    );
    Prints {
        at: by_aspect,
        kinds,
        all: fingerprint(ids),
        municipalities,
        templates: HashMap::new(),
        environment,
        statics: 0,
        html: 0,
    }
}
