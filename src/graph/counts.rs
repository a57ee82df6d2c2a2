//! What the site counts, as data: which documents are a region's or a theme's, how many there
//! are, the region x theme overview, and a region's themes and neighbours. The pages only show
//! these figures, so the home page, the lists, the region pages and the overview cannot count
//! the same thing two ways.

use super::Bank;
use crate::model::DocId;
use std::collections::HashMap;

impl Bank {
    /// The documents of a region or theme: memos, workshops, pilots and services that name it
    /// in front matter (a child theme naming its parent is not one).
    pub fn documents_of(&self, id: DocId) -> impl Iterator<Item = DocId> + '_ {
        self.named_by_of(id)
            .iter()
            .copied()
            .filter(|&d| self.doc(d).kind.is_text())
    }

    /// How many documents a region or theme has (see [`Bank::documents_of`]).
    pub fn count_of(&self, id: DocId) -> usize {
        self.documents_of(id).count()
    }
}

/// The region x theme overview: how many documents name both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// Rows, in list order.
    pub regions: Vec<DocId>,
    /// Columns, in list order.
    pub themes: Vec<DocId>,
    /// `counts[row][column]`.
    pub counts: Vec<Vec<usize>>,
}

impl Overview {
    /// Counts every document naming both a region and a theme, with rows and columns in the
    /// order given (a language's list order).
    pub fn of(bank: &Bank, regions: &[DocId], themes: &[DocId]) -> Overview {
        let (regions, themes) = (regions.to_vec(), themes.to_vec());
        let row: HashMap<DocId, usize> = regions.iter().enumerate().map(|(i, &r)| (r, i)).collect();
        let column: HashMap<DocId, usize> = themes.iter().enumerate().map(|(i, &t)| (t, i)).collect();
        let mut counts = vec![vec![0; themes.len()]; regions.len()];
        for d in bank.ids().filter(|&d| bank.doc(d).kind.is_text()) {
            let refs = bank.refs_of(d);
            for r in refs.regions.iter().filter_map(|r| row.get(r)) {
                for t in refs.themes.iter().filter_map(|t| column.get(t)) {
                    counts[*r][*t] += 1;
                }
            }
        }
        Overview {
            regions,
            themes,
            counts,
        }
    }
}

/// Most first, then by title in Finnish order.
fn by_count_then_title(bank: &Bank, counts: HashMap<DocId, usize>) -> Vec<(DocId, usize)> {
    let mut v: Vec<(DocId, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| crate::collate::compare(&bank.doc(a.0).title, &bank.doc(b.0).title))
    });
    v
}

/// The themes of a region's documents, each with how many of them name it, most first.
pub fn themes_of_region(bank: &Bank, region: DocId) -> Vec<(DocId, usize)> {
    let mut counts: HashMap<DocId, usize> = HashMap::new();
    for d in bank.named_by_of(region) {
        for &t in &bank.refs_of(*d).themes {
            *counts.entry(t).or_insert(0) += 1;
        }
    }
    by_count_then_title(bank, counts)
}

/// Other regions working on `themes`: each with how many documents on those themes name it,
/// most first, at most `limit`.
pub fn neighbours(bank: &Bank, region: DocId, themes: &[(DocId, usize)], limit: usize) -> Vec<(DocId, usize)> {
    let mut counts: HashMap<DocId, usize> = HashMap::new();
    for &(t, _) in themes {
        for &d in bank.named_by_of(t) {
            for &r in &bank.refs_of(d).regions {
                if r != region {
                    *counts.entry(r).or_insert(0) += 1;
                }
            }
        }
    }
    let mut v = by_count_then_title(bank, counts);
    v.truncate(limit);
    v
}

/// The regions nearest `region` on the tile map that have documents, nearest first (ties by
/// more documents), at most `limit`, each with its count. A region with no tile has no
/// nearest regions.
pub fn nearest_with_documents(bank: &Bank, region: DocId, limit: usize) -> Vec<(DocId, usize)> {
    let Some([col, row]) = bank.doc(region).fm.tile else {
        return Vec::new();
    };
    let mut v: Vec<(DocId, usize, u32)> = bank
        .of_kind(crate::model::Kind::Region)
        .iter()
        .filter(|&&r| r != region)
        .filter_map(|&r| {
            let [c, w] = bank.doc(r).fm.tile?;
            let n = bank.count_of(r);
            let (dc, dr) = (u32::from(c.abs_diff(col)), u32::from(w.abs_diff(row)));
            (n > 0).then_some((r, n, dc * dc + dr * dr))
        })
        .collect();
    v.sort_by(|a, b| {
        a.2.cmp(&b.2)
            .then(b.1.cmp(&a.1))
            .then_with(|| crate::collate::compare(&bank.doc(a.0).title, &bank.doc(b.0).title))
    });
    v.into_iter().take(limit).map(|(r, n, _)| (r, n)).collect()
}

