//! `sitemap.xml`: every built page under `base_url`, each with the day it
//! was last reviewed as its `lastmod` and its versions in the other
//! languages as alternates, so that a search engine offers a Welsh reader
//! the Welsh page; then the pages signpost writes of its own that a
//! reader may look for (each audience's accessibility statement, privacy
//! notice and, with PDFs, downloads page). Search pages are left out:
//! they are found from every page's header.

use crate::content::Site;
use crate::util::html::escape_html;
use std::collections::BTreeMap;

/// The sitemap, if the site has a `base_url` to make full addresses from.
pub(crate) fn sitemap(site: &Site) -> Option<String> {
    let base = site.config.base()?;
    let multilingual = site.config.is_multilingual();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    if multilingual {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    for version in site.versions.iter().filter(|v| v.built) {
        // Each language's version for the same audience, this one among
        // them, as search engines ask.
        let alternates: Vec<(&str, &str)> = site
            .versions_of(version.page)
            .filter(|v| v.built && v.audience == version.audience)
            .map(|v| (v.language.as_str(), v.url.as_str()))
            .collect();
        // A page's content changes when it is reviewed; a page that gives
        // no day says nothing, rather than the day it was built.
        let reviewed = version.meta.reviewed.map(|day| day.to_string());
        entry(
            &mut xml,
            base,
            &version.url,
            reviewed.as_deref(),
            &alternates,
        );
    }
    for versions in generated(site) {
        let alternates: Vec<(&str, &str)> = versions
            .iter()
            .map(|(language, url)| (*language, url.as_str()))
            .collect();
        for (_, url) in &versions {
            entry(&mut xml, base, url, None, &alternates);
        }
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}

/// Adds the `<url>` of the page at `url` (from the site's root), with the
/// day it was last reviewed and, when there is more than one, its
/// versions in each language (itself among them).
fn entry(
    xml: &mut String,
    base: &str,
    url: &str,
    reviewed: Option<&str>,
    alternates: &[(&str, &str)],
) {
    xml.push_str("  <url><loc>");
    xml.push_str(&escape_html(&format!("{base}/{url}")));
    xml.push_str("</loc>");
    if let Some(reviewed) = reviewed {
        xml.push_str(&format!("<lastmod>{reviewed}</lastmod>"));
    }
    if alternates.len() > 1 {
        for (language, url) in alternates {
            xml.push_str(&format!(
                "\n    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape_html(language),
                escape_html(&format!("{base}/{url}")),
            ));
        }
        xml.push_str("\n  ");
    }
    xml.push_str("</url>\n");
}

/// The pages signpost writes of its own that belong in the sitemap, each
/// as its versions in every language (language, address): every
/// audience's accessibility statement and privacy notice not replaced by
/// one of the site's own, and with PDFs its downloads page.
fn generated(site: &Site) -> Vec<Vec<(&str, String)>> {
    let mut pages: BTreeMap<(&str, &str), Vec<(&str, String)>> = BTreeMap::new();
    for (audience, language, which, url) in super::statements::wanted(site) {
        pages
            .entry((audience, which.folder()))
            .or_default()
            .push((language, url));
    }
    if site.options.pdf {
        for audience in &site.config.audiences {
            for language in &site.config.languages {
                let url = site.downloads_url(&audience.id, &language.id);
                pages
                    .entry((audience.id.as_str(), "downloads"))
                    .or_default()
                    .push((language.id.as_str(), url));
            }
        }
    }
    pages.into_values().collect()
}
