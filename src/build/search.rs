//! Stage 7, search: each audience's search page in each language, and the
//! search index it reads ([`crate::search`]), made from the same bodies as
//! the pages. Nothing is made with `search: false` in site.yaml.

use super::Rendering;
use crate::content::{PageId, Site, Version};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Output;
use crate::search::{document, Collection, Details};
use std::collections::BTreeMap;

/// Every search page and index file, by output path.
pub(crate) fn files(rendering: &Rendering, problems: &mut Diagnostics) -> BTreeMap<String, Output> {
    let Rendering {
        site,
        themes,
        phrases,
        bodies,
        ..
    } = rendering;
    let mut files = BTreeMap::new();
    if !site.config.search {
        return files;
    }
    let mut collections = Vec::new();
    for audience in &site.config.audiences {
        for language in &site.config.languages {
            let contents = contents(site, &audience.id, &language.id);
            let url = site.search_url(&audience.id, &language.id);
            match crate::render::search(
                site,
                themes,
                phrases,
                &audience.id,
                &language.id,
                &contents,
            ) {
                Ok(html) => {
                    files.insert(format!("{url}index.html"), Output::Bytes(html.into_bytes()));
                }
                Err(problem) => problems.push(problem),
            }
            let prefix = site.config.prefix(&audience.id, &language.id);
            collections.push(Collection {
                folder: format!("{url}pagefind/"),
                language: language.id.clone(),
                documents: contents
                    .iter()
                    .filter_map(|&(version, _)| {
                        let id = site.version_id(version.page, &audience.id, &language.id)?;
                        let body = bodies[id].as_ref()?;
                        let from_home = version
                            .url
                            .strip_prefix(prefix.as_str())
                            .unwrap_or(&version.url);
                        Some(document(from_home, &details(site, version), &body.html))
                    })
                    .collect(),
            });
        }
    }
    match crate::search::index_all(collections) {
        Ok(index) => files.extend(index),
        Err(reason) => problems.push(Diagnostic::general(reason)),
    }
    files
}

/// Every built page of `audience` in `language`, in the pack's order (the
/// home page, then each section's pages as its listing gives them, a
/// section's own pages after it), with how deep each is.
fn contents<'a>(site: &'a Site, audience: &str, language: &str) -> Vec<(&'a Version, usize)> {
    let mut found = Vec::new();
    if let Some(home) = site
        .version(PageId::HOME, audience, language)
        .filter(|v| v.built)
    {
        found.push((home, 0));
    }
    add_children(site, PageId::HOME, audience, language, 1, &mut found);
    found
}

/// Adds the pages `section` lists at `depth`, each section followed by its
/// own.
fn add_children<'a>(
    site: &'a Site,
    section: PageId,
    audience: &str,
    language: &str,
    depth: usize,
    found: &mut Vec<(&'a Version, usize)>,
) {
    for child in site.children(section, audience, language) {
        found.push((child, depth));
        if site.pages[child.page].is_section {
            add_children(site, child.page, audience, language, depth + 1, found);
        }
    }
}

/// What a result shows of `version` besides its words.
fn details<'a>(site: &'a Site, version: &'a Version) -> Details<'a> {
    let section = site.pages[version.page]
        .section
        .filter(|&section| section != PageId::HOME)
        .and_then(|section| site.version(section, &version.audience, &version.language))
        .map(|section| section.meta.title.as_str());
    Details {
        title: &version.meta.title,
        summary: version.meta.summary.as_deref(),
        section,
        language: &version.language,
    }
}
