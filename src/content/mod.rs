//! The site model: every page, its versions for each audience, its URL, its
//! place among its section's pages, and the files copied beside them.

pub(crate) mod files;
pub(crate) mod frontmatter;
mod ids;
pub(crate) mod links;
mod load;
pub(crate) mod meta;
pub(crate) mod routes;

use crate::config::Config;
use crate::diagnostic::Diagnostics;
use files::CopiedFile;
use frontmatter::SourceFile;
use meta::Meta;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

pub(crate) use ids::{IdVec, PageId, VersionId};
pub(crate) use routes::{Planned, ASSETS_FOLDER};

/// What a build was asked for that changes which pages are built.
#[derive(Clone, Debug, Default)]
pub(crate) struct Options {
    /// Build drafts too.
    pub drafts: bool,
    /// Write links that work opened from disk (ending in `index.html`).
    pub offline: bool,
    /// PDFs are made (reserves `downloads/`).
    pub pdf: bool,
}

/// A page of the site, with all the files that make its versions.
#[derive(Debug)]
pub(crate) struct Page {
    /// The base file's path relative to `content/` (`guide/prepare.md`),
    /// even when only variants exist.
    pub rel: String,
    /// The folder relative to `content/`.
    pub folder: String,
    /// Whether it is a section (`_index.md`) or the home page.
    pub is_section: bool,
    /// The file for every audience, if there is one.
    pub base: Option<SourceFile>,
    /// The files for one audience each, by audience id.
    pub variants: BTreeMap<String, SourceFile>,
    /// The URL path without the audience prefix, ending in `/` (or empty for
    /// the home page).
    pub url: String,
    /// The section that lists this page, if any.
    pub section: Option<PageId>,
}

/// One version of a page: the page as one audience sees it.
#[derive(Debug)]
pub(crate) struct Version {
    /// The page it is a version of.
    pub page: PageId,
    /// The audience id.
    pub audience: String,
    /// Its settings.
    pub meta: Meta,
    /// The URL path from the site root, with the audience prefix, ending in
    /// `/` (empty for the default audience's home page).
    pub url: String,
    /// Whether it is written out (drafts are only with `--drafts`).
    pub built: bool,
    /// Whether signpost made it up: a home page for an audience that has no
    /// `_index.md` of its own.
    pub generated: bool,
}

/// The whole site, ready to render.
#[derive(Debug)]
pub(crate) struct Site {
    /// site.yaml.
    pub config: Config,
    /// site.yaml as templates see it (`site`), made once for every page.
    pub config_value: serde_json::Value,
    /// What the build was asked for.
    pub options: Options,
    /// Every page; the home page is first.
    pub pages: IdVec<PageId, Page>,
    /// Every version of every page.
    pub versions: IdVec<VersionId, Version>,
    /// Files copied as they are, by output path.
    pub copied: BTreeMap<String, CopiedFile>,
    version_index: HashMap<(PageId, String), VersionId>,
    /// Each section's built children for each audience, in listing order.
    children_index: HashMap<(PageId, String), Vec<VersionId>>,
    by_file: HashMap<String, (PageId, Option<String>)>,
    broken_files: HashSet<String>,
    /// Every PDF a build with PDFs prints, in version order.
    pub pdfs: Vec<Planned>,
    /// The output path of every PDF in `pdfs`, for links to look up.
    pdf_paths: HashSet<String>,
}

impl Site {
    /// Finds and reads every file of the site in `root`, and checks what can
    /// be checked before rendering.
    /// Pages that cannot be read are left out; the problems found come back
    /// beside the site, so that rendering can find more before the build
    /// stops.
    pub(crate) fn load(root: &Path, config: Config, options: Options) -> (Site, Diagnostics) {
        let mut problems = config.warnings.clone();
        let audience_ids: Vec<&str> = config.audiences.iter().map(|a| a.id.as_str()).collect();
        let found = load::find_files(root, &audience_ids, &mut problems);
        let load::ReadPages {
            mut pages,
            by_file,
            mut broken_files,
        } = load::read_pages(root, &found.markdown, &mut problems);
        routes::page_urls(&mut pages, &mut problems);
        load::place_in_sections(&mut pages);
        let versions =
            load::make_versions(&config, &options, &pages, &mut broken_files, &mut problems);
        let routes = routes::route(
            &config,
            &options,
            &pages,
            &versions,
            found.copied,
            &mut problems,
        );
        let version_index = load::version_index(&versions);
        let children_index = load::children_index(&pages, &versions);
        let pdf_paths = routes.pdfs.iter().map(|p| p.path.clone()).collect();
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(problems);
        let config_value = serde_json::to_value(&config).unwrap_or_default();
        let site = Site {
            config_value,
            config,
            options,
            pages,
            versions,
            copied: routes.copied,
            pdfs: routes.pdfs,
            version_index,
            children_index,
            by_file,
            broken_files,
            pdf_paths,
        };
        (site, diagnostics)
    }

    /// The page a Markdown file belongs to (its path relative to
    /// `content/`), and the audience if it is a variant.
    pub(crate) fn page_of_file(&self, rel: &str) -> Option<(PageId, Option<&str>)> {
        self.by_file
            .get(rel)
            .map(|(page, audience)| (*page, audience.as_deref()))
    }

    /// Puts a new version of a page's file in place of the old, which is
    /// returned. Its front-matter must be the same as the old file's: only
    /// the body may differ, so nothing else in the site changes.
    pub(crate) fn replace_file(
        &mut self,
        page: PageId,
        audience: Option<&str>,
        file: SourceFile,
    ) -> Option<SourceFile> {
        let page = &mut self.pages[page];
        let slot = match audience {
            Some(audience) => page.variants.get_mut(audience)?,
            None => page.base.as_mut()?,
        };
        Some(std::mem::replace(slot, file))
    }

    /// Whether `path` (from the output root) is a PDF the build would print.
    pub(crate) fn is_planned_pdf(&self, path: &str) -> bool {
        self.pdf_paths.contains(path)
    }

    /// The URL of an audience's downloads page (made only with PDFs).
    pub(crate) fn downloads_url(&self, audience: &str) -> String {
        routes::downloads_url(&self.config, audience)
    }

    /// The version of a page for an audience, if it has one.
    pub(crate) fn version(&self, page: PageId, audience: &str) -> Option<&Version> {
        self.version_index
            .get(&(page, audience.to_string()))
            .map(|&i| &self.versions[i])
    }

    /// The id of the version of a page for an audience, if it has one.
    pub(crate) fn version_id(&self, page: PageId, audience: &str) -> Option<VersionId> {
        self.version_index
            .get(&(page, audience.to_string()))
            .copied()
    }

    /// The file a version was made from (none for a generated home page).
    pub(crate) fn source(&self, version: &Version) -> Option<&SourceFile> {
        if version.generated {
            return None;
        }
        let page = &self.pages[version.page];
        page.variants.get(&version.audience).or(page.base.as_ref())
    }

    /// The built versions of a section's pages and subsections for an
    /// audience, by weight, then title.
    pub(crate) fn children(&self, section: PageId, audience: &str) -> Vec<&Version> {
        self.children_index
            .get(&(section, audience.to_string()))
            .map(|ids| ids.iter().map(|&id| &self.versions[id]).collect())
            .unwrap_or_default()
    }
}

/// The folder above, or `None` at the top.
fn parent(folder: &str) -> Option<&str> {
    if folder.is_empty() {
        None
    } else {
        Some(folder.rsplit_once('/').map_or("", |(p, _)| p))
    }
}

/// Joins two `/`-separated paths, either of which may be empty.
pub(crate) fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}/{b}"),
    }
}
