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
            eprintln!("{errors} errors, {warnings} warnings{}", super::codes_summary(&codes));
            if codes.iter().any(|(_, n)| *n > 1) {
                eprintln!(
                    "to stop seeing a known warning: [check] allow = [\"{}\"] in book.toml",
                    codes[0].0
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
