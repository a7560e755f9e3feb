//! Printable PDFs: printing those the site plans (see
//! [`crate::content::routes`]) with an installed browser, reusing every PDF whose page,
//! style sheet and settings have not changed since the last build.

mod allow;
mod artifacts;
pub(crate) mod browser;
mod finish;
mod fit;
mod form;
mod guard;
mod in_place;
mod leftovers;
mod links;
mod metadata;
mod process;
mod signals;
mod tab;

/// The PDFs to print are worked out with the site's other output paths.
pub(crate) use crate::content::Planned;
use crate::content::{IdVec, Site, VersionId};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::render::{CollectionPart, LoadedTheme, PdfFile};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the record of printed PDFs is kept in the output.
const MANIFEST: &str = "_signpost/pdfs.json";

/// A printed (or reused) PDF.
#[derive(Clone, Debug)]
pub(crate) struct Made {
    /// What was planned.
    pub planned: Planned,
    /// Its size and page count.
    pub file: PdfFile,
}

/// What printing did.
#[derive(Debug, Default)]
pub(crate) struct Printed {
    /// Every PDF, in plan order.
    pub made: Vec<Made>,
    /// How many were printed in this build.
    pub printed: usize,
    /// How many were kept from the last build, unchanged.
    pub reused: usize,
    /// What the build should warn about: a poster that does not fit on
    /// one sheet even at its smallest type.
    pub warnings: Vec<Diagnostic>,
}

#[derive(Default, Serialize, Deserialize)]
struct Manifest {
    pdfs: BTreeMap<String, Recorded>,
}

#[derive(Clone, Serialize, Deserialize)]
struct Recorded {
    hash: String,
    pages: usize,
}

/// What printing needs from the build.
pub(crate) struct Printing<'a> {
    /// The site.
    pub site: &'a Site,
    /// Its themes.
    pub themes: &'a BTreeMap<String, LoadedTheme>,
    /// The phrases its pages say.
    pub phrases: &'a crate::phrases::PhraseBook,
    /// Every version's rendered body.
    pub bodies: &'a IdVec<VersionId, Option<Rendered>>,
    /// The new output, written but not yet swapped in.
    pub staged: &'a Path,
    /// The output folder, with the last build's PDFs.
    pub previous: &'a Path,
    /// A browser named on the command line.
    pub browser: Option<&'a Path>,
}

/// A PDF ready to go into the staged output, reused or just printed.
struct Ready<'p> {
    /// What was planned.
    planned: &'p Planned,
    /// What it was made from ([`Printing::hash`]), for the next build.
    hash: String,
    /// The PDF.
    bytes: Vec<u8>,
    /// Its number of pages.
    pages: usize,
}

/// A PDF that must be printed: its page has changed, or it is new.
struct ToPrint<'p> {
    /// What was planned.
    planned: &'p Planned,
    /// The HTML to print, from the output root.
    html: String,
    /// What it is made from ([`Printing::hash`]).
    hash: String,
}

/// What a run gathers as it goes.
#[derive(Default)]
struct Tally {
    /// The record of every PDF in the staged output, for the next build.
    manifest: Manifest,
    /// What was printed or reused.
    printed: Printed,
    /// Every problem met.
    problems: Diagnostics,
}

