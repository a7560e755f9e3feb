//! The build, as a line of named stages. Each stage is a function in a
//! module of its own that takes plain values and returns one; read them in
//! this order to follow a site from its files to its output:
//!
//! 1. [`load`]: site.yaml ([`crate::config`]), then the pages
//!    ([`crate::content`]) and the themes ([`crate::render::theme`]),
//!    side by side.
//! 2. [`expand`]: the template pass over each version's body
//!    (`crate::markdown::template`); a body without template syntax is
//!    left as written.
//! 3. [`bodies`]: each expanded body read as Markdown
//!    ([`crate::markdown`]); versions whose text is the same share one
//!    reading.
//! 4. [`anchors`]: every `#fragment` in a link names a heading that is
//!    there.
//! 5. [`pages`]: each body in its theme's page, the 404 page, and
//!    ([`statements`]) each reader's accessibility statement and privacy
//!    notice.
//! 6. [`assets`]: the sitemap, the themes' style sheets and files, and the
//!    files copied as they are.
//! 7. [`search`]: each audience's search page and the index it reads
//!    ([`crate::search`]), for a build or `serve`, not for `check`.
//! 8. write: everything into a fresh folder beside the output
//!    ([`crate::output`]), swapped in only when the whole site is there.
//! 9. [`print`]: the PDFs ([`crate::pdf`]) and the pages that change with
//!    them.
//!
//! [`build`] runs all of them; [`check`] runs stages 1 to 6 without
//! writing and hands the result to [`mod@crate::check`]; `serve` keeps a
//! [`Rendering`] in memory and re-runs stages 2 to 5 for the pages that
//! changed ([`crate::serve`]).

pub(crate) mod anchors;
pub(crate) mod assets;
pub(crate) mod bodies;
pub(crate) mod expand;
mod help_contact;
pub(crate) mod load;
pub(crate) mod pages;
pub(crate) mod print;
pub(crate) mod search;
mod sitemap;
pub(crate) mod statements;

use crate::content::{IdVec, Site, VersionId};
use crate::diagnostic::{io_words, Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::output::{Destination, Output, Staged};
use crate::phrases::PhraseBook;
use crate::render::LoadedTheme;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What to build, and how.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// The site's folder (with site.yaml).
    pub root: PathBuf,
    /// Where the site is written.
    pub out: PathBuf,
    /// Build drafts too.
    pub drafts: bool,
    /// Write links that work opened from disk.
    pub offline: bool,
    /// Make PDFs (as `pdf: true` in site.yaml).
    pub pdf: bool,
    /// The browser to print PDFs with, instead of looking for one.
    pub browser: Option<PathBuf>,
    /// Build into an output folder that holds files signpost did not make,
    /// deleting them.
    pub force: bool,
}

