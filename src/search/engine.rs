//! `lape search`: a parsed query run against the tantivy index, ranked and excerpted exactly as
//! the browser's engine does it with the static index.
//!
//! Query words are looked up in the table the build wrote beside the index (`lape-query.tsv`:
//! folded form or `~fallback key` -> term numbers). tantivy finds the documents that can match
//! (term queries over the four text fields, a phrase as all of its words, filters as term
//! queries); each one's record (see `forward`) then decides: phrases by their positions, the
//! score as the sum of the impacts of the query's terms. The order is score, then rank (newest
//! first, then URL): the browser's engine does the same from the same numbers.

use super::corpus::FIELD_COUNT;
use super::excerpt::{Excerpt, chunk, chunk_starts, excerpt};
use super::finnish::fallback_key;
use super::forward::{Entry, decode_only};
use super::index::{self, Fields, schema};
use super::lexicon::TermId;
use super::query::{Item, QueryError, parse};
use super::score::impact;
use super::store::Store;
use crate::model::Kind;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use tantivy::collector::DocSetCollector;
use tantivy::query::{AllQuery, BooleanQuery, EmptyQuery, Occur, Query as TQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Index, Searcher, TantivyDocument, Term};

/// Most readings of a phrase tried (the product of its words' terms).
pub const MAX_PHRASE_READINGS: usize = 64;

/// File beside the index: folded form or `~key` -> terms, sorted lines.
pub(super) const QUERY_FILE: &str = "lape-query.tsv";
/// File beside the index: line `i` is term `i` and the folded forms that carry it.
pub(super) const FORMS_FILE: &str = "lape-forms.tsv";
/// File beside the index: its format and the filter values.
pub(super) const META_FILE: &str = "lape-search.json";

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query (see `query` for the language).
    pub query: String,
    /// Only documents of these regions (slugs or names).
    pub regions: Vec<String>,
    /// Only documents of these themes (slugs or names).
    pub themes: Vec<String>,
    /// Only documents of these kinds.
    pub kinds: Vec<Kind>,
    /// Only documents of these years.
    pub years: Vec<u16>,
    /// How many results.
    pub limit: usize,
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Title.
    pub title: String,
    /// Site path.
    pub url: String,
    /// Kind (`memo`, ...).
    pub kind: String,
    /// ISO date, if any.
    pub date: String,
    /// Relevance: the sum of the impacts of the query's terms.
    pub score: u64,
    /// The excerpt as escaped HTML, matches between `<b>` and `</b>`.
    pub snippet: String,
    /// The excerpt itself.
    #[serde(skip)]
    pub excerpt: Excerpt,
}

/// A search's answer.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// How many documents match.
    pub total: usize,
    /// The best `limit` of them.
    pub hits: Vec<Hit>,
    /// Query words no page has (in any form).
    pub unknown: Vec<String>,
}

/// Why a search could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// No index yet.
    #[error("no search index at {0}; run `lape build` first")]
    NoIndex(String),
    /// An index of another version of lape.
    #[error("the search index at {0} is from another version of lape; run `lape build` again")]
    Version(String),
    /// The query could not be parsed.
    #[error("cannot understand the query: {0}")]
    Query(#[from] QueryError),
    /// A filter names no region or theme of the bank.
    #[error("no {what} '{value}' in the bank{}", did_you_mean(.suggestion))]
    UnknownFilter {
        /// `region` or `theme`.
        what: &'static str,
        /// As given.
        value: String,
        /// The closest known value.
        suggestion: Option<String>,
    },
    /// The index could not be read.
    #[error("cannot read the search index: {0}")]
    Index(String),
}

fn did_you_mean(s: &Option<String>) -> String {
    s.as_ref().map(|s| format!("; did you mean '{s}'?")).unwrap_or_default()
}

fn ix<E: std::fmt::Display>(e: E) -> SearchError {
    SearchError::Index(e.to_string())
}

