//! A collection's documents written out as files, for Pagefind to read.
//!
//! Pagefind's library reads the documents it is handed one at a time, on
//! one core, but reads a folder of files on every core; reading is most of
//! the time an index takes, so each collection's documents are written to
//! a folder of their own in the system's temporary folder, each at its
//! address (`/guide/prepare/` is `guide/prepare/index.html`), which is
//! how Pagefind gives it back. The folder is in memory where it can be,
//! as writing ten thousand small files to a disk can take a second, and
//! is removed when dropped; one left by a signpost that was killed while
//! indexing is removed by the next that indexes.

use super::Document;
use crate::util::owned::{self, OwnedFolder};
use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};

/// How a documents folder's name starts; the owning signpost's process id
/// and a random part follow.
const PREFIX: &str = "signpost-search-";

/// Writes `documents` into a new temporary folder and gives it (removed
/// when dropped), or why it could not be written. The folder is in memory (`/dev/shm`) if there is
/// one, `TMPDIR` is not set and the documents fit (a container's may be
/// small); else in the system's temporary folder.
pub(crate) fn write(documents: &[Document]) -> Result<OwnedFolder, String> {
    let memory = Path::new("/dev/shm");
    if std::env::var_os("TMPDIR").is_none() && memory.is_dir() {
        if let Ok(folder) = write_in(memory, documents) {
            return Ok(folder);
        }
    }
    write_in(&std::env::temp_dir(), documents)
}

/// Writes `documents` into a new folder in `parent`, after removing the
/// folders there of signposts that are no longer running.
fn write_in(parent: &Path, documents: &[Document]) -> Result<OwnedFolder, String> {
    for left in owned::abandoned(parent, PREFIX) {
        let _ = std::fs::remove_dir_all(left);
    }
    let folder = owned::new_in(parent, PREFIX).map_err(|error| {
        format!("could not make a folder for the search index's pages: {error}")
    })?;
    documents.par_iter().try_for_each(|document| {
        let path = file_for(&folder.path, &document.url)
            .ok_or_else(|| format!("a page's address cannot be searched: {}", document.url))?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| format!("could not write {}: {error}", parent.display()))?;
        }
        std::fs::write(&path, &document.html)
            .map_err(|error| format!("could not write {}: {error}", path.display()))
    })?;
    Ok(folder)
}

/// The file in `folder` for the document at `url` (from its audience's
/// home, with a leading `/`): its folder's `index.html`. `None` for an
/// address that would leave `folder`.
fn file_for(folder: &Path, url: &str) -> Option<PathBuf> {
    let relative = Path::new(url.trim_start_matches('/'));
    let stays_inside = relative
        .components()
        .all(|part| matches!(part, Component::Normal(_)));
    stays_inside.then(|| folder.join(relative).join("index.html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_the_index_file_of_its_address() {
        let folder = Path::new("/tmp/x");
        assert_eq!(
            file_for(folder, "/guide/prepare/"),
            Some(PathBuf::from("/tmp/x/guide/prepare/index.html"))
        );
        assert_eq!(
            file_for(folder, "/"),
            Some(PathBuf::from("/tmp/x/index.html"))
        );
    }

    #[test]
    fn an_address_that_climbs_out_has_no_file() {
        let folder = Path::new("/tmp/x");
        assert_eq!(file_for(folder, "/guide/../../etc/"), None);
        assert_eq!(
            file_for(folder, "//etc/"),
            Some(PathBuf::from("/tmp/x/etc/index.html"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_is_removed_when_done_with_and_one_a_killed_signpost_left_by_the_next() {
        let parent = tempfile::tempdir().unwrap();
        // Process ids above the kernel's limit (4194304) are never used.
        let left = parent.path().join(format!("{PREFIX}99999999-abc"));
        std::fs::create_dir_all(left.join("guide")).unwrap();
        let home = Document {
            url: "/".into(),
            html: "<html>home</html>".into(),
        };
        let written = write_in(parent.path(), &[home]).unwrap();
        assert!(!left.exists(), "the folder a killed signpost left was kept");
        let path = written.path.clone();
        assert!(path.join("index.html").is_file());
        drop(written);
        assert!(!path.exists(), "the folder was kept once done with");
    }

    #[test]
    fn every_document_is_written_at_its_address() {
        let documents = vec![
            Document {
                url: "/".into(),
                html: "<html>home</html>".into(),
            },
            Document {
                url: "/guide/prepare/".into(),
                html: "<html>prepare</html>".into(),
            },
        ];
        let folder = write(&documents).unwrap();
        let read = |path: &str| std::fs::read_to_string(folder.path.join(path)).unwrap();
        assert_eq!(read("index.html"), "<html>home</html>");
        assert_eq!(read("guide/prepare/index.html"), "<html>prepare</html>");
    }
}