/// What a successful build made.
#[derive(Debug)]
pub struct BuildReport {
    /// How many page versions were written.
    pub pages: usize,
    /// How many files were written in all.
    pub files: usize,
    /// How many PDFs were printed in this build.
    pub pdfs_printed: usize,
    /// How many PDFs were kept from the last build, unchanged.
    pub pdfs_unchanged: usize,
    /// How many search indexes were made in this build.
    pub search_made: usize,
    /// How many search indexes were kept from the last build, their pages
    /// unchanged.
    pub search_unchanged: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// A site rendered in memory: what stages 1 to 6 make, ready to write.
pub(crate) struct Rendering {
    /// The site's pages and settings.
    pub site: Site,
    /// Each theme the audiences use, by name.
    pub themes: BTreeMap<String, LoadedTheme>,
    /// The phrases the pages say, for each of the site's languages.
    pub phrases: PhraseBook,
    /// Each version's rendered body (`None` where it failed or has no
    /// source).
    pub bodies: IdVec<VersionId, Option<Rendered>>,
    /// Every output file but the pages written as they were rendered, by
    /// output path.
    pub files: BTreeMap<String, Output>,
    /// How many pages were rendered.
    pub pages: usize,
    /// The PDFs this build prints: the site's planned PDFs (`Site::pdfs`,
    /// which links to PDFs are checked against whether or not they are
    /// printed) when PDFs are asked for, else none.
    pub plan: Vec<crate::pdf::Planned>,
}

/// Builds the site. On failure, returns every problem found (errors and
/// warnings), and the output folder is as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let mut problems = Diagnostics::default();
    // The output folder is checked, and locked, before anything is read:
    // a build must never write into the site's own folders or the user's.
    let staged = Destination::claim(&options.root, &options.out, options.force)
        .and_then(Staged::new)
        .map_err(|problem| vec![problem])?;
    // Pages are written into the new output as they are rendered, rather
    // than all held in memory first.
    let mut rendering = match render(options, &mut problems, Some(staged.dir())) {
        Some(rendering) if !problems.has_errors() => rendering,
        _ => return Err(problems.into_sorted()),
    };
    let search = search::files(&rendering, staged.previous(), &mut problems);
    if problems.has_errors() {
        return Err(problems.into_sorted());
    }
    rendering.files.extend(search.files);
    problems.extend(pages::root_404_warning(&rendering.site));
    if let Err(error) = staged.write_files(&rendering.files) {
        problems.push(cannot_write(&options.out, &error));
        return Err(problems.into_sorted());
    }
    let mut report = BuildReport {
        pages: rendering.pages,
        files: rendering.files.len() + rendering.pages,
        pdfs_printed: 0,
        pdfs_unchanged: 0,
        search_made: search.made,
        search_unchanged: search.unchanged,
        warnings: Vec::new(),
    };
    if rendering.site.options.pdf {
        match print::into_staged(&rendering, &staged, options.browser.as_deref()) {
            Ok(printed) => {
                report.pdfs_printed = printed.printed;
                report.pdfs_unchanged = printed.unchanged;
                report.files += printed.added;
                problems.extend(printed.warnings);
            }
            Err(found) => {
                problems.extend(found);
                return Err(problems.into_sorted());
            }
        }
    }
    if let Err(problem) = staged.commit() {
        problems.push(problem);
        return Err(problems.into_sorted());
    }
    report.warnings = problems.into_sorted();
    Ok(report)
}

/// Checks the site without writing anything: every problem a build would
/// find, and the reading rules and audience coverage of `signpost check`.
/// `Err` holds the problems when the site could not be rendered at all.
pub fn check(
    options: &BuildOptions,
    check_options: &crate::check::CheckOptions,
) -> Result<crate::check::Report, Vec<Diagnostic>> {
    let mut problems = Diagnostics::default();
    let Some(rendering) = render(options, &mut problems, None) else {
        return Err(problems.into_sorted());
    };
    let mut report = crate::check::run(&rendering.site, &rendering.bodies, check_options);
    problems.extend(std::mem::take(&mut report.diagnostics));
    report.diagnostics = problems.into_sorted();
    Ok(report)
}

/// Stages 1 to 6: renders the whole site in memory, recording every
/// problem found; `None` when it could not get as far as rendering pages.
/// With `pages_to`, pages are written into that folder as they are
/// rendered, and left out of the returned files. When a body has an error,
/// the pages are not rendered, but the bodies are returned, for `check`.
pub(crate) fn render(
    options: &BuildOptions,
    problems: &mut Diagnostics,
    pages_to: Option<&Path>,
) -> Option<Rendering> {
    let (site, themes) = load::site_and_themes(options, problems)?;
    let mut found = Vec::new();
    let languages: Vec<&str> = site
        .config
        .languages
        .iter()
        .map(|l| l.id.as_str())
        .collect();
    let phrases = PhraseBook::load(&options.root, &languages, &mut found);
    problems.extend(found);
    let expanded = expand::expand_all(&site, problems);
    problems.extend(help_contact::warnings(&site, &expanded));
    let bodies = bodies::render_all(&site, themes.as_ref(), &phrases, &expanded, problems);
    anchors::check(&site, &bodies, None, problems);
    let themes = themes?;
    if problems.has_errors() {
        return Some(Rendering {
            site,
            themes,
            phrases,
            bodies,
            files: BTreeMap::new(),
            pages: 0,
            plan: Vec::new(),
        });
    }
    let plan = print::plan(&site);
    let rendered = pages::render_all(&site, &themes, &phrases, &bodies, &plan, pages_to, problems);
    let mut files = rendered.files;
    files.extend(assets::files(&site, &themes));
    Some(Rendering {
        site,
        themes,
        phrases,
        bodies,
        files,
        pages: rendered.count,
        plan,
    })
}

/// The error for an output that could not be written.
fn cannot_write(out: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(out, format!("cannot write the site: {}", io_words(error)))
}
