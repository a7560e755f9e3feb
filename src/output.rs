//! Writing the built site: everything goes into a fresh folder beside the
//! output folder, which is swapped in only once all of it is written, so a
//! failed build never damages the previous output.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

/// What goes into one output file.
#[derive(Clone, Debug)]
pub enum Output {
    /// These bytes.
    Bytes(Vec<u8>),
    /// A copy of this file.
    Copy(PathBuf),
}

/// A new output, written into a fresh folder beside the output folder, not
/// yet in its place.
#[derive(Debug)]
pub struct Staged {
    fresh: PathBuf,
    old: PathBuf,
}

impl Staged {
    /// Makes a fresh, empty folder beside `out` for the new output.
    pub fn new(out: &Path) -> io::Result<Staged> {
        if out.exists() && !out.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} is a file, not a folder", out.display()),
            ));
        }
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_string());
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let staged = Staged {
            fresh: parent.join(format!(".{name}.signpost-new-{}", std::process::id())),
            old: parent.join(format!(".{name}.signpost-old-{}", std::process::id())),
        };
        let _ = std::fs::remove_dir_all(&staged.fresh);
        std::fs::create_dir_all(&staged.fresh)?;
        Ok(staged)
    }

    /// Writes `files` (by path from the output root, `/`-separated) into a
    /// fresh folder beside `out`.
    pub fn write(out: &Path, files: &BTreeMap<String, Output>) -> io::Result<Staged> {
        let staged = Staged::new(out)?;
        if let Err(error) = staged.write_files(files) {
            staged.discard();
            return Err(error);
        }
        Ok(staged)
    }

    /// Writes more files into the new output.
    pub fn write_files(&self, files: &BTreeMap<String, Output>) -> io::Result<()> {
        write_all(&self.fresh, files)
    }

    /// The folder the new output is in.
    pub fn dir(&self) -> &Path {
        &self.fresh
    }

    /// Writes one more file into the new output.
    pub fn add(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let target = self.fresh.join(path);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder)?;
        }
        std::fs::write(target, bytes)
    }

    /// Throws the new output away; the output folder stays as it was.
    pub fn discard(&self) {
        let _ = std::fs::remove_dir_all(&self.fresh);
    }

    /// Puts the new output in place of `out`.
    pub fn commit(self, out: &Path) -> io::Result<()> {
        if out.exists() {
            let _ = std::fs::remove_dir_all(&self.old);
            if let Err(error) = std::fs::rename(out, &self.old) {
                self.discard();
                return Err(error);
            }
        }
        if let Err(error) = std::fs::rename(&self.fresh, out) {
            // Put the previous output back.
            let _ = std::fs::rename(&self.old, out);
            self.discard();
            return Err(error);
        }
        remove_in_parallel(&self.old);
        Ok(())
    }
}

/// Removes a folder and everything in it, its top-level entries in
/// parallel (a large output has thousands of files). Failures are ignored:
/// it is the old output, already out of the way.
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

/// Writes `files` (by path from the output root) into `dir`, in parallel.
pub fn write_all(dir: &Path, files: &BTreeMap<String, Output>) -> io::Result<()> {
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

/// `sitemap.xml` listing the given page paths under `base_url`.
pub fn sitemap(base_url: &str, paths: &[&str]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        xml.push_str("  <url><loc>");
        xml.push_str(&crate::render::escape_html(&format!("{base_url}/{path}")));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut files = BTreeMap::new();
        files.insert("index.html".to_string(), Output::Bytes(b"first".to_vec()));
        Staged::write(&out, &files).unwrap().commit(&out).unwrap();
        files.insert(
            "missing.txt".to_string(),
            Output::Copy(dir.path().join("no-such-file")),
        );
        assert!(Staged::write(&out, &files).is_err());
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"first");
        assert!(!out.join("missing.txt").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folder is left behind");
    }
}
