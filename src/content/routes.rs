//! Every output path of the site, worked out once when it is loaded: each
//! page's URL and each version's, the files copied as they are, the PDFs
//! and each audience's downloads page; and the checks that no two things
//! go to one place and that nothing takes a reserved URL.

use super::files::CopiedFile;
use super::{join, IdVec, Options, Page, PageId, Version, VersionId};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Place};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The folder under the output root that signpost's own files go in; a
/// site may not use it.
pub(crate) const ASSETS_FOLDER: &str = "_signpost";

/// The folder under each audience's prefix that lists its PDFs, while PDFs
/// are made.
const DOWNLOADS_FOLDER: &str = "downloads";

/// The folder of an audience's search page and search index.
const SEARCH_FOLDER: &str = "search";

/// One PDF the build makes.
#[derive(Clone, Debug)]
pub(crate) struct Planned {
    /// The page version it is of.
    pub version: VersionId,
    /// Its path from the output root.
    pub path: String,
    /// Whether it is a section's (or the home page's) collection of pages.
    pub collection: bool,
}

/// The output paths found when the site is loaded, beyond each version's
/// own URL (which is on the [`Version`]).
#[derive(Debug, Default)]
pub(crate) struct Routes {
    /// Files copied as they are, by output path.
    pub copied: BTreeMap<String, CopiedFile>,
    /// Every PDF a build with PDFs prints, in version order; worked out
    /// even without PDFs, so that a link to one can say why it is missing.
    pub pdfs: Vec<Planned>,
}

/// Gives every page its URL without the audience prefix: a folder's part
/// is its `_index.md` slug, or its name; a page's last part its own slug,
/// or its file name. Reports slugs that cannot be part of a URL.
pub(crate) fn page_urls(pages: &mut IdVec<PageId, Page>, problems: &mut Vec<Diagnostic>) {
    let folder_slugs: HashMap<String, String> = pages
        .iter()
        .filter(|p| p.is_section)
        .filter_map(|p| Some((p.folder.clone(), p.base()?.front.slug.clone()?)))
        .collect();
    for page in pages.iter_mut() {
        let stem = page
            .rel
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".md");
        let own_slug = page.base().and_then(|b| b.front.slug.clone());
        if let (Some(slug), Some(base)) = (&own_slug, page.base()) {
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
    }
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

/// The URL of a page's version for an audience in a language: the page's
/// URL under the language's and the audience's prefix.
pub(crate) fn version_url(
    config: &Config,
    audience: &str,
    language: &str,
    page_url: &str,
) -> String {
    format!("{}{page_url}", config.prefix(audience, language))
}

/// The file a page at `url` is written to.
pub(crate) fn page_file(url: &str) -> String {
    format!("{url}index.html")
}

/// The URL of an audience's downloads page in a language.
pub(crate) fn downloads_url(config: &Config, audience: &str, language: &str) -> String {
    format!("{}{DOWNLOADS_FOLDER}/", config.prefix(audience, language))
}

/// The URL of an audience's search page in a language; its index is in
/// the same folder.
pub(crate) fn search_url(config: &Config, audience: &str, language: &str) -> String {
    format!("{}{SEARCH_FOLDER}/", config.prefix(audience, language))
}

/// The path of the zip file of all an audience's PDFs in a language, in
/// its downloads folder: named as the whole site's PDF would be (the site
/// title in that language, `-AUDIENCE`, `-LANGUAGE`), ending `.zip`.
pub(crate) fn downloads_zip(config: &Config, audience: &str, language: &str) -> String {
    format!(
        "{}{}{}.zip",
        downloads_url(config, audience, language),
        title_file_stem(language_title(config, language)),
        file_suffix(config, audience, language)
    )
}

/// Works out the copied files' and the PDFs' output paths, and checks that
/// no two things would be written to the same place and that nothing uses
/// a reserved URL.
pub(crate) fn route(
    config: &Config,
    options: &Options,
    pages: &IdVec<PageId, Page>,
    versions: &IdVec<VersionId, Version>,
    copied: Vec<CopiedFile>,
    problems: &mut Vec<Diagnostic>,
) -> Routes {
    let file_of = |v: &Version| source_shown(config, pages, v);
    let urls = check_page_clashes(versions, &file_of, problems);
    let pdf = options.pdf || config.pdf;
    check_reserved_urls(config, pdf, pages, problems);
    let copied = place_copied(config, pdf, copied, &urls, &file_of, problems);
    let page_outputs = versions.iter().map(|v| (page_file(&v.url), file_of(v)));
    let file_outputs = copied.values().map(|f| (f.output.clone(), f.shown.clone()));
    check_case_clashes(page_outputs.chain(file_outputs), problems);
    Routes {
        copied,
        pdfs: plan_pdfs(config, pages, versions),
    }
}

/// The file a version is made from, as messages show it (the base name
/// for a generated home page).
fn source_shown(config: &Config, pages: &IdVec<PageId, Page>, version: &Version) -> PathBuf {
    let page = &pages[version.page];
    let language = config.language_key(&version.language);
    page.chain(&version.audience, language)
        .first()
        .map(|(_, f)| f.path.clone())
        .unwrap_or_else(|| Path::new("content").join(&page.rel))
}

/// Reports two pages at one URL; returns every version by URL.
fn check_page_clashes<'a>(
    versions: &'a IdVec<VersionId, Version>,
    file_of: &impl Fn(&Version) -> PathBuf,
    problems: &mut Vec<Diagnostic>,
) -> HashMap<&'a str, &'a Version> {
    let mut urls: HashMap<&str, &Version> = HashMap::new();
    for version in versions.iter() {
        if let Some(other) = urls.insert(&version.url, version) {
            if other.page != version.page {
                problems.push(
                    Diagnostic::error(
                        file_of(version),
                        format!(
                            "this page and another page would both be at /{}",
                            version.url
                        ),
                    )
                    .with_related(Place::new(file_of(other), "the other page"))
                    .with_hint("rename one of the files, or give one a different `slug`"),
                );
            }
        }
    }
    urls
}

