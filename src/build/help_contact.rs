//! The warning for a page with a `help` shortcode when site.yaml gives no
//! way to reach anyone (no `contact` phone, email or web address in the
//! page's language): its panel can only tell the reader to ask the
//! organisation.

use super::expand::Expanded;
use crate::content::{IdVec, Site, VersionId};
use crate::diagnostic::Diagnostic;
use crate::markdown::shortcodes::without_fields;
use std::collections::BTreeSet;

/// One warning for each file whose help panel has no contact to show.
pub(crate) fn warnings(site: &Site, expanded: &IdVec<VersionId, Expanded>) -> Vec<Diagnostic> {
    let mut warned = BTreeSet::new();
    let mut found = Vec::new();
    for (id, version) in site.versions.iter_ids() {
        let Expanded::Text(text) = &expanded[id] else {
            continue;
        };
        let Some(file) = site.source(version) else {
            continue;
        };
        let (_, fields) = without_fields(text);
        let lacking = fields.iter().any(|field| {
            field
                .help
                .as_ref()
                .is_some_and(|contact| !contact.has_way())
        });
        if !lacking || !warned.insert(file.path.clone()) {
            continue;
        }
        let place = crate::diagnostic::locate(file.body(), "help(")
            .map(|(line, column)| (line + file.body_first_line() - 1, column));
        found.push(
            Diagnostic::warning(
                &file.path,
                "this page's help panel has no contact to show: site.yaml's `contact` gives no phone, email or url",
            )
            .at_opt(place)
            .with_hint(
                "add `contact:` to site.yaml with a `phone` and an `email` for readers who need to talk to someone",
            ),
        );
    }
    found
}
