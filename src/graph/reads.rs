//! What a piece of rendering read from the bank, so an incremental rebuild knows which outputs
//! an edit can change.
//!
//! Rendering code reaches the bank only through [`Bank`](super::Bank)'s accessors; while a
//! [`record`] scope is open on a thread, each accessor notes what it handed out. A page renders
//! on one thread from start to end, so a thread-local recorder sees all of its reads.

use crate::model::{DocId, Kind};
use std::cell::RefCell;
use std::collections::BTreeSet;

/// What of a document a page can read; each has its own fingerprint, so a page is made again
/// only when what it showed changed (a region's mentions change whenever a document names it,
/// while the pages showing only its name stay as they are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Aspect {
    /// Front matter, title, headings and URL.
    Facts = 0,
    /// Resolved references: regions, themes, pilots, parent, municipalities.
    Refs = 1,
    /// The documents that name it or link to it.
    Mentions = 2,
    /// Its related documents.
    Related = 3,
    /// Its text and what its links became.
    Body = 4,
}

/// How many [`Aspect`]s there are.
pub const ASPECTS: usize = 5;

/// Everything one scope read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    /// Documents read, by [`Aspect`] (indexed by `Aspect as usize`).
    pub docs: [BTreeSet<DocId>; ASPECTS],
    /// Kinds whose list of members (which documents, in which order) was read.
    pub kinds: BTreeSet<Kind>,
    /// Whether the list of all documents was read.
    pub all: bool,
    /// Whether the municipality index was read.
    pub municipalities: bool,
    /// Templates rendered (by name; their parents and includes are the theme's business).
    pub templates: BTreeSet<String>,
}

impl Reads {
    /// Adds what `other` read.
    pub fn merge(&mut self, other: &Reads) {
        for (a, b) in self.docs.iter_mut().zip(&other.docs) {
            a.extend(b);
        }
        self.kinds.extend(&other.kinds);
        self.all |= other.all;
        self.municipalities |= other.municipalities;
        self.templates.extend(other.templates.iter().cloned());
    }
}

/// Notes that `aspect` of document `id` was read, in the open scope if any.
pub(crate) fn note_doc(id: DocId, aspect: Aspect) {
    note(|r| {
        r.docs[aspect as usize].insert(id);
    });
}

/// A fingerprint of a value, for comparing what a rebuild reads with what the last one read
/// (within one process: `DefaultHasher` may change between Rust versions).
pub fn fingerprint(v: impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

thread_local! {
    static CURRENT: RefCell<Option<Reads>> = const { RefCell::new(None) };
}

/// Runs `f`, returning what it read. Scopes nest: an inner scope's reads are its own.
pub fn record<R>(f: impl FnOnce() -> R) -> (R, Reads) {
    let outer = CURRENT.with(|c| c.replace(Some(Reads::default())));
    let r = f();
    let reads = CURRENT.with(|c| c.replace(outer)).unwrap_or_default();
    (r, reads)
}

/// Notes a read in the open scope, if any.
pub(crate) fn note(f: impl FnOnce(&mut Reads)) {
    CURRENT.with(|c| {
        if let Some(r) = c.borrow_mut().as_mut() {
            f(r);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_keep_their_own_reads() {
        let ((), outer) = record(|| {
            note(|r| r.all = true);
            let ((), inner) = record(|| note(|r| r.municipalities = true));
            assert!(inner.municipalities && !inner.all);
        });
        assert!(outer.all && !outer.municipalities);
        // Outside any scope nothing is kept (and nothing fails).
        note(|r| r.all = true);
    }
}
