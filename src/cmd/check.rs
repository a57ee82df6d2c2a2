//! `lape check`.

use crate::cli::Format;
use lape_kb::diag;
use lape_kb::pipeline::{self, Options};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(root: PathBuf, format: Format, drafts: bool) -> anyhow::Result<ExitCode> {
    let opts = Options {
        drafts,
        ..Options::default()
    };
    let (_, diags) = pipeline::check(&root, &opts);
    let (errors, warnings) = (diags.error_count(), diags.warning_count());
    let codes = diags.warning_codes();
    let all = diags.sorted();
    match format {
        Format::Human => {
            super::print_grouped(&all);
            let summary = lape_kb::text!(
                "check-summary",
                errors = super::errors_count(errors),
                warnings = super::warnings_count(warnings),
                codes = super::codes_summary(&codes)
            );
            eprintln!("{}", summary.render(super::lang()));
            if let Some((code, _)) = codes.iter().find(|(_, n)| *n > 1) {
                eprintln!(
                    "{}",
                    lape_kb::text!("check-allow-hint", code = code).render(super::lang())
                );
            }
        }
        Format::Json => println!("{}", serde_json::to_string_pretty(&super::localised(&all))?),
        Format::Github => {
            for d in &super::localised(&all) {
                println!("{}", diag::github(d));
            }
        }
    }
    Ok(super::exit_code(&all))
}
