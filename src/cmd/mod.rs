//! One `run` per command; printing and exit codes live here and nowhere else.

mod build;
mod check;
mod export;
mod import;
mod new;
mod progress;
mod schema;
mod search;
mod serve;

use crate::cli::{Cli, Command};
use lape_kb::diag::{self, Cause, Diagnostic, Severity, did_you_mean};
use lape_kb::messages::Lang;
use lape_kb::model::Kind;
use lape_kb::slug::{slugify, strip_date_prefix};
use std::path::Path;
use std::process::ExitCode;
use std::sync::OnceLock;

/// The language of this run's messages, chosen once in [`run`].
static LANG: OnceLock<Lang> = OnceLock::new();

/// The language messages are printed in.
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::Fi)
}

/// Chooses this run's language from the raw arguments (so that `--help` can speak it too):
/// `--lang`, then the locale (LC_ALL, LC_MESSAGES, LANG), then the language of the bank
/// under `--root`.
pub fn choose_lang(args: &[std::ffi::OsString]) -> Lang {
    let value = |name: &str| -> Option<String> {
        let flag = format!("--{name}");
        let prefix = format!("--{name}=");
        let mut found = None;
        let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
        while let Some(a) = it.next() {
            if a == "--" {
                break;
            }
            if a == flag {
                found = it.next().map(|v| v.into_owned());
            } else if let Some(v) = a.strip_prefix(&prefix) {
                found = Some(v.to_string());
            }
        }
        found
    };
    let root = value("root").unwrap_or_else(|| ".".to_string());
    let bank_language = lape_kb::config::Config::load(Path::new(&root)).ok().map(|c| c.language);
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].map(|v| std::env::var(v).ok());
    let lang = Lang::choose(value("lang").as_deref(), &locale, bank_language.as_deref());
    let _ = LANG.set(lang);
    lang
}

/// Problems with their messages and hints in this run's language.
pub fn localised(problems: &[Diagnostic]) -> Vec<Diagnostic> {
    problems.iter().map(|d| d.in_lang(lang())).collect()
}

/// Runs the chosen command and returns its exit code (0 ok, 1 content errors, 2 usage or I/O).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            quiet,
            no_search,
        } => build::run(root, output, base_url, drafts, quiet, no_search),
        Command::Check { root, format, drafts } => check::run(root, format, drafts),
        Command::Import {
            root,
            files,
            kind,
            regions,
            date,
        } => import::run(root, files, kind, regions, date),
        Command::New {
            kind,
            title,
            regions,
            themes,
            date,
            root,
        } => new::run(root, &kind, &title, regions, themes, date),
        Command::Schema { root, out } => schema::run(root, out),
        Command::Export { root, format, output } => export::run(root, format, output),
        Command::Serve {
            root,
            bind,
            port,
            drafts,
            open,
        } => serve::run(root, bind, port, drafts, open),
        Command::Search(args) => search::run(args),
    }
}

