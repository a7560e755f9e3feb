//! What the tests share, one job to a module.

pub mod browser;
pub mod diagnostics;
pub mod html;
pub mod http;
pub mod server;
pub mod site;
pub mod tree;

pub use site::{Run, TestSite};
