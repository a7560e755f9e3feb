//! The site model: every page, its versions for each audience, its URL, its
//! place among its section's pages, and the files copied beside them.

pub mod files;
pub mod frontmatter;
pub mod links;
pub mod meta;
pub mod walk;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use files::CopiedFile;
use frontmatter::SourceFile;
use meta::Meta;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// What a build was asked for that changes which pages are built.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Build drafts too.
    pub drafts: bool,
    /// Write links that work opened from disk (ending in `index.html`).
    pub offline: bool,
    /// PDFs are made (reserves `downloads/`).
    pub pdf: bool,
}

/// A page of the site, with all the files that make its versions.
#[derive(Debug)]
pub struct Page {
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
    pub section: Option<usize>,
}

/// One version of a page: the page as one audience sees it.
#[derive(Debug)]
pub struct Version {
    /// The page, by index into [`Site::pages`].
    pub page: usize,
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
pub struct Site {
    /// site.yaml.
    pub config: Config,
    /// site.yaml as templates see it (`site`), made once for every page.
    pub config_value: serde_json::Value,
    /// What the build was asked for.
    pub options: Options,
    /// Every page; the home page is first.
    pub pages: Vec<Page>,
    /// Every version of every page.
    pub versions: Vec<Version>,
    /// Files copied as they are, by output path.
    pub copied: BTreeMap<String, CopiedFile>,
    version_index: HashMap<(usize, String), usize>,
    /// Each section's built children for each audience, in listing order.
    children_index: HashMap<(usize, String), Vec<usize>>,
    by_file: HashMap<String, (usize, Option<String>)>,
    broken_files: HashSet<String>,
    /// The output path of every PDF the build would print, found when a
    /// link first asks.
    pdf_paths: std::sync::OnceLock<HashSet<String>>,
}

impl Site {
    /// Finds and reads every file of the site in `root`, and checks what can
    /// be checked before rendering.
    /// Pages that cannot be read are left out; the problems found come back
    /// beside the site, so that rendering can find more before the build
    /// stops.
    pub fn load(root: &Path, config: Config, options: Options) -> (Site, Diagnostics) {
        let mut problems = config.warnings.clone();
        let audience_ids: Vec<&str> = config.audiences.iter().map(|a| a.id.as_str()).collect();
        if !root.join("content").is_dir() {
            problems.push(
                Diagnostic::error("content", "the site has no content/ folder").with_hint(
                    "make a folder content/ beside site.yaml and put the Markdown pages in it",
                ),
            );
        }
        let found = files::find(root, &audience_ids, &mut problems);
        if found.markdown.is_empty() && !problems.iter().any(Diagnostic::is_error) {
            problems.push(
                Diagnostic::warning(
                    "content",
                    "content/ has no pages, so the site is only a generated home page",
                )
                .with_hint("add content/_index.md and some pages"),
            );
        }

        // Read and parse every Markdown file, grouping variants with their base.
        let mut pages: Vec<Page> = Vec::new();
        let mut by_rel: HashMap<String, usize> = HashMap::new();
        let mut by_file = HashMap::new();
        let mut broken_files = HashSet::new();
        let home_rel = "_index.md".to_string();
        pages.push(Page {
            rel: home_rel.clone(),
            folder: String::new(),
            is_section: true,
            base: None,
            variants: BTreeMap::new(),
            url: String::new(),
            section: None,
        });
        by_rel.insert(home_rel, 0);
        // Reading and parsing the files is most of loading: in parallel.
        let parsed: Vec<Result<SourceFile, Diagnostic>> = found
            .markdown
            .par_iter()
            .map(|md| {
                let shown = Path::new("content").join(&md.rel);
                files::read_text(&root.join("content").join(&md.rel), &shown)
                    .and_then(|text| SourceFile::parse(&shown, text))
            })
            .collect();
        for (md, parsed) in found.markdown.iter().zip(parsed) {
            let base_rel = join(&md.folder, &format!("{}.md", md.stem));
            let file = match parsed {
                Ok(file) => {
                    problems.extend(file.warnings.iter().cloned());
                    file
                }
                Err(problem) => {
                    problems.push(problem);
                    broken_files.insert(md.rel.clone());
                    broken_files.insert(base_rel);
                    continue;
                }
            };
            let index = *by_rel.entry(base_rel.clone()).or_insert_with(|| {
                pages.push(Page {
                    rel: base_rel.clone(),
                    folder: md.folder.clone(),
                    is_section: md.stem == "_index",
                    base: None,
                    variants: BTreeMap::new(),
                    url: String::new(),
                    section: None,
                });
                pages.len() - 1
            });
            by_file.insert(md.rel.clone(), (index, md.audience.clone()));
            match &md.audience {
                Some(audience) => {
                    pages[index].variants.insert(audience.clone(), file);
                }
                None => pages[index].base = Some(file),
            }
        }
        // A page that has only variants is also reached by its base name.
        for (index, page) in pages.iter().enumerate() {
            by_file.entry(page.rel.clone()).or_insert((index, None));
        }

        // URLs: a folder's part is its `_index.md` slug, or its name.
        let section_of_folder: HashMap<String, usize> = pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_section)
            .map(|(i, p)| (p.folder.clone(), i))
            .collect();
        let folder_slugs: HashMap<String, String> = pages
            .iter()
            .filter(|p| p.is_section)
            .filter_map(|p| Some((p.folder.clone(), p.base.as_ref()?.front.slug.clone()?)))
            .collect();
        for page in &mut pages {
            let stem = page
                .rel
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .trim_end_matches(".md");
            let own_slug = page.base.as_ref().and_then(|b| b.front.slug.clone());
            if let (Some(slug), Some(base)) = (&own_slug, &page.base) {
                if slug.is_empty() || slug.contains('/') || slug == "." || slug == ".." {
                    problems.push(
                        Diagnostic::error(
                            &base.path,
                            format!("`slug` is `{slug}`, which cannot be part of a URL"),
                        )
                        .at_opt(base.key_place("slug"))
                        .with_hint("use letters, digits and hyphens, with no `/`"),
                    );
                }
            }
            page.url = if page.is_section {
                folder_url(&page.folder, &folder_slugs)
            } else {
                let name = own_slug.unwrap_or_else(|| stem.to_string());
                format!("{}{name}/", folder_url(&page.folder, &folder_slugs))
            };
            page.section = if page.rel == "_index.md" {
                None
            } else {
                let mut folder = if page.is_section {
                    parent(&page.folder)
                } else {
                    Some(page.folder.as_str())
                };
                loop {
                    match folder {
                        Some(f) => {
                            if let Some(&s) = section_of_folder.get(f) {
                                break Some(s);
                            }
                            folder = parent(f);
                        }
                        None => break Some(0),
                    }
                }
            };
        }

