//! signpost turns a folder of Markdown with YAML front-matter into a website
//! for each audience of a programme pack: professionals, carers and
//! families, and people who read easy read.
//!
//! The build goes one way, stage by stage; the `build` module lists the
//! stages in order and says which module does each. [`mod@check`] and
//! [`serve`] reuse them. Every problem on the way is a
//! [`diagnostic::Diagnostic`].

mod build;
pub mod check;
mod config;
mod content;
pub mod diagnostic;
pub mod init;
mod markdown;
mod output;
mod pdf;
mod phrases;
mod render;
pub mod schema;
mod search;
pub mod serve;
mod source;
mod url;
mod util;
mod yaml;

pub use build::{build, check, BuildOptions, BuildReport};
