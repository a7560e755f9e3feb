//! Where a build writes: the output folder with links followed, checked so
//! that it is none of the site's own folders and holds nothing signpost did
//! not make, and locked for the build.

use super::lock::BuildLock;
use super::swap;
use crate::diagnostic::{io_words, Diagnostic};
use std::path::{Path, PathBuf};

/// The file signpost writes into every output folder it makes; a folder
/// with it may be replaced by the next build.
pub(crate) const MARKER: &str = ".signpost-output";

/// What the marker file says to someone who opens it.
pub(super) const MARKER_TEXT: &str = "This folder was made by `signpost build`. \
The next build replaces everything in it, so keep your own files in the site's static/ folder.\n";

/// The site's folders a build must never write into, and how to name them.
const SOURCE_FOLDERS: [(&str, &str); 3] = [
    ("content", "content/ folder"),
    ("static", "static/ folder"),
    ("themes", "themes/ folder"),
];

/// The output folder of one build, checked and locked until dropped.
#[derive(Debug)]
pub(crate) struct Destination {
    /// The folder as the user named it, for messages.
    named: PathBuf,
    /// The real folder, links followed, made absolute.
    path: PathBuf,
    /// Whether it is a mount point, whose contents are replaced one by one
    /// because the folder itself cannot be moved.
    in_place: bool,
    /// Held for the whole build.
    _lock: BuildLock,
    /// The folders made to hold the output. Declared after the lock, so
    /// that they are removed after its file is, when the build leaves them
    /// empty.
    _made: MadeFolders,
}

impl Destination {
    /// Checks that `out` may hold the site built from `root`, waits until
    /// no other build writes there, and removes what killed builds left.
    /// `force` accepts a folder that holds files signpost did not make.
    pub(crate) fn claim(root: &Path, out: &Path, force: bool) -> Result<Destination, Diagnostic> {
        let path = resolve_out(out)?;
        refuse_site_folders(root, out, &path)?;
        check_contents(out, &path, force)?;
        let in_place = swap::is_mount_point(&path);
        let (folder, prefix) = temporaries_of(&path, in_place);
        let made = MadeFolders::make(&folder, &path).map_err(|e| cannot_use(out, &e))?;
        let lock = BuildLock::take(&folder.join(format!("{prefix}lock")), out)
            .map_err(|e| cannot_use(out, &e))?;
        let destination = Destination {
            named: out.to_path_buf(),
            path,
            in_place,
            _lock: lock,
            _made: made,
        };
        destination.remove_stale_temporaries();
        Ok(destination)
    }

    /// The real output folder, links followed.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The output folder as the user named it.
    pub(crate) fn named(&self) -> &Path {
        &self.named
    }

    /// Whether the output's contents are replaced one by one, rather than
    /// the folder swapped whole.
    pub(super) fn in_place(&self) -> bool {
        self.in_place
    }

    /// Treats the output as a mount point, for testing that without one.
    #[cfg(test)]
    pub(super) fn force_in_place(&mut self) {
        self.in_place = true;
    }

    /// A temporary folder of this build: `new` or `old`.
    pub(super) fn temporary(&self, kind: &str) -> PathBuf {
        let (folder, prefix) = temporaries_of(&self.path, self.in_place);
        folder.join(format!("{prefix}{kind}-{}", std::process::id()))
    }

    /// Removes the temporary folders of builds that were killed or crashed
    /// (this build holds the lock, so no running build owns any).
    fn remove_stale_temporaries(&self) {
        let (folder, prefix) = temporaries_of(&self.path, self.in_place);
        let Ok(entries) = std::fs::read_dir(&folder) else {
            return;
        };
        for entry in entries.flatten() {
            if is_temporary(&entry.file_name().to_string_lossy(), &prefix) {
                super::remove_entry(&entry.path());
            }
        }
    }
}

/// Folders a build made to hold its output, removed again if it made no
/// output there, so that a failed build leaves no empty folders behind.
#[derive(Debug)]
struct MadeFolders {
    /// The output folder.
    out: PathBuf,
    /// The topmost folder made, if any was.
    topmost: Option<PathBuf>,
}

