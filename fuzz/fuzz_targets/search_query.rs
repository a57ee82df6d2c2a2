//! Any text as a `lape search` query against a small real index: the query parser, the Finnish
//! analyser and the snippets answer or refuse, never panic.
#![no_main]

use lape_kb::search::{SearchRequest, search};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The index of the test fixture bank, built once per fuzzing process.
fn index() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("site");
        let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/basic");
        copy(&fixture, &root);
        copy(&fixture.join("../../../themes"), &root.join("themes"));
        let opts = lape_kb::pipeline::Options::default();
        lape_kb::pipeline::build(&root, &opts).expect("fixture builds");
        let dir = root.join(".lape/search-index");
        (tmp, dir)
    })
    .1
}

fn copy(from: &std::path::Path, to: &std::path::Path) {
    for e in std::fs::read_dir(from).expect("read").flatten() {
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy(&e.path(), &dest);
        } else {
            std::fs::create_dir_all(to).expect("mkdir");
            std::fs::copy(e.path(), dest).expect("copy");
        }
    }
}

fuzz_target!(|query: &str| {
    let req = SearchRequest {
        query: query.to_string(),
        limit: 5,
        ..SearchRequest::default()
    };
    let _ = search(index(), &req);
});
