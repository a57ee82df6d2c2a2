//! `lape serve`: watch the files, rebuild through the pipeline's session, serve on loopback,
//! reload open pages.
//!
//! One [`Session`] owns the build; this module only turns file events into its rebuilds, serves
//! the folder it writes into and tells open pages what happened. The session renders only what
//! an edit changed, the pages a reader has open first; a failed rebuild writes nothing and its
//! problems show over every open page while the last good pages stay served. The search index
//! and bundle catch up in the background after the pages.

pub mod catchup;
pub mod http;
pub mod versions;
pub mod watch;

use crate::diag::Diagnostic;
use crate::pipeline::session::{Changes, Rebuilt, Session};
use crate::pipeline::{self, Options};
use http::State;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the preview has to tell its user; `cmd` decides how it is printed.
#[derive(Debug)]
pub enum Event {
    /// The server listens and the watcher runs: a save from now on is seen.
    Listening {
        /// The preview's address.
        url: String,
    },
    /// A rebuild wrote pages or removed files.
    Rebuilt {
        /// Every unit was rendered.
        everything: bool,
        /// HTML pages of the whole site.
        pages: usize,
        /// Units rendered.
        units: usize,
        /// Files removed.
        removed: usize,
        /// How long the rebuild took.
        took: Duration,
    },
    /// A rebuild failed; the last good pages stay served.
    Failed(Vec<Diagnostic>),
    /// The search indexes caught up with the pages.
    SearchCaughtUp(Duration),
    /// The search indexes could not be updated.
    SearchNotUpdated(String),
    /// A step of a rebuild, when `LAPE_TRACE` asks for them (for benchmarks).
    Trace(String),
}

/// Where the preview's events go.
pub type Reporter = Arc<dyn Fn(Event) + Send + Sync>;

/// What `lape serve` was asked for.
#[derive(Clone)]
pub struct ServeOptions {
    /// Site root.
    pub root: PathBuf,
    /// Address to listen on.
    pub bind: String,
    /// Port.
    pub port: u16,
    /// Publish drafts in the preview.
    pub drafts: bool,
    /// Receives what the preview has to tell.
    pub report: Reporter,
    /// Language of the problems shown over the page.
    pub lang: crate::messages::Lang,
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

/// The preview's side of a session: the folder it serves and what search still owes.
struct Preview {
    /// Language of the problems shown over the page.
    lang: crate::messages::Lang,
    session: Session,
    sink: Arc<versions::Versions>,
    catchup: catchup::CatchUp,
    /// Search must catch up with the pages.
    search_stale: bool,
    /// Documents changed since search last caught up; `None` when it must be written whole.
    search_changes: Option<Vec<crate::model::DocId>>,
    report: Reporter,
}

fn to_json(problems: &[Diagnostic], lang: crate::messages::Lang) -> String {
    let shown: Vec<Diagnostic> = problems.iter().map(|d| d.in_lang(lang)).collect();
    serde_json::to_string(&shown).unwrap_or_else(|_| "[]".into())
}

/// The preview's script with the overlay's words in `lang`.
fn live_js(lang: crate::messages::Lang) -> String {
    let words = serde_json::json!({
        "one": crate::text!("overlay-heading-one").render(lang),
        "other": crate::text!("overlay-heading-other").render(lang),
        "hint": crate::text!("overlay-hint").render(lang),
    });
    http::LIVE_JS.replace("__LAPE_WORDS__", &words.to_string())
}

impl Preview {
    /// One rebuild: the open pages are written and reloaded first, the rest follows.
    fn rebuild(&mut self, changes: &Changes, state: &Arc<State>) {
        let t = Instant::now();
        let open = state.open_pages();
        let mut reloaded = false;
        let mut first_done = || {
            clear_problems(state);
            state.broadcast("reload", "{}");
            reloaded = true;
        };
        self.sink.begin();
        let result = self
            .session
            .rebuild(changes, &*self.sink, false, &open, &mut first_done);
        match result {
            Ok(mut r) => {
                self.note_search(&r);
                if r.units > 0 || r.removed > 0 || !reloaded {
                    clear_problems(state);
                    state.broadcast("reload", "{}");
                }
                for line in r.trace.drain(..) {
                    (self.report)(Event::Trace(line));
                }
                if r.units > 0 || r.removed > 0 {
                    (self.report)(Event::Rebuilt {
                        everything: r.everything,
                        pages: r.pages,
                        units: r.units,
                        removed: r.removed,
                        took: t.elapsed(),
                    });
                }
            }
            Err(d) => {
                let problems: Vec<Diagnostic> = d
                    .sorted()
                    .into_iter()
                    .filter(|d| d.severity == crate::diag::Severity::Error)
                    .collect();
                let json = to_json(&problems, self.lang);
                if let Ok(mut e) = state.errors.write() {
                    *e = json.clone();
                }
                state.broadcast("problems", &json);
                (self.report)(Event::Failed(problems));
            }
        }
    }

