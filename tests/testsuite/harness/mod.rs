//! What the tests share.

mod site;

pub use site::{decode, text_of, Run, TestSite};
