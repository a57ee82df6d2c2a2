//! `lape schema`.

use lape_kb::pipeline::{self, Options};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(root: PathBuf, out: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let (bank, diags) = pipeline::check(&root, &Options::default());
    let Some(bank) = bank else {
        super::print_human(&diags.sorted());
        return Ok(ExitCode::from(2));
    };
    let dir = match out {
        Some(d) => d,
        None => {
            let config =
                pipeline::config(&root, &Options::default()).map_err(|_| anyhow::anyhow!("cannot read book.toml"))?;
            pipeline::schema_dir(&config)
        }
    };
    for path in pipeline::write_schemas(&bank, &dir)? {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
