//! One integration-test binary (fast to link on two cores): each module builds real sites with
//! the real `lape` binary and asserts on what it prints and writes.

mod support;

mod build;
mod check;
mod crash;
mod crosslinks;
mod editors;
mod golden;
mod hardening;
mod hostile;
mod import;
mod incremental;
mod open_data;
mod readers;
mod search;
mod serve;
