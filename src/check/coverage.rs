//! Audience coverage: for every page, which audiences have a version of
//! their own, which fall back to the default audience's, and which have
//! none; and a warning for each printable page with no easy-read version.

use super::rules::finding::Rule;
use crate::content::{PageId, Site};
use crate::diagnostic::Diagnostic;
use indexmap::IndexMap;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What an audience has of a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cell {
    /// A version from a file for that audience alone (`page.AUDIENCE.md`).
    Variant,
    /// A version from the base page (`page.md`).
    Base,
    /// A home page signpost makes up, listing the sections.
    Generated,
    /// No version: a link to the page from that audience goes to the
    /// default audience's version.
    Fallback,
    /// No version, and no default audience's version to fall back on.
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
            Cell::None => "none",
        }
    }
}

/// One page of the coverage table.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// The page's base file (`content/guide/prepare.md`), whether or not it
    /// exists.
    pub page: PathBuf,
    /// The page's URL path without an audience prefix (`/guide/prepare/`).
    pub url: String,
    /// Its title (the default audience's, or the first version's).
    pub title: String,
    /// Its kind (`page`, `contract`, `log`, `poster` or `activity`).
    pub kind: &'static str,
    /// Whether it is printable by its kind.
    pub printable: bool,
    /// What each audience has, in the order of the audience switcher.
    pub audiences: IndexMap<String, Cell>,
    /// The audiences whose version is a draft, not built.
    pub drafts: Vec<String>,
}

/// The coverage table.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Coverage {
    /// The audience ids, in switcher order.
    pub audiences: Vec<String>,
    /// Every page, in the order of its files.
    pub pages: Vec<Row>,
}

/// The coverage of every page, and a warning for each printable page with
/// no version for an easy-read audience (other than the default audience).
pub(crate) fn coverage(site: &Site) -> (Coverage, Vec<Diagnostic>) {
    let audiences: Vec<String> = site.config.audiences.iter().map(|a| a.id.clone()).collect();
    let easy_read: Vec<&str> = site
        .config
        .audiences
        .iter()
        .filter(|a| a.theme == "easy-read" && a.id != site.config.default_audience)
        .map(|a| a.id.as_str())
        .collect();
    let default = &site.config.default_audience;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (id, page) in site.pages.iter_ids() {
        let versions: Vec<_> = audiences
            .iter()
            .filter_map(|a| site.version(id, a, &site.config.language))
            .collect();
        if versions.is_empty() {
            continue;
        }
        let shown = versions
            .iter()
            .find(|v| &v.audience == default)
            .unwrap_or(&versions[0]);
        let kind = versions
            .iter()
            .map(|v| v.meta.kind)
            .find(|k| k.printable())
            .unwrap_or(shown.meta.kind);
        let mut cells = IndexMap::new();
        let mut drafts = Vec::new();
        for audience in &audiences {
            let cell = match site.version(id, audience, &site.config.language) {
                Some(v) if v.generated => Cell::Generated,
                Some(v) => {
                    if !v.built {
                        drafts.push(audience.clone());
                    }
                    if page.file(Some(audience), None).is_some() {
                        Cell::Variant
                    } else {
                        Cell::Base
                    }
                }
                None if site.version(id, default, &site.config.language).is_some() => {
                    Cell::Fallback
                }
                None => Cell::None,
            };
            cells.insert(audience.clone(), cell);
        }
        let file = Path::new("content").join(&page.rel);
        if kind.printable() {
            for audience in &easy_read {
                if matches!(cells[*audience], Cell::Fallback | Cell::None) {
                    problems.push(missing_easy_read(site, id, audience, kind.name()));
                }
            }
        }
        rows.push(Row {
            page: file,
            url: format!("/{}", page.url),
            title: shown.meta.title.clone(),
            kind: kind.name(),
            printable: kind.printable(),
            audiences: cells,
            drafts,
        });
    }
    (
        Coverage {
            audiences,
            pages: rows,
        },
        problems,
    )
}

/// The warning for a printable page with no version for `audience`.
fn missing_easy_read(site: &Site, id: PageId, audience: &str, kind: &str) -> Diagnostic {
    let page = &site.pages[id];
    let (file, place) = match page.any_file() {
        Some(file) => (file.path.clone(), file.key_place("kind")),
        None => (Path::new("content").join(&page.rel), None),
    };
    let variant = match page.rel.strip_suffix(".md") {
        Some(stem) => format!("content/{stem}.{audience}.md"),
        None => format!("content/{}.{audience}.md", page.rel),
    };
    let left_out = page
        .base()
        .and_then(|b| b.front.audiences.as_ref())
        .is_some_and(|listed| !listed.iter().any(|a| a == audience));
    let hint = if left_out {
        format!("write an easy-read version in {variant}, or add `{audience}` to the page's `audiences`")
    } else {
        format!("write an easy-read version in {variant}")
    };
    Diagnostic::warning(
        file,
        format!(
            "this {kind} is printable but has no `{audience}` version, so {audience} readers get the {} version",
            site.config.default_audience
        ),
    )
    .at_opt(place.or(Some((1, 1))))
    .with_hint(hint)
    .with_rule(Rule::CoverageEasyRead.name())
}

impl Coverage {
    /// The table as text, one page a line, with a key below.
    pub(crate) fn to_text(&self) -> String {
        let mut out = String::new();
        if self.pages.is_empty() {
            return out;
        }
        let page_width = self
            .pages
            .iter()
            .map(|r| r.page.display().to_string().chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        let widths: Vec<usize> = self
            .audiences
            .iter()
            .map(|a| a.chars().count().max("generated".len()))
            .collect();
        out.push_str(&format!("{:<page_width$}  {:<8}", "page", "kind"));
        for (audience, width) in self.audiences.iter().zip(&widths) {
            out.push_str(&format!("  {audience:<width$}"));
        }
        out = out.trim_end().to_string();
        out.push('\n');
        for row in &self.pages {
            let mut line = format!(
                "{:<page_width$}  {:<8}",
                row.page.display().to_string(),
                row.kind
            );
            for (audience, width) in self.audiences.iter().zip(&widths) {
                let mut cell = row.audiences[audience].word().to_string();
                if row.drafts.contains(audience) {
                    cell.push('*');
                }
                line.push_str(&format!("  {cell:<width$}"));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.push_str(
            "base: the page's own file; variant: a file for that audience; generated: a made-up home page;\n\
             fallback: links from that audience go to the default audience's version; none: no version; *: a draft\n",
        );
        out
    }
}
