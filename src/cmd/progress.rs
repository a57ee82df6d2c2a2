//! The build's progress bar: on a terminal only, and only once a run has lasted a second.

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use lape_kb::messages::Lang;
use lape_kb::progress::{Phase, Progress, Reporter};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a run goes unannounced: a quick build should print its one line and nothing else.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// A bar per phase on standard error, hidden until [`QUIET_FOR`] has passed.
struct Bars {
    multi: MultiProgress,
    bars: Mutex<Vec<(Phase, ProgressBar)>>,
    done: Arc<AtomicBool>,
    lang: Lang,
}

/// The reporter a command should use: bars when standard error is a terminal and the user
/// did not ask for quiet, otherwise silence (CI logs and pipes get plain lines only).
pub fn reporter(quiet: bool) -> Reporter {
    if quiet || !std::io::stderr().is_terminal() || std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return Reporter::default();
    }
    let multi = MultiProgress::with_draw_target(ProgressDrawTarget::hidden());
    let done = Arc::new(AtomicBool::new(false));
    {
        let (multi, done) = (multi.clone(), done.clone());
        // Detached: if the build ends first the thread wakes to find it done, or the process
        // has already exited with it.
        std::thread::spawn(move || {
            std::thread::sleep(QUIET_FOR);
            if !done.load(Ordering::Acquire) {
                multi.set_draw_target(ProgressDrawTarget::stderr());
            }
        });
    }
    Reporter(Arc::new(Bars {
        multi,
        bars: Mutex::new(Vec::new()),
        done,
        lang: super::lang(),
    }))
}

impl Bars {
    fn bar(&self, phase: Phase) -> Option<ProgressBar> {
        let bars = self.bars.lock().ok()?;
        bars.iter().find(|(p, _)| *p == phase).map(|(_, b)| b.clone())
    }
}

impl Progress for Bars {
    fn start(&self, phase: Phase, steps: Option<u64>) {
        let name = phase.word().render(self.lang);
        let bar = match steps {
            Some(n) => {
                let style = ProgressStyle::with_template("{prefix:<28} [{bar:30}] {pos}/{len} {elapsed}")
                    .map(|s| s.progress_chars("=> "));
                let bar = ProgressBar::new(n);
                if let Ok(style) = style {
                    bar.set_style(style);
                }
                bar
            }
            None => {
                let bar = ProgressBar::new_spinner();
                if let Ok(style) = ProgressStyle::with_template("{prefix:<28} {spinner} {elapsed}") {
                    bar.set_style(style);
                }
                bar.enable_steady_tick(Duration::from_millis(120));
                bar
            }
        };
        bar.set_prefix(name);
        let bar = self.multi.add(bar);
        if let Ok(mut bars) = self.bars.lock() {
            bars.retain(|(p, _)| *p != phase);
            bars.push((phase, bar));
        }
    }

    fn advance(&self, phase: Phase, steps: u64) {
        if let Some(bar) = self.bar(phase) {
            bar.inc(steps);
        }
    }

    fn finish(&self, phase: Phase) {
        if let Some(bar) = self.bar(phase) {
            bar.finish_and_clear();
            self.multi.remove(&bar);
        }
        if phase == Phase::Commit {
            self.done.store(true, Ordering::Release);
        }
    }
}

impl Drop for Bars {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Release);
        let _ = self.multi.clear();
    }
}
