//! The `lape` command line: parses arguments, runs one command, prints, and picks the exit code.
//! Only this binary prints or exits; the library returns values and diagnostics.
#![allow(clippy::result_large_err)]

mod cli;
mod cmd;

use clap::Parser;
use std::process::ExitCode;

// Rendering and indexing allocate many small buffers on every thread; mimalloc's thread-local
// heaps cut the time the system allocator spent on them (a quarter of a 10,000-page build).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
