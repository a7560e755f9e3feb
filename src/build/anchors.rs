//! Stage 4: every `#fragment` in a link names a heading of the page it
//! goes to. This needs every body rendered first (stage 3).

use crate::content::{IdVec, Site, VersionId};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use std::collections::HashSet;

/// Checks that every `#fragment` in a link names a heading of its page;
/// with `only`, just the links from or to those versions.
pub(crate) fn check(
    site: &Site,
    bodies: &IdVec<VersionId, Option<Rendered>>,
    only: Option<&HashSet<VersionId>>,
    problems: &mut Diagnostics,
) {
    for (id, rendered) in bodies.iter_ids() {
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
