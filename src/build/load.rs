//! Stage 1: site.yaml, then the pages and the themes, side by side (the
//! themes do not depend on the pages).

use super::BuildOptions;
use crate::config::Config;
use crate::content::{self, Site};
use crate::diagnostic::Diagnostics;
use crate::render::{self, LoadedTheme};
use std::collections::BTreeMap;

/// The site and its themes. `None` when site.yaml cannot be read; the
/// themes are `None` when one of them cannot be loaded, so that the pages
/// can still be checked. Every problem found is in `problems`.
pub(crate) fn site_and_themes(
    options: &BuildOptions,
    problems: &mut Diagnostics,
) -> Option<(Site, Option<BTreeMap<String, LoadedTheme>>)> {
    let config = match Config::load(&options.root) {
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
    let ((site, found), themes) = rayon::join(
        || Site::load(&options.root, config.clone(), content_options),
        || render::load_themes(&options.root, &config),
    );
    problems.extend(found.into_sorted());
    let themes = match themes {
        Ok(themes) => Some(themes),
        Err(found) => {
            problems.extend(found);
            None
        }
    };
    Some((site, themes))
}
