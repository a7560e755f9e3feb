//! A build kept in memory between changes, for `serve`: a change to the
//! body of an existing page re-renders only that page's versions; any other
//! change rebuilds the site.

use crate::build::{self, BuildOptions, Rendering};
use crate::content::frontmatter::SourceFile;
use crate::content::{FileKey, PageId};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Output;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// A site built in memory, and what it was built from.
pub(super) struct Session {
    options: BuildOptions,
    rendering: Rendering,
    /// Whether a fault partway through an update may have left the site
    /// half changed, so that the next update must rebuild it whole.
    half_changed: bool,
    /// The audiences and languages (ids) whose search index is older than
    /// their pages.
    stale_search: HashSet<(String, String)>,
}

/// What a change did to the output.
pub(super) enum Change {
    /// These files are new or changed (by output path).
    Files(BTreeMap<String, Output>),
    /// Everything was rebuilt: these are all the files.
    Everything(BTreeMap<String, Output>),
}

impl Session {
    /// Builds the site in memory. Returns the session and the warnings.
    pub(super) fn start(
        options: &BuildOptions,
    ) -> Result<(Session, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut problems = Diagnostics::default();
        // The search pages are made now; their indexes, which take longer,
        // after the pages are served (see `take_search_work`).
        let rendering = build::render(options, &mut problems, None).map(|mut rendering| {
            let search = build::search::pages(&rendering, &mut problems);
            rendering.files.extend(search);
            rendering
        });
        match rendering {
            Some(rendering) if !problems.has_errors() => Ok((
                Session {
                    options: options.clone(),
                    stale_search: build::search::searched(&rendering.site)
                        .map(|(audience, language)| (audience.to_string(), language.to_string()))
                        .collect(),
                    rendering,
                    half_changed: false,
                },
                problems.into_sorted(),
            )),
            _ => Err(problems.into_sorted()),
        }
    }

    /// Every file of the site, by output path.
    pub(super) fn files(&self) -> &BTreeMap<String, Output> {
        &self.rendering.files
    }

    /// How many page versions the site has.
    pub(super) fn pages(&self) -> usize {
        self.rendering.pages
    }

    /// Whether the site makes PDFs: `--pdf`, or `pdf: true` in site.yaml
    /// as it was when the site was last built.
    pub(super) fn prints_pdfs(&self) -> bool {
        self.rendering.site.options.pdf
    }

    /// Each audience's label and the address prefix of its pages in the
    /// default language, in site.yaml's order.
    pub(super) fn audiences(&self) -> Vec<(String, String)> {
        let config = &self.rendering.site.config;
        config
            .audiences
            .iter()
            .map(|a| (a.label.clone(), config.prefix(&a.id, &config.language)))
            .collect()
    }

    /// Prints the site's PDFs in `dir` (a folder of the session's own,
    /// kept between calls so that unchanged PDFs are reused), and returns
    /// the files that change with them: the PDFs, the pages that link to
    /// them and each audience's downloads page.
    /// Also returns how many were printed, and how many were unchanged.
    pub(super) fn print(
        &self,
        dir: &std::path::Path,
    ) -> Result<(BTreeMap<String, Output>, usize, usize), Vec<Diagnostic>> {
        let cannot_write =
            |e: std::io::Error| vec![Diagnostic::error(dir, format!("cannot write: {e}"))];
        crate::output::write_all(dir, &self.rendering.files).map_err(cannot_write)?;
        let printed =
            build::print::printed_into(&self.rendering, dir, dir, self.options.browser.as_deref())?;
        // The session keeps the pages as they were printed, so that the
        // next print sees them unchanged; the sizes go to the server only.
        let files = printed
            .files
            .into_iter()
            .map(|(path, output)| match output {
                Output::Copy(source) => std::fs::read(&source)
                    .map(|bytes| (path, Output::Bytes(bytes)))
                    .map_err(cannot_write),
                bytes => Ok((path, bytes)),
            })
            .collect::<Result<_, _>>()?;
        Ok((files, printed.printed, printed.unchanged))
    }

    /// Brings the site up to date after `changed` files changed. On
    /// failure the session is as it was, and the problems are returned.
    pub(super) fn update(&mut self, changed: &[PathBuf]) -> Result<Change, Vec<Diagnostic>> {
        let edits = if self.half_changed {
            None
        } else {
            self.body_edits(changed)
        };
        if let Some(edits) = edits {
            if let Some(result) = self.rerender(edits) {
                return result;
            }
        }
        let (session, _warnings) = Session::start(&self.options)?;
        *self = session;
        Ok(Change::Everything(self.rendering.files.clone()))
    }

