//! `lape search`: a parsed query run against the tantivy index, ranked and excerpted exactly as
//! the browser's engine does it with the static index.
//!
//! Query words are looked up in the table the build wrote beside the index (`lape-query.tsv`:
//! folded form or `~fallback key` -> terms); tantivy finds the matching documents (term, phrase
//! and boolean queries over the four text fields, filters as term queries); each match is scored
//! with [`score::impact`] from tantivy's postings and the field lengths, and the order is score,
//! then rank (newest first, then URL).

use super::corpus::Field as F;
use super::excerpt::{Excerpt, chunk, chunk_starts, excerpt};
use super::finnish::fallback_key;
use super::index::{Fields, schema};
use super::query::{Item, Query, QueryError, parse};
use super::score::{Stats, impact};
use crate::model::Kind;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use tantivy::collector::DocSetCollector;
use tantivy::postings::Postings;
use tantivy::query::{AllQuery, BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query as TQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocId, DocSet, Index, Searcher, TantivyDocument, Term};

/// Most readings of a phrase tried (the product of its words' terms).
pub const MAX_PHRASE_READINGS: usize = 64;

/// File beside the index: folded form or `~key` -> terms, sorted lines.
pub(super) const QUERY_FILE: &str = "lape-query.tsv";
/// File beside the index: term -> the folded forms that carry it, sorted lines.
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
    forms: String,
}

impl Tables {
    /// The terms a query word looks for: its row in the table, else its fallback key's row.
    fn terms(&self, form: &str) -> Vec<String> {
        let row = find_line(&self.query, form)
            .or_else(|| fallback_key(form).and_then(|k| find_line(&self.query, &format!("~{k}"))));
        row.map(|r| r.split(' ').filter(|t| !t.is_empty()).map(String::from).collect())
            .unwrap_or_default()
    }

    fn forms(&self, term: &str) -> Vec<&str> {
        find_line(&self.forms, term)
            .map(|r| r.split(' ').filter(|f| !f.is_empty()).collect())
            .unwrap_or_default()
    }
}

/// The filter values of the bank, as written beside the index.
#[derive(serde::Deserialize, Serialize, Default)]
pub(super) struct IndexMeta {
    pub format: u32,
    pub regions: Vec<String>,
    pub themes: Vec<String>,
}

/// An item with its words resolved to terms.
enum Resolved {
    Word(Vec<String>),
    Phrase(Vec<Vec<String>>),
}

