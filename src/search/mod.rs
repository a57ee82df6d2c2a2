//! Search: a tantivy index of every published document with Finnish analysis, written by each
//! build, queried by `lape search`; and the static bundle the browser searches.

mod bundle;
pub mod finnish;
mod index;
mod query;

pub use bundle::{BundleFile, build_bundle, extra_words};
pub use index::{IndexStats, write_index, write_index_staged};
pub use query::{Hit, SearchError, SearchRequest, search};

/// Name of the tokenizer registered on the index.
pub const TOKENIZER: &str = "lape_fi";