impl MadeFolders {
    /// Makes `folder` and the folders above it that are missing.
    fn make(folder: &Path, out: &Path) -> std::io::Result<MadeFolders> {
        let topmost = folder
            .ancestors()
            .take_while(|a| a.symlink_metadata().is_err())
            .last()
            .map(Path::to_path_buf);
        std::fs::create_dir_all(folder)?;
        Ok(MadeFolders {
            out: out.to_path_buf(),
            topmost,
        })
    }
}

impl Drop for MadeFolders {
    fn drop(&mut self) {
        let Some(topmost) = &self.topmost else {
            return;
        };
        if self.out.symlink_metadata().is_ok() {
            return;
        }
        // Only empty folders are removed: another build may have started
        // writing into one since.
        for folder in self.out.ancestors().skip(1) {
            if std::fs::remove_dir(folder).is_err() || folder == topmost {
                break;
            }
        }
    }
}

/// The folder a build's temporary folders and lock file go in, and the
/// start of their names: beside the output, named after it; or, for a
/// mount point, inside it, because moves cannot cross into another mount.
fn temporaries_of(out: &Path, in_place: bool) -> (PathBuf, String) {
    if in_place {
        return (out.to_path_buf(), ".signpost-".to_string());
    }
    let name = out.file_name().map_or_else(
        || "public".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let parent = out.parent().unwrap_or(Path::new("/"));
    (parent.to_path_buf(), format!(".{name}.signpost-"))
}

/// Whether `name` is a temporary folder of a build: `PREFIXnew-PID` or
/// `PREFIXold-PID`.
fn is_temporary(name: &str, prefix: &str) -> bool {
    let Some(rest) = name.strip_prefix(prefix) else {
        return false;
    };
    let pid = rest
        .strip_prefix("new-")
        .or_else(|| rest.strip_prefix("old-"));
    pid.is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether an entry of an output folder is one a build makes inside a
/// mount point while it runs: not the user's, and not the site.
pub(super) fn is_build_own(name: &str) -> bool {
    name == ".signpost-lock" || is_temporary(name, ".signpost-")
}

/// `out` made absolute with every link in it followed; the part that does
/// not exist yet is kept as written.
fn resolve_out(out: &Path) -> Result<PathBuf, Diagnostic> {
    if let Ok(target) = std::fs::read_link(out) {
        if std::fs::metadata(out).is_err() {
            return Err(Diagnostic::error(
                out,
                format!(
                    "the output folder {} is a link to {}, which does not exist",
                    out.display(),
                    target.display()
                ),
            )
            .with_hint("make that folder, or name another with --out"));
        }
    }
    std::path::absolute(out)
        .and_then(|absolute| resolve(&absolute))
        .map_err(|e| cannot_use(out, &e))
}

/// An absolute `path` with links followed as far as it exists.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    match std::fs::canonicalize(path) {
        Err(error) if path.symlink_metadata().is_err() => match (path.parent(), path.file_name()) {
            (Some(parent), Some(name)) => Ok(resolve(parent)?.join(name)),
            _ => Err(error),
        },
        result => result,
    }
}

/// Refuses an output that is the site's folder or holds it, or that is or
/// is inside its content/, static/ or themes/ folder: a build replaces
/// everything in its output, so it would delete the user's own files.
/// `ROOT/public`, inside the site's folder but none of those, is fine.
fn refuse_site_folders(root: &Path, named: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root = std::path::absolute(root)
        .and_then(|root| resolve(&root))
        .map_err(|e| cannot_use(named, &e))?;
    let relation = if root == out {
        Some("is the site's own folder".to_string())
    } else if root.starts_with(out) {
        Some("holds the site's folder".to_string())
    } else {
        SOURCE_FOLDERS.iter().find_map(|(folder, words)| {
            let source = resolve(&root.join(folder)).unwrap_or_else(|_| root.join(folder));
            if source == out {
                Some(format!("is the site's {words}"))
            } else if source.starts_with(out) {
                Some(format!("holds the site's {words}"))
            } else if out.starts_with(&source) {
                Some(format!("is inside the site's {words}"))
            } else {
                None
            }
        })
    };
    let Some(relation) = relation else {
        return Ok(());
    };
    let leads_to = if std::path::absolute(named).is_ok_and(|named| named == out) {
        String::new()
    } else {
        format!(" (it leads to {})", out.display())
    };
    Err(Diagnostic::error(
        named,
        format!(
            "cannot build into {}{leads_to}: it {relation}, and a build replaces everything in its output folder",
            named.display()
        ),
    )
    .with_hint("build into another folder with --out, such as public/ in the site's folder (the default)"))
}

