//! What a page being printed may load: the files of the site being printed,
//! and nothing else. Page bodies are written by whoever sends a pull
//! request, so a page must not be able to print the build machine's files
//! into a PDF or reach its network.

use std::path::{Path, PathBuf};

/// The folder whose files a printed page may load.
#[derive(Clone, Debug)]
pub(super) struct SiteFiles {
    /// The folder, with its symbolic links resolved.
    root: PathBuf,
}

impl SiteFiles {
    /// Allows the files inside `folder` (and its subfolders).
    pub(super) fn new(folder: &Path) -> std::io::Result<SiteFiles> {
        Ok(SiteFiles {
            root: std::fs::canonicalize(folder)?,
        })
    }

    /// Whether a page may load `url`: only a `file://` URL of an existing
    /// file inside the folder, after `..`, percent-encoding and symbolic
    /// links are resolved. Every other scheme (`http`, `https`, `ws`,
    /// `ftp`, …) is refused.
    pub(super) fn allows(&self, url: &str) -> bool {
        let Some(path) = file_path(url) else {
            return false;
        };
        // A symbolic link inside the folder may point anywhere: judge the
        // file it leads to. A missing file cannot be loaded anyway.
        std::fs::canonicalize(path).is_ok_and(|real| real.starts_with(&self.root))
    }
}

/// The local path a `file://` URL names, or None for any other URL, or for
/// a `file://` URL that names another machine.
fn file_path(url: &str) -> Option<PathBuf> {
    let rest = strip_prefix_ignoring_case(url, "file://")?;
    let rest = strip_prefix_ignoring_case(rest, "localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let without_query = rest.split(['?', '#']).next().unwrap_or_default();
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(without_query).collect();
    bytes_to_path(bytes)
}

/// `text` without `prefix`, compared without regard to ASCII case (URL
/// schemes and host names are case-insensitive).
fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// A path from the raw bytes of a decoded URL path (which need not be
/// UTF-8 on Unix).
#[cfg(unix)]
fn bytes_to_path(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

/// A path from the bytes of a decoded URL path, which must be UTF-8 here.
#[cfg(not(unix))]
fn bytes_to_path(bytes: Vec<u8>) -> Option<PathBuf> {
    let text = String::from_utf8(bytes).ok()?;
    // "file:///C:/site/x" names C:\site\x.
    Some(PathBuf::from(text.trim_start_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site folder with a page and a picture, and a secret beside it.
    struct Fixture {
        dir: tempfile::TempDir,
        files: SiteFiles,
    }

    impl Fixture {
        fn new() -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            let site = dir.path().join("site");
            std::fs::create_dir_all(site.join("pics")).unwrap();
            std::fs::write(site.join("index.html"), "<p>page</p>").unwrap();
            std::fs::write(site.join("pics/a b.png"), "png").unwrap();
            std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
            let files = SiteFiles::new(&site).unwrap();
            Fixture { dir, files }
        }

        /// The `file://` URL of a path under the temporary folder.
        fn url(&self, tail: &str) -> String {
            let root = std::fs::canonicalize(self.dir.path()).unwrap();
            format!("file://{}/{tail}", root.display())
        }
    }

    #[test]
    fn the_site_own_files_are_allowed() {
        let fixture = Fixture::new();
        assert!(fixture.files.allows(&fixture.url("site/index.html")));
        assert!(fixture.files.allows(&fixture.url("site/pics/a%20b.png")));
        assert!(fixture
            .files
            .allows(&fixture.url("site/index.html?x=1#top")));
    }

    #[test]
    fn files_outside_the_site_are_refused() {
        let fixture = Fixture::new();
        assert!(!fixture.files.allows("file:///etc/passwd"));
        assert!(!fixture.files.allows(&fixture.url("secret.txt")));
        assert!(!fixture.files.allows(&fixture.url("site/missing.html")));
    }

    #[test]
    fn dot_dot_and_percent_encoding_cannot_leave_the_site() {
        let fixture = Fixture::new();
        for tail in [
            "site/../secret.txt",
            "site/%2E%2E/secret.txt",
            "site/%2e%2e%2fsecret.txt",
            "site/pics/../../secret.txt",
        ] {
            assert!(!fixture.files.allows(&fixture.url(tail)), "{tail}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_out_of_the_site_is_refused() {
        let fixture = Fixture::new();
        let site = fixture.dir.path().join("site");
        std::os::unix::fs::symlink(fixture.dir.path().join("secret.txt"), site.join("s.txt"))
            .unwrap();
        std::os::unix::fs::symlink("/etc", site.join("etc")).unwrap();
        assert!(!fixture.files.allows(&fixture.url("site/s.txt")));
        assert!(!fixture.files.allows(&fixture.url("site/etc/passwd")));
    }

    #[test]
    fn other_schemes_and_hosts_are_refused() {
        let fixture = Fixture::new();
        let page = fixture.url("site/index.html");
        let remote = page.replacen("file://", "file://example.org", 1);
        for url in [
            "http://127.0.0.1:8080/",
            "https://example.org/x.png",
            "ws://127.0.0.1:9222/devtools",
            "ftp://example.org/",
            "chrome://version",
            remote.as_str(),
        ] {
            assert!(!fixture.files.allows(url), "{url}");
        }
        assert!(fixture
            .files
            .allows(&page.replacen("file://", "FILE://localhost", 1)));
    }
}
