//! signpost turns a folder of Markdown with YAML front-matter into a website
//! for each audience of a programme pack: professionals, carers and
//! families, and people who read easy read.
//!
//! The build goes one way, stage by stage: [`config`] reads site.yaml,
//! [`content`] finds the pages and their versions, [`markdown`] renders each
//! body, [`render`] puts it in its theme, and [`output`] swaps the finished
//! site into place. Every problem on the way is a [`diagnostic::Diagnostic`].

pub mod config;
pub mod content;
pub mod diagnostic;
pub mod markdown;
pub mod output;
pub mod render;
pub mod url;
mod yaml;

use content::{Site, ASSETS_FOLDER};
use diagnostic::{Diagnostic, Diagnostics};
use markdown::Rendered;
use output::Output;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

/// What to build, and how.
#[derive(Clone, Debug)]
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
}

/// What a successful build made.
#[derive(Debug)]
pub struct BuildReport {
    /// How many page versions were written.
    pub pages: usize,
    /// How many files were written in all.
    pub files: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site. On failure, returns every problem found (errors and
/// warnings), and the output folder is as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let (files, pages, mut problems) = render_site(options)?;
    if problems.has_errors() {
        return Err(problems.into_sorted());
    }
    if let Err(error) = output::write_site(&options.out, &files) {
        problems.push(Diagnostic::error(
            &options.out,
            format!("cannot write the site: {error}"),
        ));
        return Err(problems.into_sorted());
    }
    Ok(BuildReport {
        pages,
        files: files.len(),
        warnings: problems.into_sorted(),
    })
}

type Rendering = (BTreeMap<String, Output>, usize, Diagnostics);

/// Renders the whole site in memory: the files to write, how many pages
/// they hold, and the problems found.
fn render_site(options: &BuildOptions) -> Result<Rendering, Vec<Diagnostic>> {
    let config = config::Config::load(&options.root).map_err(Diagnostics::into_sorted)?;
    let pdf = options.pdf || config.pdf;
    let content_options = content::Options {
        drafts: options.drafts,
        offline: options.offline,
        pdf,
    };
    let (site, mut problems) = Site::load(&options.root, config, content_options);
    if pdf {
        problems.push(
            Diagnostic::warning(
                "site.yaml",
                "this version of signpost cannot make PDFs yet, so the site is built without them",
            )
            .with_hint("print a page from the browser instead; its print layout is made for paper"),
        );
    }
    let themes = match render::load_themes(&options.root, &site.config) {
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
                .and_then(|t| t.get(&a.theme))
                .map(|t| t.style())
                .unwrap_or_default();
            (a.id.as_str(), style)
        })
        .collect();

    // Bodies first, all of them, so that links to headings can be checked.
    let bodies: Vec<Result<Rendered, Vec<Diagnostic>>> = (0..site.versions.len())
        .into_par_iter()
        .map(|id| markdown::render(&site, id, style_of[site.versions[id].audience.as_str()]))
        .collect();
    let heading_ids: Vec<Option<HashSet<&str>>> = bodies
        .iter()
        .map(|b| {
            b.as_ref()
                .ok()
                .map(|r| r.headings.iter().map(|h| h.id.as_str()).collect())
        })
        .collect();
    for (id, body) in bodies.iter().enumerate() {
        match body {
            Ok(rendered) => {
                let file = site
                    .source(&site.versions[id])
                    .map(|s| s.path.clone())
                    .unwrap_or_default();
                for anchor in &rendered.anchors {
                    if let Some(ids) = &heading_ids[anchor.target] {
                        if !ids.contains(anchor.id.as_str()) {
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
                                .with_hint(nearest_heading(&anchor.id, ids)),
                            );
                        }
                    }
                }
            }
            Err(found) => problems.extend(found.iter().cloned()),
        }
    }
    let Some(themes) = themes else {
        return Ok((BTreeMap::new(), 0, problems));
    };
    if problems.has_errors() {
        return Ok((BTreeMap::new(), 0, problems));
    }

    let pages: Vec<Result<(String, String), Diagnostic>> = bodies
        .par_iter()
        .enumerate()
        .filter(|(id, _)| site.versions[*id].built)
        .filter_map(|(id, body)| Some((id, body.as_ref().ok()?)))
        .map(|(id, body)| {
            let html = render::page(&site, &themes, id, body)?;
            Ok((format!("{}index.html", site.versions[id].url), html))
        })
        .collect();
    let mut files = BTreeMap::new();
    let mut page_count = 0;
    for page in pages {
        match page {
            Ok((path, html)) => {
                files.insert(path, Output::Bytes(html.into_bytes()));
                page_count += 1;
            }
            Err(problem) => problems.push(problem),
        }
    }
    match render::not_found(&site, &themes) {
        Ok(html) => {
            files.insert("404.html".to_string(), Output::Bytes(html.into_bytes()));
        }
        Err(problem) => problems.push(problem),
    }
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
    Ok((files, page_count, problems))
}

/// A hint naming the page's heading id closest to `wanted`.
fn nearest_heading(wanted: &str, ids: &HashSet<&str>) -> String {
    let best = ids.iter().min_by_key(|id| strsim::levenshtein(wanted, id));
    match best {
        Some(best) if strsim::levenshtein(wanted, best) <= wanted.len() / 2 + 1 => {
            format!("did you mean `#{best}`?")
        }
        _ if ids.is_empty() => "that page has no headings".to_string(),
        _ => {
            let mut all: Vec<&str> = ids.iter().copied().collect();
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
