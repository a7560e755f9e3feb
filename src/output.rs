//! Writing the built site: everything goes into a fresh folder beside the
//! output folder, which is swapped in only once all of it is written, so a
//! failed build never damages the previous output.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

/// What goes into one output file.
#[derive(Debug)]
pub enum Output {
    /// These bytes.
    Bytes(Vec<u8>),
    /// A copy of this file.
    Copy(PathBuf),
}

/// Writes `files` (by path from the output root, `/`-separated) as the new
/// contents of `out`, replacing what was there only when all is written.
pub fn write_site(out: &Path, files: &BTreeMap<String, Output>) -> io::Result<()> {
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
    let fresh = parent.join(format!(".{name}.signpost-new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.signpost-old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fresh);
    let written = write_all(&fresh, files);
    if let Err(error) = written {
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(error);
    }
    if out.exists() {
        let _ = std::fs::remove_dir_all(&old);
        if let Err(error) = std::fs::rename(out, &old) {
            let _ = std::fs::remove_dir_all(&fresh);
            return Err(error);
        }
    }
    if let Err(error) = std::fs::rename(&fresh, out) {
        // Put the previous output back.
        let _ = std::fs::rename(&old, out);
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(error);
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

fn write_all(dir: &Path, files: &BTreeMap<String, Output>) -> io::Result<()> {
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
        write_site(&out, &files).unwrap();
        files.insert(
            "missing.txt".to_string(),
            Output::Copy(dir.path().join("no-such-file")),
        );
        assert!(write_site(&out, &files).is_err());
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"first");
        assert!(!out.join("missing.txt").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folder is left behind");
    }
}
