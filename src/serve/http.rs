//! The preview's HTTP side: files of the current build only, live reload over server-sent
//! events, and the error overlay's data. Loopback by default.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

/// The client side of live reload and the error overlay, injected into served HTML only.
pub const LIVE_JS: &str = include_str!("live.js");
const INJECT: &str = "<script src=\"/__lape/live.js\"></script>";

/// What the server shares with the rebuild loop.
pub struct State {
    /// The served folder and the generation of each of its files.
    pub versions: Arc<super::versions::Versions>,
    /// The problems of the last build, as JSON (an empty array when it succeeded).
    pub errors: RwLock<String>,
    /// The site's base path (`/`, or `/lape/` for a `base-url` with a path): pages are served
    /// under it, as they will be on the real host.
    base: String,
    /// Open pages: each one's event stream and the site path it shows.
    subscribers: Mutex<Vec<(Sender<String>, String)>>,
    /// The preview's script, its words in the editor's language.
    live_js: String,
}

impl State {
    /// A state serving `dir`.
    pub fn new(versions: Arc<super::versions::Versions>, base: String, live_js: String) -> Arc<State> {
        Arc::new(State {
            live_js,
            versions,
            errors: RwLock::new("[]".into()),
            base,
            subscribers: Mutex::new(Vec::new()),
        })
    }

    /// The site paths of the pages open in a browser (rebuilt first).
    pub fn open_pages(&self) -> Vec<String> {
        let mut pages: Vec<String> = self
            .subscribers
            .lock()
            .map(|s| s.iter().map(|(_, p)| p.clone()).collect())
            .unwrap_or_default();
        pages.sort();
        pages.dedup();
        pages
    }

    /// Sends one server-sent event to every open page.
    pub fn broadcast(&self, event: &str, data: &str) {
        let msg = format!("event: {event}\ndata: {}\n\n", data.replace('\n', "\ndata: "));
        if let Ok(mut subs) = self.subscribers.lock() {
            subs.retain(|(s, _)| s.send(msg.clone()).is_ok());
        }
    }

    fn subscribe(&self, page: String) -> Receiver<String> {
        let (tx, rx) = channel();
        if let Ok(mut subs) = self.subscribers.lock() {
            // Streams of pages closed since are dropped here, not only on the next broadcast.
            subs.retain(|(s, _)| s.send(": ping\n\n".into()).is_ok());
            subs.push((tx, page));
        }
        rx
    }
}

