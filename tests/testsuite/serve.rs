//! `lape serve`: live preview, error overlay data, and files only from the site (issue 5).

use crate::support::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `lape serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Site) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lape"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.path())
        .env("LC_ALL", "en_US.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start lape serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read");
    let port = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    Server { child, port }
}

/// A raw GET, so paths reach the server exactly as written (no client-side normalising).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").expect("send");
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Collects the server-sent events of one connection.
fn listen(port: u16) -> Arc<Mutex<String>> {
    let seen = Arc::new(Mutex::new(String::new()));
    let out = seen.clone();
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(s, "GET /__lape/events HTTP/1.1\r\nHost: localhost\r\n\r\n").expect("send");
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = s.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.lock().expect("lock").push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    wait_for("the event stream", || seen.lock().expect("lock").contains("retry:"));
    seen
}

#[test]
fn edit_reload_error_overlay_and_recovery() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let port = server.port;
    let (status, page) = get(port, "/pilotit/vatu/");
    assert_eq!(status, 200);
    assert!(page.contains("Varhaisen tuen tiimi."), "{page}");
    assert!(page.contains("/__lape/live.js"), "the preview injects its script");
    let events = listen(port);

    let vatu = site.read("content/pilots/vatu.md");
    site.write(
        "content/pilots/vatu.md",
        vatu.replace("Varhaisen tuen tiimi.", "Varhaisen tuen tiimi, muokattu."),
    );
    wait_for("the edited text", || get(port, "/pilotit/vatu/").1.contains("muokattu"));
    wait_for("a reload event", || {
        events.lock().expect("lock").contains("event: reload")
    });

    site.write(
        "content/pilots/vatu.md",
        vatu.replace("status: käytössä", "status: [rikki"),
    );
    wait_for("the error overlay data", || {
        get(port, "/__lape/status").1.contains("content/pilots/vatu.md")
    });
    let (_, problems) = get(port, "/__lape/status");
    let v: serde_json::Value = serde_json::from_str(&problems).expect("json");
    assert_eq!(v[0]["line"], 4, "{problems}");
    assert_eq!(
        v.as_array().map(Vec::len),
        Some(1),
        "one problem, not a cascade: {problems}"
    );
    assert!(events.lock().expect("lock").contains("event: problems"));
    assert!(
        get(port, "/pilotit/vatu/").1.contains("muokattu"),
        "the last good page is still served"
    );

    site.write("content/pilots/vatu.md", vatu);
    wait_for("the overlay to clear", || get(port, "/__lape/status").1 == "[]");
    assert!(get(port, "/pilotit/vatu/").1.contains("Varhaisen tuen tiimi."));
}

#[test]
fn template_change_rebuilds_everything() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let base = site.read("themes/default/templates/base.html");
    site.write(
        "themes/default/templates/base.html",
        base.replace("</main>", "<p>Mallimuutos</p></main>"),
    );
    wait_for("the template change", || {
        get(server.port, "/muistiot/kokousmuistio/").1.contains("Mallimuutos")
    });
    // A fragment is rendered apart from the pages, once per language; every page shows its edit.
    let footer = site.read("themes/default/templates/fragments/footer.html");
    site.write(
        "themes/default/templates/fragments/footer.html",
        footer.replace("</footer>", "<p>Alatunnistemuutos</p></footer>"),
    );
    for page in ["/muistiot/kokousmuistio/", "/muistiot/", "/"] {
        wait_for("the fragment change", || {
            get(server.port, page).1.contains("Alatunnistemuutos")
        });
    }
}

#[test]
fn nothing_outside_the_site_is_served() {
    let site = Site::fixture("basic");
    site.write("salaisuus.txt", "SALAINEN-SISALTO");
    let server = start(&site);
    let port = server.port;
    for path in [
        "/../book.toml",
        "/%2e%2e/book.toml",
        "/%2E%2E/%2E%2E/book.toml",
        "/..%2f..%2fbook.toml",
        "/pilotit/../../book.toml",
    ] {
        let (status, body) = get(port, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("[book]") && !body.contains("Testipankki\"\nlanguage"),
            "{path} leaked: {body}"
        );
    }
    let generation = std::fs::read_dir(site.path().join(".lape/serve"))
        .expect("serve dir")
        .filter_map(Result::ok)
        .find(|e| e.path().join("index.html").is_file())
        .expect("a generation")
        .path();
    std::os::unix::fs::symlink(site.path().join("salaisuus.txt"), generation.join("linkki.txt")).expect("symlink");
    let (status, body) = get(port, "/linkki.txt");
    assert_eq!(status, 404);
    assert!(!body.contains("SALAINEN-SISALTO"));
    let (status, body) = get(port, "/ei-ole/");
    assert_eq!(status, 404);
    assert!(body.contains("Sivua ei löytynyt"), "the site's own 404 page");
}

#[test]
fn busy_port_is_explained() {
    let site = Site::fixture("basic");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port().to_string();
    let run = site.lape(&["serve", "--port", &port]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.contains("already in use") && run.stderr.contains("--port"),
        "{}",
        run.stderr
    );
}

/// Reading files (as `lape search` does) once kept the watcher busy, and the catch-up waiting
/// for a quiet moment never ran.
#[test]
fn search_catches_up_after_the_page_is_served() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let port = server.port;
    wait_for("the first browser index", || {
        get(port, "/hakuindeksi/meta.json").0 == 200
    });
    let vatu = site.read("content/pilots/vatu.md");
    site.write(
        "content/pilots/vatu.md",
        vatu.replace("Varhaisen tuen tiimi.", "Varhaisen tuen tiimi ja kummitusvalas."),
    );
    wait_for("the edited page", || {
        get(port, "/pilotit/vatu/").1.contains("kummitusvalas")
    });
    wait_for("the index to find the new word", || {
        site.lape(&["search", "kummitusvalas"])
            .stdout
            .contains("/pilotit/vatu/")
    });
    wait_for("the browser index to know the new word", || {
        browser_knows(port, "kummitusvalas")
    });
    // A full rebuild (template change) serves the previous bundle until its own is ready.
    let base = site.read("themes/default/templates/base.html");
    site.write(
        "themes/default/templates/base.html",
        base.replace("</main>", "<p>UUSIPOHJA</p></main>"),
    );
    wait_for("the rebuilt page", || {
        get(port, "/pilotit/vatu/").1.contains("UUSIPOHJA")
    });
    assert_eq!(get(port, "/hakuindeksi/meta.json").0, 200, "search keeps working");
    assert!(
        browser_knows(port, "kummitusvalas"),
        "the carried-over index still has the word"
    );
}

/// Whether the served browser index has `form` in its table of words (the lexicon shard the
/// browser would fetch for it).
fn browser_knows(port: u16, form: &str) -> bool {
    let (status, meta) = get(port, "/hakuindeksi/meta.json");
    let Ok(meta) = serde_json::from_str::<serde_json::Value>(&meta) else {
        return false;
    };
    let (Some(shards), Some(set)) = (meta["lex"].as_array(), meta["set"].as_str()) else {
        return false;
    };
    let Some(shard) = shards
        .iter()
        .rposition(|s| s.as_str().is_some_and(|first| first <= form))
    else {
        return false;
    };
    let (s2, body) = get(port, &format!("/hakuindeksi/{set}/l/{shard}.json"));
    status == 200 && s2 == 200 && body.contains(&format!("\"{form}\""))
}

/// The version marker of a page or stylesheet: `VERSIO-<n>`.
fn version_of(text: &str) -> Option<String> {
    let at = text.find("VERSIO-")?;
    Some(
        text[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect(),
    )
}

#[test]
fn a_page_and_its_stylesheet_come_from_the_same_build_under_rebuilds() {
    let site = Site::fixture("basic");
    let base = site.read("themes/default/templates/base.html");
    let css = site.read("themes/default/static/style.css");
    let write_version = |n: usize| {
        site.write("themes/default/static/style.css", format!("/* VERSIO-{n} */\n{css}"));
        site.write(
            "themes/default/templates/base.html",
            base.replace("</main>", &format!("<p>VERSIO-{n}</p></main>")),
        );
    };
    write_version(0);
    let server = start(&site);
    let port = server.port;
    wait_for("the first version", || {
        get(port, "/pilotit/vatu/").1.contains("VERSIO-0")
    });

    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let checked = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let clients: Vec<_> = (0..3)
        .map(|_| {
            let (stop, checked) = (stop.clone(), checked.clone());
            std::thread::spawn(move || {
                let mut problems = Vec::new();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let (status, page) = get(port, "/pilotit/vatu/");
                    if status != 200 {
                        problems.push(format!("page status {status}"));
                        continue;
                    }
                    let Some(href) = page
                        .split("rel=\"stylesheet\" href=\"")
                        .nth(1)
                        .and_then(|r| r.split('"').next())
                    else {
                        problems.push("no stylesheet link".into());
                        continue;
                    };
                    let (status, sheet) = get(port, href);
                    if status != 200 {
                        problems.push(format!("stylesheet {href}: status {status}"));
                    } else if version_of(&page) != version_of(&sheet) {
                        problems.push(format!(
                            "page {:?} with stylesheet {:?}",
                            version_of(&page),
                            version_of(&sheet)
                        ));
                    }
                    checked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                problems
            })
        })
        .collect();
    for n in 1..=6 {
        std::thread::sleep(Duration::from_millis(400));
        write_version(n);
    }
    wait_for("the last version", || {
        get(port, "/pilotit/vatu/").1.contains("VERSIO-6")
    });
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let problems: Vec<String> = clients.into_iter().flat_map(|c| c.join().expect("client")).collect();
    assert!(
        checked.load(std::sync::atomic::Ordering::Relaxed) > 20,
        "too few pairs checked"
    );
    assert!(
        problems.is_empty(),
        "{} mixed or failed pairs, e.g. {:?}",
        problems.len(),
        &problems[..problems.len().min(5)]
    );
}

/// The preview reports an unclosed quote where `lape check` does: at its own line, with the
/// same hint (issue 16: line 5 in check, line 4 in serve).
#[test]
fn the_preview_and_check_agree_on_an_unclosed_quote() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let port = server.port;
    site.write(
        "content/memos/lainaus.md",
        "---\ntitle: \"Testimuistio\ndate: 2018-01-01\nregions: [kainuu]\n---\nTeksti.\n",
    );
    wait_for("the error overlay data", || {
        get(port, "/__lape/status").1.contains("lainaus.md")
    });
    let (_, problems) = get(port, "/__lape/status");
    let served: serde_json::Value = serde_json::from_str(&problems).expect("json");
    let served = &served[0];
    assert_eq!(served["line"], 2, "{problems}");
    let run = site.lape(&["check", "--format", "json"]);
    let checked: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("json");
    let checked = checked
        .iter()
        .find(|d| d["file"].as_str().is_some_and(|f| f.ends_with("lainaus.md")))
        .expect("check reports it");
    for key in ["line", "col", "code", "message", "hint"] {
        assert_eq!(served[key], checked[key], "{key}: serve {served} vs check {checked}");
    }
}
