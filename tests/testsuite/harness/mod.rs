//! What the test modules share, one job to a file: a site in a temporary
//! folder and the runs of `signpost` on it (`site`), the diagnostics it
//! prints (`diagnostics`), reading its pages (`html`), a running `signpost
//! serve` and a client for it (`server`, `http`), the browser the PDF and
//! accessibility tests need (`browser`), the accessibility checkers
//! (`a11y`), and snapshots of folders that a
//! failed run must leave alone (`tree`).

pub(crate) mod a11y;
pub(crate) mod browser;
pub(crate) mod diagnostics;
pub(crate) mod html;
pub(crate) mod http;
pub(crate) mod server;
pub(crate) mod site;
pub(crate) mod tree;

pub(crate) use site::{Run, TestSite};
