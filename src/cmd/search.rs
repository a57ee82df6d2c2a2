//! `lape search`.

use lape_kb::model::Kind;
use lape_kb::pipeline::{self, Options};
use lape_kb::search::{self, SearchError, SearchRequest};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[allow(clippy::too_many_arguments)]
pub fn run(
    root: PathBuf,
    query: String,
    regions: Vec<String>,
    themes: Vec<String>,
    kinds: Vec<String>,
    years: Vec<u16>,
    limit: usize,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let config = match pipeline::config(&root, &Options::default()) {
        Ok(c) => c,
        Err(d) => {
            super::print_human(&d.sorted());
            return Ok(ExitCode::from(2));
        }
    };
    let mut kind_list = Vec::new();
    for k in &kinds {
        match Kind::from_type_name(k).filter(|k| k.is_text()) {
            Some(k) => kind_list.push(k),
            None => {
                eprintln!("error: unknown kind '{k}'; use memo, workshop, pilot or service");
                return Ok(ExitCode::from(2));
            }
        }
    }
    let req = SearchRequest {
        query,
        regions,
        themes,
        kinds: kind_list,
        years,
        limit,
    };
    let hits = match search::search(&config.search_index_dir, &req) {
        Ok(h) => h,
        Err(e @ SearchError::Query(_)) => {
            eprintln!("error: {e}");
            eprintln!(
                "   = hint: words are ANDed; use \"quotes\" for a phrase, OR between alternatives, -word to exclude"
            );
            return Ok(ExitCode::from(2));
        }
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&hits)?);
        return Ok(ExitCode::SUCCESS);
    }
    let tty = std::io::stdout().is_terminal();
    let (on, off) = if tty { ("\x1b[1m", "\x1b[0m") } else { ("«", "»") };
    if hits.is_empty() {
        println!("no results");
    }
    for (i, h) in hits.iter().enumerate() {
        let date = if h.date.is_empty() {
            String::new()
        } else {
            format!(", {}", h.date)
        };
        println!("{}. {} ({}{date})\n   {}", i + 1, h.title, h.kind, h.url);
        let snippet = h.snippet.replace("<b>", on).replace("</b>", off);
        println!("   {}\n", unescape(&snippet).replace('\n', " "));
    }
    Ok(ExitCode::SUCCESS)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
