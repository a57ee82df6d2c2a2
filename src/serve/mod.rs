//! `lape serve`: build, serve on loopback, watch, rebuild what changed, reload open pages.
//!
//! Each full build goes into a fresh generation folder under `.lape/serve/` and is served only
//! once it is complete; a failed build leaves the last good generation in place and shows its
//! problems over every open page. An edit to a document's text that changes neither its front
//! matter, its links nor its headings re-renders that one page in place (nothing else on the
//! site depends on it). The search index and bundle catch up after the pages are served.

pub mod catchup;
pub mod http;
pub mod watch;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::output::DirSink;
use crate::pipeline::{self, Options, Produced};
use http::State;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use watch::Change;

/// What `lape serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site root.
    pub root: PathBuf,
    /// Address to listen on.
    pub bind: String,
    /// Port.
    pub port: u16,
    /// Publish drafts in the preview.
    pub drafts: bool,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The port is in use.
    #[error("{0}:{1} is already in use; pick another port with --port {2}")]
    PortTaken(String, u16, u16),
    /// Configuration problems.
    #[error("book.toml has problems")]
    Config(Vec<Diagnostic>),
    /// Anything else.
    #[error("{0}")]
    Other(String),
}

/// What one rebuild did, for the terminal and the benchmarks.
#[derive(Debug)]
pub enum Outcome {
    /// Pages re-rendered in place.
    Fast(usize, Duration),
    /// A full build swapped in.
    Full(Duration),
    /// The build failed; the last good one is still served.
    Failed(Vec<Diagnostic>),
    /// Nothing to do.
    Nothing,
}

struct Session {
    root: PathBuf,
    opts: Options,
    serve_dir: PathBuf,
    generation: AtomicU64,
    good: Option<Produced>,
    config: Config,
    failing: bool,
    search_stale: bool,
    /// Documents edited in place since search last caught up; `None` after a full rebuild,
    /// when search is written whole.
    search_changes: Option<Vec<crate::model::DocId>>,
    catchup: catchup::CatchUp,
    /// The generation served before the current one, kept for pages still loading from it.
    previous: Option<PathBuf>,
}

fn to_json(problems: &[Diagnostic]) -> String {
    serde_json::to_string(problems).unwrap_or_else(|_| "[]".into())
}

impl Session {
    fn next_dir(&self) -> PathBuf {
        let n = self.generation.fetch_add(1, Ordering::Relaxed);
        self.serve_dir.join(format!("gen-{}-{n}", std::process::id()))
    }

