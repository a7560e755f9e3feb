//! The site model: every page, its versions for each audience, its URL, its
//! place among its section's pages, and the files copied beside them.

pub(crate) mod files;
pub(crate) mod frontmatter;
mod ids;
pub(crate) mod links;
mod load;
pub(crate) mod meta;
pub(crate) mod review;
pub(crate) mod routes;

use crate::config::Config;
use crate::diagnostic::Diagnostics;
use files::CopiedFile;
pub(crate) use files::FileKey;
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
    /// Its files, each with whose version it is: the base (`NAME.md`),
    /// and any for one audience, one language, or one audience in one
    /// language.
    pub files: Vec<(FileKey, SourceFile)>,
    /// The URL path without the audience prefix, ending in `/` (or empty for
    /// the home page).
    pub url: String,
    /// The section that lists this page, if any.
    pub section: Option<PageId>,
}

impl Page {
    /// The file for every audience in the default language, `NAME.md`.
    pub(crate) fn base(&self) -> Option<&SourceFile> {
        self.file(None, None)
    }

    /// The file for `audience` (if one) in `language` (if not the
    /// default), if there is one.
    pub(crate) fn file(
        &self,
        audience: Option<&str>,
        language: Option<&str>,
    ) -> Option<&SourceFile> {
        self.files
            .iter()
            .find(|(key, _)| key.is(audience, language))
            .map(|(_, file)| file)
    }

    /// Any one of its files, the base if it has one: for messages about
    /// the page as a whole.
    pub(crate) fn any_file(&self) -> Option<&SourceFile> {
        self.base().or(self.files.first().map(|(_, file)| file))
    }

    /// The files that make its version for `audience` in `language` (`None`
    /// for the default), the most specific first: `NAME.A.L.md`,
    /// `NAME.L.md`, then `NAME.md`; in the default language `NAME.A.md`,
    /// then `NAME.md`. Only those that exist.
    pub(crate) fn chain(
        &self,
        audience: &str,
        language: Option<&str>,
    ) -> Vec<(&FileKey, &SourceFile)> {
        let mut wanted = vec![(Some(audience), language)];
        if language.is_some() {
            wanted.push((None, language));
        }
        wanted.push((None, None));
        wanted
            .into_iter()
            .filter_map(|(a, l)| self.files.iter().find(|(key, _)| key.is(a, l)))
            .map(|(key, file)| (key, file))
            .collect()
    }
}

/// One version of a page: the page as one audience sees it in one
/// language.
#[derive(Debug)]
pub(crate) struct Version {
    /// The page it is a version of.
    pub page: PageId,
    /// The audience id.
    pub audience: String,
    /// The language id.
    pub language: String,
    /// Its settings.
    pub meta: Meta,
    /// The URL path from the site root, with the language's and the
    /// audience's prefix, ending in `/` (empty for the default audience's
    /// home page in the default language).
    pub url: String,
    /// Whether it is written out (drafts are only with `--drafts`).
    pub built: bool,
    /// Whether signpost made it up: a home page for an audience that has no
    /// `_index.md` of its own, or a section listing an audience's own
    /// pages where it is shown no other audience's (`fallback: false`).
    pub generated: bool,
    /// Whether it is the default audience's page shown to another
    /// audience, which has none of its own (`fallback: true`, the default).
    pub fallback: bool,
}

/// site.yaml as the templates of pages in one language see it, made into
/// Tera's values once, so that each page's context takes them without
/// serializing them again.
#[derive(Debug)]
pub(crate) struct TemplateValues {
    /// `site`: the settings, with the language's title and organisation.
    pub site: tera::Value,
    /// `params`: the site's, with the language's own over them.
    pub params: tera::Value,
}