fn word_query(f: &Fields, terms: &[String]) -> Box<dyn TQuery> {
    let clauses: Vec<(Occur, Box<dyn TQuery>)> = F::ALL
        .iter()
        .flat_map(|&fld| {
            terms.iter().map(move |t| {
                let q: Box<dyn TQuery> = Box::new(TermQuery::new(
                    Term::from_field_text(f.text[fld as usize], t),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
        })
        .collect();
    if clauses.is_empty() {
        Box::new(EmptyQuery)
    } else {
        Box::new(BooleanQuery::new(clauses))
    }
}

/// Every reading of a phrase: one term per word, in order.
fn readings(slots: &[Vec<String>]) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for slot in slots {
        out = out
            .into_iter()
            .flat_map(|r| {
                slot.iter().map(move |t| {
                    let mut r = r.clone();
                    r.push(t.as_str());
                    r
                })
            })
            .collect();
    }
    out
}

fn item_query(f: &Fields, item: &Resolved) -> Box<dyn TQuery> {
    match item {
        Resolved::Word(terms) => word_query(f, terms),
        Resolved::Phrase(slots) if slots.len() == 1 => word_query(f, &slots[0]),
        Resolved::Phrase(slots) => {
            if slots.iter().any(Vec::is_empty) {
                return Box::new(EmptyQuery);
            }
            let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
            for fld in F::ALL {
                for r in readings(slots) {
                    let terms = r
                        .iter()
                        .map(|t| Term::from_field_text(f.text[fld as usize], t))
                        .collect();
                    clauses.push((Occur::Should, Box::new(PhraseQuery::new(terms))));
                }
            }
            Box::new(BooleanQuery::new(clauses))
        }
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

/// Collection figures from every document's field lengths.
pub(super) fn stats(searcher: &Searcher) -> Result<Stats, SearchError> {
    let mut lens = Vec::new();
    for seg in searcher.segment_readers() {
        let cols: Vec<_> = F::ALL
            .iter()
            .map(|f| seg.fast_fields().u64(&format!("len_{}", f.name())))
            .collect::<Result<_, _>>()
            .map_err(ix)?;
        for doc in 0..seg.max_doc() {
            let mut l = [0u64; 4];
            for (i, c) in cols.iter().enumerate() {
                l[i] = c.first(doc).unwrap_or(0);
            }
            lens.push(l);
        }
    }
    Ok(Stats::from_lengths(lens.into_iter()))
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
        forms: read(FORMS_FILE)?,
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
    run(&searcher, &f, &tables, &parsed, req, &regions, &themes)
}

/// Resolves, matches, scores, orders and excerpts.
fn run(
    searcher: &Searcher,
    f: &Fields,
    tables: &Tables,
    parsed: &Query,
    req: &SearchRequest,
    regions: &[String],
    themes: &[String],
) -> Result<Answer, SearchError> {
    let mut unknown = Vec::new();
    let mut resolve = |item: &Item| -> Result<Resolved, SearchError> {
        let slots: Vec<Vec<String>> = item
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
        Ok(match item {
            Item::Word(_) => Resolved::Word(slots.into_iter().next().unwrap_or_default()),
            Item::Phrase(_) => Resolved::Phrase(slots),
        })
    };
    let must: Vec<Vec<Resolved>> = parsed
        .must
        .iter()
        .map(|c| c.iter().map(&mut resolve).collect::<Result<_, _>>())
        .collect::<Result<_, _>>()?;
    let not: Vec<Resolved> = parsed.not.iter().map(&mut resolve).collect::<Result<_, _>>()?;
    // The distinct terms of everything looked for, in query order: what the score adds up.
    let mut terms: Vec<String> = Vec::new();
    for r in must.iter().flatten() {
        let ts: Vec<&String> = match r {
            Resolved::Word(t) => t.iter().collect(),
            Resolved::Phrase(s) => s.iter().flatten().collect(),
        };
        for t in ts {
            if !terms.contains(t) {
                terms.push(t.clone());
            }
        }
    }

    let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
    for c in &must {
        let alts: Vec<(Occur, Box<dyn TQuery>)> = c.iter().map(|i| (Occur::Should, item_query(f, i))).collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(alts))));
    }
    if must.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    for i in &not {
        clauses.push((Occur::MustNot, item_query(f, i)));
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
    let query = BooleanQuery::new(clauses);
    let matched = searcher.search(&query, &DocSetCollector).map_err(ix)?;

    let stats = stats(searcher)?;
    let term_of = |fld: F, t: &str| Term::from_field_text(f.text[fld as usize], t);
    let mut df: Vec<[u64; 4]> = Vec::with_capacity(terms.len());
    for t in &terms {
        let mut d = [0u64; 4];
        for fld in F::ALL {
            d[fld as usize] = searcher.doc_freq(&term_of(fld, t)).map_err(ix)?;
        }
        df.push(d);
    }
    // (score, rank, address) of every match, segment by segment.
    let mut by_segment: BTreeMap<u32, Vec<DocId>> = BTreeMap::new();
    for a in &matched {
        by_segment.entry(a.segment_ord).or_default().push(a.doc_id);
    }
    let mut scored: Vec<(u64, u64, DocAddress)> = Vec::with_capacity(matched.len());
    for (&seg_ord, docs) in by_segment.iter_mut() {
        docs.sort_unstable();
        let seg = searcher.segment_reader(seg_ord);
        let ff = seg.fast_fields();
        let rank = ff.u64("rank").map_err(ix)?;
        let len_cols: Vec<_> = F::ALL
            .iter()
            .map(|x| ff.u64(&format!("len_{}", x.name())))
            .collect::<Result<_, _>>()
            .map_err(ix)?;
        // tf[doc][term][field]
        let mut tf = vec![vec![[0u32; 4]; terms.len()]; docs.len()];
        for fld in F::ALL {
            let inv = seg.inverted_index(f.text[fld as usize]).map_err(ix)?;
            for (ti, t) in terms.iter().enumerate() {
                let Some(mut p) = inv
                    .read_postings(&term_of(fld, t), IndexRecordOption::WithFreqs)
                    .map_err(ix)?
                else {
                    continue;
                };
                for (di, &doc) in docs.iter().enumerate() {
                    if p.doc() > doc {
                        continue;
                    }
                    if p.seek(doc) == doc {
                        tf[di][ti][fld as usize] = p.term_freq();
                    }
                }
            }
        }
        for (di, &doc) in docs.iter().enumerate() {
            let mut len = [0u32; 4];
            for (i, c) in len_cols.iter().enumerate() {
                len[i] = c.first(doc).unwrap_or(0) as u32;
            }
            let score: u64 = (0..terms.len())
                .filter(|&ti| tf[di][ti].iter().any(|&x| x > 0))
                .map(|ti| impact(&stats, tf[di][ti], len, df[ti]) as u64)
                .sum();
            scored.push((score, rank.first(doc).unwrap_or(0), DocAddress::new(seg_ord, doc)));
        }
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let total = scored.len();
    scored.truncate(req.limit.max(1));

    // Marks: folded form -> the query terms (by index) it carries.
    let mut marks: HashMap<String, Vec<usize>> = HashMap::new();
    for (ti, t) in terms.iter().enumerate() {
        for form in tables.forms(t) {
            marks.entry(form.to_string()).or_default().push(ti);
        }
    }
    let mut hits = Vec::with_capacity(scored.len());
    for (score, _, addr) in scored {
        let doc: TantivyDocument = searcher.doc(addr).map_err(ix)?;
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let chunks: Vec<u32> = doc
            .get_all(f.chunks)
            .filter_map(|v| v.as_u64())
            .map(|v| v as u32)
            .collect();
        // The chunk of the first occurrence in the body of any term looked for.
        let seg = searcher.segment_reader(addr.segment_ord);
        let inv = seg.inverted_index(f.text[F::Body as usize]).map_err(ix)?;
        let mut first: Option<u32> = None;
        for t in &terms {
            if let Some(mut p) = inv
                .read_postings(&term_of(F::Body, t), IndexRecordOption::WithFreqsAndPositions)
                .map_err(ix)?
                && p.seek(addr.doc_id) == addr.doc_id
            {
                let mut pos = Vec::new();
                p.positions(&mut pos);
                if let Some(&p0) = pos.first() {
                    first = Some(first.map_or(p0, |x| x.min(p0)));
                }
            }
        }
        let k = first.map_or(0, |p| super::browser::chunk_of(&chunks, p)) as usize;
        let body = text(f.excerpt);
        let starts = chunk_starts(&body);
        let ex = excerpt(chunk(&body, &starts, k), k, starts.len(), &marks);
        hits.push(Hit {
            title: text(f.display_title),
            url: text(f.url),
            kind: text(f.kind),
            date: text(f.date),
            score,
            snippet: ex.html("<b>", "</b>"),
            excerpt: ex,
        });
    }
    Ok(Answer { total, hits, unknown })
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
