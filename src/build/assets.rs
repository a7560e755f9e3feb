//! Stage 6: the files that are not pages: the sitemap, each theme's style
//! sheet and files, and the site's files copied as they are.

use crate::content::{Site, ASSETS_FOLDER};
use crate::output::Output;
use crate::render::LoadedTheme;
use std::collections::BTreeMap;

/// Every file of the site that is not a page, by output path.
pub(crate) fn files(
    site: &Site,
    themes: &BTreeMap<String, LoadedTheme>,
) -> BTreeMap<String, Output> {
    let mut files = BTreeMap::new();
    if let Some(xml) = super::sitemap::sitemap(site) {
        files.insert("sitemap.xml".to_string(), Output::Bytes(xml.into_bytes()));
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
    files
}
