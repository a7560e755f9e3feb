//! Stage 8: the PDFs, printed by a browser from the pages written in
//! stage 7, and the pages that change with them (they show each PDF's size
//! and pages), each audience's downloads page and the zip file of its PDFs
//! beside it.

mod pdf_zip;

use super::Rendering;
use crate::content::{self, PageId, Site, VersionId};
use crate::diagnostic::{io_words, Diagnostic, Diagnostics};
use crate::output::{Output, Staged};
use crate::pdf;
use crate::render;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The PDFs a build makes: none unless PDFs are asked for.
pub(crate) fn plan(site: &Site) -> Vec<pdf::Planned> {
    if site.options.pdf {
        site.pdfs.clone()
    } else {
        Vec::new()
    }
}

/// PDFs printed, and the pages that change with them.
pub(crate) struct PrintedPdfs {
    /// How many were printed in this build.
    pub printed: usize,
    /// How many were kept from the last build, unchanged.
    pub unchanged: usize,
    /// The PDFs (already in the folder they were printed into, by output
    /// path), the pages that link to them (now with their sizes), and each
    /// audience's downloads page and zip file of its PDFs.
    pub files: BTreeMap<String, Output>,
    /// What printing warns about (a poster too long for one sheet).
    pub warnings: Vec<Diagnostic>,
}

/// Prints the PDFs of a rendered site written to `dir`, reusing those in
/// `previous` that have not changed.
pub(crate) fn printed_into(
    rendering: &Rendering,
    dir: &Path,
    previous: &Path,
    browser: Option<&Path>,
) -> Result<PrintedPdfs, Vec<Diagnostic>> {
    let Rendering {
        site,
        themes,
        phrases,
        bodies,
        plan,
        ..
    } = rendering;
    let printing = pdf::Printing {
        site,
        themes,
        phrases,
        bodies,
        staged: dir,
        previous,
        browser,
    };
    let printed = printing.run(plan)?;
    let mut files = BTreeMap::new();
    let mut problems = Diagnostics::default();
    for made in &printed.made {
        files.insert(
            made.planned.path.clone(),
            Output::Copy(dir.join(&made.planned.path)),
        );
        let id = made.planned.version;
        let Some(body) = &bodies[id] else { continue };
        match render::page(site, themes, phrases, id, body, Some(&made.file)) {
            Ok(html) => {
                files.insert(
                    content::routes::page_file(&site.versions[id].url),
                    Output::Bytes(html.into_bytes()),
                );
            }
            Err(problem) => problems.push(problem),
        }
    }
    for language in &site.config.languages {
        for audience in &site.config.audiences {
            let mut list: Vec<render::Download> = printed
                .made
                .iter()
                .filter(|m| {
                    let version = &site.versions[m.planned.version];
                    version.audience == audience.id && version.language == language.id
                })
                .map(|m| render::Download {
                    version: m.planned.version,
                    file: m.file.clone(),
                })
                .collect();
            let order = pack_order(site, &audience.id, &language.id);
            list.sort_by_key(|download| {
                order.get(&download.version).copied().unwrap_or(usize::MAX)
            });
            let zip = match zip_of(site, dir, &audience.id, &language.id, &list) {
                Ok(Some((zip, bytes))) => {
                    files.insert(zip.path.clone(), Output::Bytes(bytes));
                    Some(zip)
                }
                Ok(None) => None,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            let page = render::downloads(
                site,
                themes,
                phrases,
                &audience.id,
                &language.id,
                &list,
                zip.as_ref(),
            );
            match page {
                Ok(html) => {
                    let url = site.downloads_url(&audience.id, &language.id);
                    files.insert(
                        content::routes::page_file(&url),
                        Output::Bytes(html.into_bytes()),
                    );
                }
                Err(problem) => problems.push(problem),
            }
        }
    }
    if problems.has_errors() {
        Err(problems.into_sorted())
    } else {
        Ok(PrintedPdfs {
            printed: printed.printed,
            unchanged: printed.reused,
            files,
            warnings: printed.warnings,
        })
    }
}

/// The zip file of the PDFs in `list` (of `audience` in `language`, in the
/// pack's order, printed into `dir`), to go beside their downloads page,
/// with its bytes; `None` when there are no PDFs to zip.
fn zip_of(
    site: &Site,
    dir: &Path,
    audience: &str,
    language: &str,
    list: &[render::Download],
) -> Result<Option<(render::PdfZip, Vec<u8>)>, Diagnostic> {
    if list.is_empty() {
        return Ok(None);
    }
    let path = content::routes::downloads_zip(&site.config, audience, language);
    let paths: Vec<&str> = list.iter().map(|d| d.file.path.as_str()).collect();
    let names = pdf_zip::entry_names(&paths, &site.config.prefix(audience, language));
    let files: Vec<_> = paths.iter().map(|path| dir.join(path)).collect();
    let entries: Vec<pdf_zip::Entry> = names
        .into_iter()
        .zip(&files)
        .map(|(name, file)| pdf_zip::Entry { name, file })
        .collect();
    let bytes = pdf_zip::zipped(&entries).map_err(|e| {
        Diagnostic::error(
            &path,
            format!("cannot make the zip of PDFs: {}", io_words(&e)),
        )
    })?;
    let zip = render::PdfZip {
        path,
        bytes: bytes.len() as u64,
        count: list.len(),
    };
    Ok(Some((zip, bytes)))
}

/// What printing into a build's output did.
pub(crate) struct PrintedInto {
    /// How many PDFs were printed.
    pub printed: usize,
    /// How many were kept from the last build, unchanged.
    pub unchanged: usize,
    /// How many files were added: the PDFs, the downloads pages and their
    /// zip files (the pages that show the PDFs were there already).
    pub added: usize,
    /// What printing warns about (a poster too long for one sheet).
    pub warnings: Vec<Diagnostic>,
}

/// Prints the PDFs into the staged output, reusing the unchanged ones of
/// the output it replaces, and writes the pages that change with them.
pub(crate) fn into_staged(
    rendering: &Rendering,
    staged: &Staged,
    browser: Option<&Path>,
) -> Result<PrintedInto, Vec<Diagnostic>> {
    let printed = printed_into(rendering, staged.dir(), staged.previous(), browser)?;
    let mut added = 0;
    for (path, output) in &printed.files {
        if let Output::Bytes(bytes) = output {
            staged.add(path, bytes).map_err(|e| {
                vec![Diagnostic::error(
                    path,
                    format!("cannot write: {}", io_words(&e)),
                )]
            })?;
        }
        if path.ends_with(".pdf")
            || path.ends_with(".zip")
            || path.ends_with("downloads/index.html")
        {
            added += 1;
        }
    }
    Ok(PrintedInto {
        printed: printed.printed,
        unchanged: printed.unchanged,
        added,
        warnings: printed.warnings,
    })
}

/// Where each built version of `audience` in `language` comes in the pack,
/// as a reader of its contents meets it: the home page, then each of its
/// pages and sections in turn (by weight, then title), a section's own
/// pages and sections right after it.
fn pack_order(site: &Site, audience: &str, language: &str) -> HashMap<VersionId, usize> {
    let mut order = HashMap::new();
    let mut to_visit = vec![PageId::HOME];
    while let Some(page) = to_visit.pop() {
        if let Some(id) = site.version_id(page, audience, language) {
            order.insert(id, order.len());
        }
        let children = site.children(page, audience, language);
        to_visit.extend(children.iter().rev().map(|child| child.page));
    }
    order
}
