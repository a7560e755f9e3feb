//! Stage 2: the template pass over each version's body
//! (`markdown::template`): values, conditions on the audience and the
//! fill-in shortcodes, expanded before the body is read as Markdown. A
//! body without template syntax is left as it is, and its versions share
//! one reading in the next stage.

use crate::content::{IdVec, Site, VersionId};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::template;
use rayon::prelude::*;

/// One version's body after the template pass.
pub(crate) enum Expanded {
    /// The version has no file of its own (a generated page).
    NoFile,
    /// The body has no template syntax: it is its file's body as written.
    AsWritten,
    /// The body after the pass.
    Text(String),
    /// The pass failed; the problem is reported.
    Failed,
}

/// Every version's body after the template pass, by version. The
/// problems found are in `problems`.
pub(crate) fn expand_all(site: &Site, problems: &mut Diagnostics) -> IdVec<VersionId, Expanded> {
    let results: Vec<Result<Expanded, Diagnostic>> = site
        .versions
        .par_ids()
        .map(|id| expand_one(site, id))
        .collect();
    results
        .into_iter()
        .map(|result| {
            result.unwrap_or_else(|problem| {
                problems.push(problem);
                Expanded::Failed
            })
        })
        .collect()
}

/// Version `id`'s body after the template pass, with the values `site`,
/// `params`, `page`, `audience` and `lang`.
pub(crate) fn expand_one(site: &Site, id: VersionId) -> Result<Expanded, Diagnostic> {
    let version = &site.versions[id];
    let Some(file) = site.source(version) else {
        return Ok(Expanded::NoFile);
    };
    let body = file.body();
    if !template::needs_tera(body) {
        return Ok(Expanded::AsWritten);
    }
    let mut values = tera::Context::new();
    let language = site.template_values(&version.language);
    values.insert_value("site", language.site.clone());
    values.insert_value("params", language.params.clone());
    values.insert("page", &version.meta);
    values.insert("audience", &version.audience);
    values.insert("lang", &version.language);
    template::expand(body, &values)
        .map(Expanded::Text)
        .map_err(|problem| problem.into_diagnostic(&file.path, file.body_first_line()))
}