    /// What the search indexes older than their pages are to be made from,
    /// now that they are taken to be made; empty when none is.
    pub(super) fn take_search_work(&mut self) -> Vec<crate::search::Collection> {
        if self.stale_search.is_empty() {
            return Vec::new();
        }
        let stale = std::mem::take(&mut self.stale_search);
        build::search::collections(&self.rendering, Some(&stale))
    }

    /// Says that an update stopped partway (a fault in signpost itself), so
    /// that the next update rebuilds the whole site rather than trusting
    /// what this one may have half changed.
    pub(super) fn stopped_partway(&mut self) {
        self.half_changed = true;
    }

    /// The changed files as new versions of existing pages whose
    /// front-matter is unchanged, or `None` if any change is of another kind.
    fn body_edits(&self, changed: &[PathBuf]) -> Option<Vec<(PageId, FileKey, SourceFile)>> {
        let content = self.options.root.join("content");
        let mut edits = Vec::new();
        for path in changed.iter().collect::<HashSet<_>>() {
            let rel = crate::util::path::slashed(path.strip_prefix(&content).ok()?);
            let (page, key) = self.rendering.site.page_of_file(&rel)?;
            let old = self.rendering.site.pages[page]
                .file(key.audience.as_deref(), key.language.as_deref())?;
            let text = std::fs::read_to_string(path).ok()?;
            let file = SourceFile::parse(&old.path, text).ok()?;
            if file.text[file.yaml.clone()] != old.text[old.yaml.clone()] {
                return None;
            }
            edits.push((page, key.clone(), file));
        }
        Some(edits)
    }

    /// Re-renders the versions of edited pages; `None` if a version cannot
    /// be told apart (so the caller rebuilds everything).
    fn rerender(
        &mut self,
        edits: Vec<(PageId, FileKey, SourceFile)>,
    ) -> Option<Result<Change, Vec<Diagnostic>>> {
        let mut olds = Vec::new();
        let mut affected = HashSet::new();
        for (page, key, file) in edits {
            let old = self.rendering.site.replace_file(page, &key, file)?;
            let site = &self.rendering.site;
            for (id, version) in site.versions.iter_ids().filter(|(_, v)| v.page == page) {
                // A file's edit reaches the versions whose body it is.
                let language = site.config.language_key(&version.language);
                let chain = site.pages[page].chain(&version.audience, language);
                if !version.generated && chain.first().is_some_and(|(k, _)| **k == key) {
                    affected.insert(id);
                }
            }
            olds.push((page, key, old));
        }
        let mut problems = Diagnostics::default();
        let mut old_bodies = Vec::new();
        for &id in &affected {
            let rendering = &self.rendering;
            match build::bodies::render_one(
                &rendering.site,
                &rendering.themes,
                &rendering.phrases,
                id,
            ) {
                Ok(body) => old_bodies.push((id, self.rendering.bodies[id].replace(body))),
                Err(found) => problems.extend(found),
            }
        }
        let rendering = &self.rendering;
        let site = &rendering.site;
        build::anchors::check(site, &rendering.bodies, Some(&affected), &mut problems);
        let mut files = BTreeMap::new();
        if !problems.has_errors() {
            for &id in &affected {
                let Some(body) = &rendering.bodies[id] else {
                    continue;
                };
                if !site.versions[id].built {
                    continue;
                }
                match build::pages::render_one(
                    site,
                    &rendering.themes,
                    &rendering.phrases,
                    id,
                    body,
                    &rendering.plan,
                ) {
                    Ok((path, html)) => {
                        files.insert(path, Output::Bytes(html.into_bytes()));
                    }
                    Err(problem) => problems.push(problem),
                }
            }
        }
        if problems.has_errors() {
            for (id, body) in old_bodies {
                self.rendering.bodies[id] = body;
            }
            for (page, key, old) in olds {
                self.rendering.site.replace_file(page, &key, old);
            }
            return Some(Err(problems.into_sorted()));
        }
        for (path, output) in &files {
            self.rendering.files.insert(path.clone(), output.clone());
        }
        for &id in &affected {
            let version = &self.rendering.site.versions[id];
            self.stale_search
                .insert((version.audience.clone(), version.language.clone()));
        }
        Some(Ok(Change::Files(files)))
    }
}
