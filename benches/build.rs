//! Build benchmark: `cargo bench --bench build` (sizes: `LAPE_BENCH_DOCS=10000,2000`).
//!
//! Generates realistic banks (benches/support/genbank.rs), runs the real `lape build` on them
//! and on the real bank, and prints wall time (median of runs), the phases `lape` reports, and
//! peak memory (VmHWM of the process, read from /proc while it runs). Figures, not assertions:
//! timed tests flake on a shared two-core machine.

#[path = "support/genbank.rs"]
mod genbank;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Sample {
    wall: Duration,
    peak_kb: u64,
    phases: String,
}

fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn run(root: &Path, output: &Path) -> Sample {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_lape"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(output)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start lape");
    let mut peak = 0;
    loop {
        if let Some(kb) = peak_kb(child.id()) {
            peak = peak.max(kb);
        }
        match child.try_wait().expect("wait") {
            Some(status) => {
                assert!(status.success(), "lape build failed on {}", root.display());
                break;
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    let wall = start.elapsed();
    let mut out = String::new();
    if let Some(mut s) = child.stdout.take() {
        use std::io::Read;
        let _ = s.read_to_string(&mut out);
    }
    let phases = out
        .split_once('(')
        .and_then(|(_, r)| r.split_once(')'))
        .map(|(p, _)| p.to_string())
        .unwrap_or_default();
    Sample {
        wall,
        peak_kb: peak,
        phases,
    }
}

fn measure(name: &str, root: &Path, output: &Path, runs: usize) {
    let mut samples: Vec<Sample> = (0..runs).map(|_| run(root, output)).collect();
    samples.sort_by_key(|s| s.wall);
    let median = &samples[samples.len() / 2];
    let peak = samples.iter().map(|s| s.peak_kb).max().unwrap_or(0);
    println!(
        "| {name} | {:.2} s | {:.2} s | {} MB | {} |",
        median.wall.as_secs_f64(),
        samples[0].wall.as_secs_f64(),
        peak / 1024,
        median.phases
    );
}

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let sizes: Vec<usize> = std::env::var("LAPE_BENCH_DOCS")
        .unwrap_or_else(|_| "10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runs: usize = std::env::var("LAPE_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    // Output on tmpfs when there is one, so the figure is lape's work and not the disk's;
    // LAPE_BENCH_OUT=disk writes beside the bank instead.
    let on_disk = std::env::var("LAPE_BENCH_OUT").is_ok_and(|v| v == "disk");
    let scratch = tempfile::tempdir().expect("tempdir");
    let out_root = if !on_disk && Path::new("/dev/shm").is_dir() {
        tempfile::tempdir_in("/dev/shm").expect("shm")
    } else {
        tempfile::tempdir_in(scratch.path()).expect("out")
    };
    println!(
        "lape build benchmark: {runs} runs each, output on {}",
        if on_disk { "disk" } else { "tmpfs (if present)" }
    );
    println!("| bank | median wall | best wall | peak RSS | phases reported by lape (best run not shown) |");
    println!("|---|---|---|---|---|");
    measure("real bank (content/)", &repo, &out_root.path().join("real"), runs);
    let vocab = genbank::vocabulary(&repo.join("content"));
    for n in sizes {
        let root = scratch.path().join(format!("bank-{n}"));
        genbank::generate(&root, n, &vocab).expect("generate bank");
        genbank::copy_dir(&repo.join("themes"), &root.join("themes"));
        measure(
            &format!("generated, {n} documents"),
            &root,
            &out_root.path().join(format!("gen-{n}")),
            runs,
        );
    }
}
