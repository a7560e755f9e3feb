//! Walking a folder of the site without ever leaving the site: a link is
//! followed only when where it leads is inside the site's folder, so that
//! a page cannot publish the files of the computer that builds it (a pull
//! request is built by CI from content nobody has checked yet).

use crate::diagnostic::{io_words, Diagnostic};
use std::fs::Metadata;
use std::path::{Path, PathBuf};

/// The files under `folder` (`content`, `static`, `themes/NAME`) of the
/// site in `root`, as (path relative to the folder with `/`, full path),
/// sorted by name. Hidden files and folders (names starting with `.`) are
/// passed over, and a missing folder has no files. A link that leads
/// outside the site, that leads nowhere, or that goes round in a loop is an
/// error naming the link; none of them is read.
pub fn walk(root: &Path, folder: &str, problems: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let top = root.join(folder);
    // A missing folder, or a site folder that cannot be resolved, has no
    // files; the latter was reported when site.yaml could not be read.
    let (Ok(_), Ok(site)) = (top.symlink_metadata(), root.canonicalize()) else {
        return Vec::new();
    };
    let mut walk = Walk {
        site,
        problems,
        files: Vec::new(),
        open: Vec::new(),
    };
    walk.visit(&top, "", Path::new(folder));
    walk.files
}

/// One walk under way.
struct Walk<'a> {
    /// The site's folder, with every link in its path resolved.
    site: PathBuf,
    problems: &'a mut Vec<Diagnostic>,
    /// The files found so far.
    files: Vec<(String, PathBuf)>,
    /// The folders being walked, resolved: a link back into one is a loop.
    open: Vec<PathBuf>,
}

impl Walk<'_> {
    /// Keeps a file, walks a folder, and checks a link before either.
    /// `rel` is the path from the walk's top, `shown` the one for messages.
    fn visit(&mut self, path: &Path, rel: &str, shown: &Path) {
        let metadata = match path.symlink_metadata() {
            Ok(metadata) if metadata.file_type().is_symlink() => self.follow(path, shown),
            Ok(metadata) => Some(metadata),
            Err(error) => {
                self.cannot_read(shown, &error);
                None
            }
        };
        let Some(metadata) = metadata else { return };
        if metadata.is_dir() {
            self.folder(path, rel, shown);
        } else if !metadata.is_file() {
            self.problems.push(
                Diagnostic::error(
                    shown,
                    format!(
                        "{} is neither a file nor a folder, so it cannot be published",
                        shown.display()
                    ),
                )
                .with_hint("remove it from the site's folder"),
            );
        } else if let Err(error) = std::fs::File::open(path) {
            // Opened, not read: found now, the problem is this file's,
            // not the output folder's when the file is copied there.
            self.cannot_read(shown, &error);
        } else {
            self.files.push((rel.to_string(), path.to_path_buf()));
        }
    }

    /// What a link leads to, when it may be followed: inside the site, to
    /// something that exists, and not back into a folder that holds it.
    fn follow(&mut self, link: &Path, shown: &Path) -> Option<Metadata> {
        let written = std::fs::read_link(link)
            .map(|target| target.display().to_string())
            .unwrap_or_default();
        let target = match link.canonicalize() {
            Ok(target) => target,
            Err(_) if loops(link) => {
                self.link_loop(shown, &written);
                return None;
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                self.problems.push(
                    Diagnostic::error(
                        shown,
                        format!(
                            "{} is a link to {written}, which does not exist",
                            shown.display()
                        ),
                    )
                    .with_hint("point the link at a file in the site, or remove it"),
                );
                return None;
            }
            Err(error) => {
                self.cannot_read(shown, &error);
                return None;
            }
        };
        if !target.starts_with(&self.site) {
            self.problems.push(
                Diagnostic::error(shown, format!("{} is a link to {written}, outside the site", shown.display()))
                    .with_hint("copy the file into the site's folder instead: signpost follows a link only to a file or folder inside the site"),
            );
            return None;
        }
        let holder = link.parent().and_then(|parent| parent.canonicalize().ok());
        if target.is_dir() && holder.is_some_and(|holder| holder.starts_with(&target)) {
            self.link_loop(shown, &written);
            return None;
        }
        match target.metadata() {
            Ok(metadata) => Some(metadata),
            Err(error) => {
                self.cannot_read(shown, &error);
                None
            }
        }
    }

    /// Walks a folder's entries in name order, passing over hidden ones.
    fn folder(&mut self, dir: &Path, rel: &str, shown: &Path) {
        let resolved = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        if self.open.contains(&resolved) {
            // Reached again through links that lead into one another.
            self.link_loop(shown, &resolved.display().to_string());
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                self.cannot_read(shown, &error);
                return;
            }
        };
        let mut names: Vec<_> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.file_name()))
            .filter(|name| !name.to_string_lossy().starts_with('.'))
            .collect();
        names.sort();
        self.open.push(resolved);
        for name in names {
            let name_text = name.to_string_lossy();
            let child_rel = if rel.is_empty() {
                name_text.to_string()
            } else {
                format!("{rel}/{name_text}")
            };
            self.visit(&dir.join(&name), &child_rel, &shown.join(&name));
        }
        self.open.pop();
    }

    fn link_loop(&mut self, shown: &Path, written: &str) {
        self.problems.push(
            Diagnostic::error(
                shown,
                format!(
                    "{} is a link to {written}, which leads back to itself: a loop",
                    shown.display()
                ),
            )
            .with_hint(
                "point the link at a file or folder that does not hold the link, or remove it",
            ),
        );
    }

    fn cannot_read(&mut self, shown: &Path, error: &std::io::Error) {
        self.problems.push(
            Diagnostic::error(
                shown,
                format!("cannot read {}: {}", shown.display(), io_words(error)),
            )
            .with_hint("check that the file is there and that you may open it"),
        );
    }
}

/// Whether following a chain of links from `link` comes back to a link
/// already passed: a loop, which the system reports only by a number that
/// differs between systems.
fn loops(link: &Path) -> bool {
    let mut seen = vec![link.to_path_buf()];
    let mut current = link.to_path_buf();
    while let Ok(target) = std::fs::read_link(&current) {
        let next = current
            .parent()
            .map_or_else(|| target.clone(), |parent| parent.join(&target));
        if seen.contains(&next) || seen.len() > 40 {
            return true;
        }
        seen.push(next.clone());
        current = next;
    }
    false
}

/// An error when `rel` (a file of the site in `root`, such as `site.yaml`)
/// is a link that may not be followed: out of the site, to nothing, or
/// round in a loop. It is then not to be read.
pub fn leaves_site(root: &Path, rel: &str) -> Option<Diagnostic> {
    let path = root.join(rel);
    if !path.symlink_metadata().ok()?.file_type().is_symlink() {
        return None;
    }
    let mut problems = Vec::new();
    Walk {
        site: root.canonicalize().ok()?,
        problems: &mut problems,
        files: Vec::new(),
        open: Vec::new(),
    }
    .follow(&path, Path::new(rel));
    problems.pop()
}