/// Reports pages whose URL starts with a folder signpost keeps for itself:
/// an audience's, a language's, its own files', the downloads page's
/// while PDFs are made, or the search page's unless search is off.
fn check_reserved_urls(
    config: &Config,
    pdf: bool,
    pages: &IdVec<PageId, Page>,
    problems: &mut Vec<Diagnostic>,
) {
    for page in pages.iter().filter(|p| !p.url.is_empty()) {
        let first = page.url.split('/').next().unwrap_or_default();
        let reserved = if config.audiences.iter().any(|a| a.id == first) {
            Some(format!(
                "/{first}/ is where the `{first}` audience's pages live"
            ))
        } else if config.is_other_language(first) {
            Some(format!(
                "/{first}/ is where the pages in the language `{first}` live"
            ))
        } else if first == ASSETS_FOLDER {
            Some(format!(
                "/{ASSETS_FOLDER}/ holds the theme's style sheets and scripts"
            ))
        } else if pdf && first == DOWNLOADS_FOLDER {
            Some(format!(
                "/{DOWNLOADS_FOLDER}/ is the list of PDFs while PDFs are made"
            ))
        } else if config.search && first == SEARCH_FOLDER {
            Some(format!(
                "/{SEARCH_FOLDER}/ is the search page (`search: false` in site.yaml turns it off)"
            ))
        } else {
            None
        };
        if let Some(reason) = reserved {
            let shown = page.any_file().map(|f| f.path.clone()).unwrap_or_default();
            problems.push(
                Diagnostic::error(
                    shown,
                    format!("this page's URL /{} is reserved: {reason}", page.url),
                )
                .with_hint("rename the file or folder, or give it another `slug`"),
            );
        }
    }
}

/// The copied files by output path, reporting those in a reserved folder,
/// in a page's place, or in another copied file's.
fn place_copied(
    config: &Config,
    pdf: bool,
    copied: Vec<CopiedFile>,
    urls: &HashMap<&str, &Version>,
    file_of: &impl Fn(&Version) -> PathBuf,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, CopiedFile> {
    let mut by_output: BTreeMap<String, CopiedFile> = BTreeMap::new();
    for file in copied {
        let first = file.output.split('/').next().unwrap_or_default();
        let in_folder = file.output.contains('/');
        let reserved_folder = config.audiences.iter().any(|a| a.id == first)
            || config.is_other_language(first)
            || (pdf && first == DOWNLOADS_FOLDER)
            || (config.search && first == SEARCH_FOLDER);
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
                Diagnostic::error(&file.shown, "this file would replace a page")
                    .with_related(Place::new(file_of(page), "the page"))
                    .with_hint("rename the file, or move it to another folder"),
            );
            continue;
        }
        if let Some(other) = by_output.get(&file.output) {
            problems.push(
                Diagnostic::error(
                    &file.shown,
                    format!(
                        "this file and another file would both be copied to /{}",
                        file.output
                    ),
                )
                .with_related(Place::new(&other.shown, "the other file"))
                .with_hint("keep one of them, or rename one"),
            );
            continue;
        }
        by_output.insert(file.output.clone(), file);
    }
    by_output
}

