//! Any bytes as a Markdown file: decoding, front matter, validation and the body scan must
//! answer with diagnostics, never panic or hang.
#![no_main]

use lape_kb::load::{SourceFile, decode};
use lape_kb::model::Kind;
use lape_kb::parse::{ParseOptions, parse};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/memos/fuzz.md");
    let Ok(text) = decode(path, data.to_vec()) else { return };
    for kind in [Kind::Memo, Kind::Pilot, Kind::Region] {
        let parsed = parse(
            SourceFile {
                path: path.to_path_buf(),
                kind,
                text: text.clone(),
            },
            &ParseOptions::default(),
        );
        for d in &parsed.problems {
            // Every problem points into the file (or at it as a whole).
            assert!(d.line <= text.lines().count() + 1, "{d:?}");
        }
    }
});
