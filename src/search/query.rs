//! Queries against the index: `lape search`.

use super::index::{register, schema};
use crate::model::Kind;
use serde::Serialize;
use std::path::Path;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, TantivyDocument, Term};

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query, in tantivy's syntax: words, "phrases", AND, OR, NOT, -word.
    pub query: String,
    /// Only documents of these regions (slugs).
    pub regions: Vec<String>,
    /// Only documents of these themes (slugs).
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
    /// Relevance.
    pub score: f32,
    /// A passage with the matches between `<b>` and `</b>`.
    pub snippet: String,
}

/// Why a search could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// No index yet.
    #[error("no search index at {0}; run `lape build` first")]
    NoIndex(String),
    /// The query could not be parsed.
    #[error("cannot understand the query: {0}")]
    Query(String),
    /// The index could not be read.
    #[error("cannot read the search index: {0}")]
    Index(String),
}

/// Answers a request from the index in `dir`.
pub fn search(dir: &Path, req: &SearchRequest) -> Result<Vec<Hit>, SearchError> {
    if !dir.join("meta.json").is_file() {
        return Err(SearchError::NoIndex(dir.display().to_string()));
    }
    let index = Index::open_in_dir(dir).map_err(|e| SearchError::Index(e.to_string()))?;
    register(&index, None);
    let (_, f) = schema();
    // One answer from one snapshot: the default reload policy starts a thread watching the
    // folder, one per call, which outlives the answer (LeakSanitizer found it while fuzzing).
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .map_err(|e| SearchError::Index(e.to_string()))?;
    let searcher = reader.searcher();
    let mut parser = QueryParser::for_index(&index, vec![f.title, f.summary, f.body, f.places]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.title, 3.0);
    parser.set_field_boost(f.summary, 1.5);
    let text_query = parser
        .parse_query(&req.query)
        .map_err(|e| SearchError::Query(e.to_string()))?;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
    let any_of = |field, values: Vec<String>| -> Box<dyn Query> {
        let terms: Vec<(Occur, Box<dyn Query>)> = values
            .into_iter()
            .map(|v| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, &v),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        Box::new(BooleanQuery::new(terms))
    };
    let slugs = |v: &[String]| v.iter().map(|s| crate::slug::slugify(s)).collect::<Vec<_>>();
    if !req.regions.is_empty() {
        clauses.push((Occur::Must, any_of(f.regions, slugs(&req.regions))));
    }
    if !req.themes.is_empty() {
        clauses.push((Occur::Must, any_of(f.themes, slugs(&req.themes))));
    }
    if !req.kinds.is_empty() {
        clauses.push((
            Occur::Must,
            any_of(f.kind, req.kinds.iter().map(|k| k.type_name().to_string()).collect()),
        ));
    }
    if !req.years.is_empty() {
        clauses.push((
            Occur::Must,
            any_of(f.year, req.years.iter().map(u16::to_string).collect()),
        ));
    }
    let query = BooleanQuery::new(clauses);
    let top = searcher
        .search(&query, &TopDocs::with_limit(req.limit.max(1)).order_by_score())
        .map_err(|e| SearchError::Index(e.to_string()))?;
    let mut snippets =
        SnippetGenerator::create(&searcher, &*text_query, f.body).map_err(|e| SearchError::Index(e.to_string()))?;
    snippets.set_max_num_chars(200);
    let mut hits = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let doc: TantivyDocument = searcher.doc(addr).map_err(|e| SearchError::Index(e.to_string()))?;
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let snippet = snippets.snippet_from_doc(&doc);
        let mut html = snippet.to_html();
        if html.is_empty() {
            html = crate::render::escape(&text(f.summary));
        }
        hits.push(Hit {
            title: text(f.title),
            url: text(f.url),
            kind: text(f.kind),
            date: text(f.date),
            score,
            snippet: html,
        });
    }
    Ok(hits)
}
