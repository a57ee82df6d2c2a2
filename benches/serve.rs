//! Preview benchmark: `cargo bench --bench serve` (size: `LAPE_BENCH_DOCS`, default 10000).
//!
//! Starts `lape serve` on the real bank and on a generated bank, then times, from the moment a
//! file is saved to the moment the server answers with the new page: an edit of one document's
//! text (median of 5) and an edit of a template (median of 3).

#[path = "support/genbank.rs"]
mod genbank;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn get(port: u16, path: &str) -> String {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return String::new();
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(30)));
    let _ = write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

fn until(port: u16, path: &str, marker: &str) -> Duration {
    let t = Instant::now();
    while !get(port, path).contains(marker) {
        assert!(t.elapsed() < Duration::from_secs(120), "no {marker} at {path}");
        std::thread::sleep(Duration::from_millis(2));
    }
    t.elapsed()
}

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

/// Stops the server even when a measurement panics, so no stray server skews the next run.
struct Stop(std::process::Child);

impl Drop for Stop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn measure(name: &str, root: &Path, doc: &str, url: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lape"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let stdout = child.stdout.take().expect("stdout");
    let _stop = Stop(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("line");
    let port: u16 = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("port");
    // The search catch-up of the first build runs in the background while these edits land.
    std::thread::sleep(Duration::from_secs(2));
    let path = root.join(doc);
    let original = std::fs::read_to_string(&path).expect("doc");
    let mut edits = Vec::new();
    for i in 0..5 {
        let marker = format!("MITTAUS{i}X");
        std::fs::write(&path, format!("{original}\nUusi kappale {marker}.\n")).expect("write");
        edits.push(until(port, url, &marker));
        std::thread::sleep(Duration::from_millis(400));
    }
    let template = root.join("themes/default/templates/base.html");
    let base = std::fs::read_to_string(&template).expect("template");
    let mut templates = Vec::new();
    for i in 0..3 {
        let marker = format!("POHJA{i}X");
        std::fs::write(
            &template,
            base.replace("</footer>", &format!("<p>{marker}</p></footer>")),
        )
        .expect("write");
        templates.push(until(port, url, &marker));
        std::thread::sleep(Duration::from_millis(500));
    }
    std::fs::write(&template, base).expect("restore");
    std::fs::write(&path, original).expect("restore");
    println!("| {name} | {:.0} ms | {:.0} ms |", median(edits), median(templates));
}

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let n = genbank::docs_from_env();
    let scratch = tempfile::tempdir().expect("tempdir");
    println!("lape serve: from saving a file to the new page being served");
    println!("| bank | edit of one document (median of 5) | template change (median of 3) |");
    println!("|---|---|---|");
    let real = scratch.path().join("real");
    for d in ["content", "themes"] {
        genbank::copy_dir(&repo.join(d), &real.join(d));
    }
    std::fs::copy(repo.join("book.toml"), real.join("book.toml")).expect("book.toml");
    measure("real bank", &real, "content/pilots/vatu.md", "/pilotit/vatu/");
    let generated = scratch.path().join("gen");
    genbank::generate(&generated, n, &genbank::vocabulary(&repo.join("content"))).expect("generate");
    genbank::copy_dir(&repo.join("themes"), &generated.join("themes"));
    measure(
        &format!("generated, {n} documents"),
        &generated,
        "content/pilots/pilotti-7.md",
        "/pilotit/pilotti-7/",
    );
}
