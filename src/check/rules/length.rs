//! `easy-read/length`: a page, or a section's PDF with its pages, prints
//! on at most `max_pages` pages. A section's PDF holds its pages, so this
//! rule needs every page read first: [`crate::check::run`] applies it,
//! not the page-by-page runner.

use super::finding::Findings;
use super::page::printed_pages;
use super::thresholds::EasyRead;
use crate::content::{PageId, Site, VersionId};
use std::collections::BTreeMap;

/// Whether easy-read version `version_id`, whose body starts at `start`,
/// prints on too many pages; `words_of` holds the printed words of every
/// page version checked, by id, and `counted` the pages of its PDF from an
/// earlier build, when there is one newer than the page (used instead of
/// the estimate).
pub(crate) fn check(
    site: &Site,
    settings: &EasyRead,
    words_of: &BTreeMap<VersionId, usize>,
    (version_id, start): (VersionId, (usize, usize)),
    counted: Option<usize>,
    out: &mut Findings,
) {
    let version = &site.versions[version_id];
    let collection = site.pages[version.page].is_section && version.meta.pdf;
    let words = if collection {
        collection_words(
            site,
            version.page,
            (&version.audience, &version.language),
            words_of,
        )
    } else {
        words_of.get(&version_id).copied().unwrap_or(0)
    };
    let (pages, prints, how) = match counted {
        Some(pages) => (pages, "prints on", "counted from its PDF".to_string()),
        None => (
            printed_pages(words, settings.words_per_page),
            "would print on about",
            format!("an estimate at {} words a page", settings.words_per_page),
        ),
    };
    if pages <= settings.max_pages {
        return;
    }
    let (message, hint) = if collection {
        (
            format!(
                "this section's PDF, with its pages, {prints} {pages} pages; easy read keeps a document to {} or fewer",
                settings.max_pages
            ),
            "split the section in two, or set `pdf: false` on it so each page prints on its own",
        )
    } else {
        (
            format!(
                "this page {prints} {pages} pages; easy read keeps a document to {} or fewer",
                settings.max_pages
            ),
            "split it into shorter pages, or leave out what readers do not need",
        )
    };
    out.add(start, format!("{message} ({how})"), hint);
}

/// The printed words of a section's version and all its pages and
/// subsections for one audience in one language.
fn collection_words(
    site: &Site,
    section: PageId,
    (audience, language): (&str, &str),
    words_of: &BTreeMap<VersionId, usize>,
) -> usize {
    let own = site
        .version_id(section, audience, language)
        .and_then(|id| words_of.get(&id))
        .copied()
        .unwrap_or(0);
    own + site
        .children(section, audience, language)
        .iter()
        .map(|child| {
            if site.pages[child.page].is_section {
                collection_words(site, child.page, (audience, language), words_of)
            } else {
                site.version_id(child.page, audience, language)
                    .and_then(|id| words_of.get(&id))
                    .copied()
                    .unwrap_or(0)
            }
        })
        .sum::<usize>()
}
