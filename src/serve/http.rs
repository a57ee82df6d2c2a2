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
    /// The folder of the current good build.
    pub current: RwLock<PathBuf>,
    /// The problems of the last build, as JSON (an empty array when it succeeded).
    pub errors: RwLock<String>,
    subscribers: Mutex<Vec<Sender<String>>>,
}

impl State {
    /// A state serving `dir`.
    pub fn new(dir: PathBuf) -> Arc<State> {
        Arc::new(State {
            current: RwLock::new(dir),
            errors: RwLock::new("[]".into()),
            subscribers: Mutex::new(Vec::new()),
        })
    }

    /// Sends one server-sent event to every open page.
    pub fn broadcast(&self, event: &str, data: &str) {
        let msg = format!("event: {event}\ndata: {}\n\n", data.replace('\n', "\ndata: "));
        if let Ok(mut subs) = self.subscribers.lock() {
            subs.retain(|s| s.send(msg.clone()).is_ok());
        }
    }

    fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = channel();
        if let Ok(mut subs) = self.subscribers.lock() {
            subs.push(tx);
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

/// URL prefix that pins a request to one generation folder: `/__lape/gen/<folder>/static/x.css`.
const PINNED: &str = "/__lape/gen/";

/// Points a page's shared files (styles, scripts, the search bundle) at the generation the page
/// came from, so a page and its stylesheet are always of the same build, even when a rebuild
/// lands between the two requests.
fn pin_assets(html: Vec<u8>, generation: &str) -> Vec<u8> {
    let text = match String::from_utf8(html) {
        Ok(t) => t,
        Err(e) => return e.into_bytes(),
    };
    let mut out = text;
    for dir in ["static/", "hakuindeksi/"] {
        for quote in ['"', '\''] {
            out = out.replace(&format!("{quote}/{dir}"), &format!("{quote}{PINNED}{generation}/{dir}"));
        }
    }
    out.into_bytes()
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
    let rx = state.subscribe();
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
            return respond_bytes(req, 200, "text/javascript; charset=utf-8", LIVE_JS.as_bytes().to_vec());
        }
        "/__lape/status" => {
            let body = state.errors.read().map(|e| e.clone()).unwrap_or_else(|_| "[]".into());
            return respond_bytes(req, 200, "application/json", body.into_bytes());
        }
        _ => {}
    }
    // One build for the whole answer: the folder is read once, under the lock's snapshot.
    let current = state.current.read().map(|p| p.clone()).unwrap_or_default();
    let (root, url) = pinned(&current, &url).unwrap_or((current, url));
    match resolve(&root, &url).and_then(|p| std::fs::read(&p).ok().map(|b| (p, b))) {
        Some((path, bytes)) => {
            let ctype = content_type(&path);
            let body = if ctype.starts_with("text/html") {
                let generation = root.file_name().and_then(|n| n.to_str()).unwrap_or("");
                with_script(pin_assets(bytes, generation))
            } else {
                bytes
            };
            respond_bytes(req, 200, ctype, body);
        }
        None => {
            let page =
                std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"<!DOCTYPE html><title>404</title>".to_vec());
            respond_bytes(req, 404, "text/html; charset=utf-8", with_script(page));
        }
    }
}

/// For `/__lape/gen/<folder>/<path>`: that generation folder (a sibling of the current one,
/// named like one) and `/<path>`, while it still exists.
fn pinned(current: &Path, url: &str) -> Option<(PathBuf, String)> {
    let rest = url.strip_prefix(PINNED)?;
    let (name, path) = rest.split_once('/')?;
    let valid = name.starts_with("gen-") && name[4..].chars().all(|c| c.is_ascii_digit() || c == '-');
    let dir = current.parent()?.join(name);
    (valid && dir.is_dir()).then(|| (dir, format!("/{path}")))
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
    fn script_goes_before_body_end() {
        let out = with_script(b"<html><body><p>x</p></body></html>".to_vec());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("<html><body><p>x</p>{INJECT}</body></html>")
        );
    }
}