    /// A full build into a new generation folder; on success it becomes the served one.
    fn full(&mut self, state: &Arc<State>) -> Outcome {
        let t = Instant::now();
        let config = match pipeline::config(&self.root, &self.opts) {
            Ok(c) => c,
            Err(d) => return Outcome::Failed(d.sorted()),
        };
        let dir = self.next_dir();
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return Outcome::Failed(vec![Diagnostic::error(&dir, 0, "io-error", e.to_string())]);
        }
        match pipeline::produce(&config, &self.opts, &DirSink { dir: dir.clone() }, false) {
            Ok(produced) => {
                // Search keeps answering (from the last bundle) until the catch-up is done.
                let guard = self.catchup.swap_lock.lock();
                if let Ok(cur) = state.current.read() {
                    catchup::carry_over(&cur, &dir);
                }
                let old = state
                    .current
                    .write()
                    .map(|mut cur| std::mem::replace(&mut *cur, dir.clone()))
                    .ok();
                drop(guard);
                // The generation before stays one round: a page loaded from it just before the
                // swap still gets its stylesheet and scripts from its own build.
                if let Some(old) = old.filter(|o| o.starts_with(&self.serve_dir))
                    && let Some(previous) = self.previous.replace(old)
                {
                    let _ = std::fs::remove_dir_all(previous);
                }
                self.config = config;
                self.good = Some(produced);
                self.failing = false;
                self.search_stale = true;
                self.search_changes = None;
                Outcome::Full(t.elapsed())
            }
            Err(d) => {
                let _ = std::fs::remove_dir_all(&dir);
                Outcome::Failed(
                    d.sorted()
                        .into_iter()
                        .filter(|d| d.severity == crate::diag::Severity::Error)
                        .collect(),
                )
            }
        }
    }

    /// Hands the search index and browser bundle of the current generation to the catch-up
    /// thread: called after the reload went out, so the pages are served before search.
    fn catch_up_search(&mut self, state: &Arc<State>) {
        if !self.search_stale {
            return;
        }
        let Some(good) = &self.good else { return };
        let Ok(dir) = state.current.read().map(|d| d.clone()) else {
            return;
        };
        self.catchup.submit(catchup::Job {
            bank: good.bank.clone(),
            config: self.config.clone(),
            ui: good.theme.ui.clone(),
            dir,
            changed: self.search_changes.replace(Vec::new()),
        });
        self.search_stale = false;
    }

    /// An edit of one document's text: re-render its page in place, or `None` when more of the
    /// site depends on what changed.
    fn fast(&mut self, rel: &Path, state: &Arc<State>) -> Option<crate::model::DocId> {
        if self.failing {
            return None;
        }
        let good = self.good.as_mut()?;
        let id = good.bank.find_path(rel)?;
        let bytes = std::fs::read(self.root.join(rel)).ok()?;
        if bytes.len() as u64 > self.config.max_file_bytes {
            return None;
        }
        let text = crate::load::decode(rel, bytes).ok()?;
        let kind = good.bank.doc(id).kind;
        let parsed = crate::parse::parse(
            crate::load::SourceFile {
                path: rel.to_path_buf(),
                kind,
                text,
            },
            &self.config.parse,
        );
        if parsed
            .problems
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
        {
            return None;
        }
        let new = parsed.doc?;
        let old = good.bank.doc(id);
        let same_shape = old.fm_text() == new.fm_text()
            && old.scan.links == new.scan.links
            && old.scan.headings == new.scan.headings
            && old.slug == new.slug;
        if !same_shape {
            return None;
        }
        let updated = old.fm.updated;
        good.bank.docs[id.index()] = new;
        good.bank.docs[id.index()].fm.updated = updated;
        let dir = state.current.read().ok()?.clone();
        crate::render::render_document(&good.bank, &self.config, &good.theme, id, &DirSink { dir }).ok()?;
        Some(id)
    }

    fn apply(&mut self, change: Change, state: &Arc<State>) -> Outcome {
        match change {
            Change::None => Outcome::Nothing,
            Change::Everything => self.full(state),
            Change::Documents(paths) => {
                let t = Instant::now();
                let mut n = 0;
                for p in &paths {
                    match self.fast(p, state) {
                        Some(id) => {
                            n += 1;
                            if let Some(v) = self.search_changes.as_mut() {
                                v.push(id);
                            }
                        }
                        None => return self.full(state),
                    }
                }
                Outcome::Fast(n, t.elapsed())
            }
        }
    }
}

fn report(outcome: &Outcome, state: &Arc<State>, session: &mut Session) {
    match outcome {
        Outcome::Nothing => {}
        Outcome::Fast(n, took) => {
            if let Ok(mut e) = state.errors.write() {
                *e = "[]".into();
            }
            state.broadcast("reload", "{}");
            eprintln!("updated {n} page(s) in {} ms", took.as_millis());
        }
        Outcome::Full(took) => {
            if let Ok(mut e) = state.errors.write() {
                *e = "[]".into();
            }
            state.broadcast("reload", "{}");
            eprintln!("rebuilt the site in {} ms", took.as_millis());
        }
        Outcome::Failed(problems) => {
            session.failing = true;
            let json = to_json(problems);
            if let Ok(mut e) = state.errors.write() {
                *e = json.clone();
            }
            state.broadcast("problems", &json);
            for p in problems {
                eprint!("{}", crate::diag::human(p));
            }
            eprintln!("build failed: the last good build is still served");
        }
    }
}

/// Turns off Nagle's algorithm on the listening socket; Linux hands it on to every accepted
/// connection. tiny_http writes the headers and the body separately, and without this each
/// answer on a kept-alive connection waited some 40 ms for the client's delayed ACK.
fn no_delay(listener: &std::net::TcpListener) {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let one: libc::c_int = 1;
        // SAFETY: a valid socket descriptor, a pointer to a live c_int and its size.
        unsafe {
            libc::setsockopt(
                listener.as_raw_fd(),
                libc::IPPROTO_TCP,
                libc::TCP_NODELAY,
                (&one as *const libc::c_int).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            );
        }
    }
}

