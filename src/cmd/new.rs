//! `lape new`.

use super::{check_refs, slugs_of};
use lape_kb::diag;
use lape_kb::model::{Date, Kind};
use lape_kb::pipeline::{self, Options};
use lape_kb::scaffold::{self, NewDoc};
use lape_kb::slug::slugify;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(
    root: PathBuf,
    kind: &str,
    title: &str,
    regions: Vec<String>,
    themes: Vec<String>,
    date: Option<String>,
) -> anyhow::Result<ExitCode> {
    let Some(kind) = Kind::from_cli_name(kind) else {
        super::unknown_kind(kind);
        return Ok(ExitCode::from(2));
    };
    if slugify(title).is_empty() {
        super::usage_error(lape_kb::text!("new-no-file-name"), None);
        return Ok(ExitCode::from(2));
    }
    let config = match pipeline::config(&root, &Options::default()) {
        Ok(c) => c,
        Err(d) => {
            super::print_human(&d.sorted());
            return Ok(ExitCode::from(2));
        }
    };
    let date = match date.as_deref().map(Date::parse).transpose() {
        Ok(d) => d.unwrap_or_else(Date::today),
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let mut problems = Vec::new();
    let regions = check_refs(
        "region",
        Kind::Region,
        &regions,
        &slugs_of(&config.content_dir, Kind::Region),
        &mut problems,
    );
    let themes = check_refs(
        "theme",
        Kind::Theme,
        &themes,
        &slugs_of(&config.content_dir, Kind::Theme),
        &mut problems,
    );
    if !problems.is_empty() {
        for d in &problems {
            eprint!("{}", diag::human(&d.in_lang(super::lang())));
        }
        return Ok(ExitCode::from(1));
    }
    let doc = NewDoc {
        kind,
        title: title.trim().to_string(),
        regions,
        themes,
        date,
    };
    let dir = config.content_dir.join(kind.folder());
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(scaffold::file_name(&doc));
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            super::usage_error(lape_kb::text!("new-exists", file = path.display()), None);
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e.into()),
    };
    file.write_all(scaffold::render(&doc).as_bytes())?;
    let shown = path.strip_prefix(&root).unwrap_or(&path);
    println!("{}", shown.display());
    Ok(ExitCode::SUCCESS)
}