/// The newest documents naming any of `regions`, at most `limit`.
pub fn newest_of(bank: &Bank, regions: &[DocId], limit: usize) -> Vec<DocId> {
    let mut docs: Vec<DocId> = regions.iter().flat_map(|&r| bank.documents_of(r)).collect();
    docs.sort_unstable();
    docs.dedup();
    docs.sort_by(|&a, &b| bank.doc(b).date().cmp(&bank.doc(a).date()).then(a.cmp(&b)));
    docs.truncate(limit);
    docs
}

/// The themes with the most documents in the whole bank, at most `limit`.
pub fn national_themes(bank: &Bank, limit: usize) -> Vec<(DocId, usize)> {
    let counts: HashMap<DocId, usize> = bank
        .of_kind(crate::model::Kind::Theme)
        .iter()
        .map(|&t| (t, bank.count_of(t)))
        .filter(|&(_, n)| n > 0)
        .collect();
    let mut v = by_count_then_title(bank, counts);
    v.truncate(limit);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::pipeline::{Options, check};

    fn write(root: &std::path::Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn one_definition_of_a_regions_documents_and_the_overview_agrees_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (slug, title, tile) in [
            ("kainuu", "Kainuu", "[4, 1]"),
            ("lappi", "Lappi", "[3, 0]"),
            ("savo", "Savo", "[4, 2]"),
            ("uusimaa", "Uusimaa", "[3, 5]"),
        ] {
            write(
                root,
                &format!("content/regions/{slug}.md"),
                &format!("---\ntitle: {title}\ntile: {tile}\n---\n"),
            );
        }
        write(
            root,
            "content/services/s.md",
            "---\ntitle: S\nregions: [uusimaa]\nthemes: [perhekeskus]\n---\n",
        );
        write(root, "content/themes/perhekeskus.md", "---\ntitle: Perhekeskus\n---\n");
        write(
            root,
            "content/themes/neuvola.md",
            "---\ntitle: Neuvola\nparent: perhekeskus\n---\n",
        );
        let memo = |regions: &str, themes: &str| {
            format!("---\ntitle: M\ndate: 2018-01-01\nregions: [{regions}]\nthemes: [{themes}]\n---\nTeksti.\n")
        };
        write(root, "content/memos/a.md", &memo("kainuu", "perhekeskus, neuvola"));
        write(root, "content/memos/b.md", &memo("kainuu, lappi", "perhekeskus"));
        write(
            root,
            "content/pilots/p.md",
            "---\ntitle: P\nregions: [lappi]\nthemes: [neuvola]\nstatus: kokeilu\n---\n",
        );
        let (bank, diags) = check(root, &Options::default());
        let bank = bank.unwrap_or_else(|| panic!("{diags:?}"));
        let id = |kind: Kind, title: &str| {
            *bank
                .of_kind(kind)
                .iter()
                .find(|&&d| bank.doc(d).title == title)
                .unwrap()
        };
        let (kainuu, lappi) = (id(Kind::Region, "Kainuu"), id(Kind::Region, "Lappi"));
        let (savo, uusimaa) = (id(Kind::Region, "Savo"), id(Kind::Region, "Uusimaa"));
        let (perhekeskus, neuvola) = (id(Kind::Theme, "Perhekeskus"), id(Kind::Theme, "Neuvola"));
        assert_eq!(bank.count_of(kainuu), 2);
        assert_eq!(bank.count_of(uusimaa), 1, "a service counts");
        assert_eq!(bank.count_of(lappi), 2, "a pilot is one of its region's documents");
        assert_eq!(
            bank.count_of(perhekeskus),
            3,
            "the child theme naming its parent is not a document"
        );
        let o = Overview::of(&bank, bank.of_kind(Kind::Region), bank.of_kind(Kind::Theme));
        let at = |r: DocId, t: DocId| {
            let row = o.regions.iter().position(|&x| x == r).unwrap();
            let col = o.themes.iter().position(|&x| x == t).unwrap();
            o.counts[row][col]
        };
        assert_eq!((at(kainuu, perhekeskus), at(kainuu, neuvola)), (2, 1));
        assert_eq!((at(lappi, perhekeskus), at(lappi, neuvola)), (1, 1));
        let themes = themes_of_region(&bank, kainuu);
        assert_eq!(themes, vec![(perhekeskus, 2), (neuvola, 1)]);
        assert_eq!(neighbours(&bank, kainuu, &themes, 10), vec![(lappi, 2), (uusimaa, 1)]);
        assert!(neighbours(&bank, kainuu, &themes, 0).is_empty());
        assert_eq!(national_themes(&bank, 10), vec![(perhekeskus, 3), (neuvola, 2)]);
        assert_eq!(
            nearest_with_documents(&bank, savo, 10),
            vec![(kainuu, 2), (lappi, 2), (uusimaa, 1)],
            "nearest on the map first; Savo itself has no documents and is not listed by others"
        );
        assert_eq!(nearest_with_documents(&bank, savo, 1), vec![(kainuu, 2)]);
        assert_eq!(newest_of(&bank, &[kainuu, lappi], 10).len(), 3, "each document once");
    }
}