        // Versions: one per audience the page is for.
        let mut versions = Vec::new();
        for (index, page) in pages.iter().enumerate() {
            let mut audiences: Vec<&str> = match &page.base {
                Some(base) => match &base.front.audiences {
                    Some(listed) => {
                        for id in listed {
                            if !audience_ids.contains(&id.as_str()) {
                                problems.push(
                                    Diagnostic::error(&base.path, format!("`audiences` names `{id}`, which is not an audience of this site"))
                                        .at_opt(base.key_place("audiences"))
                                        .with_hint(format!("the site's audiences are: {}", audience_ids.join(", "))),
                                );
                            }
                        }
                        audience_ids
                            .iter()
                            .copied()
                            .filter(|a| listed.iter().any(|l| l == a))
                            .collect()
                    }
                    None => audience_ids.clone(),
                },
                None => Vec::new(),
            };
            for id in page.variants.keys() {
                if !audiences.contains(&id.as_str()) {
                    audiences.push(id);
                }
            }
            // Every audience has a home page, made up where it has none.
            let own = audiences.clone();
            if index == 0 {
                audiences = audience_ids.clone();
            }
            // Keep the switcher order.
            audiences.sort_by_key(|a| audience_ids.iter().position(|x| x == a));
            // Variants of a base page that cannot be read are not checked:
            // what they would inherit is unknown.
            if page.base.is_none() && broken_files.contains(&page.rel) {
                continue;
            }
            for audience in audiences {
                let variant = page.variants.get(audience);
                let generated = !own.contains(&audience);
                let meta = if generated {
                    Ok(Meta::generated(&config.title))
                } else {
                    Meta::resolve(page.base.as_ref(), variant, &audience_ids)
                };
                // A home page that is a draft gives way to a generated one.
                let (meta, generated) = match meta {
                    Ok(meta) if index == 0 && meta.draft && !options.drafts => {
                        (Ok(Meta::generated(&config.title)), true)
                    }
                    other => (other, generated),
                };
                match meta {
                    Ok(meta) => versions.push(Version {
                        page: index,
                        audience: audience.to_string(),
                        built: !meta.draft || options.drafts,
                        meta,
                        generated,
                        url: format!("{}{}", config.prefix(audience), page.url),
                    }),
                    Err(found) => {
                        problems.extend(found);
                        broken_files.insert(page.rel.clone());
                    }
                }
            }
        }

