//! Temporary folders named after the signpost process that made them and
//! locked while it runs, so that a later signpost can find and remove the
//! ones a killed signpost left behind (SIGKILL, as a CI job's time limit
//! does, or Ctrl-C in the middle of a build): the browser profiles of
//! printing and the documents of a search index.

use std::fs::File;
use std::path::{Path, PathBuf};

/// The file in an owned folder that its signpost keeps locked.
const LOCK_FILE: &str = "signpost-lock";

/// A folder in use, removed when dropped. Its lock file stays locked
/// while this lives, and the system lets go of the lock however signpost
/// ends: a process id can be reused, or belong to another container
/// sharing the temporary folder, but a held lock is proof that the folder
/// is in use.
pub(crate) struct OwnedFolder {
    /// The folder.
    pub path: PathBuf,
    /// The locked file, held open.
    _lock: File,
}

impl Drop for OwnedFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Makes a new folder in `parent`, named `PREFIX`, this process's id, `-`
/// and a random part, and locks it.
pub(crate) fn new_in(parent: &Path, prefix: &str) -> std::io::Result<OwnedFolder> {
    let path = tempfile::Builder::new()
        .prefix(&format!("{prefix}{}-", std::process::id()))
        .tempdir_in(parent)?
        .keep();
    match lock(&path) {
        Ok(lock) => Ok(OwnedFolder { path, _lock: lock }),
        Err(error) => {
            let _ = std::fs::remove_dir_all(&path);
            Err(error)
        }
    }
}

/// Creates and locks the lock file of a new folder.
fn lock(folder: &Path) -> std::io::Result<File> {
    let file = File::create(folder.join(LOCK_FILE))?;
    file.try_lock()?;
    Ok(file)
}

/// The folders in `parent` named with `prefix` whose signpost is no longer
/// running.
pub(crate) fn abandoned(parent: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| {
            let owner = entry
                .file_name()
                .to_str()
                .and_then(|name| owner_of(name, prefix));
            owner.is_some_and(|pid| is_abandoned(&entry.path(), pid))
        })
        .map(|entry| entry.path())
        .collect()
}

/// Whether a folder's signpost, process `owner`, has gone: no process has
/// that id, and the folder's lock (if it was made) is free.
fn is_abandoned(folder: &Path, owner: u32) -> bool {
    if is_running(owner) {
        return false;
    }
    match File::open(folder.join(LOCK_FILE)) {
        Ok(file) => file.try_lock().is_ok(),
        // A signpost killed before it made its lock file.
        Err(_) => true,
    }
}

/// The process id in a folder's name (`PREFIXPID-…`).
fn owner_of(name: &str, prefix: &str) -> Option<u32> {
    let (pid, _) = name.strip_prefix(prefix)?.split_once('-')?;
    pid.parse().ok()
}

/// Whether a process with this id is running.
#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only asks whether the process exists.
    let answer = unsafe { libc::kill(pid, 0) };
    answer == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Whether a process with this id is running: assumed so where it cannot
/// be asked, so that no folder in use is removed.
#[cfg(not(unix))]
fn is_running(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const PREFIX: &str = "signpost-test-";

    #[test]
    fn a_folder_is_named_after_its_signpost() {
        let temp = tempfile::tempdir().unwrap();
        let folder = new_in(temp.path(), PREFIX).unwrap();
        let name = folder.path.file_name().unwrap().to_str().unwrap();
        assert_eq!(owner_of(name, PREFIX), Some(std::process::id()), "{name}");
        assert_eq!(owner_of("signpost-test-x-1", PREFIX), None);
        assert_eq!(owner_of("other-123-abc", PREFIX), None);
    }

    #[cfg(unix)]
    #[test]
    fn only_the_folders_of_signposts_that_are_gone_are_abandoned() {
        let temp = tempfile::tempdir().unwrap();
        let mine = new_in(temp.path(), PREFIX).unwrap();
        // Process ids above the kernel's limit (4194304) are never used.
        let gone = temp.path().join(format!("{PREFIX}99999999-abc"));
        let gone_unlocked = temp.path().join(format!("{PREFIX}99999998-abc"));
        let unrelated = temp.path().join("signpost-other");
        let other_kind = temp.path().join("signpost-else-99999999-abc");
        for folder in [&gone, &gone_unlocked, &unrelated, &other_kind] {
            std::fs::create_dir(folder).unwrap();
        }
        std::fs::write(gone_unlocked.join(LOCK_FILE), "").unwrap();
        // A signpost in another container: its id is not seen here, but it
        // holds its lock.
        let elsewhere = temp.path().join(format!("{PREFIX}99999997-abc"));
        std::fs::create_dir(&elsewhere).unwrap();
        let _held = lock(&elsewhere).unwrap();
        let mut found = abandoned(temp.path(), PREFIX);
        found.sort();
        let mut expected = vec![gone, gone_unlocked];
        expected.sort();
        assert_eq!(found, expected);
        assert!(mine.path.is_dir());
        let path = mine.path.clone();
        drop(mine);
        assert!(!path.exists(), "a folder was kept once dropped");
    }
}
