//! The accessibility statement and privacy notice signpost writes for
//! every audience in every language (`accessibility/` and `privacy/` under
//! their prefix), each in its theme's `statement.html`. A page of the
//! site's own at that address (`content/accessibility.md`, or a file in
//! `static/`) takes its place: signpost never writes over it.

use crate::content::Site;
use crate::diagnostic::Diagnostic;
use crate::output::Output;
use crate::phrases::PhraseBook;
use crate::render::page::statement_url;
use crate::render::statement::Statement;
use crate::render::{self, LoadedTheme};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// Every statement page signpost writes: each audience's in each
/// language, unless one of the site's own pages or files is at its
/// address; with the address.
pub(crate) fn wanted(site: &Site) -> Vec<(&str, &str, Statement, String)> {
    let taken: HashSet<&str> = site
        .versions
        .iter()
        .filter(|v| v.built)
        .map(|v| v.url.as_str())
        .collect();
    let mut wanted = Vec::new();
    for language in &site.config.languages {
        for audience in &site.config.audiences {
            for which in Statement::ALL {
                let url = statement_url(site, which, &audience.id, &language.id);
                let path = crate::content::routes::page_file(&url);
                if !taken.contains(url.as_str()) && !site.copied.contains_key(&path) {
                    wanted.push((audience.id.as_str(), language.id.as_str(), which, url));
                }
            }
        }
    }
    wanted
}

/// Every generated statement page not taken by one of the site's own, by
/// output path, and the problems rendering them met (for the caller to
/// merge with the other pages').
pub(crate) fn render_all(
    site: &Site,
    themes: &BTreeMap<String, LoadedTheme>,
    book: &PhraseBook,
) -> (BTreeMap<String, Output>, Vec<Diagnostic>) {
    let rendered: Vec<Result<(String, String), Diagnostic>> = wanted(site)
        .into_par_iter()
        .map(|(audience, language, which, url)| {
            render::statement_page(site, themes, book, audience, language, which)
                .map(|html| (crate::content::routes::page_file(&url), html))
        })
        .collect();
    let mut files = BTreeMap::new();
    let mut problems = Vec::new();
    for result in rendered {
        match result {
            Ok((path, html)) => {
                files.insert(path, Output::Bytes(html.into_bytes()));
            }
            Err(problem) => problems.push(problem),
        }
    }
    (files, problems)
}
