//! The bank as one connected graph: every front-matter reference and body link resolved to a
//! document, with the reverse indexes (backlinks, documents per region, theme and pilot) that
//! pages need. Computed once per build; all lookups are maps, nothing is quadratic.

pub mod counts;
mod links;
pub mod reads;
mod related;
pub mod routes;

pub use links::BankResolver;
use reads::Aspect;
pub use related::WordCache;

use crate::config::Config;
use crate::diag::{Diagnostic, did_you_mean};
use crate::messages::{Word, kind_word};
use crate::model::{DocId, Document, Kind};
use crate::parse::locate_value;
use crate::slug::slugify;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// Front-matter references of one document, resolved.
#[derive(Debug, Clone, Default)]
pub struct Refs {
    /// Regions named in `regions`.
    pub regions: Vec<DocId>,
    /// Themes named in `themes`.
    pub themes: Vec<DocId>,
    /// Pilots named in `pilots`.
    pub pilots: Vec<DocId>,
    /// Indexes into [`Bank::municipalities`].
    pub municipalities: Vec<usize>,
    /// A theme's parent theme.
    pub parent: Option<DocId>,
}

/// A municipality named anywhere in the bank.
#[derive(Debug, Clone)]
pub struct Municipality {
    /// Name as written (the region page's spelling wins).
    pub name: String,
    /// URL slug.
    pub slug: String,
    /// The region page that lists it, if any.
    pub region: Option<DocId>,
    /// Documents naming it, in bank order.
    pub docs: Vec<DocId>,
}

/// Identity of an unpublished document, so links to it can be dropped instead of broken.
#[derive(Debug, Clone)]
pub struct Hidden {
    /// Whether it is a draft (links to it are warned about) or a file that failed to parse
    /// (its own error is reported; references to it are not errors twice over).
    pub draft: bool,
    /// Its kind.
    pub kind: Kind,
    /// Its slug.
    pub slug: String,
    /// Its path relative to the root.
    pub path: PathBuf,
}

/// The resolved bank: documents plus every index the pages need.
#[derive(Clone)]
pub struct Bank {
    /// All published documents; a [`DocId`] indexes this.
    pub docs: Vec<Arc<Document>>,
    /// Site path of each document, e.g. `/muistiot/x/`.
    pub urls: Arc<Vec<String>>,
    /// Resolved front-matter references of each document.
    pub refs: Arc<Vec<Refs>>,
    /// For each document, the documents that name it in front matter.
    pub named_by: Arc<Vec<Vec<DocId>>>,
    /// For each document, the documents whose body links to it.
    pub linked_by: Vec<Vec<DocId>>,
    /// For each document, up to five related documents, best first.
    pub related: Vec<Vec<DocId>>,
    /// Every municipality, in Finnish alphabetical order.
    pub municipalities: Arc<Vec<Municipality>>,
    /// Documents of each kind, in list order (newest first, or alphabetical for undated kinds).
    pub by_kind: BTreeMap<Kind, Vec<DocId>>,
    // The indexes of names are shared by the banks of a session that have the same files.
    by_kind_slug: Arc<HashMap<(Kind, String), DocId>>,
    by_slug: Arc<HashMap<String, Vec<DocId>>>,
    by_path: Arc<HashMap<PathBuf, DocId>>,
    hidden: Vec<Hidden>,
    /// What each document's body links became, with their problems, so the next bank of a
    /// session checks again only the links that can have changed.
    body_links: Vec<Arc<links::BodyLinks>>,
    /// What the related pass keeps for the next bank.
    related_state: related::State,
}

impl Bank {
    /// The document with this id (its facts: a page that shows its body says so with
    /// [`Bank::body_of`]).
    pub fn doc(&self, id: DocId) -> &Document {
        reads::note_doc(id, Aspect::Facts);
        &self.docs[id.index()]
    }

    /// The Markdown body of a document.
    pub fn body_of(&self, id: DocId) -> &str {
        reads::note_doc(id, Aspect::Body);
        self.docs[id.index()].body()
    }

