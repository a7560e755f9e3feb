//! Keeping the last build's search indexes whose pages have not changed:
//! making an index takes much longer than building its pages, so each
//! index is recorded with a digest of what it was made from
//! (`_signpost/search.json` in the output), and one whose digest is the
//! same is copied from the last output instead of being made again.

use super::Collection;
use crate::output::Output;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// Where the record of the indexes is kept in the output.
pub(crate) const RECORD: &str = "_signpost/search.json";

/// The digest of what a collection's index is made from: its language and
/// each page's address and document, and the version of the library that
/// makes it.
pub(crate) fn digest(collection: &Collection) -> String {
    let mut hasher = Sha256::new();
    hasher.update(env!("CARGO_PKG_VERSION"));
    hasher.update([0]);
    hasher.update(&collection.language);
    for page in &collection.documents {
        hasher.update([0]);
        hasher.update(&page.url);
        hasher.update([0]);
        hasher.update(&page.html);
    }
    crate::util::hex::hex(&hasher.finalize())
}

/// The digest of each index the output in `previous` holds, by its folder.
pub(crate) fn recorded(previous: &Path) -> BTreeMap<String, String> {
    std::fs::read(previous.join(RECORD))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// The files of the index in `folder` (an output path ending in `/`) of the
/// output in `previous`, to copy, by output path; `None` if there are none.
pub(crate) fn kept(previous: &Path, folder: &str) -> Option<BTreeMap<String, Output>> {
    let root = previous.join(folder);
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&root).follow_links(false) {
        let entry = entry.ok()?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = crate::util::path::slashed(entry.path().strip_prefix(&root).ok()?);
        files.insert(
            format!("{folder}{rel}"),
            Output::Copy(entry.path().to_path_buf()),
        );
    }
    (!files.is_empty()).then_some(files)
}