    fn note_search(&mut self, r: &Rebuilt) {
        if r.changed_documents == 0 && !r.everything {
            return;
        }
        self.search_stale = true;
        self.search_changes = match (self.search_changes.take(), &r.changed_ids) {
            (Some(mut a), Some(b)) if !r.everything => {
                a.extend(b);
                a.sort();
                a.dedup();
                Some(a)
            }
            _ => None,
        };
    }

    /// Hands both search indexes to the catch-up thread: called once the pages are served.
    fn catch_up_search(&mut self) {
        if !self.search_stale {
            return;
        }
        let (Some(bank), Some(config), Some(theme)) =
            (self.session.bank(), self.session.config(), self.session.theme())
        else {
            return;
        };
        if !config.search_enabled {
            return;
        }
        self.catchup.submit(catchup::Job {
            bank: bank.clone(),
            config: config.clone(),
            ui: theme.ui.clone(),
            dir: self.sink.dir().to_path_buf(),
            changed: self.search_changes.replace(Vec::new()),
        });
        self.search_stale = false;
    }
}

fn clear_problems(state: &State) {
    if let Ok(mut e) = state.errors.write() {
        *e = "[]".into();
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
    // One folder, written in place by the session: only what changed is rewritten.
    let dir = serve_dir.join(format!("site-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| ServeError::Other(format!("cannot create {}: {e}", dir.display())))?;
    let versions = Arc::new(versions::Versions::new(
        dir,
        serve_dir.join(format!("shadows-{}", std::process::id())),
    ));
    let state = State::new(versions.clone(), config.base_path.clone(), live_js(o.lang));
    let mut preview = Preview {
        lang: o.lang,
        session: Session::new(&o.root, &opts),
        sink: versions,
        catchup: catchup::CatchUp::start(o.report.clone()),
        search_stale: false,
        search_changes: None,
        report: o.report.clone(),
    };
    preview.rebuild(&Changes::default(), &state);
    preview.catch_up_search();
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
    (o.report)(Event::Listening {
        url: format!("http://{}:{port}{}", o.bind, config.base_path),
    });
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
        // A burst of saves (an editor writes, renames and touches within a few milliseconds)
        // is one rebuild. A longer burst (a git checkout) may take two; each is right.
        while let Ok(e) = rx.recv_timeout(Duration::from_millis(15)) {
            events.push(e);
        }
        // A lost event (the watcher's queue overflowed) means the paths are not all there is.
        let complete = events.iter().all(|e| e.as_ref().is_ok_and(|e| !e.need_rescan()));
        let paths: Vec<PathBuf> = events.into_iter().flatten().flat_map(|e| e.paths).collect();
        let paths = watch::relevant(&root, &content, &themes, &paths);
        if paths.is_empty() && complete {
            continue;
        }
        preview.rebuild(&Changes { paths, complete }, &state);
        // Catch up only when no further save is waiting: typing keeps the pages first.
        if rx
            .recv_timeout(Duration::from_millis(300))
            .map(|e| pending.push(e))
            .is_err()
        {
            preview.catch_up_search();
        }
    }
}
