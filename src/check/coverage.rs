//! Audience coverage: for every page, which audiences have a version of
//! their own in each language, which fall back to another audience's or
//! the default language's, and which have none; with warnings for the
//! gaps readers notice (`missing`), and the table as text (`text`).

mod missing;
mod text;

use super::rules::finding::Rule;
use crate::content::{Page, PageId, Site};
use crate::diagnostic::Diagnostic;
use indexmap::IndexMap;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What an audience has of a page in a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cell {
    /// A version from a file for that audience alone (`page.AUDIENCE.md`,
    /// or `page.AUDIENCE.LANGUAGE.md` in another language).
    Variant,
    /// A version from the page's own file (`page.md`, or `page.LANGUAGE.md`
    /// in another language).
    Base,
    /// A page signpost makes up: a home page listing the sections, or a
    /// section listing the pages of an audience shown no other
    /// audience's (`fallback: false`).
    Generated,
    /// No version: a link to the page from that audience goes to the
    /// default audience's version in the same language.
    Fallback,
    /// No version in this language, nor for the default audience in it: a
    /// link to the page goes to the default language's version.
    Untranslated,
    /// No version, and nothing to fall back on.
    None,
}

impl Cell {
    /// The word the text report shows.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Cell::Variant => "variant",
            Cell::Base => "base",
            Cell::Generated => "generated",
            Cell::Fallback => "fallback",
            Cell::Untranslated => "untranslated",
            Cell::None => "none",
        }
    }

    /// Whether it is a version of the page made for that audience and
    /// language.
    fn is_own(self) -> bool {
        matches!(self, Cell::Variant | Cell::Base | Cell::Generated)
    }
}

/// What each audience has of a page in one language.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Cells {
    /// What each audience has, in the order of the audience switcher.
    pub audiences: IndexMap<String, Cell>,
    /// The audiences whose version is a draft, not built.
    pub drafts: Vec<String>,
}

/// One page of the coverage table.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// The page's base file (`content/guide/prepare.md`), whether or not it
    /// exists.
    pub page: PathBuf,
    /// The page's URL path without a language or audience prefix
    /// (`/guide/prepare/`).
    pub url: String,
    /// Its title (the default audience's in the default language, or the
    /// first version's).
    pub title: String,
    /// Its kind (`page`, `contract`, `log`, `poster` or `activity`).
    pub kind: &'static str,
    /// Whether it is printable by its kind.
    pub printable: bool,
    /// What each audience has in the default language.
    #[serde(flatten)]
    pub cells: Cells,
    /// What each audience has in each other language, by language id
    /// (empty, and left out of the JSON, for a site in one language).
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub languages: IndexMap<String, Cells>,
}

/// A language of the coverage table.
#[derive(Clone, Debug, Serialize)]
pub struct Language {
    /// Its tag (`cy`).
    pub id: String,
    /// Its name in itself (`Cymraeg`).
    pub label: String,
}

/// The coverage table.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Coverage {
    /// The audience ids, in switcher order.
    pub audiences: Vec<String>,
    /// For a site in more than one language, every language, the default
    /// (whose cells are each row's `audiences`) first; empty, and left out
    /// of the JSON, for a site in one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    /// Every page, in the order of its files.
    pub pages: Vec<Row>,
}

/// The coverage of every page, and a warning for each gap: a printable
/// page with no version for an easy-read audience (other than the default
/// audience) in a language it is written in, and a page with no version
/// in one of the site's languages. Each warning comes with its rule.
pub(crate) fn coverage(site: &Site) -> (Coverage, Vec<(Rule, Diagnostic)>) {
    let audiences: Vec<String> = site.config.audiences.iter().map(|a| a.id.clone()).collect();
    let default_language = &site.config.language;
    let others: Vec<&str> = site
        .config
        .languages
        .iter()
        .map(|l| l.id.as_str())
        .filter(|l| l != default_language)
        .collect();
    let mut rows = Vec::new();
    let mut gaps = Vec::new();
    for (id, page) in site.pages.iter_ids() {
        let versions: Vec<_> = site.versions_of(id).collect();
        if versions.is_empty() {
            continue;
        }
        let shown = versions
            .iter()
            .find(|v| &v.language == default_language && v.audience == site.config.default_audience)
            .or_else(|| versions.iter().find(|v| &v.language == default_language))
            .unwrap_or(&versions[0]);
        let kind = versions
            .iter()
            .map(|v| v.meta.kind)
            .find(|k| k.printable())
            .unwrap_or(shown.meta.kind);
        let cells = cells_in(site, id, page, default_language, &audiences);
        let languages: IndexMap<String, Cells> = others
            .iter()
            .map(|l| (l.to_string(), cells_in(site, id, page, l, &audiences)))
            .collect();
        gaps.extend(missing::gaps(site, id, kind, &cells, &languages));
        rows.push(Row {
            page: Path::new("content").join(&page.rel),
            url: format!("/{}", page.url),
            title: shown.meta.title.clone(),
            kind: kind.name(),
            printable: kind.printable(),
            cells,
            languages,
        });
    }
    let languages = if site.config.is_multilingual() {
        let default = site.config.language(default_language);
        default
            .into_iter()
            .chain(others.iter().filter_map(|l| site.config.language(l)))
            .map(|l| Language {
                id: l.id.clone(),
                label: l.label.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let coverage = Coverage {
        audiences,
        languages,
        pages: rows,
    };
    (coverage, gaps)
}

/// What each audience has of a page in `language`, as a link from that
/// audience in that language finds it: its own version, else the default
/// audience's in the language, else the default language's.
fn cells_in(site: &Site, id: PageId, page: &Page, language: &str, audiences: &[String]) -> Cells {
    let key = site.config.language_key(language);
    let default_audience = &site.config.default_audience;
    let default_language = &site.config.language;
    let mut cells = Cells::default();
    for audience in audiences {
        let cell = match site.version(id, audience, language) {
            Some(v) if v.generated => Cell::Generated,
            Some(v) => {
                if !v.built {
                    cells.drafts.push(audience.clone());
                }
                if page.file(Some(audience), key).is_some() {
                    Cell::Variant
                } else {
                    Cell::Base
                }
            }
            None if site.version(id, default_audience, language).is_some() => Cell::Fallback,
            None if key.is_some()
                && [audience, default_audience]
                    .iter()
                    .any(|a| site.version(id, a, default_language).is_some()) =>
            {
                Cell::Untranslated
            }
            None => Cell::None,
        };
        cells.audiences.insert(audience.clone(), cell);
    }
    cells
}