/// Starts the preview and blocks until the process is stopped.
pub fn run(o: ServeOptions) -> Result<(), ServeError> {
    let opts = Options {
        drafts: o.drafts,
        ..Options::default()
    };
    let config = pipeline::config(&o.root, &opts).map_err(|d| ServeError::Config(d.sorted()))?;
    let serve_dir = o.root.join(".lape").join("serve");
    // Generations of earlier runs are of no use now.
    let _ = std::fs::remove_dir_all(&serve_dir);
    std::fs::create_dir_all(&serve_dir)
        .map_err(|e| ServeError::Other(format!("cannot create {}: {e}", serve_dir.display())))?;
    let listener = std::net::TcpListener::bind((o.bind.as_str(), o.port)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            ServeError::PortTaken(o.bind.clone(), o.port, o.port.saturating_add(1))
        } else {
            ServeError::Other(format!("cannot listen on {}:{}: {e}", o.bind, o.port))
        }
    })?;
    no_delay(&listener);
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| ServeError::Other(format!("cannot listen on {}:{}: {e}", o.bind, o.port)))?;
    let port = server.server_addr().to_ip().map_or(o.port, |a| a.port());
    let state = State::new(serve_dir.join("empty"));
    let mut session = Session {
        root: o.root.clone(),
        opts,
        serve_dir,
        generation: AtomicU64::new(0),
        good: None,
        config: config.clone(),
        failing: false,
        search_stale: false,
        search_changes: None,
        catchup: catchup::CatchUp::start(),
        previous: None,
    };
    let first = session.full(&state);
    report(&first, &state, &mut session);
    session.catch_up_search(&state);
    let server = Arc::new(server);
    {
        let (server, state) = (server.clone(), state.clone());
        std::thread::spawn(move || http::run(server, state, 4));
    }
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    // Reads are no change, and a stream of them (a reader, an indexer) must not look like
    // typing and hold back the search catch-up.
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if !matches!(&res, Ok(e) if matches!(e.kind, notify::EventKind::Access(_))) {
            let _ = tx.send(res);
        }
    })
    .map_err(|e| ServeError::Other(format!("cannot watch files: {e}")))?;
    use notify::Watcher;
    for (path, mode) in [
        (config.content_dir.clone(), notify::RecursiveMode::Recursive),
        (config.theme_dir.clone(), notify::RecursiveMode::Recursive),
        (o.root.clone(), notify::RecursiveMode::NonRecursive),
    ] {
        if path.exists() {
            watcher
                .watch(&path, mode)
                .map_err(|e| ServeError::Other(format!("cannot watch {}: {e}", path.display())))?;
        }
    }
    // Announced only once the watcher runs, so a save right after this line is seen.
    println!("serving http://{}:{port}/ (Ctrl-C stops)", o.bind);
    let content = config.content_dir.canonicalize().unwrap_or(config.content_dir.clone());
    let themes = config.theme_dir.canonicalize().unwrap_or(config.theme_dir.clone());
    let root = o.root.canonicalize().unwrap_or(o.root.clone());
    let mut pending: Vec<notify::Result<notify::Event>> = Vec::new();
    loop {
        let first = match pending.pop() {
            Some(e) => e,
            None => match rx.recv() {
                Ok(e) => e,
                Err(_) => return Ok(()),
            },
        };
        let mut events = vec![first];
        // A burst of saves (editors write, rename, touch) is one rebuild.
        while let Ok(e) = rx.recv_timeout(Duration::from_millis(60)) {
            events.push(e);
        }
        let mut paths = Vec::new();
        let mut structural = false;
        for e in events.into_iter().flatten() {
            use notify::EventKind;
            if matches!(
                e.kind,
                EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(notify::event::ModifyKind::Name(_))
            ) {
                structural = true;
            }
            if matches!(e.kind, EventKind::Access(_)) {
                continue;
            }
            paths.extend(e.paths);
        }
        let mut change = watch::classify(&root, &content, &themes, &paths, structural);
        // A file saved by renaming a temp file over it looks structural; if every path still
        // exists and is known, it is an edit.
        if let (Change::Everything, Some(good)) = (&change, &session.good) {
            let docs: Vec<PathBuf> = paths
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == "md") && p.exists())
                .filter_map(|p| p.strip_prefix(&root).ok().map(Path::to_path_buf))
                .collect();
            let all_known = !docs.is_empty()
                && docs.iter().all(|d| good.bank.find_path(d).is_some())
                && paths.iter().all(|p| {
                    p.exists()
                        || !p.starts_with(&content)
                        || crate::load::is_ignored_name(p.file_name().and_then(|n| n.to_str()).unwrap_or(""))
                })
                && !paths
                    .iter()
                    .any(|p| p.starts_with(&themes) || p.ends_with(crate::config::FILE_NAME));
            if all_known {
                change = Change::Documents(docs);
            }
        }
        let outcome = session.apply(change, &state);
        report(&outcome, &state, &mut session);
        if matches!(outcome, Outcome::Fast(..)) {
            session.search_stale = true;
        }
        // Catch up only when no further save is waiting: typing keeps the pages first.
        if rx
            .recv_timeout(Duration::from_millis(300))
            .map(|e| pending.push(e))
            .is_err()
        {
            session.catch_up_search(&state);
        }
    }
}