        let copied = check_clashes(
            &config,
            &options,
            &pages,
            &versions,
            found.copied,
            &mut problems,
        );
        let version_index = versions
            .iter()
            .enumerate()
            .map(|(i, v)| ((v.page, v.audience.clone()), i))
            .collect();
        let children_index = children_index(&pages, &versions);
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(problems);
        let config_value = serde_json::to_value(&config).unwrap_or_default();
        let site = Site {
            config_value,
            config,
            options,
            pages,
            versions,
            copied,
            version_index,
            children_index,
            by_file,
            broken_files,
            pdf_paths: Default::default(),
        };
        (site, diagnostics)
    }

    /// The page a Markdown file belongs to (its path relative to
    /// `content/`), and the audience if it is a variant.
    pub fn page_of_file(&self, rel: &str) -> Option<(usize, Option<&str>)> {
        self.by_file
            .get(rel)
            .map(|(page, audience)| (*page, audience.as_deref()))
    }

    /// Puts a new version of a page's file in place of the old, which is
    /// returned. Its front-matter must be the same as the old file's: only
    /// the body may differ, so nothing else in the site changes.
    pub fn replace_file(
        &mut self,
        page: usize,
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
    pub fn is_planned_pdf(&self, path: &str) -> bool {
        self.pdf_paths
            .get_or_init(|| crate::pdf::plan(self).into_iter().map(|p| p.path).collect())
            .contains(path)
    }

    /// The version of a page for an audience, if it has one.
    pub fn version(&self, page: usize, audience: &str) -> Option<&Version> {
        self.version_index
            .get(&(page, audience.to_string()))
            .map(|&i| &self.versions[i])
    }

    /// The index of the version of a page for an audience, if it has one.
    pub fn version_id(&self, page: usize, audience: &str) -> Option<usize> {
        self.version_index
            .get(&(page, audience.to_string()))
            .copied()
    }

    /// The file a version was made from (none for a generated home page).
    pub fn source(&self, version: &Version) -> Option<&SourceFile> {
        if version.generated {
            return None;
        }
        let page = &self.pages[version.page];
        page.variants.get(&version.audience).or(page.base.as_ref())
    }

    /// The built versions of a section's pages and subsections for an
    /// audience, by weight, then title.
    pub fn children(&self, section: usize, audience: &str) -> Vec<&Version> {
        self.children_index
            .get(&(section, audience.to_string()))
            .map(|ids| ids.iter().map(|&id| &self.versions[id]).collect())
            .unwrap_or_default()
    }
}

/// Each section's built children for each audience, sorted by weight
/// (pages without one last), then by title regardless of case.
fn children_index(pages: &[Page], versions: &[Version]) -> HashMap<(usize, String), Vec<usize>> {
    let mut index: HashMap<(usize, String), Vec<usize>> = HashMap::new();
    for (id, version) in versions.iter().enumerate().filter(|(_, v)| v.built) {
        if let Some(section) = pages[version.page].section {
            index
                .entry((section, version.audience.clone()))
                .or_default()
                .push(id);
        }
    }
    for children in index.values_mut() {
        children.sort_by_cached_key(|&id| {
            let meta = &versions[id].meta;
            (
                meta.weight.is_none(),
                meta.weight,
                meta.title.to_lowercase(),
            )
        });
    }
    index
}

/// The URL path of a folder: each part its `_index.md` slug or its name.
fn folder_url(folder: &str, slugs: &HashMap<String, String>) -> String {
    if folder.is_empty() {
        return String::new();
    }
    let mut url = String::new();
    let mut so_far = String::new();
    for part in folder.split('/') {
        so_far = join(&so_far, part);
        url.push_str(slugs.get(&so_far).map_or(part, String::as_str));
        url.push('/');
    }
    url
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
pub fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}/{b}"),
    }
}

/// The folder under the output root that signpost's own files go in; a
/// site may not use it.
pub const ASSETS_FOLDER: &str = "_signpost";

