//! signpost turns a folder of Markdown with YAML front-matter into a website
//! for each audience of a programme pack: professionals, carers and
//! families, and people who read easy read.
//!
//! The build goes one way, stage by stage: [`config`] reads site.yaml,
//! [`content`] finds the pages and their versions, [`markdown`] renders each
//! body, [`render`] puts it in its theme, and [`output`] swaps the finished
//! site into place. Every problem on the way is a [`diagnostic::Diagnostic`].

pub mod check;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod markdown;
pub mod output;
pub mod pdf;
pub mod render;
pub mod serve;
pub mod session;
pub mod url;
mod yaml;

use content::{Site, ASSETS_FOLDER};
use diagnostic::{Diagnostic, Diagnostics};
use markdown::Rendered;
use output::{Destination, Output, Staged};
use rayon::prelude::*;
use render::{LoadedTheme, PdfFile};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

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
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// A site rendered in memory, ready to write.
pub(crate) struct Rendering {
    site: Site,
    themes: BTreeMap<String, LoadedTheme>,
    bodies: Vec<Option<Rendered>>,
    files: BTreeMap<String, Output>,
    pages: usize,
    plan: Vec<pdf::Planned>,
}

/// Builds the site. On failure, returns every problem found (errors and
/// warnings), and the output folder is as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let mut problems = Diagnostics::default();
    let cannot_write = |error: std::io::Error| {
        Diagnostic::error(
            &options.out,
            format!("cannot write the site: {}", diagnostic::io_words(&error)),
        )
    };
    // The output folder is checked, and locked, before anything is read:
    // a build must never write into the site's own folders or the user's.
    // Pages are then written into the new output as they are rendered,
    // rather than all held in memory first.
    let staged = match Destination::claim(&options.root, &options.out, options.force)
        .and_then(Staged::new)
    {
        Ok(staged) => staged,
        Err(problem) => return Err(vec![problem]),
    };
    let rendering = render_site(options, &mut problems, Some(staged.dir()));
    let rendering = match rendering {
        Some(rendering) if !problems.has_errors() => rendering,
        _ => return Err(problems.into_sorted()),
    };
    if let Err(error) = staged.write_files(&rendering.files) {
        problems.push(cannot_write(error));
        return Err(problems.into_sorted());
    }
    let mut report = BuildReport {
        pages: rendering.pages,
        files: rendering.files.len() + rendering.pages,
        pdfs_printed: 0,
        pdfs_unchanged: 0,
        warnings: Vec::new(),
    };
    if rendering.site.options.pdf {
        match print_into(&rendering, &staged, options) {
            Ok((printed, unchanged, files)) => {
                report.pdfs_printed = printed;
                report.pdfs_unchanged = unchanged;
                report.files += files;
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
    check_options: &check::CheckOptions,
) -> Result<check::Report, Vec<Diagnostic>> {
    let mut problems = Diagnostics::default();
    let Some(rendering) = render_site(options, &mut problems, None) else {
        return Err(problems.into_sorted());
    };
    let mut report = check::run(&rendering.site, &rendering.bodies, check_options);
    problems.extend(std::mem::take(&mut report.diagnostics));
    report.diagnostics = problems.into_sorted();
    Ok(report)
}

/// PDFs printed, and the pages that change with them.
pub(crate) struct PrintedPdfs {
    /// How many were printed in this build.
    pub printed: usize,
    /// How many were kept from the last build, unchanged.
    pub unchanged: usize,
    /// The PDFs (already in the folder they were printed into, by output
    /// path), the pages that link to them (now with their sizes) and each
    /// audience's downloads page.
    pub files: BTreeMap<String, Output>,
}

/// Prints the PDFs of a rendered site written to `dir`, reusing those in
/// `previous` that have not changed.
pub(crate) fn print_pdfs(
    rendering: &Rendering,
    dir: &std::path::Path,
    previous: &std::path::Path,
    browser: Option<&std::path::Path>,
) -> Result<PrintedPdfs, Vec<Diagnostic>> {
    let Rendering {
        site,
        themes,
        bodies,
        plan,
        ..
    } = rendering;
    let printing = pdf::Printing {
        site,
        themes,
        bodies,
        staged: dir,
        previous,
        browser,
    };
    let printed = printing.run(plan)?;
    let mut files = BTreeMap::new();
    let mut problems = Vec::new();
    for made in &printed.made {
        files.insert(
            made.planned.path.clone(),
            Output::Copy(dir.join(&made.planned.path)),
        );
        let id = made.planned.version;
        let Some(body) = &bodies[id] else { continue };
        match render::page(site, themes, id, body, Some(&made.file)) {
            Ok(html) => {
                files.insert(
                    format!("{}index.html", site.versions[id].url),
                    Output::Bytes(html.into_bytes()),
                );
            }
            Err(problem) => problems.push(problem),
        }
    }
    for audience in &site.config.audiences {
        let list: Vec<render::Download> = printed
            .made
            .iter()
            .filter(|m| site.versions[m.planned.version].audience == audience.id)
            .map(|m| render::Download {
                version: m.planned.version,
                file: m.file.clone(),
            })
            .collect();
        match render::downloads(site, themes, &audience.id, &list) {
            Ok(html) => {
                let path = format!("{}downloads/index.html", site.config.prefix(&audience.id));
                files.insert(path, Output::Bytes(html.into_bytes()));
            }
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(PrintedPdfs {
            printed: printed.printed,
            unchanged: printed.reused,
            files,
        })
    } else {
        Err(problems)
    }
}

/// Prints the PDFs into the staged output and writes the pages that change
/// with them there. Returns how many were printed and kept, and how many
/// files were added.
fn print_into(
    rendering: &Rendering,
    staged: &Staged,
    options: &BuildOptions,
) -> Result<(usize, usize, usize), Vec<Diagnostic>> {
    let printed = print_pdfs(
        rendering,
        staged.dir(),
        staged.previous(),
        options.browser.as_deref(),
    )?;
    let mut added = 0;
    for (path, output) in &printed.files {
        if let Output::Bytes(bytes) = output {
            staged.add(path, bytes).map_err(|e| {
                vec![Diagnostic::error(
                    path,
                    format!("cannot write: {}", diagnostic::io_words(&e)),
                )]
            })?;
        }
        // The PDFs and the downloads pages are new; the pages were there.
        if path.ends_with(".pdf") || path.ends_with("downloads/index.html") {
            added += 1;
        }
    }
    Ok((printed.printed, printed.unchanged, added))
}

/// Renders the whole site in memory, recording every problem found; `None`
/// when it could not get as far as rendering pages.
/// With `pages_to`, pages are written into that folder as they are
/// rendered, and left out of the returned files.
pub(crate) fn render_site(
    options: &BuildOptions,
    problems: &mut Diagnostics,
    pages_to: Option<&std::path::Path>,
) -> Option<Rendering> {
    let config = match config::Config::load(&options.root) {
        Ok(config) => config,
        Err(found) => {
            problems.extend(found.into_sorted());
            return None;
        }
    };
    let content_options = content::Options {
        drafts: options.drafts,
        offline: options.offline,
        pdf: options.pdf || config.pdf,
    };
    // Themes do not depend on the pages, so they load while the pages do.
    let ((site, found), themes) = rayon::join(
        || Site::load(&options.root, config.clone(), content_options),
        || render::load_themes(&options.root, &config),
    );
    problems.extend(found.into_sorted());
    let themes = match themes {
        Ok(themes) => Some(themes),
        Err(found) => {
            problems.extend(found.into_sorted());
            None
        }
    };
    let style_of: HashMap<&str, markdown::Style> = site
        .config
        .audiences
        .iter()
        .map(|a| {
            let style = themes
                .as_ref()
                .map(|t| render::style_for(t, &site, &a.id))
                .unwrap_or_default();
            (a.id.as_str(), style)
        })
        .collect();

    // Bodies first, all of them, so that links to headings can be checked.
    // Versions made from one file with no Tera syntax in its body share
    // one reading of its Markdown.
    // By page and variant (None for the base file): the versions and styles.
    type Group = Vec<(usize, markdown::Style)>;
    let mut groups: HashMap<(usize, Option<&str>), Group> = HashMap::new();
    let mut alone = Vec::new();
    for (id, version) in site.versions.iter().enumerate() {
        let style = style_of[version.audience.as_str()];
        match site.source(version) {
            Some(file) if !markdown::template::needs_tera(file.body()) => {
                let variant = site.pages[version.page]
                    .variants
                    .get_key_value(&version.audience)
                    .map(|(a, _)| a.as_str());
                groups
                    .entry((version.page, variant))
                    .or_default()
                    .push((id, style));
            }
            _ => alone.push(vec![(id, style)]),
        }
    }
    let groups: Vec<Group> = groups.into_values().chain(alone).collect();
    let rendered: Vec<(usize, Result<Rendered, Vec<Diagnostic>>)> = groups
        .par_iter()
        .flat_map_iter(|group| {
            let bodies = match markdown_context(&site, group[0].0) {
                Some(context) => markdown::render_group(&context, group),
                None => group.iter().map(|_| Ok(Rendered::default())).collect(),
            };
            group.iter().map(|(id, _)| *id).zip(bodies)
        })
        .collect();
    let mut bodies: Vec<Option<Rendered>> = (0..site.versions.len()).map(|_| None).collect();
    for (id, body) in rendered {
        match body {
            Ok(body) => bodies[id] = Some(body),
            Err(found) => problems.extend(found),
        }
    }
    check_anchors(&site, &bodies, None, problems);
    let themes = themes?;
    if problems.has_errors() {
        // Nothing will be written; the bodies are still worth checking.
        let empty = BTreeMap::new();
        return Some(Rendering {
            site,
            themes,
            bodies,
            files: empty,
            pages: 0,
            plan: Vec::new(),
        });
    }

    let plan = if site.options.pdf {
        pdf::plan(&site)
    } else {
        Vec::new()
    };
    let pdf_of: HashMap<usize, PdfFile> = plan
        .iter()
        .map(|p| {
            (
                p.version,
                PdfFile {
                    path: p.path.clone(),
                    bytes: None,
                    pages: None,
                },
            )
        })
        .collect();
    let pages: Vec<Result<(String, String), Diagnostic>> = bodies
        .par_iter()
        .enumerate()
        .filter(|(id, _)| site.versions[*id].built)
        .filter_map(|(id, body)| Some((id, body.as_ref()?)))
        .map(|(id, body)| {
            let html = render::page(&site, &themes, id, body, pdf_of.get(&id))?;
            let path = format!("{}index.html", site.versions[id].url);
            match pages_to {
                Some(dir) => write_page(dir, &path, &html).map(|_| (path, String::new())),
                None => Ok((path, html)),
            }
        })
        .collect();
    let mut files = BTreeMap::new();
    let mut page_count = 0;
    let mut failed = Vec::new();
    for page in pages {
        match page {
            Ok((path, html)) => {
                if pages_to.is_none() {
                    files.insert(path, Output::Bytes(html.into_bytes()));
                }
                page_count += 1;
            }
            Err(problem) => failed.push(problem),
        }
    }
    match render::not_found(&site, &themes) {
        Ok(html) => {
            files.insert("404.html".to_string(), Output::Bytes(html.into_bytes()));
        }
        Err(problem) => failed.push(problem),
    }
    problems.extend(render::merge_repeated_template_errors(failed));
    if let Some(base_url) = site.config.base() {
        let paths: Vec<&str> = site
            .versions
            .iter()
            .filter(|v| v.built)
            .map(|v| v.url.as_str())
            .collect();
        files.insert(
            "sitemap.xml".to_string(),
            Output::Bytes(output::sitemap(base_url, &paths).into_bytes()),
        );
    }
    for loaded in themes.values() {
        let folder = format!("{ASSETS_FOLDER}/{}", loaded.theme.name);
        files.insert(
            format!("{folder}/style.css"),
            Output::Bytes(loaded.css.clone().into_bytes()),
        );
        for (path, file) in loaded.theme.assets() {
            files.insert(
                format!("{folder}/{path}"),
                Output::Bytes(file.bytes.clone()),
            );
        }
    }
    for (path, file) in &site.copied {
        files.insert(path.clone(), Output::Copy(file.source.clone()));
    }
    Some(Rendering {
        site,
        themes,
        bodies,
        files,
        pages: page_count,
        plan,
    })
}

/// What the Markdown stage reads to render version `id`'s body: its file,
/// the values its Tera pass may use, and the site to resolve its links.
/// `None` for a generated page, which has no file.
pub(crate) fn markdown_context(
    site: &Site,
    id: usize,
) -> Option<markdown::RenderContext<'_, Site>> {
    let version = &site.versions[id];
    let file = site.source(version)?;
    let mut template_values = tera::Context::new();
    template_values.insert("site", &site.config_value);
    template_values.insert("params", &site.config.params);
    template_values.insert("page", &version.meta);
    template_values.insert("audience", &version.audience);
    Some(markdown::RenderContext {
        file: markdown::PageFile {
            path: &file.path,
            body: file.body(),
            first_line: file.body_first_line(),
            folder: &site.pages[version.page].folder,
        },
        template_values,
        links: site,
    })
}

/// The site resolves a body's links by its pages and files.
impl markdown::Links for Site {
    type Destination = content::links::Destination;

    fn destination(
        &self,
        from_folder: &str,
        dest: &str,
    ) -> Result<Self::Destination, content::links::LinkProblem> {
        self.link_destination(from_folder, dest)
    }

    fn link_for(
        &self,
        from_version: usize,
        to: &Self::Destination,
        dest: &str,
    ) -> Result<content::links::Link, content::links::LinkProblem> {
        Site::link_for(self, from_version, to, dest)
    }
}

/// Writes one page into the output folder being made.
fn write_page(dir: &std::path::Path, path: &str, html: &str) -> Result<(), Diagnostic> {
    let target = dir.join(path);
    target
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| std::fs::write(&target, html))
        .map_err(|e| Diagnostic::error(path, format!("cannot write: {}", diagnostic::io_words(&e))))
}

/// Checks that every `#fragment` in a link names a heading of its page;
/// with `only`, just the links from or to those versions.
pub(crate) fn check_anchors(
    site: &Site,
    bodies: &[Option<Rendered>],
    only: Option<&HashSet<usize>>,
    problems: &mut Diagnostics,
) {
    for (id, rendered) in bodies.iter().enumerate() {
        let Some(rendered) = rendered else { continue };
        let file = site
            .source(&site.versions[id])
            .map(|s| s.path.clone())
            .unwrap_or_default();
        for anchor in &rendered.anchors {
            if only.is_some_and(|only| !only.contains(&id) && !only.contains(&anchor.target)) {
                continue;
            }
            // A page has few headings: a search beats building sets.
            let Some(target_body) = &bodies[anchor.target] else {
                continue;
            };
            if !target_body.headings.iter().any(|h| h.id == anchor.id) {
                let ids: Vec<&str> = target_body.headings.iter().map(|h| h.id.as_str()).collect();
                let target = &site.versions[anchor.target];
                problems.push(
                    Diagnostic::error(
                        &file,
                        format!(
                            "the link `{}` names the heading `#{}`, which is not on /{}",
                            anchor.dest, anchor.id, target.url
                        ),
                    )
                    .at_opt(anchor.place)
                    .with_hint(nearest_heading(&anchor.id, &ids)),
                );
            }
        }
    }
}

/// A hint naming the page's heading id closest to `wanted`.
fn nearest_heading(wanted: &str, ids: &[&str]) -> String {
    let best = ids.iter().min_by_key(|id| strsim::levenshtein(wanted, id));
    match best {
        Some(best) if strsim::levenshtein(wanted, best) <= wanted.len() / 2 + 1 => {
            format!("did you mean `#{best}`?")
        }
        _ if ids.is_empty() => "that page has no headings".to_string(),
        _ => {
            let mut all = ids.to_vec();
            all.sort();
            format!(
                "the headings there are: {}",
                all.iter()
                    .map(|i| format!("#{i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}
