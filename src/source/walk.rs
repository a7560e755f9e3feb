//! Walking a folder of the site without ever leaving the site: a link is
//! followed only when where it leads is inside the site's folder, so that
//! a page cannot publish the files of the computer that builds it (a pull
//! request is built by CI from content nobody has checked yet).

use crate::diagnostic::{io_words, Diagnostic};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The files under `folder` (`content`, `static`, `themes/NAME`) of the
/// site in `root`, as (path relative to the folder with `/`, full path),
/// sorted by name. Hidden files and folders (names starting with `.`) are
/// passed over, and a missing folder has no files. A link that leads
/// outside the site, that leads nowhere, or that goes round in a loop is an
/// error naming the link; none of them is read.
pub(crate) fn walk(
    root: &Path,
    folder: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    let top = root.join(folder);
    // A missing folder, or a site folder that cannot be resolved, has no
    // files; the latter was reported when site.yaml could not be read.
    let (Ok(_), Ok(site)) = (top.symlink_metadata(), root.canonicalize()) else {
        return Vec::new();
    };
    let shown = |path: &Path| match path.strip_prefix(&top) {
        Ok(rel) if !rel.as_os_str().is_empty() => Path::new(folder).join(rel),
        _ => PathBuf::from(folder),
    };
    // A link is judged before walkdir goes into what it leads to, and one
    // that may not be followed is passed over: nothing behind it is read.
    let mut refused = Vec::new();
    let entries = WalkDir::new(&top)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
            if hidden || !entry.path_is_symlink() {
                return !hidden;
            }
            match refuse_link(&site, entry.path(), &shown(entry.path())) {
                Some(problem) => {
                    refused.push(problem);
                    false
                }
                None => true,
            }
        });
    let mut files = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) if entry.file_type().is_file() => {
                files.push((relative(&top, entry.path()), entry.into_path()))
            }
            Ok(entry) => problems.push(not_a_file(&shown(entry.path()))),
            Err(error) => {
                let path = error.path().unwrap_or(&top).to_path_buf();
                problems.push(walk_error(&error, &path, &shown(&path)));
            }
        }
    }
    problems.extend(refused);
    files
}

/// `path` from `top`, `/`-separated.
fn relative(top: &Path, path: &Path) -> String {
    crate::util::path::slashed(path.strip_prefix(top).unwrap_or(path))
}

/// The error for something found that is neither a file nor a folder (a
/// pipe or a device), which copying would hang on or misread.
fn not_a_file(shown: &Path) -> Diagnostic {
    Diagnostic::error(
        shown,
        format!(
            "{} is neither a file nor a folder, so it cannot be published",
            shown.display()
        ),
    )
    .with_hint("remove it from the site's folder")
}

/// The error for a link that may not be followed: it leads outside the
/// site. Links that lead nowhere or round in a loop are left to walkdir,
/// which reports them as errors of the walk.
fn refuse_link(site: &Path, link: &Path, shown: &Path) -> Option<Diagnostic> {
    let target = link.canonicalize().ok()?;
    if target.starts_with(site) {
        return None;
    }
    Some(
        Diagnostic::error(shown, format!("{} is a link to {}, outside the site", shown.display(), written_target(link)))
            .with_hint("copy the file into the site's folder instead: signpost follows a link only to a file or folder inside the site"),
    )
}

/// What a link says it leads to, as written.
fn written_target(link: &Path) -> String {
    std::fs::read_link(link)
        .map(|target| target.display().to_string())
        .unwrap_or_default()
}

/// A walk error in words: a link in a loop, a link to nothing, or a file
/// or folder that cannot be read.
fn walk_error(error: &walkdir::Error, path: &Path, shown: &Path) -> Diagnostic {
    let is_link = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    if error.loop_ancestor().is_some() || (is_link && loops(path)) {
        return Diagnostic::error(
            shown,
            format!(
                "{} is a link to {}, which leads back to itself: a loop",
                shown.display(),
                written_target(path)
            ),
        )
        .with_hint("point the link at a file or folder that does not hold the link, or remove it");
    }
    let io_error = error.io_error();
    if is_link && io_error.is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Diagnostic::error(
            shown,
            format!(
                "{} is a link to {}, which does not exist",
                shown.display(),
                written_target(path)
            ),
        )
        .with_hint("point the link at a file in the site, or remove it");
    }
    match io_error {
        Some(io_error) => cannot_read(shown, io_error),
        None => cannot_read(shown, &std::io::Error::other(error.to_string())),
    }
}

/// The error for a file or folder that cannot be read.
pub(crate) fn cannot_read(shown: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        shown,
        format!("cannot read {}: {}", shown.display(), io_words(error)),
    )
    .with_hint("check that the file is there and that you may open it")
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
pub(crate) fn leaves_site(root: &Path, rel: &str) -> Option<Diagnostic> {
    let path = root.join(rel);
    if !path.symlink_metadata().ok()?.file_type().is_symlink() {
        return None;
    }
    let mut problems = Vec::new();
    walk(root, rel, &mut problems);
    problems.pop()
}
