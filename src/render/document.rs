//! A document's page, with what region and theme pages add: pilots, documents by kind and
//! year, theme counts, other regions, a timeline.

use super::context::{Ctx, Out};
use super::views::{Counted, Group, NamedLink, doc_link, doc_view, links};
use crate::diag::Diagnostic;
use crate::graph::{Bank, BankResolver};
use crate::model::{DocId, Kind};
use crate::parse::render_body;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a document's page shows; region and theme pages add their own.
#[derive(Serialize)]
struct DocumentPage<'a> {
    page: super::views::DocView<'a>,
    body: &'a str,
    #[serde(flatten)]
    region: Option<RegionExtras>,
    #[serde(flatten)]
    theme: Option<ThemeExtras>,
}

/// A timeline's bars and the chart's measures.
#[derive(Serialize)]
struct Timeline {
    timeline: Vec<Bar>,
    timeline_slot: usize,
    timeline_height: usize,
}

impl Timeline {
    fn of(bank: &Bank, ids: &[DocId]) -> Timeline {
        Timeline {
            timeline: timeline(bank, ids),
            timeline_slot: TIMELINE_SLOT,
            timeline_height: TIMELINE_HEIGHT,
        }
    }
}

/// What a region's page adds.
#[derive(Serialize)]
struct RegionExtras {
    pilots: Vec<super::views::DocLink>,
    groups: Vec<Group>,
    theme_counts: Vec<Counted>,
    other_regions: Vec<Counted>,
    region_municipalities: Vec<NamedLink>,
    doc_count: usize,
    #[serde(flatten)]
    timeline: Timeline,
    /// For a region with no documents: the nearest regions that have some, their newest
    /// documents and the bank's biggest themes, so the page never ends in "nothing here".
    nearby: Vec<Counted>,
    nearby_docs: Vec<super::views::DocLink>,
    national_themes: Vec<Counted>,
    /// The editors' guide (`[site] guide`), to say how to add this region's documents.
    guide: Option<super::views::DocLink>,
}

/// What a theme's page adds.
#[derive(Serialize)]
struct ThemeExtras {
    region_groups: Vec<Group>,
    children: Vec<super::views::DocLink>,
    parent: Vec<super::views::DocLink>,
    doc_count: usize,
    #[serde(flatten)]
    timeline: Timeline,
}

pub(super) fn document_page(cx: &Ctx, id: DocId) -> Result<Out, Diagnostic> {
    let bank = cx.bank;
    let doc = bank.doc(id);
    let localize = |u: &str| cx.ui.url(u);
    let body = render_body(
        bank.body_of(id),
        &doc.scan.headings,
        &BankResolver::new(bank, id).localized(&localize),
        cx.config.parse.raw_html,
    );
    let mut view = DocumentPage {
        page: doc_view(bank, id, cx.lang()),
        body: &body,
        region: None,
        theme: None,
    };
    let template = match doc.kind {
        Kind::Pilot => "pilot.html",
        Kind::Region => {
            view.region = Some(region_extras(cx, id));
            "region.html"
        }
        Kind::Theme => {
            view.theme = Some(theme_extras(cx, id));
            "theme.html"
        }
        Kind::Page => "page.html",
        _ => "document.html",
    };
    let path = cx.ui.url(bank.url(id));
    let ld = super::jsonld::for_document(cx, id, &path);
    cx.page_with_ld(template, path, ld, &view)
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
            // The page's language: the Swedish region page said "Työpajakoosteet".
            label: cx
                .strings()
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

fn region_extras(cx: &Ctx, id: DocId) -> RegionExtras {
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
    let themes = crate::graph::counts::themes_of_region(bank, id);
    // Other regions working on the same themes: counted through the themes' documents.
    let others = crate::graph::counts::neighbours(bank, id, &themes, 10);
    let counted = |v: Vec<(DocId, usize)>| -> Vec<Counted> {
        v.into_iter()
            .map(|(d, count)| Counted {
                link: doc_link(bank, d, cx.lang()),
                count,
            })
            .collect()
    };
    let doc_count = bank.count_of(id);
    let (nearby, national) = if doc_count == 0 {
        (
            crate::graph::counts::nearest_with_documents(bank, id, 3),
            crate::graph::counts::national_themes(bank, 6),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let municipalities: Vec<NamedLink> = bank
        .municipality_list()
        .iter()
        .filter(|m| m.region == Some(id))
        .map(|m| NamedLink {
            name: m.name.clone(),
            url: format!("{}#{}", cx.site_page(crate::routes::SitePage::Municipalities), m.slug),
        })
        .collect();
    RegionExtras {
        pilots: links(bank, &pilots, cx.lang()),
        groups: by_kind_and_year(cx, &texts),
        theme_counts: counted(themes),
        other_regions: counted(others),
        region_municipalities: municipalities,
        doc_count,
        timeline: Timeline::of(bank, &texts),
        nearby_docs: links(
            bank,
            &crate::graph::counts::newest_of(bank, &nearby.iter().map(|&(r, _)| r).collect::<Vec<_>>(), 6),
            cx.lang(),
        ),
        nearby: counted(nearby),
        national_themes: counted(national),
        guide: bank
            .find(Kind::Page, &cx.config.guide)
            .map(|g| doc_link(bank, g, cx.lang())),
    }
}

fn theme_extras(cx: &Ctx, id: DocId) -> ThemeExtras {
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
    let regions: Vec<DocId> = by_region.keys().copied().collect();
    let regions = super::views::in_name_order(bank, &regions, cx.lang());
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
    ThemeExtras {
        region_groups: groups,
        children: links(bank, &children, cx.lang()),
        parent: links(bank, &parent, cx.lang()),
        doc_count: bank.count_of(id),
        timeline: Timeline::of(bank, named),
    }
}
