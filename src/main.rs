//! The `lape` command line: parses arguments, runs one command, prints, and picks the exit code.
//! Only this binary prints or exits; the library returns values and diagnostics.
#![allow(clippy::result_large_err)]

mod cli;
mod cmd;
mod help;

use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

// Rendering and indexing allocate many small buffers on every thread; mimalloc's thread-local
// heaps cut the time the system allocator spent on them (a quarter of a 10,000-page build).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // The language is chosen before parsing, so that --help and usage errors can speak it.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cmd::choose_lang(&args);
    let matches = help::localised(cli::Cli::command(), lang).get_matches_from(args);
    let cli = match cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