/// The whole site, ready to render.
#[derive(Debug)]
pub(crate) struct Site {
    /// site.yaml.
    pub config: Config,
    /// site.yaml as templates see it (`site` and `params`) in each
    /// language, made once for every page.
    pub template_values: BTreeMap<String, TemplateValues>,
    /// What the build was asked for.
    pub options: Options,
    /// Every page; the home page is first.
    pub pages: IdVec<PageId, Page>,
    /// Every version of every page.
    pub versions: IdVec<VersionId, Version>,
    /// Files copied as they are, by output path.
    pub copied: BTreeMap<String, CopiedFile>,
    /// Each page's versions.
    versions_of_page: IdVec<PageId, Vec<VersionId>>,
    /// Each section's built children for each audience and language, in
    /// listing order.
    children_index: HashMap<(PageId, String, String), Vec<VersionId>>,
    by_file: HashMap<String, (PageId, FileKey)>,
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
        let language_ids: Vec<&str> = config
            .languages
            .iter()
            .map(|l| l.id.as_str())
            .filter(|l| *l != config.language)
            .collect();
        let names = files::Names {
            audiences: &audience_ids,
            languages: &language_ids,
            default_language: &config.language,
        };
        let found = load::find_files(root, &names, &mut problems);
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
        check_pictures(&pages, &versions, &routes.copied, &mut problems);
        let versions_of_page = load::versions_of_page(&pages, &versions);
        let children_index = load::children_index(&pages, &versions);
        let pdf_paths = routes.pdfs.iter().map(|p| p.path.clone()).collect();
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(problems);
        let template_values = template_values(&config);
        let site = Site {
            template_values,
            config,
            options,
            pages,
            versions,
            copied: routes.copied,
            pdfs: routes.pdfs,
            versions_of_page,
            children_index,
            by_file,
            broken_files,
            pdf_paths,
        };
        (site, diagnostics)
    }

    /// The page a Markdown file belongs to (its path relative to
    /// `content/`), and whose version of it the file is.
    pub(crate) fn page_of_file(&self, rel: &str) -> Option<(PageId, &FileKey)> {
        self.by_file.get(rel).map(|(page, key)| (*page, key))
    }

    /// Puts a new version of a page's file in place of the old, which is
    /// returned. Its front-matter must be the same as the old file's: only
    /// the body may differ, so nothing else in the site changes.
    pub(crate) fn replace_file(
        &mut self,
        page: PageId,
        key: &FileKey,
        file: SourceFile,
    ) -> Option<SourceFile> {
        let (_, slot) = self.pages[page].files.iter_mut().find(|(k, _)| k == key)?;
        Some(std::mem::replace(slot, file))
    }

    /// Whether `path` (from the output root) is a PDF the build would print.
    pub(crate) fn is_planned_pdf(&self, path: &str) -> bool {
        self.pdf_paths.contains(path)
    }

    /// The URL of an audience's downloads page in a language (made only
    /// with PDFs).
    pub(crate) fn downloads_url(&self, audience: &str, language: &str) -> String {
        routes::downloads_url(&self.config, audience, language)
    }

    /// The URL of an audience's search page in a language (made unless
    /// `search: false`).
    pub(crate) fn search_url(&self, audience: &str, language: &str) -> String {
        routes::search_url(&self.config, audience, language)
    }

    /// The version of a page for an audience in a language, if it has one.
    pub(crate) fn version(&self, page: PageId, audience: &str, language: &str) -> Option<&Version> {
        self.version_id(page, audience, language)
            .map(|id| &self.versions[id])
    }

    /// The id of the version of a page for an audience in a language, if
    /// it has one.
    pub(crate) fn version_id(
        &self,
        page: PageId,
        audience: &str,
        language: &str,
    ) -> Option<VersionId> {
        self.versions_of_page[page].iter().copied().find(|&id| {
            let version = &self.versions[id];
            version.audience == audience && version.language == language
        })
    }

    /// Every version of a page, in the order they were made: by language,
    /// then audience, each in switcher order.
    pub(crate) fn versions_of(&self, page: PageId) -> impl Iterator<Item = &Version> {
        self.versions_of_page[page]
            .iter()
            .map(|&id| &self.versions[id])
    }

    /// The file a version's body comes from (none for a generated home
    /// page): the most specific of its files.
    pub(crate) fn source(&self, version: &Version) -> Option<&SourceFile> {
        if version.generated {
            return None;
        }
        let language = self.config.language_key(&version.language);
        let page = &self.pages[version.page];
        page.chain(&version.audience, language)
            .first()
            .map(|(_, file)| *file)
    }

    /// The output path of a version's `picture`, when it has one.
    pub(crate) fn picture(&self, version: &Version) -> Option<String> {
        let picture = version.meta.picture.as_deref()?;
        picture_path(&self.pages[version.page].folder, picture)
            .filter(|path| self.copied.contains_key(path))
    }

    /// site.yaml as templates of pages in `language` see it.
    pub(crate) fn template_values(&self, language: &str) -> &TemplateValues {
        self.template_values
            .get(language)
            .or_else(|| self.template_values.get(&self.config.language))
            .expect("the default language has template values")
    }

    /// The built versions of a section's pages and subsections for an
    /// audience in a language, by weight, then title.
    pub(crate) fn children(
        &self,
        section: PageId,
        audience: &str,
        language: &str,
    ) -> Vec<&Version> {
        self.children_index
            .get(&(section, audience.to_string(), language.to_string()))
            .map(|ids| ids.iter().map(|&id| &self.versions[id]).collect())
            .unwrap_or_default()
    }
}

