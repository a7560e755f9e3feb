//! The steps [`Site::load`](super::Site::load) takes, in order, each on
//! plain values: find the files, read their front-matter into pages, place
//! each page in its section, make each page's versions, and index them for
//! rendering. The output paths are worked out between them, in
//! [`super::routes`].

use super::files::{self, FileKey, Found, MarkdownFile, Names};
use super::frontmatter::SourceFile;
use super::meta::Meta;
use super::{join, parent, routes, IdVec, Options, Page, PageId, Version, VersionId};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Finds the site's Markdown pages and copied files, reporting a missing
/// `content/` folder or one without pages.
pub(super) fn find_files(root: &Path, names: &Names, problems: &mut Vec<Diagnostic>) -> Found {
    if !root.join("content").is_dir() {
        problems.push(
            Diagnostic::error("content", "the site has no content/ folder").with_hint(
                "make a folder content/ beside site.yaml and put the Markdown pages in it",
            ),
        );
    }
    let found = files::find(root, names, problems);
    if found.markdown.is_empty() && !problems.iter().any(Diagnostic::is_error) {
        problems.push(
            Diagnostic::warning(
                "content",
                "content/ has no pages, so the site is only a generated home page",
            )
            .with_hint("add content/_index.md and some pages"),
        );
    }
    found
}

/// The pages read from the Markdown files, before they have URLs or
/// versions.
pub(super) struct ReadPages {
    /// Every page; the home page is first, even with no `_index.md`.
    pub pages: IdVec<PageId, Page>,
    /// The page of each Markdown file and whose version it is, by its
    /// path relative to `content/`; a page with no base file also by its
    /// base name.
    pub by_file: HashMap<String, (PageId, FileKey)>,
    /// The files (and their base names) that could not be read.
    pub broken_files: HashSet<String>,
}

/// Reads and parses every Markdown file, grouping variants with their
/// base. Files that cannot be read are reported and left out.
pub(super) fn read_pages(
    root: &Path,
    markdown: &[MarkdownFile],
    problems: &mut Vec<Diagnostic>,
) -> ReadPages {
    let mut pages = IdVec::new();
    let home = pages.push(empty_page("_index.md".to_string(), String::new(), true));
    let mut by_rel: HashMap<String, PageId> = HashMap::from([("_index.md".to_string(), home)]);
    let mut by_file = HashMap::new();
    let mut broken_files = HashSet::new();
    // Reading and parsing the files is most of loading: in parallel.
    let parsed: Vec<Result<SourceFile, Diagnostic>> = markdown
        .par_iter()
        .map(|md| {
            let shown = Path::new("content").join(&md.rel);
            crate::source::text::read_text(&root.join("content").join(&md.rel), &shown)
                .and_then(|text| SourceFile::parse(&shown, text))
        })
        .collect();
    for (md, parsed) in markdown.iter().zip(parsed) {
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
        let id = *by_rel.entry(base_rel.clone()).or_insert_with(|| {
            pages.push(empty_page(
                base_rel.clone(),
                md.folder.clone(),
                md.stem == "_index",
            ))
        });
        by_file.insert(md.rel.clone(), (id, md.key.clone()));
        pages[id].files.push((md.key.clone(), file));
    }
    // A page with no base file is also reached by its base name.
    for (id, page) in pages.iter_ids() {
        by_file
            .entry(page.rel.clone())
            .or_insert((id, FileKey::default()));
    }
    ReadPages {
        pages,
        by_file,
        broken_files,
    }
}

/// A page with no files yet, no URL and no section.
fn empty_page(rel: String, folder: String, is_section: bool) -> Page {
    Page {
        rel,
        folder,
        is_section,
        files: Vec::new(),
        url: String::new(),
        section: None,
    }
}

/// Gives every page but the home page the section that lists it: the
/// nearest folder above with an `_index.md`, else the home page.
pub(super) fn place_in_sections(pages: &mut IdVec<PageId, Page>) {
    let section_of_folder: HashMap<String, PageId> = pages
        .iter_ids()
        .filter(|(_, p)| p.is_section)
        .map(|(id, p)| (p.folder.clone(), id))
        .collect();
    for page in pages.iter_mut() {
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
                    None => break Some(PageId::HOME),
                }
            }
        };
    }
}

