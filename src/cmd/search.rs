//! `lape search`.

use crate::cli::SearchArgs;
use lape_kb::model::Kind;
use lape_kb::pipeline::{self, Options};
use lape_kb::search::{self, Answer, SearchError, SearchRequest};
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

const QUERY_HINT: &str =
    "words are ANDed; use \"quotes\" for a phrase, OR between alternatives, -word to leave a word out";

pub fn run(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let config = match pipeline::config(&args.root, &Options::default()) {
        Ok(c) => c,
        Err(d) => {
            super::print_human(&d.sorted());
            return Ok(ExitCode::from(2));
        }
    };
    let mut kinds = Vec::new();
    for k in &args.kinds {
        match Kind::from_cli_name(k) {
            Some(k) => kinds.push(k),
            None => {
                super::unknown_kind(k);
                return Ok(ExitCode::from(2));
            }
        }
    }
    // A filter naming no region or theme would only ever answer "no results".
    let mut problems = Vec::new();
    let regions = super::check_refs(
        "region",
        Kind::Region,
        &args.regions,
        &super::slugs_of(&config.content_dir, Kind::Region),
        &mut problems,
    );
    let themes = super::check_refs(
        "theme",
        Kind::Theme,
        &args.themes,
        &super::slugs_of(&config.content_dir, Kind::Theme),
        &mut problems,
    );
    if !problems.is_empty() {
        super::print_human(&problems);
        return Ok(ExitCode::from(2));
    }
    let filtered = !regions.is_empty() || !themes.is_empty() || !kinds.is_empty() || !args.years.is_empty();
    if !args.batch && !filtered && args.query.as_deref().is_none_or(|q| q.trim().is_empty()) {
        super::usage_error(
            lape_kb::text!("search-nothing"),
            Some(lape_kb::text!("search-nothing-hint")),
        );
        return Ok(ExitCode::from(2));
    }
    let request = |query: String| SearchRequest {
        query,
        regions: regions.clone(),
        themes: themes.clone(),
        kinds: kinds.clone(),
        years: args.years.clone(),
        limit: args.limit,
    };
    let dir = &config.search_index_dir;
    if args.batch {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for line in std::io::stdin().lock().lines() {
            let q = line?;
            let value = match search::search(dir, &request(q.clone())) {
                Ok(a) => serde_json::json!({ "query": q, "total": a.total, "hits": a.hits, "unknown": a.unknown }),
                Err(e @ (SearchError::NoIndex(_) | SearchError::Version(_) | SearchError::Index(_))) => {
                    eprintln!("error: {e}");
                    return Ok(ExitCode::from(2));
                }
                Err(SearchError::Query(e)) => {
                    serde_json::json!({ "query": q, "error": e.to_string(), "code": e.code() })
                }
                Err(e) => serde_json::json!({ "query": q, "error": e.to_string(), "code": "Filter" }),
            };
            writeln!(out, "{value}")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let answer = match search::search(dir, &request(args.query.clone().unwrap_or_default())) {
        Ok(a) => a,
        Err(e @ SearchError::Query(_)) => {
            eprintln!("error: {e}");
            eprintln!("   = hint: {QUERY_HINT}");
            return Ok(ExitCode::from(2));
        }
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&answer.hits)?);
        return Ok(ExitCode::SUCCESS);
    }
    print_human(&answer);
    Ok(ExitCode::SUCCESS)
}

fn print_human(answer: &Answer) {
    let tty = std::io::stdout().is_terminal();
    let (on, off) = if tty { ("\x1b[1m", "\x1b[0m") } else { ("«", "»") };
    for w in &answer.unknown {
        println!(
            "{}",
            lape_kb::text!("search-word-unknown", word = w).render(super::lang())
        );
    }
    if answer.hits.is_empty() {
        println!("{}", lape_kb::text!("search-no-results").render(super::lang()));
        return;
    }
    for (i, h) in answer.hits.iter().enumerate() {
        let date = if h.date.is_empty() {
            String::new()
        } else {
            format!(", {}", h.date)
        };
        println!("{}. {} ({}{date})\n   {}", i + 1, h.title, h.kind, h.url);
        let mut line = String::new();
        if h.excerpt.before {
            line.push('…');
        }
        for (t, marked) in &h.excerpt.parts {
            if *marked {
                line.push_str(on);
                line.push_str(t);
                line.push_str(off);
            } else {
                line.push_str(t);
            }
        }
        if h.excerpt.after {
            line.push('…');
        }
        println!("   {line}\n");
    }
    if answer.total > answer.hits.len() {
        let more = lape_kb::text!("search-more", shown = answer.hits.len(), total = answer.total);
        println!("{}", more.render(super::lang()));
    }
}