/// Reports output paths (each with the file it is made from) that differ
/// only in capitals: Windows and macOS, and many web hosts, take them for
/// one file, so one would silently replace the other.
fn check_case_clashes(
    outputs: impl Iterator<Item = (String, PathBuf)>,
    problems: &mut Vec<Diagnostic>,
) {
    let mut by_lowercase: HashMap<String, (String, PathBuf)> = HashMap::new();
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
                    "this file and another file would be written to /{} and /{}, which differ only in capitals",
                    output.trim_end_matches("index.html"),
                    first_output.trim_end_matches("index.html"),
                ),
            )
            .with_related(Place::new(first_file, "the other file"))
            .with_hint("rename one of them: Windows, macOS and many web hosts take the two for one, so one would replace the other"),
        );
    }
}

/// Which PDFs a build makes (docs/pdf.md): one for every built page version
/// with `pdf: true`, in its page's folder, named after the last part of its
/// URL (the site title for the home page), with `-AUDIENCE` for audiences
/// other than the default and `-LANGUAGE` for languages other than the
/// default.
fn plan_pdfs(
    config: &Config,
    pages: &IdVec<PageId, Page>,
    versions: &IdVec<VersionId, Version>,
) -> Vec<Planned> {
    versions
        .iter_ids()
        .filter(|(_, v)| v.built && v.meta.pdf)
        .map(|(id, v)| {
            let unprefixed = &pages[v.page].url;
            let stem = match unprefixed.trim_end_matches('/').rsplit('/').next() {
                Some(last) if !last.is_empty() => last.to_string(),
                _ => title_file_stem(language_title(config, &v.language)),
            };
            let suffix = file_suffix(config, &v.audience, &v.language);
            Planned {
                version: id,
                path: format!("{}{stem}{suffix}.pdf", v.url),
                collection: pages[v.page].is_section,
            }
        })
        .collect()
}

/// The site's title in `language`.
fn language_title<'a>(config: &'a Config, language: &str) -> &'a str {
    config
        .language(language)
        .map_or(&config.title, |l| &l.title)
}

/// What a file of `audience` in `language` adds to its name:
/// `-AUDIENCE` for an audience other than the default, then `-LANGUAGE`
/// for a language other than the default.
fn file_suffix(config: &Config, audience: &str, language: &str) -> String {
    let mut suffix = String::new();
    if audience != config.default_audience {
        suffix.push('-');
        suffix.push_str(audience);
    }
    if language != config.language {
        suffix.push('-');
        suffix.push_str(language);
    }
    suffix
}

/// The site title as a file name: lowercased, each run of characters other
/// than a-z and 0-9 made one hyphen, trimmed; `site` when nothing is left.
fn title_file_stem(title: &str) -> String {
    let stem = crate::util::slug::slug(title, |c| c.is_ascii_alphanumeric());
    if stem.is_empty() {
        "site".to_string()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::{check_case_clashes, folder_url, title_file_stem};
    use std::collections::HashMap;
    use std::path::PathBuf;

    #[test]
    fn a_title_becomes_an_ascii_file_stem() {
        assert_eq!(
            title_file_stem("Mentoring: a Guide (2026)"),
            "mentoring-a-guide-2026"
        );
        assert_eq!(title_file_stem("Café für Kinder"), "caf-f-r-kinder");
        assert_eq!(title_file_stem("  --  "), "site");
        assert_eq!(title_file_stem("日本"), "site");
    }

    #[test]
    fn a_folder_url_takes_each_section_slug() {
        let slugs = HashMap::from([("guide".to_string(), "how-to".to_string())]);
        assert_eq!(folder_url("", &slugs), "");
        assert_eq!(folder_url("guide/forms", &slugs), "how-to/forms/");
    }

    #[test]
    fn a_case_clash_is_reported_once_with_the_other_file_beside_it() {
        let output = |path: &str, file: &str| (path.to_string(), PathBuf::from(file));
        let mut problems = Vec::new();
        check_case_clashes(
            [
                output("About/index.html", "content/About.md"),
                output("about/index.html", "content/about.md"),
                output("carer/About/index.html", "content/About.md"),
                output("carer/about/index.html", "content/about.md"),
            ]
            .into_iter(),
            &mut problems,
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file, Some(PathBuf::from("content/about.md")));
        let related = problems[0].related.as_ref().unwrap();
        assert_eq!(related.file, PathBuf::from("content/About.md"));
        assert!(problems[0].message.contains("/about/ and /About/"));
    }
}
