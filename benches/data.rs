//! What the open data costs a build: `cargo bench --bench data` (size: `LAPE_BENCH_DOCS`,
//! default 10000; runs: `LAPE_BENCH_RUNS`, default 5).
//!
//! On one generated bank (benches/support/genbank.rs), turn by turn: a whole `lape build`
//! (pages, both search indexes and `/data/`) and the data files alone made from the resolved
//! bank (`export::files`, what the build's data unit does). The data unit runs beside the page
//! units on the build's threads, so its own time is an upper bound on what it adds to the wall
//! time. Prints medians and the ratio. Figures, not assertions.

#[path = "support/genbank.rs"]
mod genbank;

use lape_kb::pipeline::{self, Options};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let repo = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let n = genbank::docs_from_env();
    let runs: usize = std::env::var("LAPE_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("bank");
    let vocab = genbank::vocabulary(&repo.join("content"));
    genbank::generate(&root, n, &vocab).expect("generate bank");
    genbank::copy_dir(&repo.join("themes"), &root.join("themes"));
    let opts = Options::default();
    let config = pipeline::config(&root, &opts).expect("config");
    let (bank, _) = pipeline::check(&root, &opts);
    let bank = bank.expect("the generated bank resolves");
    let (mut builds, mut data) = (Vec::new(), Vec::new());
    let mut bytes = 0;
    for _ in 0..runs {
        let t = Instant::now();
        pipeline::build(&root, &opts).expect("build");
        builds.push(t.elapsed());
        let t = Instant::now();
        let files = lape_kb::export::files(&bank, &config);
        data.push(t.elapsed());
        bytes = files.iter().map(|(_, b)| b.len()).sum();
    }
    let (b, d) = (median(builds), median(data));
    println!(
        "{n} documents, {runs} runs: build {:.2} s (median), data files alone {:.3} s (median, {} kB) = {:.1}% of the build",
        b.as_secs_f64(),
        d.as_secs_f64(),
        bytes / 1024,
        100.0 * d.as_secs_f64() / b.as_secs_f64()
    );
}