/// Checks that no two things would be written to the same place, and that
/// nothing uses a reserved URL. Returns the copied files by output path.
fn check_clashes(
    config: &Config,
    options: &Options,
    pages: &[Page],
    versions: &[Version],
    copied: Vec<CopiedFile>,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, CopiedFile> {
    let file_of = |v: &Version| -> std::path::PathBuf {
        let page = &pages[v.page];
        page.variants
            .get(&v.audience)
            .or(page.base.as_ref())
            .map(|f| f.path.clone())
            .unwrap_or_else(|| Path::new("content").join(&page.rel))
    };
    let mut urls: HashMap<&str, &Version> = HashMap::new();
    for version in versions {
        if let Some(other) = urls.insert(&version.url, version) {
            if other.page != version.page {
                problems.push(
                    Diagnostic::error(
                        file_of(version),
                        format!(
                            "this page and {} would both be at /{}",
                            file_of(other).display(),
                            version.url
                        ),
                    )
                    .with_hint("rename one of the files, or give one a different `slug`"),
                );
            }
        }
    }
    let pdf = options.pdf || config.pdf;
    for page in pages.iter().filter(|p| !p.url.is_empty()) {
        let first = page.url.split('/').next().unwrap_or_default();
        let reserved = if config.audiences.iter().any(|a| a.id == first) {
            Some(format!(
                "/{first}/ is where the `{first}` audience's pages live"
            ))
        } else if first == ASSETS_FOLDER {
            Some(format!(
                "/{ASSETS_FOLDER}/ holds the theme's style sheets and scripts"
            ))
        } else if pdf && first == "downloads" {
            Some("/downloads/ is the list of PDFs while PDFs are made".to_string())
        } else {
            None
        };
        if let Some(reason) = reserved {
            let shown = page
                .base
                .as_ref()
                .or(page.variants.values().next())
                .map(|f| f.path.clone())
                .unwrap_or_default();
            problems.push(
                Diagnostic::error(
                    shown,
                    format!("this page's URL /{} is reserved: {reason}", page.url),
                )
                .with_hint("rename the file or folder, or give it another `slug`"),
            );
        }
    }
    let mut by_output: BTreeMap<String, CopiedFile> = BTreeMap::new();
    for file in copied {
        let first = file.output.split('/').next().unwrap_or_default();
        let in_folder = file.output.contains('/');
        let reserved_folder =
            config.audiences.iter().any(|a| a.id == first) || (pdf && first == "downloads");
        if first == ASSETS_FOLDER || (in_folder && reserved_folder) {
            problems.push(
                Diagnostic::error(&file.shown, format!("the folder /{first}/ is reserved"))
                    .with_hint("move the file to another folder"),
            );
        }
        if let Some(page) = file
            .output
            .strip_suffix("index.html")
            .and_then(|url| urls.get(url))
        {
            problems.push(
                Diagnostic::error(
                    &file.shown,
                    format!(
                        "this file would replace the page {}",
                        file_of(page).display()
                    ),
                )
                .with_hint("rename the file, or move it to another folder"),
            );
            continue;
        }
        if let Some(other) = by_output.get(&file.output) {
            problems.push(
                Diagnostic::error(
                    &file.shown,
                    format!(
                        "this file and {} would both be copied to /{}",
                        other.shown.display(),
                        file.output
                    ),
                )
                .with_hint("keep one of them, or rename one"),
            );
            continue;
        }
        by_output.insert(file.output.clone(), file);
    }
    let page_outputs = versions
        .iter()
        .map(|v| (format!("{}index.html", v.url), file_of(v)));
    let file_outputs = by_output
        .values()
        .map(|f| (f.output.clone(), f.shown.clone()));
    check_case_clashes(page_outputs.chain(file_outputs), problems);
    by_output
}

/// Reports output paths (each with the file it is made from) that differ
/// only in capitals: Windows and macOS, and many web hosts, take them for
/// one file, so one would silently replace the other.
fn check_case_clashes(
    outputs: impl Iterator<Item = (String, std::path::PathBuf)>,
    problems: &mut Vec<Diagnostic>,
) {
    let mut by_lowercase: HashMap<String, (String, std::path::PathBuf)> = HashMap::new();
    let mut reported = HashSet::new();
    for (output, file) in outputs {
        let Some((first_output, first_file)) = by_lowercase.get(&output.to_lowercase()) else {
            by_lowercase.insert(output.to_lowercase(), (output, file));
            continue;
        };
        // A page's versions for each audience clash alike: report the files once.
        if *first_output == output || !reported.insert((first_file.clone(), file.clone())) {
            continue;
        }
        problems.push(
            Diagnostic::error(
                &file,
                format!(
                    "this file and {} would be written to /{} and /{}, which differ only in capitals",
                    first_file.display(),
                    output.trim_end_matches("index.html"),
                    first_output.trim_end_matches("index.html"),
                ),
            )
            .with_hint("rename one of them: Windows, macOS and many web hosts take the two for one, so one would replace the other"),
        );
    }
}
