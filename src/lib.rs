//! signpost turns a folder of Markdown with YAML front-matter into a website
//! for each audience of a programme pack: professionals, carers and
//! families, and people who read easy read.
//!
//! The build goes one way, stage by stage; [`mod@build`] lists the stages in
//! order and says which module does each. [`mod@check`] and [`serve`] reuse
//! them. Every problem on the way is a [`diagnostic::Diagnostic`].

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod markdown;
pub mod output;
pub mod pdf;
pub mod render;
pub mod serve;
pub mod url;
pub mod util;
mod yaml;

pub use build::{build, check, BuildOptions, BuildReport};
