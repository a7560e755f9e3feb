//! Browser profile folders named after the signpost that made them, and
//! the clean-up of those a killed signpost left behind. A signpost killed
//! outright (SIGKILL, as a CI job's time limit does) cannot end its browser
//! or remove its folder; the next build does both.

use crate::util::owned::{self, OwnedFolder};
use std::path::Path;

/// How a profile folder's name starts; the owning signpost's process id
/// and a random part follow.
const PREFIX: &str = "signpost-chromium-";

/// The file in a profile folder that records the browser's process group.
const GROUP_FILE: &str = "signpost-process-group";

/// A profile folder in use, locked while this lives.
pub(super) type Profile = OwnedFolder;

/// Makes a new profile folder in `temp`, named after this process, and
/// locks it.
pub(super) fn new_profile(temp: &Path) -> std::io::Result<Profile> {
    owned::new_in(temp, PREFIX)
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
    for profile in owned::abandoned(temp, PREFIX) {
        end_recorded_group(&profile);
        let _ = std::fs::remove_dir_all(&profile);
    }
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

    #[cfg(unix)]
    #[test]
    fn clean_removes_the_profile_folders_of_signposts_that_are_gone() {
        let temp = tempfile::tempdir().unwrap();
        let mine = new_profile(temp.path()).unwrap();
        // Process ids above the kernel's limit (4194304) are never used.
        let gone = temp.path().join(format!("{PREFIX}99999999-abc"));
        let unrelated = temp.path().join("signpost-other");
        for folder in [&gone, &unrelated] {
            std::fs::create_dir(folder).unwrap();
        }
        record_group(&gone, 99999999);
        clean(temp.path());
        assert!(
            mine.path.is_dir(),
            "a running signpost's folder was removed"
        );
        assert!(unrelated.is_dir(), "a folder not signpost's was removed");
        assert!(!gone.exists(), "a dead signpost's folder was kept");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn process_group_reads_a_name_with_spaces_and_brackets() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("stat"), "42 (a b) c) S 1 4242 4242 0").unwrap();
        assert_eq!(process_group(folder.path()), Some(4242));
    }
}
