//! `lape serve`: starts the preview and prints what it reports.

use lape_kb::serve::{self, Event, ServeError, ServeOptions};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

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
        report: Arc::new(print),
        lang: super::lang(),
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

/// One event of the preview on the terminal. The rebuild lines ("updated N page(s) in M ms")
/// are read by `benches/serve.rs` and `tests/load/`: keep their shape.
fn print(event: Event) {
    match event {
        Event::Listening { url } => println!("serving {url} (Ctrl-C stops)"),
        Event::Rebuilt {
            everything,
            pages,
            units,
            removed,
            took,
        } => {
            let what = if everything {
                format!("rebuilt the site ({pages} pages)")
            } else {
                format!("updated {units} page(s)")
            };
            let removed = if removed > 0 {
                format!(", removed {removed} file(s)")
            } else {
                String::new()
            };
            eprintln!("{what}{removed} in {} ms", took.as_millis());
        }
        Event::Failed(problems) => {
            super::print_human(&problems);
            eprintln!("build failed: the last good build is still served");
        }
        Event::SearchCaughtUp(took) => eprintln!("search caught up in {} ms", took.as_millis()),
        Event::SearchNotUpdated(why) => eprintln!("search index not updated: {why}"),
        Event::Trace(line) => eprintln!("{line}"),
    }
}
