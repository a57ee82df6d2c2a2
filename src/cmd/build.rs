//! `lape build`.

use lape_kb::diag::Severity;
use lape_kb::pipeline::{self, Options};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(
    root: PathBuf,
    output: Option<PathBuf>,
    base_url: Option<String>,
    drafts: bool,
    quiet: bool,
    no_search: bool,
) -> anyhow::Result<ExitCode> {
    let opts = Options {
        drafts,
        output,
        base_url,
        no_search,
        progress: super::progress::reporter(quiet),
    };
    let result = pipeline::build(&root, &opts);
    // The bars go before any line is printed, so no line lands between them.
    drop(opts);
    match result {
        Ok(report) => {
            let codes = report.diagnostics.warning_codes();
            let warnings = report.diagnostics.sorted();
            if !quiet {
                let t = &report.timings;
                let total = t.parse + t.graph + t.render_and_search + t.commit;
                let s = &t.search;
                // Phase names are the program's own words, alike in every language.
                let phases = format!(
                    "parse {:.2}, graph {:.2}, render {:.2}; in parallel: search analysis {:.2}, tantivy {:.2}, browser index {:.2}; commit {:.2}",
                    t.parse.as_secs_f64(),
                    t.graph.as_secs_f64(),
                    t.render.as_secs_f64(),
                    s.analyse.as_secs_f64(),
                    s.tantivy.as_secs_f64(),
                    s.browser.as_secs_f64(),
                    t.commit.as_secs_f64(),
                );
                let warned = if warnings.is_empty() {
                    String::new()
                } else {
                    lape_kb::text!(
                        "build-warnings",
                        warnings = super::warnings_count(warnings.len()),
                        codes = super::codes_summary(&codes)
                    )
                    .render(super::lang())
                };
                let line = lape_kb::text!(
                    "build-done",
                    documents = report.documents,
                    pages = report.pages,
                    output = report.output.display(),
                    seconds = format!("{:.2}", total.as_secs_f64()),
                    phases = phases,
                    warnings = warned
                );
                println!("{}", line.render(super::lang()));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(diags) => {
            let all = diags.sorted();
            let errors: Vec<_> = all.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
            super::print_human(&errors);
            let warnings = all.len() - errors.len();
            let line = if warnings > 0 {
                lape_kb::text!(
                    "build-failed-warnings",
                    errors = super::errors_count(errors.len()),
                    warnings = super::warnings_count(warnings)
                )
            } else {
                lape_kb::text!("build-failed", errors = super::errors_count(errors.len()))
            };
            eprintln!("{}", line.render(super::lang()));
            Ok(super::exit_code(&all))
        }
    }
}