impl Printing<'_> {
    /// Prints (or reuses) every planned PDF into the staged output.
    pub(crate) fn run(&self, plan: &[Planned]) -> Result<Printed, Vec<Diagnostic>> {
        let mut tally = Tally::default();
        let (to_print, scratch) = self.reuse_unchanged(plan, &mut tally);
        let printing = if to_print.is_empty() || tally.problems.has_errors() {
            Ok(())
        } else {
            self.print(to_print, &mut tally)
        };
        // The collections' printable pages were only there to be printed.
        for path in scratch {
            let _ = std::fs::remove_file(path);
        }
        printing?;
        self.record(plan, tally)
    }

    /// Keeps every planned PDF whose sources have not changed since the
    /// last build, and returns the rest, to print, with the printable
    /// pages written for collections, to remove once printed.
    fn reuse_unchanged<'p>(
        &self,
        plan: &'p [Planned],
        tally: &mut Tally,
    ) -> (Vec<ToPrint<'p>>, Vec<PathBuf>) {
        let old: Manifest = std::fs::read(self.previous.join(MANIFEST))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let mut to_print = Vec::new();
        let mut scratch = Vec::new();
        for planned in plan {
            let html = match self.source_html(planned) {
                Ok(path) => path,
                Err(problem) => {
                    tally.problems.push(problem);
                    continue;
                }
            };
            if planned.collection {
                scratch.push(self.staged.join(&html));
            }
            let hash = self.hash(planned, &html);
            let unchanged = old
                .pdfs
                .get(&planned.path)
                .filter(|r| r.hash == hash)
                .and_then(|r| {
                    let bytes = std::fs::read(self.previous.join(&planned.path)).ok()?;
                    Some((bytes, r.pages))
                });
            match unchanged {
                Some((bytes, pages)) => {
                    tally.printed.reused += 1;
                    self.keep(
                        Ready {
                            planned,
                            hash,
                            bytes,
                            pages,
                        },
                        tally,
                    );
                }
                None => to_print.push(ToPrint {
                    planned,
                    html,
                    hash,
                }),
            }
        }
        (to_print, scratch)
    }

    /// Prints the PDFs with a browser, keeping each one printed. `Err`
    /// when there is no browser, or it cannot print at all.
    fn print(&self, to_print: Vec<ToPrint>, tally: &mut Tally) -> Result<(), Vec<Diagnostic>> {
        let executable = browser::find(self.browser).map_err(|reason| {
            vec![Diagnostic::general(format!("{reason}, so the PDFs cannot be made"))
                .with_hint(format!(
                    "install Chromium (on Debian or Ubuntu: apt-get install chromium), Chrome or Edge, \
                     or name one with --browser PATH or the {} environment variable",
                    browser::BROWSER_VARIABLE
                ))]
        })?;
        let jobs: Vec<browser::PrintJob> = to_print
            .iter()
            .map(|job| {
                let meta = &self.site.versions[job.planned.version].meta;
                browser::PrintJob {
                    html: self.staged.join(&job.html),
                    poster: meta.kind == crate::content::frontmatter::Kind::Poster,
                    title: self.title(job.planned),
                }
            })
            .collect();
        let bar = indicatif::ProgressBar::new(jobs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("Printing PDFs {bar:30} {pos}/{len}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let scripts = self.site.config.pdf_scripts;
        let results = browser::print_all(&executable, self.staged, &jobs, scripts, || bar.inc(1));
        bar.finish_and_clear();
        let results = results.map_err(|reason| {
            vec![Diagnostic::general(reason)
                .with_hint("check that the browser works: run it with --version")]
        })?;
        // Finished on every core: the browser has stopped.
        let finished: Vec<_> = to_print
            .par_iter()
            .zip(results)
            .map(|(job, result)| result.and_then(|bytes| self.finish(job.planned, &bytes)))
            .collect();
        for (job, result) in to_print.into_iter().zip(finished) {
            match result {
                Ok(finish::Finished { bytes, pages }) => {
                    tally.printed.printed += 1;
                    let ready = Ready {
                        planned: job.planned,
                        hash: job.hash,
                        pages,
                        bytes,
                    };
                    self.keep(ready, tally);
                }
                Err(failure) => tally
                    .problems
                    .push(self.print_failed(job.planned, &failure)),
            }
        }
        Ok(())
    }

    /// A PDF's title: its page's, then the site's in the page's language,
    /// then, for any audience but the default, the audience's name as its
    /// pages call it: "Meeting log – Reverse mentoring pack (Easy read)".
    fn title(&self, planned: &Planned) -> String {
        let version = &self.site.versions[planned.version];
        let config = &self.site.config;
        let site_title = config
            .language(&version.language)
            .map_or(config.title.as_str(), |l| l.title.as_str());
        let mut title = version.meta.title.clone();
        if title != site_title {
            title = format!("{title} – {site_title}");
        }
        if version.audience != config.default_audience {
            let audience = crate::render::audience_name(
                self.site,
                self.themes,
                self.phrases,
                &version.audience,
                &version.language,
            );
            title = format!("{title} ({audience})");
        }
        title
    }

    /// A printed PDF finished: its fill-in fields made form fields, and its
    /// title, author and language written in its document information and
    /// XMP metadata (see [`finish`]).
    fn finish(&self, planned: &Planned, bytes: &[u8]) -> Result<finish::Finished, tab::Failure> {
        let version = &self.site.versions[planned.version];
        let config = &self.site.config;
        let author = config
            .language(&version.language)
            .map_or(config.organisation.as_str(), |l| l.organisation.as_str());
        let title = self.title(planned);
        let described = metadata::Described {
            title: &title,
            author,
            language: &version.language,
        };
        let printed_from = format!("{}/", browser::file_url(self.staged));
        let linked = finish::Linked {
            printed_from: &printed_from,
            address: match config.base() {
                Some(base) => links::SiteAddress::Published(base),
                None => links::SiteAddress::FromPdf(&planned.path),
            },
        };
        finish::finish(bytes, &linked, &described).map_err(tab::Failure::Browser)
    }

    /// Writes the record of the PDFs for the next build, and hands back
    /// what was made, in plan order; or every problem met.
    fn record(&self, plan: &[Planned], tally: Tally) -> Result<Printed, Vec<Diagnostic>> {
        let Tally {
            manifest,
            mut printed,
            problems,
        } = tally;
        if problems.has_errors() {
            return Err(problems.into_sorted());
        }
        printed.warnings = problems.into_sorted();
        let json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        std::fs::write(self.staged.join(MANIFEST), json)
            .map_err(|e| vec![Diagnostic::error(MANIFEST, format!("cannot write: {e}"))])?;
        printed
            .made
            .sort_by_key(|m| plan.iter().position(|p| p.path == m.planned.path));
        Ok(printed)
    }

    /// Writes a PDF into the staged output and records it.
    fn keep(&self, ready: Ready, tally: &mut Tally) {
        let Ready {
            planned,
            hash,
            bytes,
            pages,
        } = ready;
        if let Err(error) = std::fs::write(self.staged.join(&planned.path), &bytes) {
            let problem = self.problem(planned, &format!("cannot write its PDF: {error}"));
            tally.problems.push(problem);
            return;
        }
        if let Some(warning) = self.overflowing_poster(planned, pages) {
            tally.problems.push(warning);
        }
        tally
            .manifest
            .pdfs
            .insert(planned.path.clone(), Recorded { hash, pages });
        tally.printed.made.push(Made {
            planned: planned.clone(),
            file: PdfFile {
                path: planned.path.clone(),
                bytes: Some(bytes.len() as u64),
                pages: Some(pages),
            },
        });
    }

    /// A warning when a poster's PDF has more than one sheet: its words do
    /// not fit on one even at the smallest type [`fit`] tries.
    fn overflowing_poster(&self, planned: &Planned, pages: usize) -> Option<Diagnostic> {
        let version = &self.site.versions[planned.version];
        if version.meta.kind != crate::content::frontmatter::Kind::Poster || pages <= 1 {
            return None;
        }
        let smallest = fit::SCALES.last().copied().unwrap_or(1.0);
        let message = format!(
            "/{}: this poster does not fit on one sheet even with its type at {}% of its size, \
             so its PDF has {pages} pages",
            version.url,
            (smallest * 100.0).round()
        );
        // Only the home page has no file of its own, and it is never a poster.
        let file = self.source_file(planned)?;
        Some(
            Diagnostic::warning(file, message)
                .with_hint("shorten the poster's words, or print it on a larger paper (paper: A3)"),
        )
    }

    /// A problem with a page's PDF, naming the page's file.
    fn problem(&self, planned: &Planned, message: &str) -> Diagnostic {
        let version = &self.site.versions[planned.version];
        self.about_page(planned, format!("/{}: {message}", version.url))
    }

    /// A problem about the page a PDF is of: placed in the page's file, or
    /// in none for a page signpost makes itself (the generated home page).
    fn about_page(&self, planned: &Planned, message: String) -> Diagnostic {
        match self.source_file(planned) {
            Some(file) => Diagnostic::error(file, message),
            None => Diagnostic::general(message),
        }
    }

    /// The file a planned PDF's page comes from, from the site root.
    fn source_file(&self, planned: &Planned) -> Option<PathBuf> {
        let version = &self.site.versions[planned.version];
        self.site.source(version).map(|s| s.path.clone())
    }

    /// A page that did not print, and why, in words.
    fn print_failed(&self, planned: &Planned, failure: &tab::Failure) -> Diagnostic {
        match failure {
            tab::Failure::TookTooLong(seconds) => {
                let page = match self.source_file(planned) {
                    Some(file) => file.display().to_string(),
                    None => format!("/{}", self.site.versions[planned.version].url),
                };
                let message = format!("printing {page} took longer than {seconds} seconds");
                self.about_page(planned, message).with_hint(
                    "look for a script in the page that never ends, or for something the \
                     page waits for that never comes",
                )
            }
            tab::Failure::Browser(reason) => {
                self.problem(planned, &format!("printing its PDF failed: {reason}"))
            }
        }
    }

    /// The HTML to print, from the output root: the page itself, or for a
    /// collection a page of all its parts, written beside it.
    fn source_html(&self, planned: &Planned) -> Result<String, Diagnostic> {
        let version = &self.site.versions[planned.version];
        if !planned.collection {
            return Ok(crate::content::routes::page_file(&version.url));
        }
        let at = planned.path.replace(".pdf", "-print.html");
        let empty = Rendered::default();
        let own = self.bodies[planned.version].as_ref().unwrap_or(&empty);
        let parts = self.parts(planned.version, 1);
        let html = crate::render::collection(
            self.site,
            self.themes,
            self.phrases,
            planned.version,
            own,
            &parts,
            &at,
        )?;
        std::fs::write(self.staged.join(&at), html)
            .map_err(|e| self.problem(planned, &format!("cannot write its printable page: {e}")))?;
        Ok(at)
    }

    /// A section's pages and subsections, in order, each followed by its own.
    fn parts(&self, section: VersionId, depth: usize) -> Vec<CollectionPart<'_>> {
        let version = &self.site.versions[section];
        let mut parts = Vec::new();
        for child in self
            .site
            .children(version.page, &version.audience, &version.language)
        {
            let Some(id) = self
                .site
                .version_id(child.page, &child.audience, &child.language)
            else {
                continue;
            };
            let Some(body) = self.bodies[id].as_ref() else {
                continue;
            };
            parts.push(CollectionPart {
                version: id,
                body,
                depth,
            });
            if self.site.pages[child.page].is_section {
                parts.extend(self.parts(id, depth + 1));
            }
        }
        parts
    }

    /// What the PDF depends on: the HTML, the files it loads, its settings.
    fn hash(&self, planned: &Planned, html_path: &str) -> String {
        let version = &self.site.versions[planned.version];
        let mut hasher = Sha256::new();
        hasher.update(env!("CARGO_PKG_VERSION"));
        hasher.update(format!(
            "{:?} {:?}",
            version.meta.paper, version.meta.orientation
        ));
        // The title, and the metadata made with it, are not in the HTML;
        // nor is whether its scripts ran, nor where its links are pointed.
        hasher.update(self.title(planned));
        hasher.update([u8::from(self.site.config.pdf_scripts)]);
        hasher.update(self.site.config.base().unwrap_or_default());
        let html = std::fs::read(self.staged.join(html_path)).unwrap_or_default();
        hasher.update(&html);
        let folder = html_path.rsplit_once('/').map_or("", |(f, _)| f);
        let text = String::from_utf8_lossy(&html);
        for attribute in ["src=\"", "href=\""] {
            for piece in text.split(attribute).skip(1) {
                let value = piece.split('"').next().unwrap_or("");
                let value = value.split(['?', '#']).next().unwrap_or("");
                let Some(target) = crate::url::resolve(&format!("{folder}/"), value) else {
                    continue;
                };
                // Folders are pages, and PDFs are what is being made.
                if target.ends_with('/') || target.is_empty() || target.ends_with(".pdf") {
                    continue;
                }
                if let Ok(bytes) = std::fs::read(self.staged.join(&target)) {
                    hasher.update(target.as_bytes());
                    hasher.update(&bytes);
                }
            }
        }
        crate::util::hex::hex(&hasher.finalize())
    }
}

/// The number of pages in a PDF (0 if it cannot be read).
pub(crate) fn count_pages(bytes: &[u8]) -> usize {
    lopdf::Document::load_mem(bytes)
        .map(|d| d.get_pages().len())
        .unwrap_or(0)
}
