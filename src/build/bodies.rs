//! Stage 3: each version's body, after the template pass (stage 2), read
//! as Markdown. All bodies are rendered before any page, so that links to
//! headings can be checked (stage 4).

use super::expand::{self, Expanded};
use crate::content::links::{Destination, Link, LinkProblem};
use crate::content::{FileKey, IdVec, PageId, Site, VersionId};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::{self, Links, PageFile, RenderContext, Rendered, Style};
use crate::phrases::PhraseBook;
use crate::render::{self, LoadedTheme};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Versions rendered from one reading of a body, with each one's style.
type Group = Vec<(VersionId, Style)>;

/// Every version's body, by version; `None` where it failed (the
/// problems are in `problems`). Without themes, bodies are rendered in the
/// default style, so that their problems are still found.
pub(crate) fn render_all(
    site: &Site,
    themes: Option<&BTreeMap<String, LoadedTheme>>,
    phrases: &PhraseBook,
    expanded: &IdVec<VersionId, Expanded>,
    problems: &mut Diagnostics,
) -> IdVec<VersionId, Option<Rendered>> {
    let groups = groups(site, themes, phrases, expanded);
    let rendered: Vec<(VersionId, Result<Rendered, Vec<Diagnostic>>)> = groups
        .par_iter()
        .flat_map_iter(|group| {
            let bodies = render_group(site, group, &expanded[group[0].0]);
            group.iter().map(|(id, _)| *id).zip(bodies)
        })
        .collect();
    let mut bodies: IdVec<VersionId, Option<Rendered>> =
        site.versions.iter().map(|_| None).collect();
    for (id, body) in rendered {
        match body {
            Ok(body) => bodies[id] = Some(body),
            Err(found) => problems.extend(found),
        }
    }
    bodies
}

/// The bodies of a group of versions that share one expanded text.
fn render_group(
    site: &Site,
    group: &[(VersionId, Style)],
    expanded: &Expanded,
) -> Vec<Result<Rendered, Vec<Diagnostic>>> {
    if let Expanded::Failed = expanded {
        // Its problem was reported by the template pass; it has no body.
        return group.iter().map(|_| Err(Vec::new())).collect();
    }
    match context_for(site, group[0].0, expanded) {
        Some(context) => markdown::render_group(&context, group),
        None => group.iter().map(|_| Ok(Rendered::default())).collect(),
    }
}

/// The body of one version, for `serve` re-rendering a page that changed:
/// the template pass, then Markdown.
pub(crate) fn render_one(
    site: &Site,
    themes: &BTreeMap<String, LoadedTheme>,
    phrases: &PhraseBook,
    id: VersionId,
) -> Result<Rendered, Vec<Diagnostic>> {
    let version = &site.versions[id];
    let style = render::style_for(themes, phrases, site, &version.audience, &version.language);
    let expanded = expand::expand_one(site, id).map_err(|problem| vec![problem])?;
    match context_for(site, id, &expanded) {
        Some(context) => markdown::render(&context, id, style),
        None => Ok(Rendered::default()),
    }
}

/// What the Markdown stage needs to render version `id`: its file, its
/// body after the template pass, and the site as its link table. `None`
/// for a version with no file of its own (a generated page), or whose
/// template pass failed.
fn context_for<'a>(
    site: &'a Site,
    id: VersionId,
    expanded: &'a Expanded,
) -> Option<RenderContext<'a, Site>> {
    let version = &site.versions[id];
    let file = site.source(version)?;
    let markdown = match expanded {
        Expanded::AsWritten => file.body(),
        Expanded::Text(text) => text.as_str(),
        Expanded::NoFile | Expanded::Failed => return None,
    };
    Some(RenderContext {
        file: PageFile {
            path: &file.path,
            body: file.body(),
            first_line: file.body_first_line(),
            folder: &site.pages[version.page].folder,
        },
        markdown,
        links: site,
    })
}

/// The site is the Markdown stage's link table: a link is worked out once
/// per file, then placed for each version.
impl Links for Site {
    type Destination = Destination;

    fn destination(&self, from_folder: &str, dest: &str) -> Result<Destination, LinkProblem> {
        self.link_destination(from_folder, dest)
    }

    fn link_for(
        &self,
        from_version: VersionId,
        to: &Destination,
        dest: &str,
    ) -> Result<Link, LinkProblem> {
        Site::link_for(self, from_version, to, dest)
    }
}

/// The versions grouped so that those made from one file with no template
/// syntax in its body (left as written by the template pass) share one
/// reading of its Markdown: by page and file (a reading that says words of
/// the phrase table is made again for each table, by the Markdown stage).
/// Every other version is a group of its own.
fn groups(
    site: &Site,
    themes: Option<&BTreeMap<String, LoadedTheme>>,
    phrases: &PhraseBook,
    expanded: &IdVec<VersionId, Expanded>,
) -> Vec<Group> {
    let config = &site.config;
    let style_of: HashMap<(&str, &str), Style> = config
        .languages
        .iter()
        .flat_map(|l| {
            config
                .audiences
                .iter()
                .map(move |a| (a.id.as_str(), l.id.as_str()))
        })
        .map(|(audience, language)| {
            let style = themes
                .map(|t| render::style_for(t, phrases, site, audience, language))
                .unwrap_or_default();
            ((audience, language), style)
        })
        .collect();
    let mut shared: HashMap<(PageId, &FileKey), Group> = HashMap::new();
    let mut alone = Vec::new();
    for (id, version) in site.versions.iter_ids() {
        let style = style_of[&(version.audience.as_str(), version.language.as_str())].clone();
        match expanded[id] {
            Expanded::AsWritten => {
                let language = site.config.language_key(&version.language);
                let Some(&(file, _)) = site.pages[version.page]
                    .chain(&version.audience, language)
                    .first()
                else {
                    alone.push(vec![(id, style)]);
                    continue;
                };
                shared
                    .entry((version.page, file))
                    .or_default()
                    .push((id, style));
            }
            _ => alone.push(vec![(id, style)]),
        }
    }
    shared.into_values().chain(alone).collect()
}