/// The line of sorted `text` that starts with `key` and a tab: its rest.
fn find_line<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let (mut lo, mut hi) = (0usize, text.len());
    // Invariant: the line, if any, starts in [lo, hi).
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = text[..mid].rfind('\n').map_or(0, |i| i + 1).max(lo);
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = &text[start..end];
        let k = line.split('\t').next().unwrap_or("");
        match k.cmp(key) {
            std::cmp::Ordering::Equal => return line.split_once('\t').map(|(_, r)| r),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

/// The tables written beside the index.
struct Tables {
    query: String,
    /// Line `i`: term `i`, its document frequency per field, its forms.
    terms: Vec<(String, [u64; FIELD_COUNT], String)>,
}

impl Tables {
    /// The terms a query word looks for: its row in the table, else its fallback key's row.
    fn terms(&self, form: &str) -> Vec<TermId> {
        let row = find_line(&self.query, form)
            .or_else(|| fallback_key(form).and_then(|k| find_line(&self.query, &format!("~{k}"))));
        row.map(|r| r.split(' ').filter_map(|t| t.parse().ok()).collect())
            .unwrap_or_default()
    }

    fn text(&self, t: TermId) -> &str {
        self.terms.get(t as usize).map_or("", |(t, _, _)| t.as_str())
    }

    fn df(&self, t: TermId) -> [u64; FIELD_COUNT] {
        self.terms.get(t as usize).map_or([1; FIELD_COUNT], |(_, d, _)| *d)
    }

    fn forms(&self, t: TermId) -> impl Iterator<Item = &str> {
        self.terms
            .get(t as usize)
            .map_or("", |(_, _, f)| f.as_str())
            .split(' ')
            .filter(|f| !f.is_empty())
    }
}

/// The filter values of the bank, as written beside the index.
#[derive(serde::Deserialize, Serialize, Default)]
pub(super) struct IndexMeta {
    pub format: u32,
    pub regions: Vec<String>,
    pub themes: Vec<String>,
    /// The collection figures the impacts were computed with.
    pub stats: super::score::Stats,
}

/// An item's words resolved to terms: one list per word (a word item has one).
type Slots = Vec<Vec<TermId>>;

/// Documents with any of `terms`.
fn word_query(f: &Fields, tables: &Tables, terms: &[TermId]) -> Box<dyn TQuery> {
    let clauses: Vec<(Occur, Box<dyn TQuery>)> = terms
        .iter()
        .map(|&t| {
            let q: Box<dyn TQuery> = Box::new(TermQuery::new(
                Term::from_field_text(f.terms, tables.text(t)),
                IndexRecordOption::Basic,
            ));
            (Occur::Should, q)
        })
        .collect();
    if clauses.is_empty() {
        Box::new(EmptyQuery)
    } else {
        Box::new(BooleanQuery::new(clauses))
    }
}

/// The documents that can match an item: a word's, or those with every word of a phrase (the
/// record then checks that they stand next to each other).
fn item_query(f: &Fields, tables: &Tables, slots: &Slots) -> Box<dyn TQuery> {
    match slots.as_slice() {
        [one] => word_query(f, tables, one),
        _ if slots.iter().any(Vec::is_empty) => Box::new(EmptyQuery),
        _ => Box::new(BooleanQuery::new(
            slots.iter().map(|s| (Occur::Must, word_query(f, tables, s))).collect(),
        )),
    }
}

fn any_of(field: tantivy::schema::Field, values: &[String]) -> Box<dyn TQuery> {
    Box::new(BooleanQuery::new(
        values
            .iter()
            .map(|v| {
                let q: Box<dyn TQuery> = Box::new(TermQuery::new(
                    Term::from_field_text(field, v),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect(),
    ))
}

/// Resolves a filter's values to the bank's slugs, or says which one is unknown.
fn slugs(what: &'static str, given: &[String], known: &[String]) -> Result<Vec<String>, SearchError> {
    given
        .iter()
        .map(|g| {
            let s = crate::slug::slugify(g);
            if known.contains(&s) {
                return Ok(s);
            }
            let suggestion = known
                .iter()
                .map(|k| (strsim::jaro_winkler(k, &s), k))
                .filter(|(d, _)| *d > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, k)| k.clone());
            Err(SearchError::UnknownFilter {
                what,
                value: g.clone(),
                suggestion,
            })
        })
        .collect()
}

/// Answers a request from the index in `dir`.
pub fn search(dir: &Path, req: &SearchRequest) -> Result<Answer, SearchError> {
    let meta_path = dir.join(META_FILE);
    if !dir.join("meta.json").is_file() || !meta_path.is_file() {
        return Err(SearchError::NoIndex(dir.display().to_string()));
    }
    let meta: IndexMeta = std::fs::read(&meta_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    if meta.format != super::browser::FORMAT {
        return Err(SearchError::Version(dir.display().to_string()));
    }
    let parsed = parse(&req.query)?;
    let regions = slugs("region", &req.regions, &meta.regions)?;
    let themes = slugs("theme", &req.themes, &meta.themes)?;
    let filtered = !(regions.is_empty() && themes.is_empty() && req.kinds.is_empty() && req.years.is_empty());
    if parsed.must.is_empty() && !filtered {
        return Err(SearchError::Query(if parsed.not.is_empty() {
            QueryError::Empty
        } else {
            QueryError::OnlyExcluded
        }));
    }
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).map_err(ix);
    let tables = Tables {
        query: read(QUERY_FILE)?,
        terms: read(FORMS_FILE)?
            .lines()
            .map(|l| {
                let mut cols = l.splitn(3, '\t');
                let t = cols.next().unwrap_or("").to_string();
                let mut df = [0u64; FIELD_COUNT];
                for (d, v) in df.iter_mut().zip(cols.next().unwrap_or("").split(' ')) {
                    *d = v.parse().unwrap_or(0);
                }
                (t, df, cols.next().unwrap_or("").to_string())
            })
            .collect(),
    };
    let index = Index::open_in_dir(dir).map_err(ix)?;
    let (_, f) = schema();
    // One answer from one snapshot: the default reload policy starts a thread watching the
    // folder, one per call, which outlives the answer (LeakSanitizer found it while fuzzing).
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .map_err(ix)?;
    let searcher = reader.searcher();
    let mut unknown = Vec::new();
    let mut resolve = |item: &Item| -> Result<Slots, SearchError> {
        let slots: Slots = item
            .forms()
            .iter()
            .map(|w| {
                let t = tables.terms(w);
                if t.is_empty() && !unknown.contains(w) {
                    unknown.push(w.clone());
                }
                t
            })
            .collect();
        if slots.len() > 1 && slots.iter().map(Vec::len).product::<usize>() > MAX_PHRASE_READINGS {
            return Err(QueryError::PhraseTooAmbiguous.into());
        }
        Ok(slots)
    };
    let must: Vec<Vec<Slots>> = parsed
        .must
        .iter()
        .map(|c| c.iter().map(&mut resolve).collect::<Result<_, _>>())
        .collect::<Result<_, _>>()?;
    let not: Vec<Slots> = parsed.not.iter().map(&mut resolve).collect::<Result<_, _>>()?;
    let resolved = Resolved { must, not };
    let stores = Stores {
        records: Store::open(dir, index::RECORDS).map_err(ix)?,
        texts: Store::open(dir, index::TEXTS).map_err(ix)?,
    };
    let (total, top) = matches(
        &searcher,
        &f,
        &tables,
        &stores.records,
        &meta.stats,
        &resolved,
        req,
        &regions,
        &themes,
    )?;
    let hits = top
        .into_iter()
        .map(|(score, addr, entries)| hit(&searcher, &f, &tables, &stores.texts, &resolved, score, addr, &entries))
        .collect::<Result<_, _>>()?;
    Ok(Answer { total, hits, unknown })
}

/// A query with its words resolved to terms.
struct Resolved {
    must: Vec<Vec<Slots>>,
    not: Vec<Slots>,
}

impl Resolved {
    /// The distinct terms of everything looked for, in query order: what the score adds up.
    fn terms(&self) -> Vec<TermId> {
        let mut out = Vec::new();
        for t in self.must.iter().flatten().flatten().flatten() {
            if !out.contains(t) {
                out.push(*t);
            }
        }
        out
    }
}

fn entry(entries: &[Entry], t: TermId) -> Option<&Entry> {
    entries.binary_search_by_key(&t, |e| e.term).ok().map(|i| &entries[i])
}

/// Whether a document (its record's entries) has an item: a word, or a phrase's words next to
/// each other in one field.
fn has(entries: &[Entry], slots: &Slots) -> bool {
    let at = |slot: &Vec<TermId>| -> Vec<u32> {
        let mut ps: Vec<u32> = slot
            .iter()
            .filter_map(|&t| entry(entries, t))
            .flat_map(|e| e.positions.iter().copied())
            .collect();
        ps.sort_unstable();
        ps
    };
    match slots.as_slice() {
        [one] => one.iter().any(|&t| entry(entries, t).is_some()),
        _ => {
            let sets: Vec<Vec<u32>> = slots.iter().map(at).collect();
            sets[0].iter().any(|&p| {
                sets.iter()
                    .enumerate()
                    .all(|(i, s)| s.binary_search(&(p + i as u32)).is_ok())
            })
        }
    }
}

type Scored = (u64, DocAddress, Vec<Entry>);

/// The stores beside the index.
struct Stores {
    records: Store,
    texts: Store,
}

/// Every matching document's score; returns how many match and the best `limit`.
#[allow(clippy::too_many_arguments)]
fn matches(
    searcher: &Searcher,
    f: &Fields,
    tables: &Tables,
    records: &Store,
    stats: &super::score::Stats,
    q: &Resolved,
    req: &SearchRequest,
    regions: &[String],
    themes: &[String],
) -> Result<(usize, Vec<Scored>), SearchError> {
    let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
    for c in &q.must {
        let alts: Vec<(Occur, Box<dyn TQuery>)> = c.iter().map(|i| (Occur::Should, item_query(f, tables, i))).collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(alts))));
    }
    if q.must.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    // A word left out is left out by tantivy; a phrase left out only where the record has it.
    for i in q.not.iter().filter(|s| s.len() == 1) {
        clauses.push((Occur::MustNot, item_query(f, tables, i)));
    }
    if !regions.is_empty() {
        clauses.push((Occur::Must, any_of(f.regions, regions)));
    }
    if !themes.is_empty() {
        clauses.push((Occur::Must, any_of(f.themes, themes)));
    }
    if !req.kinds.is_empty() {
        let kinds: Vec<String> = req.kinds.iter().map(|k| k.type_name().to_string()).collect();
        clauses.push((Occur::Must, any_of(f.kind, &kinds)));
    }
    if !req.years.is_empty() {
        let years: Vec<String> = req.years.iter().map(u16::to_string).collect();
        clauses.push((Occur::Must, any_of(f.year, &years)));
    }
    let mut candidates: Vec<DocAddress> = searcher
        .search(&BooleanQuery::new(clauses), &DocSetCollector)
        .map_err(ix)?
        .into_iter()
        .collect();
    candidates.sort();
    let terms = q.terms();
    // Every term the query needs a record to say anything about, sorted for the lookup.
    let mut wanted: Vec<TermId> = terms.clone();
    wanted.extend(q.not.iter().flatten().flatten().copied());
    wanted.sort_unstable();
    wanted.dedup();
    // Positions are read only when a phrase needs them.
    let phrases = q.must.iter().flatten().chain(&q.not).any(|s| s.len() > 1);
    let mut scored: Vec<(u64, u64, Scored)> = Vec::with_capacity(candidates.len());
    let mut column: Option<(u32, tantivy::columnar::Column<u64>)> = None;
    for addr in candidates {
        // Ranks from the fast field, segment by segment (the candidates are sorted).
        if column.as_ref().is_none_or(|(seg, _)| *seg != addr.segment_ord) {
            let col = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64("rank")
                .map_err(ix)?;
            column = Some((addr.segment_ord, col));
        }
        let rank = column
            .as_ref()
            .and_then(|(_, col)| col.first(addr.doc_id))
            .unwrap_or(u64::MAX);
        let (lens, entries) = decode_only(records.get(rank), &wanted, phrases);
        let ok = q.must.iter().all(|c| c.iter().any(|i| has(&entries, i))) && !q.not.iter().any(|i| has(&entries, i));
        if !ok {
            continue;
        }
        let score: u64 = terms
            .iter()
            .filter_map(|&t| entry(&entries, t))
            .map(|e| impact(stats, e.tf, lens, tables.df(e.term)) as u64)
            .sum();
        scored.push((score, rank, (score, addr, entries)));
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let total = scored.len();
    scored.truncate(req.limit.max(1));
    Ok((total, scored.into_iter().map(|(_, _, s)| s).collect()))
}

/// One result: its stored fields and its excerpt.
#[allow(clippy::too_many_arguments)]
fn hit(
    searcher: &Searcher,
    f: &Fields,
    tables: &Tables,
    texts: &Store,
    q: &Resolved,
    score: u64,
    addr: DocAddress,
    entries: &[Entry],
) -> Result<Hit, SearchError> {
    let doc: TantivyDocument = searcher.doc(addr).map_err(ix)?;
    let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let terms = q.terms();
    // The chunk of the first occurrence in the body of any term looked for.
    let k = terms
        .iter()
        .filter_map(|&t| entry(entries, t))
        .filter(|e| e.chunk > 0)
        .map(|e| e.chunk - 1)
        .min()
        .unwrap_or(0) as usize;
    let mut marks: HashMap<String, Vec<usize>> = HashMap::new();
    for (ti, &t) in terms.iter().enumerate() {
        for form in tables.forms(t) {
            marks.entry(form.to_string()).or_default().push(ti);
        }
    }
    let rank = doc.get_first(f.rank).and_then(|v| v.as_u64()).unwrap_or(u64::MAX);
    let body = String::from_utf8_lossy(texts.get(rank)).into_owned();
    let starts = chunk_starts(&body);
    let ex = excerpt(chunk(&body, &starts, k), k, starts.len(), &marks);
    Ok(Hit {
        title: text(f.display_title),
        url: text(f.url),
        kind: text(f.kind),
        date: text(f.date),
        score,
        snippet: ex.html("<b>", "</b>"),
        excerpt: ex,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_line_in_sorted_text() {
        let text = "aa\t1\nab\t2 3\nb\t4\nc\t5";
        assert_eq!(find_line(text, "ab"), Some("2 3"));
        assert_eq!(find_line(text, "c"), Some("5"));
        assert_eq!(find_line(text, "aa"), Some("1"));
        assert_eq!(find_line(text, "a"), None);
        assert_eq!(find_line(text, "d"), None);
        assert_eq!(find_line("", "a"), None);
    }
}
