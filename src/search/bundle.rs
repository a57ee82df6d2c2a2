//! The browser's search bundle, built with Pagefind's library API from the same documents as
//! the tantivy index, so the published site can be searched with no server.
//!
//! Pagefind stems Finnish itself but neither splits compounds nor joins the forms Snowball
//! keeps apart. Each record's text therefore ends with a hidden line of extra words: the parts of
//! the document's compounds (perhekeskustoimintamalli -> toimintamalli, malli, perhekeskus) and
//! the other forms of words whose forms Snowball separates (perhekeskus <-> perhekeskuksen), so
//! the browser finds what `lape search` finds.

use super::finnish::{Stem, Vocabulary};
use crate::graph::Bank;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::{BTreeMap, BTreeSet};

/// One file of the bundle, relative to `/pagefind/`.
pub struct BundleFile {
    /// Path under the bundle folder.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Splits already worked out, by word: words recur across documents, splitting does not need to.
pub type SplitCache = std::collections::HashMap<String, Option<Vec<String>>>;

/// Extra words for one text: compound parts and the sibling forms Snowball separates.
pub fn extra_words(text: &str, vocab: &Vocabulary, stem: &mut Stem) -> String {
    extra_words_cached(text, vocab, stem, &mut SplitCache::new())
}

fn extra_words_cached(text: &str, vocab: &Vocabulary, stem: &mut Stem, cache: &mut SplitCache) -> String {
    let mut extra: BTreeSet<String> = BTreeSet::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.chars().count() < 5 {
            continue;
        }
        let w = w.to_lowercase();
        if !seen.insert(w.clone()) {
            continue;
        }
        let parts = match cache.get(&w) {
            Some(p) => p.clone(),
            None => {
                let p = vocab.split(&w, stem);
                cache.insert(w.clone(), p.clone());
                p
            }
        };
        if let Some(parts) = parts {
            for len in 1..parts.len() {
                for start in 0..=parts.len() - len {
                    extra.insert(parts[start..start + len].concat());
                }
            }
        }
    }
    // Sibling forms, for the document's words and for the compound parts just found.
    let words: Vec<String> = seen.iter().chain(extra.iter()).cloned().collect();
    for w in words {
        for (a, b) in [("us", "uksen"), ("uksen", "us"), ("inen", "isen"), ("isen", "inen")] {
            if let Some(base) = w.strip_suffix(a) {
                extra.insert(format!("{base}{b}"));
            }
        }
        if w == "lasten" || w == "lapsi" || w == "lapsen" {
            extra.extend(["lapsi", "lapsen", "lasten"].map(String::from));
        }
    }
    extra.into_iter().collect::<Vec<_>>().join(" ")
}

/// Builds the bundle for every published text document.
pub fn build_bundle(
    bank: &Bank,
    vocab: &Vocabulary,
    kind_labels: &BTreeMap<String, String>,
) -> Result<Vec<BundleFile>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the search bundle's runtime: {e}"))?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .force_language("fi".to_string())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        let mut stem = Stem::default();
        let mut cache = SplitCache::new();
        for id in bank.ids() {
            let d = bank.doc(id);
            if !d.kind.is_text() {
                continue;
            }
            let r = &bank.refs[id.index()];
            let kind = kind_labels
                .get(d.kind.type_name())
                .cloned()
                .unwrap_or_else(|| d.kind.type_name().to_string());
            let mut meta = BTreeMap::from([
                ("title".to_string(), d.title.clone()),
                ("kind".to_string(), kind.clone()),
            ]);
            let mut filters: BTreeMap<String, Vec<String>> = BTreeMap::new();
            filters.insert("kind".into(), vec![kind]);
            filters.insert(
                "region".into(),
                r.regions.iter().map(|&x| bank.doc(x).title.clone()).collect(),
            );
            filters.insert(
                "theme".into(),
                r.themes.iter().map(|&x| bank.doc(x).title.clone()).collect(),
            );
            let mut sort = BTreeMap::new();
            if let Some(date) = d.date() {
                meta.insert("date".into(), date.finnish());
                filters.insert("year".into(), vec![date.year.to_string()]);
                sort.insert("date".to_string(), date.iso());
            }
            let summary = d.fm.summary.as_deref().unwrap_or("");
            let body = &d.scan.text;
            let extra = extra_words_cached(&format!("{} {summary} {body}", d.title), vocab, &mut stem, &mut cache);
            let content = format!("{}\n{summary}\n{body}\n{extra}", d.title);
            index
                .add_custom_record(
                    bank.url(id).to_string(),
                    content,
                    "fi".to_string(),
                    Some(meta),
                    Some(filters),
                    Some(sort),
                )
                .await
                .map_err(|e| format!("{}: {e}", d.path.display()))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        Ok(files
            .into_iter()
            .map(|f| BundleFile {
                path: f.filename.to_string_lossy().replace('\\', "/"),
                bytes: f.contents,
            })
            .collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_words_carry_parts_and_forms() {
        let vocab = Vocabulary::from_texts(["perhekeskus toiminta toimintamalli malli"].into_iter());
        let mut s = Stem::default();
        let e = extra_words("Perhekeskustoimintamalli ja perhekeskus", &vocab, &mut s);
        assert!(e.split(' ').any(|w| w == "toimintamalli"), "{e}");
        assert!(e.split(' ').any(|w| w == "perhekeskuksen"), "{e}");
    }
}
