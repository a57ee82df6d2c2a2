//! lape-kb: the static site generator behind the LAPE knowledge bank.
//!
//! Data flows one way: [`load`] reads `content/`, [`parse`] turns each file into a
//! [`model::Document`], [`graph`] resolves every reference between documents, [`render`]
//! turns the resolved bank into HTML and [`output`] swaps the finished site into place.
//! [`pipeline`] is the one module that knows that order.
#![warn(missing_docs)]
// Diagnostics are the error type of the front end: produced rarely, and boxing them everywhere
// would only add noise to every signature.
#![allow(clippy::result_large_err)]

pub mod collate;
pub mod config;
pub mod diag;
pub mod export;
pub mod gitdates;
pub mod graph;
pub mod highlight;
pub mod html;
pub mod import;
pub mod load;
pub mod messages;
pub mod model;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod slug;
pub mod urls;
