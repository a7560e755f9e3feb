//! Snapshots of folder trees, for the tests that check a refused or failed
//! run changed nothing: taken before and after, they must be equal.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One entry of a folder tree, as it is on disk.
#[derive(Debug, PartialEq)]
pub(crate) enum Entry {
    /// A folder (its entries are listed on their own).
    Folder,
    /// A file, with its bytes.
    File(Vec<u8>),
    /// A symbolic link, with where it leads (not followed).
    Link(PathBuf),
}

/// Every entry under `dir` and `dir` itself (links not followed), by path
/// from `dir`.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| {
            let entry = entry.unwrap();
            let path = entry.path().strip_prefix(dir).unwrap().to_path_buf();
            let kind = entry.file_type();
            let found = if kind.is_symlink() {
                Entry::Link(std::fs::read_link(entry.path()).unwrap())
            } else if kind.is_dir() {
                Entry::Folder
            } else {
                Entry::File(std::fs::read(entry.path()).unwrap())
            };
            (path, found)
        })
        .collect()
}

/// Every file under `dir`, with its bytes, by path from `dir`.
pub(crate) fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let path = entry.path().strip_prefix(dir).unwrap();
            (path.to_path_buf(), std::fs::read(entry.path()).unwrap())
        })
        .collect()
}
