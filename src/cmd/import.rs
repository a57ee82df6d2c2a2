//! `lape import`.

use super::{check_refs, slugs_of};
use lape_kb::diag::Diagnostic;
use lape_kb::import::{self, Names, Request};
use lape_kb::messages::kind_word;
use lape_kb::model::{Date, Kind};
use lape_kb::pipeline::{self, Options};
use lape_kb::progress::Phase;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(
    root: PathBuf,
    files: Vec<PathBuf>,
    kind: Option<String>,
    regions: Vec<String>,
    date: Option<String>,
) -> anyhow::Result<ExitCode> {
    let lang = super::lang();
    let kind = match kind.as_deref().map(|k| (k, Kind::from_cli_name(k))) {
        None => None,
        Some((_, Some(k @ (Kind::Memo | Kind::Workshop | Kind::Pilot | Kind::Service)))) => Some(k),
        Some((k, _)) => {
            super::usage_error(
                lape_kb::text!("import-kind", kind = k),
                Some(lape_kb::text!("import-kind-hint")),
            );
            return Ok(ExitCode::from(2));
        }
    };
    let date = match date.as_deref().map(Date::parse).transpose() {
        Ok(d) => d,
        Err(e) => {
            super::usage_error(lape_kb::text!("import-date", error = e), None);
            return Ok(ExitCode::from(2));
        }
    };
    let config = match pipeline::config(&root, &Options::default()) {
        Ok(c) => c,
        Err(d) => {
            super::print_human(&d.sorted());
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
    if !problems.is_empty() {
        super::print_human(&problems);
        return Ok(ExitCode::from(2));
    }
    // The bank's names: drafts count, so a region added as a draft is recognised too.
    let opts = Options {
        drafts: true,
        ..Options::default()
    };
    let (bank, _) = pipeline::check(&root, &opts);
    let names = bank.as_ref().map(Names::of).unwrap_or_default();
    let request = Request {
        kind,
        regions,
        date,
        today: Some(Date::today()),
    };
    let progress = super::progress::reporter(false);
    progress.start(Phase::Import, Some(files.len() as u64));
    let mut failed: Vec<Diagnostic> = Vec::new();
    let mut written: Vec<(PathBuf, import::Draft)> = Vec::new();
    for file in &files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let result = import::extract(file)
            .map(|ex| import::draft(&name, &ex, &request, &names))
            .and_then(|d| import::write(&config.content_dir, &d).map(|p| (p, d)));
        match result {
            Ok(done) => written.push(done),
            Err(d) => failed.push(d),
        }
        progress.advance(Phase::Import, 1);
    }
    progress.finish(Phase::Import);
    drop(progress);
    for (path, d) in &written {
        let shown = path.strip_prefix(&root).unwrap_or(path);
        println!(
            "{}",
            lape_kb::text!(
                "import-written",
                file = shown.display(),
                kind = kind_word(d.kind.type_name())
            )
            .render(lang)
        );
        if d.kind_guessed {
            println!("  {}", lape_kb::text!("import-kind-guessed").render(lang));
        }
        let mut guessed = vec!["title"];
        if d.date_from.is_some() && d.kind.is_dated() {
            guessed.push("date");
        }
        if request.regions.is_empty() && !d.guesses.regions.is_empty() {
            guessed.push("regions");
        }
        if !d.guesses.themes.is_empty() {
            guessed.push("themes");
        }
        if !d.guesses.municipalities.is_empty() {
            guessed.push("municipalities");
        }
        println!(
            "  {}",
            lape_kb::text!("import-guessed", fields = guessed.join(", ")).render(lang)
        );
        if !d.to_fill.is_empty() {
            println!(
                "  {}",
                lape_kb::text!("import-to-fill", fields = d.to_fill.join(", ")).render(lang)
            );
        }
        let r = &d.removed;
        if r.page_numbers + r.repeated.len() + r.slide_furniture + r.hyphenations + r.joined_lines > 0 {
            println!(
                "  {}",
                lape_kb::text!(
                    "import-cleaned",
                    pages = r.page_numbers + r.slide_furniture,
                    repeated = r.repeated.iter().map(|(_, n)| n).sum::<usize>(),
                    hyphens = r.hyphenations,
                    lines = r.joined_lines
                )
                .render(lang)
            );
        }
    }
    // What `lape check` will say about the new drafts, beyond the fields left to fill.
    if !written.is_empty() {
        let (_, diags) = pipeline::check(&root, &opts);
        let new: Vec<PathBuf> = written
            .iter()
            .map(|(p, _)| p.strip_prefix(&root).unwrap_or(p).to_path_buf())
            .collect();
        let theirs: Vec<Diagnostic> = diags
            .sorted()
            .into_iter()
            .filter(|d| new.iter().any(|p| same_file(&d.file, p)) && d.code != "missing-field")
            .collect();
        if !theirs.is_empty() {
            println!("{}", lape_kb::text!("import-check-says").render(lang));
            super::print_human(&theirs);
        }
    }
    super::print_human(&failed);
    let summary = if failed.is_empty() {
        lape_kb::text!("import-summary", done = written.len())
    } else {
        lape_kb::text!("import-summary-failed", done = written.len(), failed = failed.len())
    };
    eprintln!("{}", summary.render(lang));
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || a.ends_with(b) || b.ends_with(a)
}
