//! `lape export`.

use crate::cli::DataFormat;
use lape_kb::diag::Severity;
use lape_kb::export;
use lape_kb::pipeline::{self, Options};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(root: PathBuf, format: Option<DataFormat>, output: PathBuf) -> anyhow::Result<ExitCode> {
    let config = match pipeline::config(&root, &Options::default()) {
        Ok(c) => c,
        Err(d) => {
            let d = d.sorted();
            super::print_human(&d);
            return Ok(super::exit_code(&d));
        }
    };
    let (bank, diags) = pipeline::check(&root, &Options::default());
    let all = diags.sorted();
    let errors: Vec<_> = all.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
    let Some(bank) = bank.filter(|_| errors.is_empty()) else {
        super::print_human(&errors);
        return Ok(super::exit_code(&all));
    };
    let wanted = |name: &str| match format {
        None => true,
        Some(DataFormat::Json) => name.ends_with(".json"),
        Some(DataFormat::Csv) => name.ends_with(".csv"),
    };
    if let Err(e) = std::fs::create_dir_all(&output) {
        super::usage_error(
            lape_kb::text!("export-unwritable", dir = output.display(), error = e),
            None,
        );
        return Ok(ExitCode::from(2));
    }
    for (name, bytes) in export::files(&bank, &config).into_iter().filter(|(n, _)| wanted(n)) {
        let path = output.join(name);
        if let Err(e) = write_whole(&path, &bytes) {
            super::usage_error(
                lape_kb::text!("export-unwritable", dir = path.display(), error = e),
                None,
            );
            return Ok(ExitCode::from(2));
        }
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes beside the file and renames, so a reader never sees half a file.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