/// Maps a request path to a file under `root`, or `None` for anything that is not plainly
/// inside it: `..` (also percent-encoded), NUL, backslashes, and symlinks that lead out.
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut rel = PathBuf::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => rel.push(p),
        }
    }
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut full = root.join(&rel);
    if full.is_dir() {
        full = full.join("index.html");
    }
    let real = full.canonicalize().ok()?;
    let real_root = root.canonicalize().ok()?;
    (real.starts_with(&real_root) && real.is_file()).then_some(real)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn header(k: &str, v: &str) -> Header {
    Header::from_bytes(k.as_bytes(), v.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Lape"[..], &b"1"[..]).expect("static header"))
}

fn respond_bytes(req: Request, status: u16, ctype: &str, body: Vec<u8>) {
    let resp = Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", ctype))
        .with_header(header("Cache-Control", "no-store"));
    let _ = req.respond(resp);
}

/// URL prefix that pins a request to one generation: `/__lape/gen/<n>/static/x.css`.
const PINNED: &str = "/__lape/gen/";

/// Points a page's styles and scripts (the search page's too) at the generation the page
/// came from, so a page and its stylesheet are always of the same build, even when a rebuild
/// lands between the two requests.
fn pin_assets(html: Vec<u8>, generation: u64, base: &str) -> Vec<u8> {
    let text = match String::from_utf8(html) {
        Ok(t) => t,
        Err(e) => return e.into_bytes(),
    };
    let mut out = text;
    // Only the styles and scripts: the search index is written after the pages by the catch-up,
    // so a page's generation may not have one yet, and a page always asks for the newest.
    for dir in [crate::routes::STATIC_DIR] {
        for quote in ['"', '\''] {
            out = out.replace(
                &format!("{quote}{base}{dir}/"),
                &format!("{quote}{PINNED}{generation}/{dir}/"),
            );
        }
    }
    out.into_bytes()
}

/// A request path as a path of the build folder: `/lape/muistiot/x/` is `/muistiot/x/` when
/// the site lives under `/lape/`; `None` for paths outside the site.
fn below_base(base: &str, url: &str) -> Option<String> {
    url.strip_prefix(base.trim_end_matches('/')).and_then(|rest| {
        (rest.is_empty() || rest.starts_with('/') || rest.starts_with('?'))
            .then(|| format!("/{}", rest.trim_start_matches('/')))
    })
}

/// The page path an event stream was opened for (`/__lape/events?page=%2Fx%2F`).
fn page_of(url: &str) -> String {
    url.split_once("page=")
        .map(|(_, v)| v.split('&').next().unwrap_or(""))
        .and_then(percent_decode)
        .unwrap_or_default()
}

fn with_script(mut html: Vec<u8>) -> Vec<u8> {
    let tail = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(tail..tail, INJECT.bytes());
    html
}

fn serve_events(req: Request, state: &State) {
    let rx = state.subscribe(page_of(req.url()));
    let mut w = req.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if w.write_all(head.as_bytes())
        .and_then(|_| w.write_all(b"retry: 500\n\n"))
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    loop {
        let msg = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(msg.as_bytes()).and_then(|_| w.flush()).is_err() {
            return;
        }
    }
}

/// Answers one request.
pub fn handle(mut req: Request, state: &State) {
    if !matches!(req.method(), Method::Get | Method::Head) {
        respond_bytes(req, 405, "text/plain; charset=utf-8", b"method not allowed".to_vec());
        return;
    }
    let url = req.url().to_string();
    let mut sink = Vec::new();
    let _ = req.as_reader().read_to_end(&mut sink);
    match url.split('?').next().unwrap_or("") {
        "/__lape/events" => return serve_events(req, state),
        "/__lape/live.js" => {
            return respond_bytes(
                req,
                200,
                "text/javascript; charset=utf-8",
                state.live_js.as_bytes().to_vec(),
            );
        }
        "/__lape/status" => {
            let body = state.errors.read().map(|e| e.clone()).unwrap_or_else(|_| "[]".into());
            return respond_bytes(req, 200, "application/json", body.into_bytes());
        }
        _ => {}
    }
    let versions = &state.versions;
    let live = versions.dir().to_path_buf();
    // `/__lape/gen/<n>/static/x.css`: the file as it was in generation n (see `versions`).
    let (pinned_to, url) = match pinned(&url) {
        Some((n, inner)) => (Some(n), inner),
        None => match below_base(&state.base, &url) {
            Some(inner) => (None, inner),
            // The site lives under its base path, as on the real host: send the reader there.
            None if url == "/" || url == "/index.html" => {
                let resp = Response::empty(StatusCode(302)).with_header(header("Location", &state.base));
                let _ = req.respond(resp);
                return;
            }
            None => (None, "/\0".to_string()),
        },
    };
    let found = resolve(&live, &url).and_then(|real| {
        let root = live.canonicalize().ok()?;
        let rel = real.strip_prefix(&root).ok()?.to_string_lossy().replace('\\', "/");
        let (bytes, generation) = match pinned_to {
            Some(n) => (std::fs::read(versions.as_of(&rel, n)).ok()?, n),
            None => versions.read_current(&rel)?,
        };
        Some((real, bytes, generation))
    });
    match found {
        Some((path, bytes, generation)) => {
            let ctype = content_type(&path);
            let body = if ctype.starts_with("text/html") {
                with_script(pin_assets(bytes, generation, &state.base))
            } else {
                bytes
            };
            respond_bytes(req, 200, ctype, body);
        }
        None => {
            let page =
                std::fs::read(live.join("404.html")).unwrap_or_else(|_| b"<!DOCTYPE html><title>404</title>".to_vec());
            respond_bytes(req, 404, "text/html; charset=utf-8", with_script(page));
        }
    }
}

/// For `/__lape/gen/<n>/<path>`: generation n and `/<path>`.
fn pinned(url: &str) -> Option<(u64, String)> {
    let rest = url.strip_prefix(PINNED)?;
    let (n, path) = rest.split_once('/')?;
    Some((n.parse().ok()?, format!("/{path}")))
}

/// Runs the server on `workers` threads until the process ends.
pub fn run(server: Arc<Server>, state: Arc<State>, workers: usize) {
    let mut handles = Vec::new();
    for _ in 0..workers {
        let (server, state) = (server.clone(), state.clone());
        handles.push(std::thread::spawn(move || {
            for req in server.incoming_requests() {
                if req.url().starts_with("/__lape/events") {
                    let state = state.clone();
                    // Event streams stay open: each gets its own thread, not a worker.
                    std::thread::spawn(move || handle(req, &state));
                } else {
                    handle(req, &state);
                }
            }
        }));
    }
    for h in handles {
        let _ = h.join();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("a")).unwrap();
        std::fs::write(site.join("a/index.html"), "x").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "s").unwrap();
        assert!(resolve(&site, "/a/").is_some());
        assert!(resolve(&site, "/a/index.html?x=1").is_some());
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/a/%2E%2E/../secret.txt",
            "/a/..%2f..%2fsecret.txt",
            "/%00",
            "/a\\..\\x",
        ] {
            assert!(resolve(&site, bad).is_none(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("secret.txt"), site.join("link.txt")).unwrap();
            assert!(resolve(&site, "/link.txt").is_none(), "symlink out of the site");
        }
    }

    #[test]
    fn a_site_under_a_path() {
        assert_eq!(
            below_base("/lape/", "/lape/muistiot/x/").as_deref(),
            Some("/muistiot/x/")
        );
        assert_eq!(below_base("/lape/", "/lape").as_deref(), Some("/"));
        assert_eq!(below_base("/lape/", "/lape/?q=1").as_deref(), Some("/?q=1"));
        assert_eq!(below_base("/lape/", "/lapeX/"), None);
        assert_eq!(below_base("/lape/", "/muistiot/"), None);
        assert_eq!(below_base("/", "/muistiot/").as_deref(), Some("/muistiot/"));
        let html = pin_assets(
            b"<link href=\"/lape/static/a.css\"><a href=\"/lape/x/\">".to_vec(),
            4,
            "/lape/",
        );
        assert_eq!(
            String::from_utf8(html).unwrap(),
            "<link href=\"/__lape/gen/4/static/a.css\"><a href=\"/lape/x/\">"
        );
        // The search index is the catch-up's, newer than the page's generation: never pinned.
        let search = pin_assets(b"<form data-index=\"/lape/hakuindeksi/\">".to_vec(), 4, "/lape/");
        assert_eq!(
            String::from_utf8(search).unwrap(),
            "<form data-index=\"/lape/hakuindeksi/\">"
        );
        assert_eq!(page_of("/__lape/events?page=%2Flape%2Fx%2F"), "/lape/x/");
    }

    #[test]
    fn script_goes_before_body_end() {
        let out = with_script(b"<html><body><p>x</p></body></html>".to_vec());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("<html><body><p>x</p>{INJECT}</body></html>")
        );
    }
}