    /// The site path of a document.
    pub fn url(&self, id: DocId) -> &str {
        reads::note_doc(id, Aspect::Facts);
        &self.urls[id.index()]
    }

    /// All ids, in store order.
    pub fn ids(&self) -> impl Iterator<Item = DocId> + '_ {
        reads::note(|r| r.all = true);
        (0..self.docs.len() as u32).map(DocId)
    }

    /// Resolved front-matter references of a document.
    pub fn refs_of(&self, id: DocId) -> &Refs {
        reads::note_doc(id, Aspect::Refs);
        &self.refs[id.index()]
    }

    /// The documents that name this one in front matter.
    pub fn named_by_of(&self, id: DocId) -> &[DocId] {
        reads::note_doc(id, Aspect::Mentions);
        &self.named_by[id.index()]
    }

    /// Up to five related documents, best first.
    pub fn related_of(&self, id: DocId) -> &[DocId] {
        reads::note_doc(id, Aspect::Related);
        &self.related[id.index()]
    }

    /// What each body link of a document becomes on its page.
    pub fn link_targets_of(&self, id: DocId) -> &[crate::parse::LinkTarget] {
        reads::note_doc(id, Aspect::Body);
        self.body_links
            .get(id.index())
            .map_or(&[][..], |l| l.on_page.as_slice())
    }

    /// Documents of one kind, in list order.
    pub fn of_kind(&self, kind: Kind) -> &[DocId] {
        reads::note(|r| {
            r.kinds.insert(kind);
        });
        self.by_kind.get(&kind).map_or(&[][..], Vec::as_slice)
    }

    /// Every municipality, in Finnish alphabetical order.
    pub fn municipality_list(&self) -> &[Municipality] {
        reads::note(|r| r.municipalities = true);
        &self.municipalities
    }

    /// The document read from `path` (relative to the root).
    pub fn find_path(&self, path: &std::path::Path) -> Option<DocId> {
        self.by_path.get(path).copied()
    }

    /// Ids of one kind, in store order.
    pub fn by_kind_ids(&self, kind: Kind) -> impl Iterator<Item = DocId> + '_ {
        self.ids().filter(move |&i| self.doc(i).kind == kind)
    }

    /// The document of a kind with a slug.
    pub fn find(&self, kind: Kind, slug: &str) -> Option<DocId> {
        self.by_kind_slug.get(&(kind, slug.to_string())).copied()
    }

    /// Backlinks: documents that name this one in front matter or link to it, without itself.
    pub fn backlinks(&self, id: DocId) -> Vec<DocId> {
        reads::note_doc(id, Aspect::Mentions);
        let mut v: Vec<DocId> = self.named_by[id.index()]
            .iter()
            .chain(&self.linked_by[id.index()])
            .copied()
            // The site's own pages (the editors' guide) link to examples; that is no mention.
            .filter(|&d| d != id && self.doc(d).kind != Kind::Page)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// Resolves every reference of the documents; problems go to `problems`.
pub fn resolve(docs: Vec<Arc<Document>>, hidden: Vec<Hidden>, config: &Config, problems: &mut Vec<Diagnostic>) -> Bank {
    resolve_with(
        docs,
        hidden,
        config,
        problems,
        &mut WordCache::default(),
        &|_| false,
        None,
    )
}

/// [`resolve`] for a session that keeps `words` between builds: the words of documents that
/// `unchanged` vouches for (their text is as it was when `words` last saw them) are not
/// counted again. With `prev`, the session's last bank, and documents of the same files in
/// the same order (only their text or front matter changed), what the changed documents
/// cannot have moved is taken from `prev`: the indexes of names, the references when no
/// changed document names anything new, the links of documents whose text and targets are
/// as they were, and the related lists no changed document takes part in. The result is the
/// bank [`resolve`] would make.
pub fn resolve_with(
    docs: Vec<Arc<Document>>,
    hidden: Vec<Hidden>,
    config: &Config,
    problems: &mut Vec<Diagnostic>,
    words: &mut WordCache,
    unchanged: &(dyn Fn(&std::path::Path) -> bool + Sync),
    prev: Option<&Bank>,
) -> Bank {
    let prev = prev.filter(|p| same_files(p, &docs, &hidden));
    let changed: Vec<bool> = match prev {
        Some(p) => docs.iter().zip(&p.docs).map(|(a, b)| !Arc::ptr_eq(a, b)).collect(),
        None => vec![true; docs.len()],
    };
    let mut bank = match prev {
        // What the passes below make again is left empty rather than copied.
        Some(p) => Bank {
            docs,
            hidden,
            urls: p.urls.clone(),
            refs: p.refs.clone(),
            named_by: p.named_by.clone(),
            linked_by: Vec::new(),
            related: Vec::new(),
            municipalities: p.municipalities.clone(),
            by_kind: BTreeMap::new(),
            by_kind_slug: p.by_kind_slug.clone(),
            by_slug: p.by_slug.clone(),
            by_path: p.by_path.clone(),
            body_links: p.body_links.clone(),
            related_state: related::State::default(),
        },
        None => index(docs, hidden, config, problems),
    };
    routes::check(&bank, config, problems);
    // Changed documents only: one with such a problem fails its build, so it is never in the
    // last good bank and always counts as changed until it is fixed.
    problems.extend(
        bank.docs
            .iter()
            .zip(&changed)
            .filter(|(_, c)| **c)
            .flat_map(|(d, _)| crate::export::problems(d)),
    );
    let refs_kept =
        prev.is_some_and(|p| (0..bank.docs.len()).all(|i| !changed[i] || same_references(&p.docs[i], &bank.docs[i])));
    if !refs_kept {
        resolve_front_matter(&mut bank, problems);
    }
    // A document's links read the names of files and slugs (the same when `prev` is kept) and
    // the headings of the documents they point at.
    let mut relink = changed.clone();
    if let Some(p) = prev {
        for i in (0..bank.docs.len()).filter(|&i| changed[i]) {
            if !same_anchors(&p.docs[i], &bank.docs[i]) {
                for &from in &p.linked_by[i] {
                    relink[from.index()] = true;
                }
            }
        }
    }
    let fresh: Vec<(usize, links::BodyLinks)> = (0..bank.docs.len())
        .into_par_iter()
        .filter(|&i| relink[i])
        .map(|i| (i, links::body_links(&bank, DocId(i as u32))))
        .collect();
    bank.body_links.resize_with(bank.docs.len(), Default::default);
    for (i, l) in fresh {
        bank.body_links[i] = Arc::new(l);
    }
    for l in &bank.body_links {
        problems.extend(l.problems.iter().cloned());
    }
    let mut linked_by = vec![Vec::new(); bank.docs.len()];
    for (from, l) in bank.body_links.iter().enumerate() {
        for &t in &l.targets {
            linked_by[t.index()].push(DocId(from as u32));
        }
    }
    for v in &mut linked_by {
        v.dedup();
    }
    bank.linked_by = linked_by;
    let (related, state) = related::related(&bank, words, unchanged, prev.map(|p| (p, changed.as_slice())));
    bank.related = related;
    bank.related_state = state;
    order_kinds(&mut bank);
    usage_warnings(&bank, problems);
    name_warnings(&bank, config, problems);
    bank
}

/// Whether `docs` and `hidden` are the files of `prev`, in the same order and with the same
/// kinds and slugs, so an index means the same document in both.
fn same_files(prev: &Bank, docs: &[Arc<Document>], hidden: &[Hidden]) -> bool {
    prev.docs.len() == docs.len()
        && prev
            .docs
            .iter()
            .zip(docs)
            .all(|(a, b)| a.path == b.path && a.kind == b.kind && a.slug == b.slug)
        && prev.hidden.len() == hidden.len()
        && prev
            .hidden
            .iter()
            .zip(hidden)
            .all(|(a, b)| a.path == b.path && a.kind == b.kind && a.slug == b.slug && a.draft == b.draft)
}

/// Whether two versions of a document name the same regions, themes, pilots, parent and
/// municipalities (what resolving front matter reads of it besides its name).
fn same_references(a: &Document, b: &Document) -> bool {
    let (x, y) = (&a.fm, &b.fm);
    x.regions == y.regions
        && x.themes == y.themes
        && x.pilots == y.pilots
        && x.parent == y.parent
        && x.municipalities == y.municipalities
        && x.municipality == y.municipality
}

/// Whether two versions of a document have the same heading anchors (what other documents'
/// links read of it).
fn same_anchors(a: &Document, b: &Document) -> bool {
    a.scan.headings.len() == b.scan.headings.len()
        && a.scan.headings.iter().zip(&b.scan.headings).all(|(x, y)| x.id == y.id)
}

fn index(docs: Vec<Arc<Document>>, hidden: Vec<Hidden>, config: &Config, problems: &mut Vec<Diagnostic>) -> Bank {
    let mut by_kind_slug: HashMap<(Kind, String), DocId> = HashMap::with_capacity(docs.len());
    let reserved = crate::routes::reserved_segments(config);
    let mut keep: Vec<Arc<Document>> = Vec::with_capacity(docs.len());
    for doc in docs {
        let key = (doc.kind, doc.slug.clone());
        if let Some(&first) = by_kind_slug.get(&key) {
            let first: &Document = &keep[first.index()];
            let url = config.doc_url(doc.kind, &doc.slug);
            problems.push(
                Diagnostic::error(
                    &doc.path,
                    1,
                    "url-clash",
                    crate::text!("url-clash-files", other = first.path.display(), url = url),
                )
                .hint(crate::text!("url-clash-files-hint")),
            );
            continue;
        }
        if let Some(owner) = (doc.kind == Kind::Page)
            .then(|| crate::routes::owner(config, &doc.slug))
            .flatten()
        {
            problems.push(
                Diagnostic::error(
                    &doc.path,
                    1,
                    "url-clash",
                    crate::text!("url-clash-page", slug = doc.slug, owner = owner),
                )
                .hint(crate::text!("url-clash-page-hint", taken = reserved.join(", "))),
            );
            continue;
        }
        by_kind_slug.insert(key, DocId(keep.len() as u32));
        keep.push(doc);
    }
    let docs = keep;
    let urls: Vec<String> = docs.iter().map(|d| config.doc_url(d.kind, &d.slug)).collect();
    let mut by_slug: HashMap<String, Vec<DocId>> = HashMap::with_capacity(docs.len());
    let mut by_path = HashMap::with_capacity(docs.len());
    for (i, d) in docs.iter().enumerate() {
        by_slug.entry(d.slug.clone()).or_default().push(DocId(i as u32));
        by_path.insert(d.path.clone(), DocId(i as u32));
    }
    let n = docs.len();
    Bank {
        docs,
        urls: Arc::new(urls),
        refs: Arc::new(vec![Refs::default(); n]),
        named_by: Arc::new(vec![Vec::new(); n]),
        linked_by: vec![Vec::new(); n],
        related: vec![Vec::new(); n],
        municipalities: Arc::new(Vec::new()),
        by_kind: BTreeMap::new(),
        by_kind_slug: Arc::new(by_kind_slug),
        by_slug: Arc::new(by_slug),
        by_path: Arc::new(by_path),
        hidden,
        body_links: Vec::new(),
        related_state: related::State::default(),
    }
}

/// Resolves one slug list of a document against a kind, reporting unknown and misfiled slugs.
fn resolve_slugs(
    bank: &Bank,
    id: DocId,
    field: &str,
    kind: Kind,
    values: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Vec<DocId> {
    let doc = bank.doc(id);
    let mut out = Vec::with_capacity(values.len());
    for value in values {
        let slug = slugify(value);
        if let Some(&target) = bank.by_kind_slug.get(&(kind, slug.clone())) {
            if !out.contains(&target) {
                out.push(target);
            }
            continue;
        }
        if bank.hidden.iter().any(|h| h.kind == kind && h.slug == slug) {
            continue;
        }
        let (line, col) = locate_value(doc.fm_text(), field, value).map_or((1, 0), |(l, c)| (l + 1, c));
        let other = Kind::ALL
            .into_iter()
            .find(|&k| k != kind && bank.by_kind_slug.contains_key(&(k, slug.clone())));
        let mut d = Diagnostic::error(
            &doc.path,
            line,
            unknown_code(kind),
            match other {
                Some(k) => crate::text!(
                    "reference-wrong-kind",
                    value = value,
                    field = field,
                    is = kind_word(k.type_name()),
                    wanted = kind_word(kind.type_name())
                ),
                None => crate::text!(
                    "unknown-reference",
                    kind = kind_word(kind.type_name()),
                    value = value,
                    field = field
                ),
            },
        )
        .col(col)
        .with_source(&doc.source);
        let candidates = bank
            .by_kind_slug
            .keys()
            .filter(|(k, _)| *k == kind)
            .map(|(_, s)| s.as_str());
        d = match (other, did_you_mean(&slug, candidates)) {
            (_, Some(s)) => d.hint(crate::text!("did-you-mean", name = s)),
            (Some(k), None) => d.hint(crate::text!(
                "reference-wrong-kind-hint",
                field = field_of(k),
                kind = kind_word(kind.type_name()),
                path = format!("content/{}/{slug}.md", kind.folder())
            )),
            (None, None) => d.hint(crate::text!(
                "unknown-reference-hint",
                path = format!("content/{}/{slug}.md", kind.folder())
            )),
        };
        problems.push(d);
    }
    out
}

fn unknown_code(kind: Kind) -> &'static str {
    match kind {
        Kind::Region => "unknown-region",
        Kind::Theme => "unknown-theme",
        Kind::Pilot => "unknown-pilot",
        _ => "unknown-reference",
    }
}

fn field_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Region => "regions",
        Kind::Theme => "themes",
        Kind::Pilot => "pilots",
        _ => "",
    }
}

