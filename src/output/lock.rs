//! One build at a time into an output folder: a build holds a lock file
//! for as long as it runs, and one that finds it held waits its turn.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// The lock on one output folder, held until dropped; the lock file is
/// removed then, so that it is not left in the user's folder.
#[derive(Debug)]
pub(super) struct BuildLock {
    /// The open lock file, locked.
    file: File,
    /// Where it is.
    path: PathBuf,
}

impl BuildLock {
    /// Locks `path` (making the file), waiting while another build holds
    /// it; `out` names the output folder in the message shown meanwhile.
    pub(super) fn take(path: &Path, out: &Path) -> io::Result<BuildLock> {
        loop {
            // Made on every try: a failed build that made the folder
            // removes it again when it finishes, if it is empty.
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder)?;
            }
            let opened = OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .open(path);
            let file = match opened {
                Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
                opened => opened?,
            };
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    eprintln!("Waiting for another build into {} to finish", out.display());
                    file.lock()?;
                }
                Err(TryLockError::Error(error)) => return Err(error),
            }
            // The build we waited for removed the file as it finished, and
            // a third may have made and locked a new one: the lock only
            // counts if it is on the file now at `path`.
            if is_file_at(&file, path) {
                return Ok(BuildLock {
                    file,
                    path: path.to_path_buf(),
                });
            }
        }
    }
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        // Removed while still locked, so that a build waiting on this file
        // finds it gone once unlocked, and makes a new one.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether `file` is the file now at `path`.
fn is_file_at(file: &File, path: &Path) -> bool {
    let open = file.try_clone().and_then(same_file::Handle::from_file);
    let there = same_file::Handle::from_path(path);
    matches!((open, there), (Ok(open), Ok(there)) if open == there)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_for_the_first_and_the_file_goes_with_the_last() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".public.signpost-lock");
        let first = BuildLock::take(&path, Path::new("public")).unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        let waiting_path = path.clone();
        let waiter = std::thread::spawn(move || {
            let second = BuildLock::take(&waiting_path, Path::new("public")).unwrap();
            sender.send(()).unwrap();
            drop(second);
        });
        let early = receiver.recv_timeout(std::time::Duration::from_millis(300));
        assert!(
            early.is_err(),
            "the second lock was taken while the first was held"
        );
        drop(first);
        receiver
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the second lock is taken once the first is dropped");
        waiter.join().unwrap();
        assert!(!path.exists(), "the lock file is removed");
    }
}
