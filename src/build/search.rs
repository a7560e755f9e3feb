//! Stage 7, search: each audience's search page in each language, and the
//! search index it reads ([`crate::search`]), made from the same bodies as
//! the pages. Nothing is made with `search: false` in site.yaml.

use super::Rendering;
use crate::content::{PageId, Site, Version};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Output;
use crate::search::{document, Collection, Details, Indexes};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Every search page and index file, by output path, each index copied
/// from the output in `previous` (the last build's) where its pages have
/// not changed; with how many indexes were made and how many kept.
pub(crate) fn files(rendering: &Rendering, previous: &Path, problems: &mut Diagnostics) -> Indexes {
    let pages = pages(rendering, problems);
    let mut indexes = crate::search::index_or_keep(collections(rendering, None), previous)
        .unwrap_or_else(|reason| {
            problems.push(Diagnostic::general(reason));
            Indexes::default()
        });
    indexes.files.extend(pages);
    indexes
}

/// Each audience's search page in each language, by output path; none
/// with `search: false`.
pub(crate) fn pages(rendering: &Rendering, problems: &mut Diagnostics) -> BTreeMap<String, Output> {
    let Rendering {
        site,
        themes,
        phrases,
        ..
    } = rendering;
    let mut files = BTreeMap::new();
    for (audience, language) in searched(site) {
        let contents = contents(site, audience, language);
        let url = site.search_url(audience, language);
        match crate::render::search(site, themes, phrases, audience, language, &contents) {
            Ok(html) => {
                files.insert(format!("{url}index.html"), Output::Bytes(html.into_bytes()));
            }
            Err(problem) => problems.push(problem),
        }
    }
    files
}

/// What each audience's index in each language is made from (only those
/// in `only`, when given); none with `search: false`.
pub(crate) fn collections(
    rendering: &Rendering,
    only: Option<&HashSet<(String, String)>>,
) -> Vec<Collection> {
    let Rendering { site, bodies, .. } = rendering;
    searched(site)
        .filter(|&(audience, language)| {
            only.is_none_or(|only| only.contains(&(audience.to_string(), language.to_string())))
        })
        .map(|(audience, language)| {
            let prefix = site.config.prefix(audience, language);
            let documents = contents(site, audience, language)
                .into_iter()
                .filter_map(|(version, _)| {
                    let id = site.version_id(version.page, audience, language)?;
                    let body = bodies[id].as_ref()?;
                    let from_home = version
                        .url
                        .strip_prefix(prefix.as_str())
                        .unwrap_or(&version.url);
                    Some(document(from_home, &details(site, version), &body.html))
                })
                .collect();
            Collection {
                folder: format!("{}pagefind/", site.search_url(audience, language)),
                language: language.to_string(),
                documents,
            }
        })
        .collect()
}

/// Every audience and language that has a search page: all of them,
/// unless `search: false`.
pub(crate) fn searched(site: &Site) -> impl Iterator<Item = (&str, &str)> {
    let search = site.config.search;
    site.config
        .audiences
        .iter()
        .filter(move |_| search)
        .flat_map(move |audience| {
            site.config
                .languages
                .iter()
                .map(move |language| (audience.id.as_str(), language.id.as_str()))
        })
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
