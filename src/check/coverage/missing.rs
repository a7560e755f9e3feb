//! The warnings for gaps in coverage: a printable page with no version
//! for an easy-read audience in a language it is written in
//! (`coverage/easy-read`), and a page with no version in one of the
//! site's languages (`coverage/language`).

use super::{Cell, Cells};
use crate::check::rules::finding::Rule;
use crate::content::frontmatter::Kind;
use crate::content::{PageId, Site, Version};
use crate::diagnostic::Diagnostic;
use indexmap::IndexMap;
use std::path::Path;

/// The gaps in one page's coverage: `cells` are the default language's,
/// `languages` every other language's.
pub(super) fn gaps(
    site: &Site,
    id: PageId,
    kind: Kind,
    cells: &Cells,
    languages: &IndexMap<String, Cells>,
) -> Vec<(Rule, Diagnostic)> {
    let mut gaps = Vec::new();
    for (language, cells) in std::iter::once((&site.config.language, cells)).chain(languages) {
        let written = cells.audiences.values().any(|c| c.is_own());
        if !written {
            // Readers of a language the page is not written in are sent
            // to the default language's version; a page not written in the
            // default language is written in others only, and no gap.
            let untranslated = cells.audiences.values().any(|&c| c == Cell::Untranslated);
            if untranslated {
                gaps.push((
                    Rule::CoverageLanguage,
                    missing_language(site, id, language, kind),
                ));
            }
            continue;
        }
        if let Some(key) = site.config.language_key(language) {
            gaps.extend(
                missing_variants(site, id, key, kind)
                    .map(|warning| (Rule::CoverageLanguage, warning)),
            );
        }
        if !kind.printable() {
            continue;
        }
        for audience in easy_read(site) {
            let gap = !cells.audiences[audience].is_own();
            if gap {
                gaps.push((
                    Rule::CoverageEasyRead,
                    missing_easy_read(site, id, audience, language, kind),
                ));
            }
        }
    }
    gaps
}

/// The easy-read audiences other than the default audience.
fn easy_read(site: &Site) -> impl Iterator<Item = &str> {
    site.config
        .audiences
        .iter()
        .filter(|a| a.theme == "easy-read" && a.id != site.config.default_audience)
        .map(|a| a.id.as_str())
}

/// The file to write for a page's version for `audience` (if one) in
/// `language` (if not the default): `content/guide/prepare.easy-read.cy.md`.
fn file_to_write(site: &Site, id: PageId, audience: Option<&str>, language: &str) -> String {
    let page = &site.pages[id];
    let stem = page.rel.strip_suffix(".md").unwrap_or(&page.rel);
    let mut name = format!("content/{stem}");
    for part in [audience, site.config.language_key(language)]
        .into_iter()
        .flatten()
    {
        name.push('.');
        name.push_str(part);
    }
    name + ".md"
}

/// The name of a language in itself, or its tag.
fn label<'a>(site: &'a Site, language: &'a str) -> &'a str {
    site.config
        .language(language)
        .map_or(language, |l| l.label.as_str())
}

/// The version a link from `audience` in `language` goes to when the page
/// has none for them: the default audience's in the language, else the
/// audience's or the default audience's in the default language.
fn fallback<'a>(site: &'a Site, id: PageId, audience: &str, language: &str) -> Option<&'a Version> {
    let default_audience = site.config.default_audience.as_str();
    let default_language = site.config.language.as_str();
    [
        (default_audience, language),
        (audience, default_language),
        (default_audience, default_language),
    ]
    .into_iter()
    .find_map(|(a, l)| site.version(id, a, l))
}

