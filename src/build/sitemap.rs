//! `sitemap.xml`: every built page under `base_url`, each with the day it
//! was last reviewed as its `lastmod` and its versions in the other
//! languages as alternates, so that a search engine offers a Welsh reader
//! the Welsh page.

use crate::content::Site;
use crate::util::html::escape_html;

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
        xml.push_str("  <url><loc>");
        xml.push_str(&escape_html(&format!("{base}/{}", version.url)));
        xml.push_str("</loc>");
        // A page's content changes when it is reviewed; a page that gives
        // no day says nothing, rather than the day it was built.
        if let Some(reviewed) = version.meta.reviewed {
            xml.push_str(&format!("<lastmod>{reviewed}</lastmod>"));
        }
        // Each language's version for the same audience, this one among
        // them, as search engines ask; none when there is no other.
        let alternates: Vec<_> = site
            .versions_of(version.page)
            .filter(|v| v.built && v.audience == version.audience)
            .collect();
        if multilingual && alternates.len() > 1 {
            for alternate in alternates {
                xml.push_str(&format!(
                    "\n    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape_html(&alternate.language),
                    escape_html(&format!("{base}/{}", alternate.url)),
                ));
            }
            xml.push_str("\n  ");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}
