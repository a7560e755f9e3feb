//! The site's own files, read safely: walking a folder without ever
//! leaving the site (`walk`), and reading a file as UTF-8 text (`text`).
//! Below every stage, so that site.yaml, the pages and the themes are all
//! read the same way.

pub(crate) mod text;
pub(crate) mod walk;
