//! Putting one folder (or file) in place of another in a single step where
//! the system allows it, and telling when a folder cannot be moved at all.

use std::io;
use std::path::Path;

/// Puts `new` at `target`. Whatever was at `target` ends up at `new` (when
/// the two were exchanged in one step) or at `old` (when the system cannot
/// exchange them, and they were moved one after the other); the caller
/// removes both afterwards.
pub(super) fn replace(new: &Path, target: &Path, old: &Path) -> io::Result<()> {
    if target.symlink_metadata().is_err() {
        return std::fs::rename(new, target);
    }
    match exchange(new, target) {
        Err(error) if cannot_exchange(&error) => move_aside_then_in(new, target, old),
        result => result,
    }
}

/// Whether the error says the system or the file system has no exchange:
/// `EINVAL` (a file system without it) or `ENOSYS` (an old kernel).
fn cannot_exchange(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
    )
}

/// Swaps `a` and `b` in one step, so that no one ever sees `b` missing or
/// half replaced, not even if the build is killed.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// No exchange in one step here: the caller moves the two one by one.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Moves `target` to `old`, then `new` to `target`; if the second move
/// fails, puts `target` back.
fn move_aside_then_in(new: &Path, target: &Path, old: &Path) -> io::Result<()> {
    std::fs::rename(target, old)?;
    if let Err(error) = std::fs::rename(new, target) {
        let _ = std::fs::rename(old, target);
        return Err(error);
    }
    Ok(())
}

/// Whether `folder` is a mount point (a disk, a CI cache or a Docker
/// volume mounted there): the system refuses to move or replace one, so a
/// build must replace what is in it instead.
pub(super) fn is_mount_point(folder: &Path) -> bool {
    let Some(parent) = folder.parent() else {
        return true;
    };
    on_another_device(folder, parent) || is_mount_root(folder)
}

/// Whether `folder` is on another device than its parent folder.
#[cfg(unix)]
fn on_another_device(folder: &Path, parent: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (folder.symlink_metadata(), parent.metadata()) {
        (Ok(folder), Ok(parent)) => folder.dev() != parent.dev(),
        _ => false,
    }
}

/// Devices cannot be compared here; a mount point is found when the
/// system refuses to replace it.
#[cfg(not(unix))]
fn on_another_device(_folder: &Path, _parent: &Path) -> bool {
    false
}

/// Whether Linux says `folder` is the root of a mount. This also finds a
/// bind mount of a folder of the same disk, which has the same device as
/// its parent.
#[cfg(target_os = "linux")]
fn is_mount_root(folder: &Path) -> bool {
    use rustix::fs::{statx, AtFlags, StatxAttributes, StatxFlags, CWD};
    let flags = AtFlags::SYMLINK_NOFOLLOW | AtFlags::NO_AUTOMOUNT;
    statx(CWD, folder, flags, StatxFlags::empty())
        .is_ok_and(|found| found.stx_attributes.contains(StatxAttributes::MOUNT_ROOT))
}

/// Only Linux says which folders are mount roots.
#[cfg(not(target_os = "linux"))]
fn is_mount_root(_folder: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_leaves_the_new_folder_at_the_target_and_the_old_one_aside() {
        let dir = tempfile::tempdir().unwrap();
        let (new, target, old) = (
            dir.path().join("new"),
            dir.path().join("target"),
            dir.path().join("old"),
        );
        std::fs::create_dir(&new).unwrap();
        std::fs::write(new.join("page.html"), "new").unwrap();
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("page.html"), "old").unwrap();
        replace(&new, &target, &old).unwrap();
        assert_eq!(std::fs::read(target.join("page.html")).unwrap(), b"new");
        let aside = if old.exists() { old } else { new };
        assert_eq!(std::fs::read(aside.join("page.html")).unwrap(), b"old");
    }

    #[test]
    fn moving_aside_puts_the_target_back_when_the_new_one_cannot_move_in() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("page.html"), "old").unwrap();
        let missing = dir.path().join("missing");
        let old = dir.path().join("old");
        assert!(move_aside_then_in(&missing, &target, &old).is_err());
        assert_eq!(std::fs::read(target.join("page.html")).unwrap(), b"old");
        assert!(!old.exists());
    }

    #[test]
    fn a_folder_beside_its_parent_is_not_a_mount_point() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("public");
        std::fs::create_dir(&folder).unwrap();
        assert!(!is_mount_point(&folder));
    }
}
