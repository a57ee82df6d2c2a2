//! How far a long run has come, for a front end that wants to show it.
//!
//! The library only reports phases and steps; whether that becomes a bar on a terminal or
//! nothing at all is the caller's business (see `lape build`), so CI logs and pipes stay plain.

use crate::messages::Word;
use std::fmt;
use std::sync::Arc;

/// A phase of a build, in the order they start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading and parsing the content files.
    Read,
    /// Resolving references, links and related documents.
    Graph,
    /// Rendering and writing pages.
    Render,
    /// Writing the search indexes (alongside rendering).
    Search,
    /// Swapping the finished site into place.
    Commit,
    /// Importing files (`lape import`).
    Import,
}

impl Phase {
    /// The catalogue word naming the phase.
    pub fn word(self) -> Word {
        match self {
            Phase::Read => Word("progress-read"),
            Phase::Graph => Word("progress-graph"),
            Phase::Render => Word("progress-render"),
            Phase::Search => Word("progress-search"),
            Phase::Commit => Word("progress-commit"),
            Phase::Import => Word("progress-import"),
        }
    }
}

/// Receives a run's progress; called from worker threads.
pub trait Progress: Send + Sync {
    /// A phase begins, with its number of steps when known.
    fn start(&self, phase: Phase, steps: Option<u64>);
    /// Steps of `phase` are done.
    fn advance(&self, phase: Phase, steps: u64);
    /// `phase` is over.
    fn finish(&self, phase: Phase);
}

/// Shows nothing.
#[derive(Debug, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: Phase, _: Option<u64>) {}
    fn advance(&self, _: Phase, _: u64) {}
    fn finish(&self, _: Phase) {}
}

/// A shared [`Progress`] that options can carry (silent by default).
#[derive(Clone)]
pub struct Reporter(pub Arc<dyn Progress>);

impl Default for Reporter {
    fn default() -> Self {
        Reporter(Arc::new(Silent))
    }
}

impl fmt::Debug for Reporter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Reporter")
    }
}

impl std::ops::Deref for Reporter {
    type Target = dyn Progress;
    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}
