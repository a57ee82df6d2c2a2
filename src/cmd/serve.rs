//! `lape serve`.

use lape_kb::serve::{self, ServeError, ServeOptions};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(root: PathBuf, bind: String, port: u16, drafts: bool, open: bool) -> anyhow::Result<ExitCode> {
    if open {
        let url = format!("http://{bind}:{port}/");
        // Best effort: the preview works without it.
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(800));
            let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
            let _ = std::process::Command::new(opener).arg(url).status();
        });
    }
    match serve::run(ServeOptions {
        root,
        bind,
        port,
        drafts,
    }) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(ServeError::Config(problems)) => {
            super::print_human(&problems);
            Ok(ExitCode::from(1))
        }
        Err(e) => {
            eprintln!("error: {e}");
            Ok(ExitCode::from(2))
        }
    }
}