fn resolve_front_matter(bank: &mut Bank, problems: &mut Vec<Diagnostic>) {
    let mut refs = Vec::with_capacity(bank.docs.len());
    let mut muni_index: HashMap<String, usize> = HashMap::new();
    let mut munis: Vec<Municipality> = Vec::new();
    // Region pages first, so their spelling and region win.
    let mut order: Vec<DocId> = bank.ids().collect();
    order.sort_by_key(|&id| bank.doc(id).kind != Kind::Region);
    let mut muni_refs: Vec<Vec<usize>> = vec![Vec::new(); bank.docs.len()];
    for &id in &order {
        let doc = bank.doc(id);
        let names = doc.fm.municipalities.iter().chain(doc.fm.municipality.iter());
        for name in names {
            let slug = slugify(name);
            if slug.is_empty() {
                continue;
            }
            let i = *muni_index.entry(slug.clone()).or_insert_with(|| {
                munis.push(Municipality {
                    name: name.trim().to_string(),
                    slug,
                    region: None,
                    docs: Vec::new(),
                });
                munis.len() - 1
            });
            if doc.kind == Kind::Region {
                munis[i].region.get_or_insert(id);
            } else if !munis[i].docs.contains(&id) {
                munis[i].docs.push(id);
            }
            if !muni_refs[id.index()].contains(&i) {
                muni_refs[id.index()].push(i);
            }
        }
    }
    for id in bank.ids() {
        let doc = bank.doc(id);
        let fm = &doc.fm;
        let mut r = Refs {
            regions: resolve_slugs(bank, id, "regions", Kind::Region, &fm.regions, problems),
            themes: resolve_slugs(bank, id, "themes", Kind::Theme, &fm.themes, problems),
            pilots: resolve_slugs(bank, id, "pilots", Kind::Pilot, &fm.pilots, problems),
            municipalities: std::mem::take(&mut muni_refs[id.index()]),
            parent: None,
        };
        if let Some(p) = &fm.parent {
            r.parent = resolve_slugs(bank, id, "parent", Kind::Theme, std::slice::from_ref(p), problems)
                .first()
                .copied();
        }
        // A document without regions of its own belongs to the regions of the municipalities it names.
        refs.push(r);
    }
    let mut named_by = vec![Vec::new(); bank.docs.len()];
    for (i, r) in refs.iter().enumerate() {
        let mut seen = HashSet::new();
        for &t in r.regions.iter().chain(&r.themes).chain(&r.pilots) {
            if seen.insert(t) {
                named_by[t.index()].push(DocId(i as u32));
            }
        }
    }
    // Region pages name their municipalities, not the other way round: keep the region out of
    // the municipality's document list and sort municipalities as a Finn expects.
    let mut perm: Vec<usize> = (0..munis.len()).collect();
    perm.sort_by(|&a, &b| crate::collate::compare(&munis[a].name, &munis[b].name));
    let mut new_pos = vec![0; munis.len()];
    for (pos, &old) in perm.iter().enumerate() {
        new_pos[old] = pos;
    }
    for r in &mut refs {
        for m in &mut r.municipalities {
            *m = new_pos[*m];
        }
    }
    let mut sorted: Vec<Option<Municipality>> = munis.into_iter().map(Some).collect();
    bank.municipalities = Arc::new(perm.iter().filter_map(|&i| sorted[i].take()).collect());
    bank.refs = Arc::new(refs);
    bank.named_by = Arc::new(named_by);
}

