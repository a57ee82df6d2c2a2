//! Search benchmark: `cargo bench --bench search` (size: `LAPE_BENCH_DOCS`, default 10000).
//!
//! Builds a generated bank, then reports the build's search phases, the size of the tantivy
//! index and of the browser's static index, and `lape search` latency (median and p99 over 20
//! queries, each a fresh process, as a user runs it).

#[path = "support/genbank.rs"]
mod genbank;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let n = genbank::docs_from_env();
    let scratch = tempfile::tempdir().expect("tempdir");
    let root = scratch.path().join("bank");
    let vocab = genbank::vocabulary(&repo.join("content"));
    genbank::generate(&root, n, &vocab).expect("generate");
    genbank::copy_dir(&repo.join("themes"), &root.join("themes"));
    let lape = env!("CARGO_BIN_EXE_lape");
    let out = Command::new(lape)
        .args(["build", "--root"])
        .arg(&root)
        .output()
        .expect("build");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary = String::from_utf8_lossy(&out.stdout);
    println!("lape search benchmark, {n} generated documents");
    println!("build: {}", summary.trim());
    println!(
        "tantivy index: {:.1} MB on disk",
        lape_kb::output::dir_size(&root.join(".lape/search-index")) as f64 / 1e6
    );
    let files = walkdir::WalkDir::new(root.join("public/hakuindeksi"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count();
    println!(
        "browser index: {:.1} MB in {files} files in public/hakuindeksi",
        lape_kb::output::dir_size(&root.join("public/hakuindeksi")) as f64 / 1e6
    );
    let queries = [
        "perhekeskus",
        "perhekeskuksissa",
        "toimintamalli",
        "lastensuojelu",
        "\"systeeminen lastensuojelu\"",
        "kunta",
        "yhteistyö",
        "lapsi OR nuori",
        "palvelut -koulu",
        "maakunnan",
        "arviointi",
        "vanhemmuus",
        "päihde",
        "kehittäminen",
        "työryhmä",
        "perheiden",
        "osallisuus",
        "tiedolla johtaminen",
        "kouluterveydenhuolto",
        "sosiaalityöntekijä",
    ];
    let mut times: Vec<Duration> = Vec::new();
    for q in queries {
        let t = Instant::now();
        let out = Command::new(lape)
            .args(["search", q, "--json", "--root"])
            .arg(&root)
            .output()
            .expect("search");
        times.push(t.elapsed());
        assert!(out.status.success(), "{q}: {}", String::from_utf8_lossy(&out.stderr));
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "lape search over {} queries (process start included): median {:.0} ms, p99 {:.0} ms, fastest {:.0} ms",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[(times.len() * 99).div_ceil(100) - 1]),
        ms(times[0])
    );
    if let Ok(keep) = std::env::var("LAPE_BENCH_KEEP") {
        let _ = std::fs::rename(&root, &keep);
        println!("bank kept at {keep}");
    }
}
