//! Preview benchmark: `cargo bench --bench serve` (size: `LAPE_BENCH_DOCS`, default 10000).
//!
//! Starts `lape serve` on the real bank and on a generated bank, then times, from the moment a
//! file is saved: until the server answers with the new page (an edit of one document's text,
//! median of 5; an edit of a template, median of 3), until the browser's index served by the
//! preview has the edit's new word, until `lape search` finds it, and the CPU time the server
//! spent on the edit (page and both indexes); until a region added to a pilot's front matter
//! shows on the region's page (median of 5); and, for a template change, until the server
//! says the whole site is done (its own "updated ... in N ms" line, median of 3), each time
//! followed by a full pages-only `lape build` of the same bank to compare with.

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

/// Whether the browser index the preview serves has `form` in its table of words.
fn browser_knows(port: u16, form: &str) -> bool {
    let meta = get(port, "/hakuindeksi/meta.json");
    let Some(json) = meta.split("\r\n\r\n").nth(1) else {
        return false;
    };
    let Ok(meta) = serde_json::from_str::<serde_json::Value>(json) else {
        return false;
    };
    let (Some(lex), Some(set)) = (meta["lex"].as_array(), meta["set"].as_str()) else {
        return false;
    };
    let Some(i) = lex.iter().rposition(|k| k.as_str().is_some_and(|k| k <= form)) else {
        return false;
    };
    get(port, &format!("/hakuindeksi/{set}/l/{i}.json")).contains(&format!("\"{form}\""))
}

fn cli_finds(root: &Path, word: &str) -> bool {
    Command::new(env!("CARGO_BIN_EXE_lape"))
        .args(["search", word, "--json", "--root"])
        .arg(root)
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("\"url\""))
}

/// CPU time (user + system) the process has used.
fn cpu(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the 12th, stime the 13th.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| f.get(i).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
    let ticks = field(11) + field(12);
    Duration::from_millis(ticks * 10)
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

/// The server's "updated N page(s) in M ms" lines, as they come.
fn rebuild_times(stderr: std::process::ChildStderr) -> std::sync::mpsc::Receiver<f64> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let ms = line
                .strip_suffix(" ms")
                .and_then(|l| l.rsplit(" in ").next())
                .and_then(|m| m.parse::<f64>().ok());
            if let (true, Some(ms)) = (line.starts_with("updated") || line.starts_with("rebuilt"), ms) {
                let _ = tx.send(ms);
            }
        }
    });
    rx
}

fn measure(name: &str, root: &Path, doc: &str, url: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lape"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let stdout = child.stdout.take().expect("stdout");
    let done = rebuild_times(child.stderr.take().expect("stderr"));
    let pid = child.id();
    let _stop = Stop(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("line");
    let port: u16 = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("port");
    // The first build's search is written whole in the background; the edits come after it.
    let t = Instant::now();
    while !cli_finds(root, "lape") && !cli_finds(root, "perhe") {
        assert!(
            t.elapsed() < Duration::from_secs(300),
            "the first search index never came"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // A reader has the page open (its live-reload stream names it), so it is rebuilt first.
    {
        let page = url.replace('/', "%2F");
        std::thread::spawn(move || {
            if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
                let _ = write!(s, "GET /__lape/events?page={page} HTTP/1.1\r\nHost: localhost\r\n\r\n");
                let mut buf = [0u8; 4096];
                while s.read(&mut buf).is_ok_and(|n| n > 0) {}
            }
        });
    }
    std::thread::sleep(Duration::from_secs(1));
    let path = root.join(doc);
    let original = std::fs::read_to_string(&path).expect("doc");
    let (mut edits, mut browser, mut cli, mut cpus) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..5 {
        let marker = format!("MITTAUS{i}X");
        let word = format!("kummitus{}sana", ["a", "b", "c", "d", "e"][i]);
        let before = cpu(pid);
        let saved = Instant::now();
        std::fs::write(&path, format!("{original}\nUusi kappale {marker} {word}.\n")).expect("write");
        edits.push(until(port, url, &marker));
        while !browser_knows(port, &word) {
            assert!(
                saved.elapsed() < Duration::from_secs(60),
                "the browser index never had {word}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        browser.push(saved.elapsed());
        while !cli_finds(root, &word) {
            assert!(
                saved.elapsed() < Duration::from_secs(60),
                "lape search never found {word}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        cli.push(saved.elapsed());
        // Whatever the server still does for this edit is done well within a second.
        std::thread::sleep(Duration::from_millis(1000));
        cpus.push(cpu(pid).saturating_sub(before));
    }
    std::fs::write(&path, &original).expect("restore");
    std::thread::sleep(Duration::from_millis(1500));
    // A region added to the document's front matter: until the region's page lists it.
    let mut regions = Vec::new();
    let named = original
        .lines()
        .find(|l| l.starts_with("regions:"))
        .unwrap_or("regions: []")
        .to_string();
    let page_url = url.to_string();
    let new: Vec<&str> = ["kainuu", "lappi", "satakunta", "pirkanmaa", "uusimaa", "keski-suomi"]
        .into_iter()
        .filter(|r| !named.contains(r))
        .take(5)
        .collect();
    for r in new {
        let list = named
            .trim_start_matches("regions:")
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']');
        let line = if list.trim().is_empty() {
            format!("regions: [{r}]")
        } else {
            format!("regions: [{list}, {r}]")
        };
        while done.try_recv().is_ok() {}
        std::fs::write(&path, original.replacen(&named, &line, 1)).expect("write");
        regions.push(until(port, &format!("/alueet/{r}/"), &page_url));
        std::thread::sleep(Duration::from_millis(800));
        std::fs::write(&path, &original).expect("restore");
        std::thread::sleep(Duration::from_millis(1500));
    }
    let template = root.join("themes/default/templates/base.html");
    let base = std::fs::read_to_string(&template).expect("template");
    let (mut templates, mut whole, mut full) = (Vec::new(), Vec::new(), Vec::new());
    let full_out = tempfile::tempdir().expect("tempdir");
    for i in 0..3 {
        let marker = format!("POHJA{i}X");
        while done.try_recv().is_ok() {}
        std::fs::write(&template, base.replace("</main>", &format!("<p>{marker}</p></main>"))).expect("write");
        templates.push(until(port, url, &marker));
        let ms = done.recv_timeout(Duration::from_secs(120)).expect("the rebuild's line");
        whole.push(Duration::from_secs_f64(ms / 1000.0));
        // In turn with the edits: a full pages-only build of the same bank, the yardstick.
        let t = Instant::now();
        let built = Command::new(env!("CARGO_BIN_EXE_lape"))
            .args(["build", "--no-search", "--root"])
            .arg(root)
            .arg("--output")
            .arg(full_out.path())
            .output()
            .expect("build");
        assert!(built.status.success(), "the full build failed");
        full.push(t.elapsed());
        std::thread::sleep(Duration::from_millis(500));
    }
    std::fs::write(&template, base).expect("restore");
    std::fs::write(&path, original).expect("restore");
    println!(
        "| {name} | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms |",
        median(edits),
        median(browser),
        median(cli),
        median(cpus),
        median(regions),
        median(templates),
        median(whole),
        median(full)
    );
}

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let n = genbank::docs_from_env();
    let scratch = tempfile::tempdir().expect("tempdir");
    println!("lape serve: from saving a file to the new page being served, and to search finding the edit");
    println!(
        "| bank | edit: page served | edit: browser index has it | edit: lape search finds it | edit: server CPU | region added: region page served | template change: page served | template change: whole site (server's figure) | full pages-only build |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
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
