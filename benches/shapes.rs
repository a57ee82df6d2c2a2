//! Cost per input byte for extreme documents: `cargo bench --bench shapes`.
//!
//! Memos made of one token (`aaaa…`), of one line (`sana sana …`) or of normal paragraphs, of
//! 10 kB to 4 MB each, added to the small test site: 4 MB in all each time (400 memos of 10 kB,
//! ..., one of 4 MB), so a process's start-up does not drown a small memo's cost. Each is built
//! five times by the real `lape build` (one worker thread) and the best time kept; the time of
//! the site with as many one-line memos is taken off (what a page costs whatever its size), and
//! what is left divided by the bytes added. Flat figures from the smallest documents to the
//! largest mean no stage grows faster than the size of one document.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A way to make a document of about `n` bytes.
type Shape = Box<dyn Fn(usize) -> String>;

fn build(root: &Path, out: &Path) -> Duration {
    (0..5)
        .map(|_| {
            let _ = std::fs::remove_dir_all(out);
            let t = Instant::now();
            // One worker thread: four documents would otherwise be built side by side where one
            // cannot, and the figures would show the two cores instead of the cost.
            let status = Command::new(env!("CARGO_BIN_EXE_lape"))
                .env("RAYON_NUM_THREADS", "1")
                .args(["build", "--quiet", "--root"])
                .arg(root)
                .arg("--output")
                .arg(out)
                .status()
                .expect("run lape");
            assert!(status.success(), "lape build failed on {}", root.display());
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let dest = to.join(e.path().strip_prefix(from).expect("inside"));
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().expect("tempdir");
    let root = scratch.path().join("site");
    copy_dir(&repo.join("tests/fixtures/basic"), &root);
    copy_dir(&repo.join("themes"), &root.join("themes"));
    let out = if Path::new("/dev/shm").is_dir() {
        tempfile::tempdir_in("/dev/shm").expect("shm").keep()
    } else {
        scratch.path().join("out")
    };
    let write_memos = |count: usize, body: &str| {
        let dir = root.join("content/memos/iso");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("mkdir");
        for i in 0..count {
            std::fs::write(
                dir.join(format!("iso-{i}.md")),
                format!("---\ntitle: Iso {i}\ndate: 2018-01-01\nregions: [kainuu]\n---\n{body}\n"),
            )
            .expect("write memo");
        }
    };
    // A first build warms the file cache and the binary.
    let _ = build(&root, &out.join("base"));
    let base = build(&root, &out.join("base"));
    // What `count` pages cost with almost nothing in them.
    let mut page_cost = std::collections::HashMap::new();
    for count in [400usize, 40, 4, 1] {
        write_memos(count, "Lyhyt.");
        page_cost.insert(count, build(&root, &out.join("base")));
    }
    let para = "Perhekeskuksen toimintamalli ja lasten palvelut kehittyvät yhteistyössä kuntien kanssa.\n\n";
    let shapes: [(&str, Shape); 3] = [
        ("one token", Box::new(|n| "a".repeat(n))),
        ("one line", Box::new(|n| "sana ".repeat(n / 5))),
        ("normal text", Box::new(move |n| para.repeat(n / para.len() + 1))),
    ];
    println!(
        "Build time per kB of memo (the cost of as many one-line memos taken off; best of 5; one worker thread; 4 MB of memos each time)"
    );
    println!(
        "site without the memos: {:.0} ms; with 400, 40, 4, 1 one-line memos: {:.0}, {:.0}, {:.0}, {:.0} ms",
        base.as_secs_f64() * 1000.0,
        page_cost[&400].as_secs_f64() * 1000.0,
        page_cost[&40].as_secs_f64() * 1000.0,
        page_cost[&4].as_secs_f64() * 1000.0,
        page_cost[&1].as_secs_f64() * 1000.0
    );
    println!("| each memo | 10 kB (x400) | 100 kB (x40) | 1 MB (x4) | 4 MB (x1) | largest / smallest |");
    println!("|---|---|---|---|---|---|");
    for (name, make) in shapes {
        let mut per_kb = Vec::new();
        for size in [10_000usize, 100_000, 1_000_000, 4_000_000] {
            let body = make(size);
            let count = 4_000_000 / size;
            write_memos(count, &body);
            let t = build(&root, &out.join("shape"));
            let extra = t.saturating_sub(page_cost[&count]).as_secs_f64() * 1e6;
            per_kb.push(extra / ((body.len() * count) as f64 / 1000.0));
        }
        let (lo, hi) = per_kb
            .iter()
            .fold((f64::MAX, 0f64), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        let cells: Vec<String> = per_kb.iter().map(|x| format!("{x:.0} µs")).collect();
        println!("| {name} | {} | {:.1}x |", cells.join(" | "), hi / lo.max(1.0));
    }
    let _ = std::fs::remove_dir_all(root.join("content/memos/iso"));
    let _ = std::fs::remove_dir_all(&out);
}