/// One version for each audience a page is for in each language it is
/// written in, in the switchers' order, with its settings resolved; every
/// audience gets a home page in every language, made up where it has
/// none. A version shown to an audience from a file written for the
/// default audience is marked `fallback`; an audience whose `fallback` is
/// false gets no such version, but a made-up home page, and a made-up
/// section (its title and a listing) where it has pages of its own in the
/// section. Pages whose settings are wrong are reported, added to
/// `broken_files` and left without versions.
pub(super) fn make_versions(
    config: &Config,
    options: &Options,
    pages: &IdVec<PageId, Page>,
    broken_files: &mut HashSet<String>,
    problems: &mut Vec<Diagnostic>,
) -> IdVec<VersionId, Version> {
    let audience_ids: Vec<&str> = config.audiences.iter().map(|a| a.id.as_str()).collect();
    let shows_fallback = |audience: &str| config.audience(audience).is_none_or(|a| a.fallback);
    let written = written_folders(config, pages, &audience_ids);
    let mut versions = IdVec::new();
    for (id, page) in pages.iter_ids() {
        // Versions of a base page that cannot be read are not checked:
        // what they would inherit is unknown.
        if page.base().is_none() && broken_files.contains(&page.rel) {
            continue;
        }
        for language in &config.languages {
            let key = config.language_key(&language.id);
            let own = own_audiences(page, key, &audience_ids, problems);
            let mut audiences = if id == PageId::HOME {
                audience_ids.clone()
            } else {
                own.clone()
            };
            audiences.sort_by_key(|a| audience_ids.iter().position(|x| x == a));
            for audience in audiences {
                let mut generated = !own.contains(&audience);
                let fallback = !generated && !written_for(page, audience, key, config);
                if fallback && !shows_fallback(audience) {
                    let has_own_pages = written.contains(&(
                        page.folder.clone(),
                        audience.to_string(),
                        language.id.clone(),
                    ));
                    if id != PageId::HOME && !(page.is_section && has_own_pages) {
                        continue;
                    }
                    generated = true;
                }
                let meta = if generated && id == PageId::HOME {
                    Ok(Meta::generated(&language.title))
                } else {
                    Meta::resolve(
                        &page.chain(audience, key),
                        &audience_ids,
                        config.review_months,
                    )
                };
                // A home page that is a draft gives way to a generated one.
                let (meta, generated) = match meta {
                    Ok(meta) if id == PageId::HOME && meta.draft && !options.drafts => {
                        (Ok(Meta::generated(&language.title)), true)
                    }
                    other => (other, generated),
                };
                match meta {
                    Ok(meta) => {
                        versions.push(Version {
                            page: id,
                            audience: audience.to_string(),
                            language: language.id.clone(),
                            built: !meta.draft || options.drafts,
                            meta,
                            fallback: fallback && !generated,
                            generated,
                            url: routes::version_url(config, audience, &language.id, &page.url),
                        });
                    }
                    Err(found) => {
                        problems.extend(found);
                        broken_files.insert(page.rel.clone());
                    }
                }
            }
        }
    }
    versions
}

/// Whether a page's version for `audience` in `language` (`None` for the
/// default) is written for that audience: it is the default audience, or
/// the version has a file of the audience's own, or its file's
/// `audiences` (or the base file's, which it inherits) names the audience.
/// Otherwise it is the default audience's page, shown to this one.
fn written_for(page: &Page, audience: &str, language: Option<&str>, config: &Config) -> bool {
    if audience == config.default_audience {
        return true;
    }
    let chain = page.chain(audience, language);
    let Some((key, file)) = chain.first() else {
        return false;
    };
    if key.language.as_deref() != language {
        return false;
    }
    if key.audience.is_some() {
        return true;
    }
    file.front
        .audiences
        .as_ref()
        .or_else(|| page.base()?.front.audiences.as_ref())
        .is_some_and(|listed| listed.iter().any(|a| a == audience))
}

