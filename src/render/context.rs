//! What every page is given: the site, its languages and sections, and the rendering context
//! that turns a template into a page in one interface language.

use super::views::{DocLink, Ui, links};
use super::{Theme, template_error};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::graph::Bank;
use crate::model::Kind;
use crate::routes::SitePage;
use serde::Serialize;
use std::collections::BTreeMap;
use tera::Context;

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
    /// The content's licence, its text and the publisher (`[site]`).
    licence: &'a str,
    licence_url: &'a str,
    publisher: &'a str,
    /// `[site] edit-url`, `{path}` still in it.
    edit_url: Option<&'a str>,
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

/// A page's view with `here`, its path below the language's base.
#[derive(Serialize)]
struct Here<'a, V: Serialize> {
    here: &'a str,
    /// The page's path below each language's base, for a page named in each language
    /// (`avoin-data/`, `oppna-data/`): the language menu and `hreflang` links use it.
    #[serde(skip_serializing_if = "Option::is_none")]
    here_in: Option<BTreeMap<String, String>>,
    /// The page's one JSON-LD block, ready for a `<script>` element.
    jsonld: String,
    /// The main navigation's link to this page or to the section it is in, if any: base.html
    /// marks it with `aria-current` in the navigation rendered once for every page.
    nav_current: &'a str,
    /// Whether that link is this very page (`aria-current="page"`) or its section (`"true"`).
    nav_exact: bool,
    #[serde(flatten)]
    view: &'a V,
}

/// A page made from a template alone: it shows only what every page is given.
#[derive(Serialize)]
pub(super) struct NoView {}

/// One page to write: its site path (`/muistiot/x/`) and its HTML.
pub(super) struct Out {
    pub(super) path: String,
    pub(super) bytes: Vec<u8>,
}

/// What a build wrote, for the summary line and the sitemap.
#[derive(Debug, Default)]
pub struct RenderStats {
    /// HTML pages written.
    pub pages: usize,
}

pub(super) struct Ctx<'a> {
    pub(super) bank: &'a Bank,
    pub(super) config: &'a Config,
    pub(super) theme: &'a Theme,
    pub(super) ui: Ui<'a>,
    pub(super) base: Context,
    /// The targets of the main navigation in this language: sections and the site's own pages.
    pub(super) nav: Vec<String>,
}

impl Ctx<'_> {
    pub(super) fn lang(&self) -> &Ui<'_> {
        &self.ui
    }

    /// Documents of one kind in list order for this language: regions and themes by the names
    /// the reader sees, in the language's alphabetical order.
    pub(super) fn of_kind(&self, kind: crate::model::Kind) -> std::borrow::Cow<'_, [crate::model::DocId]> {
        let ids = self.bank.of_kind(kind);
        if kind.is_taxonomy() {
            std::borrow::Cow::Owned(super::views::in_name_order(self.bank, ids, &self.ui))
        } else {
            std::borrow::Cow::Borrowed(ids)
        }
    }

    /// The interface strings of this page's language.
    pub(super) fn strings(&self) -> &toml::Table {
        self.theme.ui.get(self.ui.lang).unwrap_or(&self.theme.strings)
    }

    /// This language's base path, e.g. `/sv/`.
    pub(super) fn base_path(&self) -> String {
        self.ui.base()
    }

    /// Renders `template` with what every page is given and the fields of `view` (a typed
    /// view: `#[derive(Serialize)]`, its field names are the template's variables).
    pub(super) fn render(&self, template: &str, view: &impl Serialize) -> Result<String, Diagnostic> {
        crate::graph::reads::note(|r| {
            r.templates.insert(template.to_string());
        });
        let extra = Context::from_serialize(view).map_err(|e| template_error(self.config, &e))?;
        let mut ctx = self.base.clone();
        ctx.extend(extra);
        self.theme
            .tera
            .render(template, &ctx)
            .map_err(|e| template_error(self.config, &e))
    }

    /// Renders the page at `path` (a site path of this language); templates get `here`, the
    /// path below the language's base, to link the same page in the other languages.
    pub(super) fn page(&self, template: &str, path: String, view: &impl Serialize) -> Result<Out, Diagnostic> {
        let ld = super::jsonld::for_page(self, template, &path);
        self.page_named(template, path, None, ld, view)
    }

    /// A page with its own JSON-LD (a document's).
    pub(super) fn page_with_ld(
        &self,
        template: &str,
        path: String,
        ld: serde_json::Value,
        view: &impl Serialize,
    ) -> Result<Out, Diagnostic> {
        self.page_named(template, path, None, ld, view)
    }

    fn page_named(
        &self,
        template: &str,
        path: String,
        here_in: Option<BTreeMap<String, String>>,
        ld: serde_json::Value,
        view: &impl Serialize,
    ) -> Result<Out, Diagnostic> {
        let jsonld = super::jsonld::script_text(&ld);
        let base = self.base_path();
        let here = path.strip_prefix(base.as_str()).unwrap_or("");
        let nav_current = self
            .nav
            .iter()
            .filter(|u| path.starts_with(u.as_str()))
            .max_by_key(|u| u.len())
            .map_or("", String::as_str);
        let nav_exact = nav_current == path;
        Ok(Out {
            bytes: self
                .render(
                    template,
                    &Here {
                        here,
                        here_in,
                        jsonld,
                        nav_current,
                        nav_exact,
                        view,
                    },
                )?
                .into_bytes(),
            path,
        })
    }

    pub(super) fn file_of(&self, site_path: &str) -> String {
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

    /// One of the site's own pages in this language, from its template (both follow from `page`).
    pub(super) fn own_page(&self, page: crate::routes::SitePage, view: &impl Serialize) -> Result<Out, Diagnostic> {
        let named: BTreeMap<String, String> = self
            .config
            .ui_languages
            .iter()
            .map(|l| (l.clone(), page.path_in(l).to_string()))
            .collect();
        let here_in = named.values().any(|p| p != page.path()).then_some(named);
        let path = self.site_page(page);
        let ld = super::jsonld::for_page(self, page.template(), &path);
        self.page_named(page.template(), path, here_in, ld, view)
    }

    /// The URL of one of the site's own pages in this language.
    pub(super) fn site_page(&self, page: crate::routes::SitePage) -> String {
        format!("{}{}", self.base_path(), page.path_in(self.lang().lang))
    }

    pub(super) fn section_url(&self, kind: Kind) -> String {
        format!("{}{}/", self.base_path(), self.config.section(kind))
    }
}