/// The warning for a printable page with no version for `audience` in
/// `language`.
fn missing_easy_read(
    site: &Site,
    id: PageId,
    audience: &str,
    language: &str,
    kind: Kind,
) -> Diagnostic {
    let page = &site.pages[id];
    let key = site.config.language_key(language);
    let (file, place) = match page.file(None, key).or(page.any_file()) {
        Some(file) => (file.path.clone(), file.key_place("kind")),
        None => (Path::new("content").join(&page.rel), None),
    };
    let variant = file_to_write(site, id, Some(audience), language);
    let left_out = page
        .file(None, key)
        .and_then(|f| f.front.audiences.as_ref())
        .or_else(|| page.base().and_then(|b| b.front.audiences.as_ref()))
        .is_some_and(|listed| !listed.iter().any(|a| a == audience));
    let hint = if left_out {
        format!("write an easy-read version in {variant}, or add `{audience}` to the page's `audiences`")
    } else {
        format!("write an easy-read version in {variant}")
    };
    let message = match key {
        None => format!(
            "this {} is printable but has no `{audience}` version, so {audience} readers get the {} version",
            kind.name(),
            site.config.default_audience
        ),
        Some(language) => {
            let gets = match fallback(site, id, audience, language) {
                Some(v) => format!(
                    "get the {} version in {}",
                    v.audience,
                    label(site, &v.language)
                ),
                None => "get no version".to_string(),
            };
            format!(
                "this {} is printable but has no `{audience}` version in `{language}`, so {audience} readers of {} {gets}",
                kind.name(),
                label(site, language),
            )
        }
    };
    Diagnostic::warning(file, message)
        .at_opt(place.or(Some((1, 1))))
        .with_hint(hint)
        .with_rule(Rule::CoverageEasyRead.name())
}

/// The warnings for a page written in `language` (not the default) whose
/// default-language file for an audience (`prepare.carer.md`) has no
/// counterpart in it (`prepare.carer.cy.md`): that audience's readers of the
/// language get the text written for every audience. A printable page's
/// easy-read audiences are `coverage/easy-read`'s to report.
fn missing_variants<'a>(
    site: &'a Site,
    id: PageId,
    language: &'a str,
    kind: Kind,
) -> impl Iterator<Item = Diagnostic> + 'a {
    let page = &site.pages[id];
    let easy: Vec<&str> = easy_read(site).collect();
    page.files
        .iter()
        .filter_map(|(key, file)| Some((key.audience.as_deref()?, key.language.is_none(), file)))
        .filter(move |(audience, in_default, _)| {
            *in_default
                && page.file(Some(audience), Some(language)).is_none()
                && page.file(None, Some(language)).is_some()
                && !(kind.printable() && easy.contains(audience))
        })
        .map(move |(audience, _, file)| {
            let written = page.file(None, Some(language)).map_or(file, |f| f);
            Diagnostic::warning(
                &written.path,
                format!(
                    "this page has a `{audience}` version in {} but not in {}, so {audience} readers of {} get the text written for every audience",
                    label(site, &site.config.language),
                    label(site, language),
                    label(site, language),
                ),
            )
            .at(1, 1)
            .with_hint(format!(
                "write it for them in {}, as {} is for {audience} readers in {}",
                file_to_write(site, id, Some(audience), language),
                file.path.display(),
                label(site, &site.config.language),
            ))
            .with_rule(Rule::CoverageLanguage.name())
        })
}

/// The warning for a page with no version in `language`.
fn missing_language(site: &Site, id: PageId, language: &str, kind: Kind) -> Diagnostic {
    let page = &site.pages[id];
    let file = page
        .any_file()
        .map_or_else(|| Path::new("content").join(&page.rel), |f| f.path.clone());
    let default = label(site, &site.config.language);
    Diagnostic::warning(
        file,
        format!(
            "this {} has no `{language}` version, so readers of {} get the {default} page",
            kind.name(),
            label(site, language)
        ),
    )
    .at(1, 1)
    .with_hint(format!(
        "write it in {} in {}",
        label(site, language),
        file_to_write(site, id, None, language)
    ))
    .with_rule(Rule::CoverageLanguage.name())
}