/// Each folder (and every folder above it) with a page in it written for
/// an audience in a language, as (folder, audience, language): where an
/// audience that is shown no other audience's pages still needs the
/// section above its own pages.
fn written_folders(
    config: &Config,
    pages: &IdVec<PageId, Page>,
    audience_ids: &[&str],
) -> HashSet<(String, String, String)> {
    let mut written = HashSet::new();
    for page in pages.iter().filter(|p| !p.is_section) {
        for language in &config.languages {
            let key = config.language_key(&language.id);
            for audience in audience_ids {
                if page.chain(audience, key).is_empty() || !written_for(page, audience, key, config)
                {
                    continue;
                }
                let mut folder = Some(page.folder.as_str());
                while let Some(f) = folder {
                    written.insert((f.to_string(), audience.to_string(), language.id.clone()));
                    folder = parent(f);
                }
            }
        }
    }
    written
}

/// The audiences a page has a file for in a language (`None` for the
/// default): in the default language, those its base file's `audiences`
/// lists (every audience when it lists none), then each audience
/// variant's; in another, those of its file in that language (`NAME.L.md`,
/// whose `audiences` default to the base file's), then each of its
/// audience variants in that language (`NAME.A.L.md`). Reports listed
/// audiences the site does not have.
fn own_audiences<'a>(
    page: &'a Page,
    language: Option<&str>,
    audience_ids: &[&'a str],
    problems: &mut Vec<Diagnostic>,
) -> Vec<&'a str> {
    let mut audiences: Vec<&str> = match page.file(None, language) {
        Some(file) => {
            let listed = file
                .front
                .audiences
                .as_ref()
                .map(|listed| (file, listed))
                .or_else(|| {
                    let base = page.base()?;
                    Some((base, base.front.audiences.as_ref()?))
                });
            match listed {
                Some((setter, listed)) => {
                    for id in listed {
                        if !audience_ids.contains(&id.as_str()) && std::ptr::eq(setter, file) {
                            problems.push(
                                Diagnostic::error(
                                    &file.path,
                                    format!("`audiences` names `{id}`, which is not an audience of this site"),
                                )
                                .at_opt(file.key_place("audiences"))
                                .with_hint(format!(
                                    "the site's audiences are: {}",
                                    audience_ids.join(", ")
                                )),
                            );
                        }
                    }
                    audience_ids
                        .iter()
                        .copied()
                        .filter(|a| listed.iter().any(|l| l == a))
                        .collect()
                }
                None => audience_ids.to_vec(),
            }
        }
        None => Vec::new(),
    };
    for (key, _) in &page.files {
        if key.language.as_deref() == language {
            if let Some(id) = &key.audience {
                if !audiences.contains(&id.as_str()) {
                    audiences.push(id);
                }
            }
        }
    }
    audiences
}

/// Each page's versions, for looking them up while rendering.
pub(super) fn versions_of_page(
    pages: &IdVec<PageId, Page>,
    versions: &IdVec<VersionId, Version>,
) -> IdVec<PageId, Vec<VersionId>> {
    let mut of_page: IdVec<PageId, Vec<VersionId>> = pages.iter().map(|_| Vec::new()).collect();
    for (id, version) in versions.iter_ids() {
        of_page[version.page].push(id);
    }
    of_page
}

/// Each section's built children for each audience in each language,
/// sorted by weight (pages without one last), then by title regardless of
/// case.
pub(super) fn children_index(
    pages: &IdVec<PageId, Page>,
    versions: &IdVec<VersionId, Version>,
) -> HashMap<(PageId, String, String), Vec<VersionId>> {
    let mut index: HashMap<(PageId, String, String), Vec<VersionId>> = HashMap::new();
    for (id, version) in versions.iter_ids().filter(|(_, v)| v.built) {
        if let Some(section) = pages[version.page].section {
            index
                .entry((section, version.audience.clone(), version.language.clone()))
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