/// Refuses an output that is a file, or a folder holding files that
/// signpost did not make, unless `force`.
fn check_contents(named: &Path, out: &Path, force: bool) -> Result<(), Diagnostic> {
    let metadata = match out.symlink_metadata() {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(cannot_use(named, &error)),
        Ok(metadata) => metadata,
    };
    if !metadata.is_dir() {
        return Err(Diagnostic::error(
            named,
            format!("the output {} is a file, not a folder", named.display()),
        )
        .with_hint("name a folder with --out"));
    }
    let entries = entries_of(out).map_err(|e| cannot_use(named, &e))?;
    if entries.is_empty() || force || is_signpost_output(out) {
        return Ok(());
    }
    Err(Diagnostic::error(
        named,
        format!(
            "{} already holds files signpost did not make: {}",
            named.display(),
            list_some(&entries)
        ),
    )
    .with_hint(format!(
        "a build replaces everything in its output folder. Build into a new or empty folder with --out, or, if everything in {} may be deleted, build again with --force",
        named.display()
    )))
}

/// The names of a folder's entries (a folder's with `/` after it), sorted,
/// leaving out what a build makes there while it runs.
fn entries_of(folder: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_build_own(&name) {
            continue;
        }
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        names.push(if is_folder { format!("{name}/") } else { name });
    }
    names.sort();
    Ok(names)
}

/// Whether `folder` was made by signpost: it has the marker, or, made by a
/// version from before the marker, the home page, the "Page not found"
/// page and the themes' `_signpost/` folder that every build writes.
fn is_signpost_output(folder: &Path) -> bool {
    let is_file = |name: &str| {
        folder
            .join(name)
            .symlink_metadata()
            .is_ok_and(|m| m.is_file())
    };
    let is_folder = |name: &str| {
        folder
            .join(name)
            .symlink_metadata()
            .is_ok_and(|m| m.is_dir())
    };
    is_file(MARKER)
        || (is_file("index.html")
            && is_file("404.html")
            && is_folder(crate::content::ASSETS_FOLDER))
}

/// The first few names, and how many more there are.
fn list_some(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let shown = names[..names.len().min(SHOWN)].join(", ");
    match names.len().saturating_sub(SHOWN) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// The output folder cannot be used at all, for a reason the system gave.
fn cannot_use(named: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        named,
        format!(
            "cannot use {} as the output folder: {}",
            named.display(),
            io_words(error)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_the_output_name_then_new_or_old_then_a_number() {
        let prefix = ".public.signpost-";
        assert!(is_temporary(".public.signpost-new-123", prefix));
        assert!(is_temporary(".public.signpost-old-9", prefix));
        assert!(!is_temporary(".public.signpost-new-", prefix));
        assert!(!is_temporary(".public.signpost-new-12x", prefix));
        assert!(!is_temporary(".public.signpost-lock", prefix));
        assert!(!is_temporary(".public2.signpost-new-1", prefix));
        assert!(!is_temporary("public", prefix));
    }

    #[test]
    fn a_missing_output_is_resolved_through_the_part_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(real.join("site")).unwrap();
        let out = real.join("site/../site/new/public");
        assert_eq!(resolve(&out).unwrap(), real.join("site/new/public"));
    }

    #[test]
    fn a_long_listing_names_five_and_counts_the_rest() {
        let names: Vec<String> = (1..=7).map(|i| format!("f{i}")).collect();
        assert_eq!(list_some(&names), "f1, f2, f3, f4, f5 and 2 more");
        assert_eq!(list_some(&names[..2]), "f1, f2");
    }
}