/// Exit code for a list of problems: 0 without errors, 2 when every error is the
/// environment's (I/O, usage), else 1.
pub fn exit_code(problems: &[Diagnostic]) -> ExitCode {
    let errors: Vec<&Diagnostic> = problems.iter().filter(|d| d.severity == Severity::Error).collect();
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else if errors.iter().all(|d| d.cause == Cause::Environment) {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}

/// Prints a usage error of the command line (no file to point at) with an optional hint.
pub fn usage_error(message: lape_kb::messages::Text, hint: Option<lape_kb::messages::Text>) {
    eprintln!("virhe/error: {}", message.render(lang()));
    if let Some(h) = hint {
        eprintln!("   = hint: {}", h.render(lang()));
    }
}

/// "1 error" / "3 errors" in the editor's language.
pub fn errors_count(n: usize) -> String {
    let t = if n == 1 {
        lape_kb::text!("errors-one", n = n)
    } else {
        lape_kb::text!("errors-other", n = n)
    };
    t.render(lang())
}

/// "1 warning" / "3 warnings" in the editor's language.
pub fn warnings_count(n: usize) -> String {
    let t = if n == 1 {
        lape_kb::text!("warnings-one", n = n)
    } else {
        lape_kb::text!("warnings-other", n = n)
    };
    t.render(lang())
}

/// Says a kind name is unknown, with the nearest one.
pub fn unknown_kind(name: &str) {
    let hint = match did_you_mean(&name.to_lowercase(), Kind::cli_names()) {
        Some(s) => lape_kb::text!("did-you-mean", name = s),
        None => lape_kb::text!("unknown-kind-hint"),
    };
    usage_error(lape_kb::text!("unknown-kind", name = name), Some(hint));
}

/// Slugs of the existing documents of a kind (from file names, as the build derives them).
pub fn slugs_of(content: &Path, kind: Kind) -> Vec<String> {
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

/// The slugs among `values` that name a document of `kind`; each other one is a problem with
/// a did-you-mean.
pub fn check_refs(
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
            lape_kb::text!(
                "unknown-option-value",
                kind = lape_kb::messages::kind_word(kind.type_name()),
                value = v
            ),
        );
        d = match did_you_mean(&slug, known.iter().map(String::as_str)) {
            Some(s) => d.hint(lape_kb::text!("did-you-mean", name = s)),
            None => d.hint(lape_kb::text!("unknown-option-value-hint", folder = kind.folder())),
        };
        problems.push(d);
    }
    out
}

/// " (region-empty 11, pilot-unmentioned 1)" for the warning counts, or nothing.
pub fn codes_summary(codes: &[(&str, usize)]) -> String {
    if codes.is_empty() {
        return String::new();
    }
    let list: Vec<String> = codes.iter().map(|(c, n)| format!("{c} {n}")).collect();
    format!(" ({})", list.join(", "))
}

/// Prints errors in full, then warnings grouped by code: the first of each code in full, the
/// others of that code one line each, so eleven of the same warning do not bury an error.
pub fn print_grouped(problems: &[Diagnostic]) {
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        problems.iter().partition(|d| d.severity == Severity::Error);
    let errors: Vec<Diagnostic> = errors.into_iter().cloned().collect();
    print_human(&errors);
    let mut codes: Vec<&'static str> = warnings.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        let of: Vec<&&Diagnostic> = warnings.iter().filter(|d| d.code == code).collect();
        print_human(&[(*of[0]).clone()]);
        if of.len() > 1 {
            eprintln!(
                "   = {}",
                lape_kb::text!("more-of-code", n = of.len() - 1, code = code).render(lang())
            );
            for d in &of[1..] {
                eprintln!(
                    "     {}:{}: {}",
                    d.file.display(),
                    d.line,
                    d.message_text.render(lang())
                );
            }
        }
    }
}

/// Prints problems in the human format to stderr.
pub fn print_human(problems: &[Diagnostic]) {
    for d in problems {
        eprint!("{}", diag::human(&d.in_lang(lang())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_exit_code_follows_whose_problem_it_is() {
        let m = lape_kb::diag::Message::plain;
        let content = Diagnostic::error(Path::new("a.md"), 1, "unknown-region", m("x"));
        let io = Diagnostic::environment(Path::new("public"), "io-error", m("y"));
        let warning = Diagnostic::warning(Path::new("a.md"), 1, "region-empty", m("z"));
        assert_eq!(exit_code(std::slice::from_ref(&warning)), ExitCode::SUCCESS);
        assert_eq!(exit_code(&[warning.clone(), io.clone()]), ExitCode::from(2));
        assert_eq!(exit_code(&[io, content]), ExitCode::from(1));
        // The code no longer decides: a content error that happens to be called io-error is 1.
        let named_like_io = Diagnostic::error(Path::new("a.md"), 1, "io-error", m("w"));
        assert_eq!(exit_code(&[named_like_io]), ExitCode::from(1));
    }
}
