//! The filters of a section's list (region, theme, year, and for pilots status and service
//! level): what each entry carries as `data-` attributes and which choices each filter offers.
//!
//! The list pages stay complete without JavaScript; `list-filter.js` narrows them in the
//! browser from these attributes, so filtering needs no index of its own.

use super::views::{DocLink, Ui, in_name_order};
use crate::graph::Bank;
use crate::model::{DocId, Kind};
use crate::slug::slugify;
use serde::Serialize;
use std::collections::BTreeSet;

/// Longest pilot period whose every year is offered (a longer one is an input error).
const MAX_PERIOD_YEARS: u16 = 30;

/// What one entry of a list is filtered on: space-separated values.
#[derive(Debug, Default, Serialize)]
pub struct Facets {
    /// Region slugs.
    pub alue: String,
    /// Theme slugs.
    pub teema: String,
    /// Years: a memo's or workshop's year, every year of a pilot's period.
    pub vuosi: String,
    /// Pilot status, as a slug (`kaytossa`).
    pub tila: String,
    /// Service level, as a slug (`vaativin-taso`).
    pub taso: String,
}

/// A list entry with its facets.
#[derive(Serialize)]
pub struct Entry {
    /// The link, as every list shows it.
    #[serde(flatten)]
    pub link: DocLink,
    /// What the filters read.
    pub facets: Facets,
}

/// One filter: its URL parameter, the i18n key of its label and its choices.
#[derive(Debug, Clone, Serialize)]
pub struct Filter {
    /// URL parameter and facet name (`alue`).
    pub name: &'static str,
    /// Key of its label in the interface strings.
    pub label: &'static str,
    /// `(value, label)` pairs in the order shown.
    pub options: Vec<(String, String)>,
}

fn years_of(bank: &Bank, id: DocId) -> Vec<u16> {
    let d = bank.doc(id);
    if let Some(date) = d.date() {
        return vec![date.year];
    }
    match d.fm.period.as_ref().map(|p| (p.start, p.end)) {
        Some((Some(s), Some(e))) if e.year >= s.year && e.year - s.year <= MAX_PERIOD_YEARS => {
            (s.year..=e.year).collect()
        }
        Some((Some(s), _)) => vec![s.year],
        Some((None, Some(e))) => vec![e.year],
        _ => Vec::new(),
    }
}

fn joined<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    words.into_iter().collect::<Vec<_>>().join(" ")
}

/// The facets of one document.
pub fn facets(bank: &Bank, id: DocId) -> Facets {
    let d = bank.doc(id);
    let r = bank.refs_of(id);
    Facets {
        alue: joined(r.regions.iter().map(|&x| bank.doc(x).slug.as_str())),
        teema: joined(r.themes.iter().map(|&x| bank.doc(x).slug.as_str())),
        vuosi: years_of(bank, id)
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(" "),
        tila: d.fm.status.map(|s| slugify(s.label())).unwrap_or_default(),
        taso: d.fm.service_level.map(|s| slugify(s.label())).unwrap_or_default(),
    }
}

/// The filters of a list of `kind` over `ids` (all of the section, not one page), each with
/// the choices that occur; a filter with no choice is left out. `label` gives a status or
/// level word's label in the interface language.
pub fn filters(bank: &Bank, kind: Kind, ids: &[DocId], ui: &Ui, label: &dyn Fn(&str, &str) -> String) -> Vec<Filter> {
    let mut regions = BTreeSet::new();
    let mut themes = BTreeSet::new();
    let mut years = BTreeSet::new();
    let mut statuses = BTreeSet::new();
    let mut levels = BTreeSet::new();
    for &id in ids {
        let r = bank.refs_of(id);
        regions.extend(r.regions.iter().copied());
        themes.extend(r.themes.iter().copied());
        years.extend(years_of(bank, id));
        let d = bank.doc(id);
        statuses.extend(d.fm.status);
        levels.extend(d.fm.service_level);
    }
    let named = |set: BTreeSet<DocId>| -> Vec<(String, String)> {
        let v: Vec<DocId> = set.into_iter().collect();
        in_name_order(bank, &v, ui)
            .into_iter()
            .map(|x| {
                let l = super::views::doc_link(bank, x, ui);
                (bank.doc(x).slug.clone(), l.title)
            })
            .collect()
    };
    let mut out = vec![
        Filter {
            name: "alue",
            label: "filter_region",
            options: named(regions),
        },
        Filter {
            name: "teema",
            label: "filter_theme",
            options: named(themes),
        },
        Filter {
            name: "vuosi",
            label: "filter_year",
            options: years
                .into_iter()
                .rev()
                .map(|y| (y.to_string(), y.to_string()))
                .collect(),
        },
    ];
    if kind == Kind::Pilot {
        out.push(Filter {
            name: "tila",
            label: "status",
            options: statuses
                .into_iter()
                .map(|s| (slugify(s.label()), label("status_label", s.label())))
                .collect(),
        });
        out.push(Filter {
            name: "taso",
            label: "service_level",
            options: levels
                .into_iter()
                .map(|s| (slugify(s.label()), label("level_label", s.label())))
                .collect(),
        });
    }
    out.retain(|f| !f.options.is_empty());
    out
}