/// The interface languages of the site: the default at the root, the others under `/<code>/`.
pub(super) fn languages(config: &Config) -> Vec<(String, String)> {
    config
        .ui_languages
        .iter()
        .enumerate()
        .map(|(i, code)| (code.clone(), if i == 0 { String::new() } else { format!("{code}/") }))
        .collect()
}

/// The folder of templates rendered once per language and given to every page as
/// `fragments.<name>` (the navigation, the footer): what repeats on every page is made once.
const FRAGMENTS: &str = "fragments/";

/// What every page of one language is given, with its fragments rendered.
pub(super) fn context<'a>(
    bank: &'a Bank,
    config: &'a Config,
    theme: &'a Theme,
    ui: Ui<'a>,
) -> Result<Ctx<'a>, Diagnostic> {
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
    let mut nav: Vec<String> = kinds.iter().map(|k| k.url.clone()).collect();
    for page in [SitePage::Municipalities, SitePage::Overview, SitePage::Search] {
        nav.push(format!("{}{}", ui.base(), page.path()));
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
        licence: &config.licence,
        licence_url: &config.licence_url,
        publisher: &config.publisher,
        edit_url: config.edit_url.as_deref(),
        sections,
        kinds,
        pages: links(bank, bank.of_kind(Kind::Page), &ui),
    };
    let mut base = Context::new();
    base.insert("site", &site);
    base.insert(
        "routes",
        &crate::routes::RouteView::new(&config.base_path, &ui.base(), ui.lang),
    );
    base.insert("t", theme.ui.get(ui.lang).unwrap_or(&theme.strings));
    let mut cx = Ctx {
        bank,
        config,
        theme,
        ui,
        base,
        nav,
    };
    let mut names: Vec<&str> = theme
        .tera
        .get_template_names()
        .filter(|n| n.starts_with(FRAGMENTS) && n.ends_with(".html"))
        .collect();
    names.sort_unstable();
    let mut fragments: BTreeMap<&str, String> = BTreeMap::new();
    for name in names {
        let key = &name[FRAGMENTS.len()..name.len() - ".html".len()];
        fragments.insert(key, cx.render(name, &NoView {})?);
    }
    cx.base.insert("fragments", &fragments);
    Ok(cx)
}

pub(super) fn ui_of<'a>(config: &'a Config, lang: &'a str, prefix: &'a str) -> Ui<'a> {
    Ui {
        lang,
        docs: &config.language,
        root: &config.base_path,
        prefix,
    }
}
