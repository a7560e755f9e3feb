//! Writing the built site. Everything goes into a fresh folder first,
//! swapped in only once all of it is written, so a failed or killed build
//! never damages the previous output; and only into a folder that signpost
//! made (see [`Destination`]), so a build never deletes the user's files.

mod destination;
mod lock;
mod swap;

pub(crate) use destination::{Destination, MARKER};

use crate::diagnostic::{io_words, Diagnostic};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

/// What goes into one output file.
#[derive(Clone, Debug)]
pub(crate) enum Output {
    /// These bytes.
    Bytes(Vec<u8>),
    /// A copy of this file.
    Copy(PathBuf),
}

/// A new output, written into a fresh folder, not yet in its place. Its
/// temporary folders are removed when it is dropped, committed or not.
#[derive(Debug)]
pub(crate) struct Staged {
    /// The fresh folder the new output is written into.
    fresh: PathBuf,
    /// Where the previous output goes when it cannot be swapped in one step.
    old: PathBuf,
    /// The output folder, locked until this is dropped.
    destination: Destination,
}

impl Staged {
    /// Makes a fresh folder for the new output, with the marker that says
    /// signpost made it.
    pub(crate) fn new(destination: Destination) -> Result<Staged, Diagnostic> {
        let staged = Staged {
            fresh: destination.temporary("new"),
            old: destination.temporary("old"),
            destination,
        };
        std::fs::create_dir_all(&staged.fresh)
            .and_then(|_| std::fs::write(staged.fresh.join(MARKER), destination::MARKER_TEXT))
            .map_err(|e| cannot_write(staged.destination.named(), &e))?;
        Ok(staged)
    }

    /// Writes more files into the new output.
    pub(crate) fn write_files(&self, files: &BTreeMap<String, Output>) -> io::Result<()> {
        write_all(&self.fresh, files)
    }

    /// The folder the new output is in.
    pub(crate) fn dir(&self) -> &Path {
        &self.fresh
    }

    /// The output folder, holding the previous build's output if any.
    pub(crate) fn previous(&self) -> &Path {
        self.destination.path()
    }

    /// Writes one more file into the new output.
    pub(crate) fn add(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let target = self.fresh.join(path);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder)?;
        }
        std::fs::write(target, bytes)
    }

    /// Puts the new output in place of the previous one.
    pub(crate) fn commit(self) -> Result<(), Diagnostic> {
        let named = self.destination.named();
        if self.destination.in_place() {
            return self.replace_contents().map_err(|e| {
                Diagnostic::error(
                    named,
                    format!(
                        "cannot finish replacing the files in {}: {}; some of them may already be new",
                        named.display(),
                        io_words(&e)
                    ),
                )
                .with_hint("build again to finish")
            });
        }
        self.replace_whole().map_err(|e| match e.kind() {
            io::ErrorKind::ResourceBusy => Diagnostic::error(
                named,
                format!(
                    "cannot replace {}: the system will not move it, as happens when a disk or volume is mounted there",
                    named.display()
                ),
            )
            .with_hint(format!(
                "build into a folder inside it instead, for example --out {}",
                named.join("site").display()
            )),
            _ => cannot_write(named, &e),
        })
    }

    /// Swaps the new output in for the whole output folder.
    fn replace_whole(&self) -> io::Result<()> {
        let out = self.destination.path();
        // The new folder gets the old one's permissions, so that a web
        // server that could read the old output can read the new one.
        if let Ok(previous) = std::fs::metadata(out) {
            let _ = std::fs::set_permissions(&self.fresh, previous.permissions());
        }
        swap::replace(&self.fresh, out, &self.old)
    }

    /// Replaces what is in the output folder entry by entry, for a mount
    /// point, which cannot itself be moved: each new entry is swapped in,
    /// the marker first, then the entries the new output does not have are
    /// moved out.
    fn replace_contents(&self) -> io::Result<()> {
        let out = self.destination.path();
        std::fs::create_dir_all(&self.old)?;
        let mut names: Vec<_> = std::fs::read_dir(&self.fresh)?
            .map(|entry| entry.map(|e| e.file_name()))
            .collect::<io::Result<_>>()?;
        names.sort_by_key(|name| name != MARKER);
        for name in &names {
            swap::replace(
                &self.fresh.join(name),
                &out.join(name),
                &self.old.join(name),
            )?;
        }
        for entry in std::fs::read_dir(out)? {
            let name = entry?.file_name();
            let is_build_own = destination::is_build_own(&name.to_string_lossy());
            if !names.contains(&name) && !is_build_own {
                std::fs::rename(out.join(&name), self.old.join(&name))?;
            }
        }
        Ok(())
    }
}

