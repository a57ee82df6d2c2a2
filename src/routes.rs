//! The site's own routes, named once: the pages it makes itself (`/haku/`, `/kunnat/`...), its
//! folders (`/static/`, `/hakuindeksi/`, `/sv/`...) and its files (`sitemap.xml`...).
//!
//! Config validation, the URL-clash check, rendering, the preview and the templates all read
//! this table, so a name can neither drift between them nor be taken by a page unnoticed.

use crate::config::Config;
use crate::model::Kind;
use serde::Serialize;

/// A page the site makes itself, in every interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SitePage {
    /// The front page.
    Home,
    /// The search page.
    Search,
    /// The readers' site map.
    SiteMap,
    /// The accessibility statement.
    Accessibility,
    /// The municipality index.
    Municipalities,
    /// The region x theme overview.
    Overview,
    /// The page a static host shows for a missing URL.
    NotFound,
    /// What the open data under `/data/` is, its licence and how to cite it.
    OpenData,
}

impl SitePage {
    /// Every page the site makes itself.
    pub const ALL: [SitePage; 8] = [
        SitePage::Home,
        SitePage::Search,
        SitePage::SiteMap,
        SitePage::Accessibility,
        SitePage::Municipalities,
        SitePage::Overview,
        SitePage::NotFound,
        SitePage::OpenData,
    ];

    /// Its path below a language's base path: `haku/`, or `404.html` for the one file.
    pub fn path(self) -> &'static str {
        match self {
            SitePage::Home => "",
            SitePage::Search => "haku/",
            SitePage::SiteMap => "sivukartta/",
            SitePage::Accessibility => "saavutettavuus/",
            SitePage::Municipalities => "kunnat/",
            SitePage::Overview => "yleiskuva/",
            SitePage::NotFound => "404.html",
            SitePage::OpenData => "avoin-data/",
        }
    }

    /// Its path in an interface language: the data page is named in each (`/sv/oppna-data/`),
    /// the older pages keep their Finnish names everywhere (changing them would move pages).
    pub fn path_in(self, lang: &str) -> &'static str {
        match (self, lang) {
            (SitePage::OpenData, "sv") => "oppna-data/",
            (SitePage::OpenData, "en") => "open-data/",
            _ => self.path(),
        }
    }

    /// The template it is rendered from.
    pub fn template(self) -> &'static str {
        match self {
            SitePage::Home => "index.html",
            SitePage::Search => "search.html",
            SitePage::SiteMap => "sitemap.html",
            SitePage::Accessibility => "accessibility.html",
            SitePage::Municipalities => "municipalities.html",
            SitePage::Overview => "overview.html",
            SitePage::NotFound => "404.html",
            SitePage::OpenData => "open-data.html",
        }
    }

    /// What it is, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            SitePage::Home => "home page",
            SitePage::Search => "search page",
            SitePage::SiteMap => "site map",
            SitePage::Accessibility => "accessibility statement",
            SitePage::Municipalities => "list of municipalities",
            SitePage::Overview => "overview",
            SitePage::NotFound => "page for missing URLs",
            SitePage::OpenData => "open data page",
        }
    }

    /// Every first path segment it takes in any interface language.
    fn segments(self) -> impl Iterator<Item = &'static str> {
        LANGUAGE_DIRS
            .into_iter()
            .map(move |l| self.path_in(l))
            .filter_map(|p| p.strip_suffix('/').filter(|s| !s.is_empty()))
            .fold(Vec::new(), |mut v, s| {
                if !v.contains(&s) {
                    v.push(s);
                }
                v
            })
            .into_iter()
    }
}

/// The folder of the theme's styles and scripts, shared by every language.
pub const STATIC_DIR: &str = "static";
/// The folder of the browser's search index, shared by every language.
pub const SEARCH_INDEX_DIR: &str = "hakuindeksi";
/// The folder of a list's further pages: `/muistiot/sivu/2/`.
pub const LIST_PAGES_DIR: &str = "sivu";
/// The machine-readable sitemap at the site's root.
pub const SITEMAP_XML: &str = "sitemap.xml";
/// The crawlers' file at the site's root.
pub const ROBOTS_TXT: &str = "robots.txt";
/// The icon browsers ask for at the site's root whatever the page says; a copy of the
/// theme's `static/favicon.ico` when it has one.
pub const FAVICON_ICO: &str = "favicon.ico";
/// The Atom feed's file name: the site's at its root, a region's or theme's beside its page.
pub const FEED_FILE: &str = "atom.xml";
/// Languages whose folder (`/sv/`) is kept free even when the site does not use them yet, so
/// turning a language on never moves a page.
pub const LANGUAGE_DIRS: [&str; 3] = ["fi", "sv", "en"];

