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
    };
    match pipeline::build(&root, &opts) {
        Ok(report) => {
            let codes = report.diagnostics.warning_codes();
            let warnings = report.diagnostics.sorted();
            if !quiet {
                let t = &report.timings;
                let total = t.parse + t.graph + t.render_and_search + t.commit;
                let s = &t.search;
                println!(
                    "built {} documents into {} pages in {} ({:.2} s; parse {:.2}, graph {:.2}, render {:.2}; in parallel: search analysis {:.2}, tantivy {:.2}, browser index {:.2}; commit {:.2}){}",
                    report.documents,
                    report.pages,
                    report.output.display(),
                    total.as_secs_f64(),
                    t.parse.as_secs_f64(),
                    t.graph.as_secs_f64(),
                    t.render.as_secs_f64(),
                    s.analyse.as_secs_f64(),
                    s.tantivy.as_secs_f64(),
                    s.browser.as_secs_f64(),
                    t.commit.as_secs_f64(),
                    if warnings.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ", {} warnings{}: lape check shows them",
                            warnings.len(),
                            super::codes_summary(&codes)
                        )
                    }
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(diags) => {
            let all = diags.sorted();
            let errors: Vec<_> = all.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
            super::print_human(&errors);
            let warnings = all.len() - errors.len();
            eprintln!(
                "build failed: {} errors{}; the previous output was left as it was",
                errors.len(),
                if warnings > 0 {
                    format!(" ({warnings} warnings: see lape check)")
                } else {
                    String::new()
                }
            );
            Ok(super::exit_code(&all))
        }
    }
}