impl Drop for Staged {
    /// Removes the new output if it was not committed, and the previous
    /// output if it was.
    fn drop(&mut self) {
        remove_entry(&self.fresh);
        remove_entry(&self.old);
    }
}

/// Removes a file, a link (not what it points to) or a folder with
/// everything in it. Failures are ignored: it is a build's temporary
/// folder or the old output, already out of the way.
fn remove_entry(path: &Path) {
    match path.symlink_metadata() {
        Ok(metadata) if metadata.is_dir() => remove_in_parallel(path),
        Ok(_) => {
            let _ = std::fs::remove_file(path);
        }
        Err(_) => {}
    }
}

/// Removes a folder and everything in it, its top-level entries in
/// parallel (a large output has thousands of files). Links inside it are
/// removed, never followed.
fn remove_in_parallel(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        let paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.par_iter().for_each(|path| {
            let is_folder = path.symlink_metadata().is_ok_and(|m| m.is_dir());
            let _ = if is_folder {
                std::fs::remove_dir_all(path)
            } else {
                std::fs::remove_file(path)
            };
        });
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// The site could not be written into the output folder.
fn cannot_write(named: &Path, error: &io::Error) -> Diagnostic {
    Diagnostic::error(named, format!("cannot write the site: {}", io_words(error)))
}

/// Writes `files` (by path from the output root) into `dir`, in parallel.
pub(crate) fn write_all(dir: &Path, files: &BTreeMap<String, Output>) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let folders: BTreeSet<&str> = files
        .keys()
        .filter_map(|p| p.rsplit_once('/').map(|(f, _)| f))
        .collect();
    for folder in folders {
        std::fs::create_dir_all(dir.join(folder))?;
    }
    files.par_iter().try_for_each(|(path, output)| {
        let target = dir.join(path);
        match output {
            Output::Bytes(bytes) => std::fs::write(&target, bytes),
            Output::Copy(source) => std::fs::copy(source, &target).map(|_| ()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site folder and an output folder beside it, in a temporary folder.
    fn folders() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir(&root).unwrap();
        let out = dir.path().join("public");
        (dir, root, out)
    }

    fn stage(root: &Path, out: &Path, files: &BTreeMap<String, Output>) -> Result<Staged, String> {
        let destination = Destination::claim(root, out, false).map_err(|d| d.to_string())?;
        let staged = Staged::new(destination).map_err(|d| d.to_string())?;
        staged.write_files(files).map_err(|e| e.to_string())?;
        Ok(staged)
    }

    fn names_in(folder: &Path) -> BTreeSet<String> {
        std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn a_failed_write_leaves_the_old_output() {
        let (dir, root, out) = folders();
        let mut files = BTreeMap::new();
        files.insert("index.html".to_string(), Output::Bytes(b"first".to_vec()));
        stage(&root, &out, &files).unwrap().commit().unwrap();
        files.insert(
            "missing.txt".to_string(),
            Output::Copy(dir.path().join("no-such-file")),
        );
        assert!(stage(&root, &out, &files).is_err());
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"first");
        assert!(!out.join("missing.txt").exists());
        assert_eq!(
            names_in(dir.path()),
            BTreeSet::from(["public".to_string(), "site".to_string()]),
            "no temporary folder or lock file is left behind"
        );
    }

    #[test]
    fn a_mount_point_has_its_contents_replaced_and_keeps_the_build_marker() {
        let (dir, root, out) = folders();
        let mut files = BTreeMap::new();
        files.insert("index.html".to_string(), Output::Bytes(b"first".to_vec()));
        files.insert("old/index.html".to_string(), Output::Bytes(b"old".to_vec()));
        stage(&root, &out, &files).unwrap().commit().unwrap();
        files.remove("old/index.html");
        files.insert("index.html".to_string(), Output::Bytes(b"second".to_vec()));
        files.insert("new/index.html".to_string(), Output::Bytes(b"new".to_vec()));
        let mut destination = Destination::claim(&root, &out, false).unwrap();
        // As if `out` were a mount point: the new output is made inside it.
        destination.force_in_place();
        let inside = Staged::new(destination).unwrap();
        inside.write_files(&files).unwrap();
        assert!(inside.dir().starts_with(&out));
        inside.commit().unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"second");
        assert_eq!(
            names_in(&out),
            BTreeSet::from([
                MARKER.to_string(),
                "index.html".to_string(),
                "new".to_string()
            ])
        );
        assert_eq!(names_in(dir.path()).len(), 2, "nothing is left beside it");
    }
}
