//! The preview's search catch-up: one background thread rebuilds both search indexes of the
//! newest build, so a saved page is never waiting behind search.
//!
//! Jobs are coalesced: while one runs, later ones replace each other in a single slot, and only
//! the newest is done next. The work runs on its own one-thread rayon pool so it never takes
//! the global pool the page renderer uses.

use crate::config::Config;
use crate::graph::Bank;
use crate::output::DirSink;
use crate::search::browser::DIR;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

/// One catch-up: the bank as it was when the pages were served, and the generation folder
/// whose browser index it replaces.
pub struct Job {
    /// A snapshot of the bank.
    pub bank: Bank,
    /// The configuration of that build.
    pub config: Config,
    /// The theme's interface strings by language (names of kinds in the filters).
    pub ui: std::collections::BTreeMap<String, toml::Table>,
    /// The generation folder being served.
    pub dir: PathBuf,
    /// The documents changed since the last job, when only they changed (else everything is
    /// indexed again).
    pub changed: Option<Vec<crate::model::DocId>>,
}

#[derive(Default)]
struct Slot {
    next: Option<Job>,
    busy: bool,
    done: u64,
}

/// Handle to the catch-up thread.
#[derive(Clone)]
pub struct CatchUp {
    shared: Arc<(Mutex<Slot>, Condvar)>,
    report: super::Reporter,
    /// Held while a browser index folder is swapped or copied, so a copy never sees half a swap.
    pub swap_lock: Arc<Mutex<()>>,
}

impl CatchUp {
    /// Starts the thread.
    pub fn start(report: super::Reporter) -> CatchUp {
        let me = CatchUp {
            shared: Arc::new((Mutex::new(Slot::default()), Condvar::new())),
            report,
            swap_lock: Arc::new(Mutex::new(())),
        };
        let worker = me.clone();
        std::thread::spawn(move || worker.run());
        me
    }

    /// Queues `job`, replacing any job that has not started yet (and taking over the documents
    /// that one was to update).
    pub fn submit(&self, mut job: Job) {
        let (lock, cv) = &*self.shared;
        if let Ok(mut slot) = lock.lock() {
            if let Some(old) = slot.next.take() {
                job.changed = match (old.changed, job.changed.take()) {
                    (Some(mut a), Some(b)) if old.dir == job.dir => {
                        a.extend(b);
                        a.sort();
                        a.dedup();
                        Some(a)
                    }
                    _ => None,
                };
            }
            slot.next = Some(job);
            cv.notify_all();
        }
    }

    /// Whether a job is queued or running.
    pub fn busy(&self) -> bool {
        let (lock, _) = &*self.shared;
        lock.lock().map(|s| s.busy || s.next.is_some()).unwrap_or(false)
    }

    /// How many jobs have finished.
    pub fn done(&self) -> u64 {
        let (lock, _) = &*self.shared;
        lock.lock().map(|s| s.done).unwrap_or(0)
    }

    fn run(self) {
        // Before any thread is made: the pool's and tantivy's writer threads inherit it.
        lower_priority();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .thread_name(|_| "lape-search".into())
            .build();
        let (lock, cv) = &*self.shared;
        // The search state of the last full catch-up, and the generation it was written into.
        let mut state: Option<(crate::search::live::SearchState, PathBuf)> = None;
        loop {
            let job = {
                let Ok(mut slot) = lock.lock() else { return };
                loop {
                    if let Some(job) = slot.next.take() {
                        slot.busy = true;
                        break job;
                    }
                    slot = match cv.wait(slot) {
                        Ok(s) => s,
                        Err(_) => return,
                    };
                }
            };
            let t = Instant::now();
            // A panic inside a dependency must not end the preview's search for good.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match &pool {
                Ok(pool) => pool.install(|| self.one(&job, &mut state)),
                Err(_) => self.one(&job, &mut state),
            }))
            .unwrap_or_else(|_| {
                state = None;
                Err("the search indexer failed; it will try again on the next save".into())
            });
            match result {
                Ok(()) => (self.report)(super::Event::SearchCaughtUp(t.elapsed())),
                // A newer build replaced the folder while this one ran; its own job follows.
                Err(_) if !job.dir.exists() => {}
                Err(e) => (self.report)(super::Event::SearchNotUpdated(e)),
            }
            if let Ok(mut slot) = lock.lock() {
                slot.busy = false;
                slot.done += 1;
                cv.notify_all();
            }
        }
    }

    /// Updates both indexes for the changed documents when it can; else writes them whole.
    fn one(&self, job: &Job, state: &mut Option<(crate::search::live::SearchState, PathBuf)>) -> Result<(), String> {
        if let (Some(changed), Some((s, dir))) = (&job.changed, state.as_mut())
            && *dir == job.dir
        {
            let sink = DirSink { dir: job.dir.clone() };
            match s.update(&job.bank, changed, &job.config.search_index_dir, &sink) {
                Ok(()) => return Ok(()),
                Err(crate::search::live::UpdateError::NewDocument) => {}
                Err(crate::search::live::UpdateError::Io(e)) => {
                    *state = None;
                    return Err(e);
                }
            }
        }
        *state = None;
        let written = self.full(job)?;
        *state = Some((written, job.dir.clone()));
        Ok(())
    }

    /// Writes the browser index into a fresh folder beside the served one, then swaps it in
    /// whole: a page never loads half of one index and half of another.
    fn full(&self, job: &Job) -> Result<crate::search::live::SearchState, String> {
        let next = job.dir.join(format!("{DIR}.next-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&next);
        std::fs::create_dir_all(&next).map_err(|e| e.to_string())?;
        let staged = DirSink { dir: next.clone() };
        let result = crate::search::write(
            &job.bank,
            &job.config.search_index_dir,
            &job.ui,
            &job.config.ui_languages,
            &staged,
        );
        let swapped = result.and_then(|written| {
            written
                .staging
                .commit()
                .map_err(|e| format!("cannot move the search index into place: {e}"))?;
            let state = written.state;
            let _guard = self.swap_lock.lock().map_err(|e| e.to_string())?;
            let live = job.dir.join(DIR);
            let old = job.dir.join(format!("{DIR}.old-{}", std::process::id()));
            if live.exists() {
                std::fs::rename(&live, &old).map_err(|e| e.to_string())?;
            }
            std::fs::rename(next.join(DIR), &live).map_err(|e| e.to_string())?;
            let _ = std::fs::remove_dir_all(&old);
            Ok(state)
        });
        let _ = std::fs::remove_dir_all(&next);
        swapped
    }
}

/// Gives the calling thread the lowest CPU priority, so on a small machine the pages of the next
/// save are rendered first and search takes what is left.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its integer arguments; on Linux, PRIO_PROCESS with a thread
    // id sets that one thread's nice value, and failing leaves it unchanged.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 19);
    }
}