fn order_kinds(bank: &mut Bank) {
    let mut by_kind: BTreeMap<Kind, Vec<DocId>> = BTreeMap::new();
    for id in bank.ids() {
        by_kind.entry(bank.doc(id).kind).or_default().push(id);
    }
    for (kind, ids) in &mut by_kind {
        if kind.is_dated() {
            ids.sort_by(|&a, &b| {
                let (da, db) = (bank.doc(a), bank.doc(b));
                db.date()
                    .cmp(&da.date())
                    .then_with(|| crate::collate::compare(&da.title, &db.title))
            });
        } else {
            ids.sort_by(|&a, &b| crate::collate::compare(&bank.doc(a).title, &bank.doc(b).title));
        }
    }
    bank.by_kind = by_kind;
}

/// A region or theme without its name in one of the interface languages: that language's
/// pages would show the Finnish name in the middle of Swedish or English text.
fn name_warnings(bank: &Bank, config: &Config, problems: &mut Vec<Diagnostic>) {
    let wanted: Vec<(&str, &str, Word)> = config
        .ui_languages
        .iter()
        .filter(|l| **l != config.language)
        .filter_map(|l| match l.as_str() {
            "sv" => Some(("sv", "name_sv", Word("language-sv"))),
            "en" => Some(("en", "name_en", Word("language-en"))),
            _ => None,
        })
        .collect();
    for kind in [Kind::Region, Kind::Theme] {
        for &id in bank.of_kind(kind) {
            let doc = bank.doc(id);
            for &(lang, field, language) in &wanted {
                let given = match lang {
                    "sv" => doc.fm.name_sv.as_deref(),
                    _ => doc.fm.name_en.as_deref(),
                };
                if given.is_none_or(|n| n.trim().is_empty()) {
                    problems.push(
                        Diagnostic::warning(
                            &doc.path,
                            1,
                            "name-missing",
                            crate::text!(
                                "name-missing",
                                kind = kind_word(kind.type_name()),
                                slug = doc.slug,
                                language = language
                            ),
                        )
                        .hint(crate::text!("name-missing-hint", field = field, lang = lang)),
                    );
                }
            }
        }
    }
}

fn usage_warnings(bank: &Bank, problems: &mut Vec<Diagnostic>) {
    for id in bank.ids() {
        let doc = bank.doc(id);
        let mentioned = || bank.backlinks(id).iter().any(|&b| bank.doc(b).kind.is_text());
        match doc.kind {
            Kind::Pilot if !mentioned() => problems.push(
                Diagnostic::warning(&doc.path, 1, "pilot-unmentioned", crate::text!("pilot-unmentioned"))
                    .hint(crate::text!("pilot-unmentioned-hint")),
            ),
            Kind::Region if !mentioned() => problems.push(
                Diagnostic::warning(
                    &doc.path,
                    1,
                    "region-empty",
                    crate::text!("region-empty", slug = doc.slug),
                )
                .hint(crate::text!("region-empty-hint")),
            ),
            _ => {}
        }
    }
}
