//! Stage 5: each built version's body in its theme's page, the 404 page,
//! and the accessibility statements and privacy notices
//! ([`super::statements`]).

use crate::content::{IdVec, Site, VersionId};
use crate::diagnostic::{io_words, Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::output::Output;
use crate::pdf::Planned;
use crate::phrases::PhraseBook;
use crate::render::{self, LoadedTheme, PdfFile};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The pages rendered.
pub(crate) struct Pages {
    /// The pages not written as they were rendered, and the 404 page, by
    /// output path.
    pub files: BTreeMap<String, Output>,
    /// How many page versions were rendered.
    pub count: usize,
}

/// Renders every built version's page, in parallel. With `write_to`, each
/// page is written into that folder as soon as it is rendered, and left
/// out of the returned files. A template mistake that breaks many pages is
/// reported once.
pub(crate) fn render_all(
    site: &Site,
    themes: &BTreeMap<String, LoadedTheme>,
    phrases: &PhraseBook,
    bodies: &IdVec<VersionId, Option<Rendered>>,
    plan: &[Planned],
    write_to: Option<&Path>,
    problems: &mut Diagnostics,
) -> Pages {
    let pdf_of: HashMap<VersionId, PdfFile> =
        plan.iter().map(|p| (p.version, unprinted(p))).collect();
    let pages: Vec<Result<(String, String), Diagnostic>> = site
        .versions
        .par_ids()
        .filter(|&id| site.versions[id].built)
        .filter_map(|id| Some((id, bodies[id].as_ref()?)))
        .map(|(id, body)| {
            let html = render::page(site, themes, phrases, id, body, pdf_of.get(&id))?;
            let path = output_path(site, id);
            match write_to {
                Some(dir) => write_page(dir, &path, &html).map(|_| (path, String::new())),
                None => Ok((path, html)),
            }
        })
        .collect();
    let not_found = render::not_found(site, themes, phrases);
    let (statements, statement_problems) = super::statements::render_all(site, themes, phrases);
    let (rendered, failed): (Vec<_>, Vec<_>) = pages.into_iter().partition(Result::is_ok);
    let count = rendered.len();
    let mut files: BTreeMap<String, Output> = rendered
        .into_iter()
        .flatten()
        .filter(|_| write_to.is_none())
        .map(|(path, html)| (path, Output::Bytes(html.into_bytes())))
        .collect();
    let failed = failed.into_iter().filter_map(Result::err);
    // In the order the pages were rendered, so that a merged error names
    // the first page it broke.
    let failed: Vec<Diagnostic> = match not_found {
        Ok(html) => {
            files.insert("404.html".to_string(), Output::Bytes(html.into_bytes()));
            failed.collect()
        }
        Err(problem) => failed.chain([problem]).collect(),
    };
    files.extend(statements);
    let failed = failed.into_iter().chain(statement_problems).collect();
    problems.extend(render::merge_repeated_template_errors(failed));
    Pages { files, count }
}

/// The warning a build gives when site.yaml has no `base_url`: the 404
/// page then takes its styles and links from the domain's root, which is
/// right only for a site served there. An offline build, whose 404 page
/// keeps relative addresses, has none.
pub(crate) fn root_404_warning(site: &Site) -> Option<Diagnostic> {
    if site.config.base_url.is_some() || site.options.offline {
        return None;
    }
    Some(
        Diagnostic::warning(
            "site.yaml",
            "there is no base_url, so 404.html assumes the site is served at the root of \
             its domain: its styles and links start at /",
        )
        .with_hint(
            "if the site will live under a path (a GitHub project site, \
             https://NAME.github.io/PACK/), set base_url to its address: \
             base_url: https://NAME.github.io/PACK",
        ),
    )
}

/// One version's page, for `serve` re-rendering a page that changed: its
/// output path and HTML.
pub(crate) fn render_one(
    site: &Site,
    themes: &BTreeMap<String, LoadedTheme>,
    phrases: &PhraseBook,
    id: VersionId,
    body: &Rendered,
    plan: &[Planned],
) -> Result<(String, String), Diagnostic> {
    let pdf = plan.iter().find(|p| p.version == id).map(unprinted);
    let html = render::page(site, themes, phrases, id, body, pdf.as_ref())?;
    Ok((output_path(site, id), html))
}

/// Where a version's page goes in the output.
fn output_path(site: &Site, id: VersionId) -> String {
    crate::content::routes::page_file(&site.versions[id].url)
}

/// A planned PDF before it is printed: its path, without size or pages.
fn unprinted(planned: &Planned) -> PdfFile {
    PdfFile {
        path: planned.path.clone(),
        bytes: None,
        pages: None,
    }
}

/// Writes one page into the output folder being made.
fn write_page(dir: &Path, path: &str, html: &str) -> Result<(), Diagnostic> {
    let target = dir.join(path);
    target
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| std::fs::write(&target, html))
        .map_err(|e| Diagnostic::error(path, format!("cannot write: {}", io_words(&e))))
}
