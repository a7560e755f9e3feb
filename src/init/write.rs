//! Writing the new pack: refusing a folder that already holds one, checking
//! that no planned file exists, and only then writing, each file created
//! new so that nothing already there is ever replaced.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use super::starter::Planned;
use crate::diagnostic::Diagnostic;

/// An error when `dir` already holds a pack (a `site.yaml` or a
/// `content/`), or is not a folder.
pub(crate) fn refuse_a_pack(dir: &Path) -> Result<(), Diagnostic> {
    if let Ok(meta) = fs::symlink_metadata(dir) {
        if !dir.is_dir() && !meta.is_dir() {
            return Err(Diagnostic::error(
                dir,
                format!("{} is a file, not a folder", dir.display()),
            )
            .with_hint("name a new or existing folder to start the pack in"));
        }
    }
    for (name, what) in [
        ("site.yaml", "a site.yaml"),
        ("content", "a content/ folder"),
    ] {
        let path = dir.join(name);
        if fs::symlink_metadata(&path).is_ok() {
            return Err(Diagnostic::error(
                &path,
                format!(
                    "{} already has {what}, so it already holds a pack; nothing was written",
                    dir.display()
                ),
            )
            .with_hint("signpost init starts a new pack: name an empty or new folder, such as `signpost init my-pack`"));
        }
    }
    Ok(())
}

/// Writes every planned file under `dir`, making `dir` and the folders
/// the files need. Refuses, writing nothing, when any planned file is
/// already there.
pub(crate) fn write_all(dir: &Path, files: &[Planned]) -> Result<(), Diagnostic> {
    refuse_a_pack(dir)?;
    if let Some(taken) = files
        .iter()
        .map(|file| dir.join(&file.path))
        .find(|path| fs::symlink_metadata(path).is_ok())
    {
        return Err(Diagnostic::error(
            &taken,
            format!(
                "{} is already there, and signpost init never replaces a file; nothing was written",
                taken.display()
            ),
        )
        .with_hint("move the file away, or start the pack in a new folder"));
    }
    for file in files {
        let path = dir.join(&file.path);
        create_new(&path, &file.bytes).map_err(|e| {
            Diagnostic::error(&path, format!("could not write {}: {e}", path.display()))
                .with_hint("check that you may write to this folder and that the disk is not full")
        })?;
    }
    Ok(())
}

/// Writes `bytes` to a file that must not exist yet, making its folders.
fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// One planned file.
    fn planned(path: &str, text: &str) -> Planned {
        Planned {
            path: PathBuf::from(path),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_file_already_there_stops_everything_before_a_byte_is_written() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("README.md"), "mine").unwrap();
        let problem = write_all(
            dir.path(),
            &[planned("a/new.md", "x"), planned("README.md", "theirs")],
        )
        .unwrap_err();
        assert!(
            problem.message.contains("README.md is already there"),
            "{}",
            problem.message
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("README.md")).unwrap(),
            "mine"
        );
        assert!(!dir.path().join("a").exists());
    }

    #[test]
    fn a_missing_folder_is_made() {
        let dir = tempfile::tempdir().unwrap();
        let pack = dir.path().join("new/pack");
        write_all(&pack, &[planned("content/_index.md", "hello")]).unwrap();
        assert_eq!(
            fs::read_to_string(pack.join("content/_index.md")).unwrap(),
            "hello"
        );
    }

    #[test]
    fn a_folder_with_a_site_yaml_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("site.yaml"), "title: x").unwrap();
        let problem = refuse_a_pack(dir.path()).unwrap_err();
        assert!(
            problem.message.contains("already has a site.yaml"),
            "{}",
            problem.message
        );
    }
}