/// Shared folders at the site's root, with what they hold (for messages).
pub const SHARED_DIRS: [(&str, &str); 3] = [
    (STATIC_DIR, "folder of styles and scripts"),
    (SEARCH_INDEX_DIR, "search index"),
    (crate::export::DATA_DIR, "open data"),
];

/// First path segments the site itself takes, which no page (`content/pages/x.md`) and no
/// section name may take: sections, the site's own pages and folders, language folders.
pub fn reserved_segments(config: &Config) -> Vec<String> {
    let mut v: Vec<String> = Kind::LISTED.iter().map(|&k| config.section(k).to_string()).collect();
    v.extend(fixed_segments().map(String::from));
    for lang in &config.ui_languages {
        if !v.contains(lang) {
            v.push(lang.clone());
        }
    }
    v
}

/// The reserved segments that do not depend on the configuration.
fn fixed_segments() -> impl Iterator<Item = &'static str> {
    SitePage::ALL
        .into_iter()
        .flat_map(SitePage::segments)
        .chain(SHARED_DIRS.map(|(d, _)| d))
        .chain(LANGUAGE_DIRS)
}

/// What takes the first path segment `segment` whatever the configuration says, for messages.
pub fn fixed_owner(segment: &str) -> Option<&'static str> {
    if let Some(page) = SitePage::ALL.into_iter().find(|p| p.segments().any(|s| s == segment)) {
        return Some(page.describe());
    }
    if let Some((_, what)) = SHARED_DIRS.iter().find(|(d, _)| *d == segment) {
        return Some(what);
    }
    LANGUAGE_DIRS
        .contains(&segment)
        .then_some("folder of a language's pages")
}

/// What takes the first path segment `segment` on this site (a site page, a shared or language
/// folder, a section's list), if anything.
pub fn owner(config: &Config, segment: &str) -> Option<String> {
    if let Some(what) = fixed_owner(segment) {
        return Some(format!("the site's own {what}"));
    }
    if let Some(kind) = Kind::LISTED.into_iter().find(|&k| config.section(k) == segment) {
        return Some(format!("the list of the {} section", kind.type_name()));
    }
    config
        .ui_languages
        .iter()
        .any(|l| l == segment)
        .then(|| "the folder of a language's pages".to_string())
}

/// The URLs templates link to, for one interface language (passed to them as `routes`).
#[derive(Debug, Clone, Serialize)]
pub struct RouteView {
    /// The front page of this language.
    pub home: String,
    /// The search page.
    pub search: String,
    /// The readers' site map.
    pub site_map: String,
    /// The accessibility statement.
    pub accessibility: String,
    /// The municipality index.
    pub municipalities: String,
    /// The region x theme overview.
    pub overview: String,
    /// The open data page.
    pub open_data: String,
    /// The folder of the data files (shared).
    pub data: String,
    /// The site's Atom feed (shared by every language).
    pub feed: String,
    /// The feed file's name, for a region's or theme's feed beside its page.
    pub feed_file: &'static str,
    /// The folder of styles and scripts (shared).
    pub static_dir: String,
    /// The folder of the search index (shared).
    pub search_index: String,
}

impl RouteView {
    /// The routes of the language whose pages live under `lang_base` (`/sv/`), on a site rooted
    /// at `root` (`/`).
    pub fn new(root: &str, lang_base: &str, lang: &str) -> RouteView {
        let page = |p: SitePage| format!("{lang_base}{}", p.path_in(lang));
        RouteView {
            home: page(SitePage::Home),
            search: page(SitePage::Search),
            site_map: page(SitePage::SiteMap),
            accessibility: page(SitePage::Accessibility),
            municipalities: page(SitePage::Municipalities),
            overview: page(SitePage::Overview),
            open_data: page(SitePage::OpenData),
            data: format!("{root}{}/", crate::export::DATA_DIR),
            feed: format!("{root}{FEED_FILE}"),
            feed_file: FEED_FILE,
            static_dir: format!("{root}{STATIC_DIR}/"),
            search_index: format!("{root}{SEARCH_INDEX_DIR}/"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_site_page_is_reserved_and_found_in_the_view() {
        let config = Config::from_toml(std::path::Path::new("/r"), "").unwrap();
        let reserved = reserved_segments(&config);
        for p in SitePage::ALL {
            for s in p.segments() {
                assert!(reserved.iter().any(|r| r == s), "{s}");
            }
        }
        for s in [
            "saavutettavuus",
            "static",
            "hakuindeksi",
            "sv",
            "en",
            "muistiot",
            "alueet",
        ] {
            assert!(reserved.iter().any(|r| r == s), "{s}");
        }
        let v = RouteView::new("/lape/", "/lape/sv/", "sv");
        assert_eq!(v.search, "/lape/sv/haku/");
        assert_eq!(v.static_dir, "/lape/static/");
        assert_eq!(v.feed, "/lape/atom.xml");
    }
}
