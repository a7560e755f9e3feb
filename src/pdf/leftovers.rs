//! Browser profile folders named after the signpost that made them, and
//! the clean-up of those a killed signpost left behind. A signpost killed
//! outright (SIGKILL, as a CI job's time limit does) cannot end its browser
//! or remove its folder; the next build does both.

use std::fs::File;
use std::path::{Path, PathBuf};

/// How a profile folder's name starts; the owning signpost's process id
/// and a random part follow.
const PREFIX: &str = "signpost-chromium-";

/// The file in a profile folder that records the browser's process group.
const GROUP_FILE: &str = "signpost-process-group";

/// The file in a profile folder that its signpost keeps locked.
const LOCK_FILE: &str = "signpost-lock";

/// A profile folder in use. Its lock file stays locked while this lives,
/// and the system lets go of the lock however signpost ends: a process id
/// can be reused, or belong to another container sharing the temporary
/// folder, but a held lock is proof that the folder is in use.
pub(super) struct Profile {
    /// The folder.
    pub path: PathBuf,
    /// The locked file, held open.
    _lock: File,
}

/// Makes a new profile folder in `temp`, named after this process, and
/// locks it.
pub(super) fn new_profile(temp: &Path) -> std::io::Result<Profile> {
    let path = tempfile::Builder::new()
        .prefix(&format!("{PREFIX}{}-", std::process::id()))
        .tempdir_in(temp)?
        .keep();
    match lock(&path) {
        Ok(lock) => Ok(Profile { path, _lock: lock }),
        Err(error) => {
            let _ = std::fs::remove_dir_all(&path);
            Err(error)
        }
    }
}

/// Creates and locks the lock file of a new profile folder.
fn lock(profile: &Path) -> std::io::Result<File> {
    let file = File::create(profile.join(LOCK_FILE))?;
    file.try_lock()?;
    Ok(file)
}

/// Records in the profile folder the process group its browser leads.
pub(super) fn record_group(profile: &Path, group: u32) {
    // Without the record the next build still removes the folder; it only
    // cannot end a browser that outlived its signpost.
    let _ = std::fs::write(profile.join(GROUP_FILE), group.to_string());
}

/// Ends the browsers and removes the profile folders in `temp` of every
/// signpost that is no longer running.
pub(super) fn clean(temp: &Path) {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let owner = entry.file_name().to_str().and_then(owner_of);
        if owner.is_some_and(|pid| is_abandoned(&path, pid)) {
            end_recorded_group(&path);
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Whether a profile folder's signpost, process `owner`, has gone: no
/// process has that id, and the folder's lock (if it was made) is free.
fn is_abandoned(profile: &Path, owner: u32) -> bool {
    if is_running(owner) {
        return false;
    }
    match File::open(profile.join(LOCK_FILE)) {
        Ok(file) => file.try_lock().is_ok(),
        // A signpost killed before it made its lock file.
        Err(_) => true,
    }
}

/// The process id in a profile folder's name (`signpost-chromium-PID-…`).
fn owner_of(name: &str) -> Option<u32> {
    let (pid, _) = name.strip_prefix(PREFIX)?.split_once('-')?;
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

/// Ends the process group recorded in a profile folder, if its processes
/// are still that browser's: a group id is only reused once all of its
/// processes have ended, so a process of the group that names the folder
/// in its command line proves the group is the browser's.
#[cfg(target_os = "linux")]
fn end_recorded_group(profile: &Path) {
    let Some(group) = std::fs::read_to_string(profile.join(GROUP_FILE))
        .ok()
        .and_then(|text| text.trim().parse::<u32>().ok())
    else {
        return;
    };
    if group_uses(group, profile) {
        super::signals::kill_group(group);
    }
}

/// Where the group's processes cannot be looked at, it is not ended.
#[cfg(not(target_os = "linux"))]
fn end_recorded_group(_profile: &Path) {}

/// Whether a process in group `group` has `profile` in its command line.
#[cfg(target_os = "linux")]
fn group_uses(group: u32, profile: &Path) -> bool {
    let Ok(processes) = std::fs::read_dir("/proc") else {
        return false;
    };
    let needle = profile.as_os_str().as_encoded_bytes();
    processes.flatten().any(|process| {
        let folder = process.path();
        process_group(&folder) == Some(group)
            && std::fs::read(folder.join("cmdline"))
                .is_ok_and(|line| line.windows(needle.len()).any(|w| w == needle))
    })
}

/// The process group of the process whose `/proc` folder this is.
#[cfg(target_os = "linux")]
fn process_group(proc_folder: &Path) -> Option<u32> {
    let stat = std::fs::read_to_string(proc_folder.join("stat")).ok()?;
    // "pid (name) state ppid pgrp …": the name may hold spaces and ')'.
    let (_, after_name) = stat.rsplit_once(')')?;
    after_name.split_whitespace().nth(2)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_folder_is_named_after_its_signpost() {
        let temp = tempfile::tempdir().unwrap();
        let profile = new_profile(temp.path()).unwrap();
        let name = profile.path.file_name().unwrap().to_str().unwrap();
        assert_eq!(owner_of(name), Some(std::process::id()), "{name}");
        assert_eq!(owner_of("signpost-chromium-x-1"), None);
        assert_eq!(owner_of("other-123-abc"), None);
    }

    #[cfg(unix)]
    #[test]
    fn clean_removes_only_the_folders_of_signposts_that_are_gone() {
        let temp = tempfile::tempdir().unwrap();
        let mine = new_profile(temp.path()).unwrap();
        // Process ids above the kernel's limit (4194304) are never used.
        let gone = temp.path().join(format!("{PREFIX}99999999-abc"));
        let gone_unlocked = temp.path().join(format!("{PREFIX}99999998-abc"));
        let unrelated = temp.path().join("signpost-other");
        for folder in [&gone, &gone_unlocked, &unrelated] {
            std::fs::create_dir(folder).unwrap();
        }
        record_group(&gone, 99999999);
        std::fs::write(gone_unlocked.join(LOCK_FILE), "").unwrap();
        // A signpost in another container: its id is not seen here, but it
        // holds its lock.
        let elsewhere = temp.path().join(format!("{PREFIX}99999997-abc"));
        std::fs::create_dir(&elsewhere).unwrap();
        let _held = lock(&elsewhere).unwrap();
        clean(temp.path());
        assert!(
            mine.path.is_dir(),
            "a running signpost's folder was removed"
        );
        assert!(
            elsewhere.is_dir(),
            "a folder whose lock is held was removed"
        );
        assert!(unrelated.is_dir(), "a folder not signpost's was removed");
        assert!(!gone.exists(), "a dead signpost's folder was kept");
        assert!(!gone_unlocked.exists(), "a dead signpost's folder was kept");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn process_group_reads_a_name_with_spaces_and_brackets() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("stat"), "42 (a b) c) S 1 4242 4242 0").unwrap();
        assert_eq!(process_group(folder.path()), Some(4242));
    }
}