/// site.yaml as templates see it in each language.
fn template_values(config: &Config) -> BTreeMap<String, TemplateValues> {
    let site = serde_json::to_value(config).unwrap_or_default();
    config
        .languages
        .iter()
        .map(|language| {
            let mut site = site.clone();
            if let Some(fields) = site.as_object_mut() {
                fields.insert("title".into(), language.title.clone().into());
                fields.insert("organisation".into(), language.organisation.clone().into());
                fields.insert("language".into(), language.id.clone().into());
                let contact = serde_json::to_value(&language.contact).unwrap_or_default();
                fields.insert("contact".into(), contact);
            }
            let values = TemplateValues {
                site: tera::Value::from_serializable(&site),
                params: tera::Value::from_serializable(&language.params),
            };
            (language.id.clone(), values)
        })
        .collect()
}

/// The output path of a front-matter `picture` written in a file in
/// content folder `folder`: relative to it, or to content/ from a `/`.
fn picture_path(folder: &str, picture: &str) -> Option<String> {
    match picture.strip_prefix('/') {
        Some(from_top) => crate::util::path::fold("", from_top),
        None => crate::util::path::fold(folder, picture),
    }
}

/// Reports a front-matter `picture` that names no file of the site.
fn check_pictures(
    pages: &IdVec<PageId, Page>,
    versions: &IdVec<VersionId, Version>,
    copied: &BTreeMap<String, CopiedFile>,
    problems: &mut Vec<crate::diagnostic::Diagnostic>,
) {
    let mut reported = HashSet::new();
    for version in versions.iter() {
        let page = &pages[version.page];
        let Some(picture) = version.meta.picture.as_deref() else {
            continue;
        };
        let found = picture_path(&page.folder, picture).is_some_and(|p| copied.contains_key(&p));
        let Some(file) = page
            .files
            .iter()
            .map(|(_, file)| file)
            .find(|file| file.front.picture.as_deref() == Some(picture))
        else {
            continue;
        };
        if found || !reported.insert(file.path.clone()) {
            continue;
        }
        problems.push(
            crate::diagnostic::Diagnostic::error(
                &file.path,
                format!("`picture` is `{picture}`, which is not a file in content/"),
            )
            .at_opt(file.key_place("picture"))
            .with_hint("name a picture relative to this file, such as ../images/book.svg"),
        );
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
