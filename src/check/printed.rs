//! Printed pages counted from real PDFs: where an earlier `build --pdf`
//! left a page's PDF in the output folder, newer than the files it was
//! made from, `check` reports how many pages it has instead of estimating
//! them from the words.

use crate::content::{Site, Version, VersionId};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Where an earlier build is: the site's folder, for its page files, and
/// the output folder that build wrote, with its PDFs.
#[derive(Clone, Debug, Default)]
pub struct PrintedIn {
    /// The site's folder (with site.yaml).
    pub root: PathBuf,
    /// The output folder (`public/`, or `--out`).
    pub out: PathBuf,
}

/// The pages of every page version whose PDF is in `printed.out` and
/// newer than its page's file (and, for a section's PDF, than the file of
/// every page in it), by version.
pub(crate) fn counted(site: &Site, printed: &PrintedIn) -> BTreeMap<VersionId, usize> {
    site.pdfs
        .iter()
        .filter_map(|planned| {
            let pdf = printed.out.join(&planned.path);
            let made = std::fs::metadata(&pdf).and_then(|m| m.modified()).ok()?;
            let version = &site.versions[planned.version];
            let mut sources = Vec::new();
            sources_of(site, version, planned.collection, &mut sources);
            let newer = sources
                .iter()
                .all(|file| modified(&printed.root.join(file)).is_some_and(|at| at <= made));
            if !newer {
                return None;
            }
            let pages = crate::pdf::count_pages(&std::fs::read(&pdf).ok()?);
            (pages > 0).then_some((planned.version, pages))
        })
        .collect()
}

/// When a file was last changed; `None` when it cannot be read.
fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The files a version's PDF is made from, from the site root: its own,
/// and for a section's collection those of its pages and subsections.
fn sources_of(site: &Site, version: &Version, collection: bool, out: &mut Vec<PathBuf>) {
    if let Some(file) = site.source(version) {
        out.push(file.path.clone());
    }
    if !collection {
        return;
    }
    for child in site.children(version.page, &version.audience, &version.language) {
        let section = site.pages[child.page].is_section;
        sources_of(site, child, section, out);
    }
}
