//! `lape new`.

use lape_kb::diag::{self, Diagnostic, did_you_mean};
use lape_kb::model::{Date, Kind};
use lape_kb::pipeline::{self, Options};
use lape_kb::scaffold::{self, NewDoc};
use lape_kb::slug::{slugify, strip_date_prefix};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Slugs of the existing documents of a kind (from file names, as the build derives them).
fn slugs_of(content: &Path, kind: Kind) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(content.join(kind.folder())) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let stem = name.strip_suffix(".md")?;
            Some(slugify(strip_date_prefix(stem)))
        })
        .collect()
}

fn check_refs(
    field: &str,
    kind: Kind,
    values: &[String],
    known: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut out = Vec::new();
    for v in values {
        let slug = slugify(v);
        if known.contains(&slug) {
            out.push(slug);
            continue;
        }
        let mut d = Diagnostic::error(
            Path::new(&format!("--{field}")),
            0,
            match kind {
                Kind::Region => "unknown-region",
                _ => "unknown-theme",
            },
            format!("unknown {} '{v}'", kind.type_name()),
        );
        d = match did_you_mean(&slug, known.iter().map(String::as_str)) {
            Some(s) => d.hint(format!("did you mean '{s}'?")),
            None => d.hint(format!(
                "the {}s are the files in content/{}/",
                kind.type_name(),
                kind.folder()
            )),
        };
        problems.push(d);
    }
    out
}

pub fn run(
    root: PathBuf,
    kind: &str,
    title: &str,
    regions: Vec<String>,
    themes: Vec<String>,
    date: Option<String>,
) -> anyhow::Result<ExitCode> {
    let Some(kind) = Kind::from_type_name(kind) else {
        eprintln!("error: unknown kind '{kind}'; use memo, workshop, pilot, service, region, theme or page");
        return Ok(ExitCode::from(2));
    };
    if slugify(title).is_empty() {
        eprintln!("error: the title gives no file name; use letters or digits");
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
            eprint!("{}", diag::human(d));
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
            eprintln!(
                "error: {} already exists; lape new never overwrites a file",
                path.display()
            );
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e.into()),
    };
    file.write_all(scaffold::render(&doc).as_bytes())?;
    let shown = path.strip_prefix(&root).unwrap_or(&path);
    println!("{}", shown.display());
    Ok(ExitCode::SUCCESS)
}
