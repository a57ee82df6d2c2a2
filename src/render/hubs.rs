//! The pages that lead to documents: section lists, the front page, the municipality index,
//! the region x theme overview, the readers' site map and pages made from a template alone.

use super::context::{Ctx, NoView, Out};
use super::views::{Counted, DocLink, Group, doc_link, links};
use crate::diag::Diagnostic;
use crate::graph::counts::Overview;
use crate::model::{DocId, Kind};
use crate::routes::{LIST_PAGES_DIR, SitePage};
use serde::Serialize;

/// Documents per list page.
const PAGE_SIZE: usize = 50;

#[derive(Serialize)]
struct Pager {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<(usize, String)>,
}

fn pager(base: &str, current: usize, total: usize) -> Pager {
    let url = |n: usize| {
        if n == 1 {
            base.to_string()
        } else {
            format!("{base}{LIST_PAGES_DIR}/{n}/")
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

/// One page of a section's list.
#[derive(Serialize)]
struct ListPage {
    kind: Kind,
    docs: Vec<super::filters::Entry>,
    pager: Pager,
    total: usize,
    /// The list's filters, over the whole section (empty for regions and themes).
    filters: Vec<super::filters::Filter>,
    /// Every page of the list after the first, for the filter script to gather entries from.
    more_pages: Vec<String>,
}

pub(super) fn list_pages(cx: &Ctx, kind: Kind) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let ids = cx.of_kind(kind);
    let ids = &ids[..];
    let base = cx.section_url(kind);
    let chunks: Vec<&[DocId]> = if ids.is_empty() {
        vec![&[]]
    } else {
        ids.chunks(PAGE_SIZE).collect()
    };
    let total = chunks.len();
    let page_url = |n: usize| {
        if n == 1 {
            base.clone()
        } else {
            format!("{base}{LIST_PAGES_DIR}/{n}/")
        }
    };
    let filters = if kind.is_taxonomy() {
        Vec::new()
    } else {
        let strings = cx.strings();
        let label = |table: &str, word: &str| {
            strings
                .get(table)
                .and_then(|t| t.get(word))
                .and_then(toml::Value::as_str)
                .unwrap_or(word)
                .to_string()
        };
        super::filters::filters(bank, kind, ids, cx.lang(), &label)
    };
    let more_pages: Vec<String> = (2..=total).map(page_url).collect();
    let mut out = Vec::with_capacity(total);
    for (i, chunk) in chunks.into_iter().enumerate() {
        let docs = chunk
            .iter()
            .map(|&d| {
                let mut link = doc_link(bank, d, cx.lang());
                let facets = if kind.is_taxonomy() {
                    // A region's or theme's list entry shows its count where others show a status.
                    link.status = bank.count_of(d).to_string();
                    super::filters::Facets::default()
                } else {
                    super::filters::facets(bank, d)
                };
                super::filters::Entry { link, facets }
            })
            .collect();
        let view = ListPage {
            kind,
            docs,
            pager: pager(&base, i + 1, total),
            total: ids.len(),
            filters: if i == 0 { filters.clone() } else { Vec::new() },
            more_pages: if i == 0 { more_pages.clone() } else { Vec::new() },
        };
        out.push(cx.page("list.html", page_url(i + 1), &view)?);
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

/// The front page: the tile map, the newest documents, regions and themes with counts.
#[derive(Serialize)]
struct HomePage {
    tiles: Vec<Tile>,
    tile: usize,
    map_width: usize,
    map_height: usize,
    newest: Vec<DocLink>,
    regions: Vec<Counted>,
    themes: Vec<Counted>,
}

pub(super) fn home(cx: &Ctx) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let mut dated: Vec<DocId> = bank
        .ids()
        .filter(|&i| bank.doc(i).kind.is_dated() || bank.doc(i).kind == Kind::Service)
        .collect();
    dated.sort_by(|&a, &b| bank.doc(b).date().cmp(&bank.doc(a).date()).then(a.cmp(&b)));
    dated.truncate(10);
    let count_of = |id: DocId| bank.count_of(id);
    let counted = |kind: Kind| -> Vec<Counted> {
        cx.of_kind(kind)
            .iter()
            .map(|&d| Counted {
                link: doc_link(bank, d, cx.lang()),
                count: count_of(d),
            })
            .collect()
    };
    let (regions, themes) = (counted(Kind::Region), counted(Kind::Theme));
    // The tile map: each region with a `tile: [col, row]` is a square in a schematic Finland.
    let tiles: Vec<Tile> = bank
        .of_kind(Kind::Region)
        .iter()
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
    let view = HomePage {
        tiles,
        tile: TILE,
        map_width,
        map_height,
        newest: links(bank, &dated, cx.lang()),
        regions,
        themes,
    };
    Ok(vec![cx.own_page(SitePage::Home, &view)?])
}

#[derive(Serialize)]
struct MunicipalityView {
    name: String,
    slug: String,
    region: Option<DocLink>,
    docs: Vec<DocLink>,
}

pub(super) fn municipalities(cx: &Ctx) -> Result<Vec<Out>, Diagnostic> {
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
    /// Municipalities under one initial, for the A-Ö jump links.
    #[derive(Serialize)]
    struct Letter {
        letter: String,
        anchor: String,
        municipalities: Vec<MunicipalityView>,
    }
    #[derive(Serialize)]
    struct MunicipalitiesPage {
        letters: Vec<Letter>,
    }
    // The list is in Finnish order already, so each initial's municipalities are together.
    let mut letters: Vec<Letter> = Vec::new();
    for m in list {
        let letter: String = m
            .name
            .chars()
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default();
        if letters.last().is_none_or(|l| l.letter != letter) {
            letters.push(Letter {
                anchor: format!("kirjain-{}", letter.to_lowercase()),
                letter,
                municipalities: Vec::new(),
            });
        }
        if let Some(l) = letters.last_mut() {
            l.municipalities.push(m);
        }
    }
    Ok(vec![
        cx.own_page(SitePage::Municipalities, &MunicipalitiesPage { letters })?,
    ])
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

pub(super) fn overview(cx: &Ctx) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let o = Overview::of(bank, &cx.of_kind(Kind::Region), &cx.of_kind(Kind::Theme));
    let rows: Vec<Row> = o
        .regions
        .iter()
        .zip(&o.counts)
        .map(|(&reg, counts)| {
            let cells: Vec<Cell> = o
                .themes
                .iter()
                .zip(counts)
                .map(|(&th, &count)| Cell {
                    count,
                    url: format!("{}#alue-{}", cx.ui.url(bank.url(th)), bank.doc(reg).slug),
                })
                .collect();
            Row {
                region: doc_link(bank, reg, cx.lang()),
                // The region's documents, not its theme tags added up: the same figure as
                // the region page and the home page show.
                total: bank.count_of(reg),
                cells,
            }
        })
        .collect();
    #[derive(Serialize)]
    struct OverviewPage {
        themes: Vec<DocLink>,
        rows: Vec<Row>,
        /// Each theme's documents, as its theme page counts them (a region-less one too).
        theme_totals: Vec<usize>,
    }
    let view = OverviewPage {
        themes: links(bank, &o.themes, cx.lang()),
        theme_totals: o.themes.iter().map(|&t| bank.count_of(t)).collect(),
        rows,
    };
    Ok(vec![cx.own_page(SitePage::Overview, &view)?])
}

pub(super) fn single(cx: &Ctx, page: SitePage) -> Result<Vec<Out>, Diagnostic> {
    Ok(vec![cx.own_page(page, &NoView {})?])
}

/// The site map page: every section, region, theme, pilot and page, for readers.
pub(super) fn site_map(cx: &Ctx) -> Result<Vec<Out>, Diagnostic> {
    let bank = cx.bank;
    let of = |k: Kind| links(bank, &cx.of_kind(k), cx.lang());
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
    #[derive(Serialize)]
    struct SiteMapPage {
        groups: Vec<Group>,
        pages: Vec<DocLink>,
    }
    let view = SiteMapPage {
        groups,
        pages: of(Kind::Page),
    };
    Ok(vec![cx.own_page(SitePage::SiteMap, &view)?])
}
