//! Pointing a PDF's links to the site's own pages where a reader can follow
//! them. The browser prints a page from the build's new output folder, so a
//! link to another page comes out as that folder's `file://` address, which
//! only ever existed on the machine that built the site. Each such link is
//! pointed instead at the page's published address (`base_url` in
//! site.yaml), or, without one, at its address relative to the PDF, which
//! PDF readers follow from where the PDF was opened: the website, or a
//! folder with the rest of the site.

use lopdf::{Dictionary, Document, Object};

/// Where a PDF's links to the site's pages go.
pub(crate) enum SiteAddress<'a> {
    /// The site's published address, `base_url` without a trailing `/`.
    Published(&'a str),
    /// Relative to the PDF, whose path from the output root is this
    /// (`guide/guide.pdf`).
    FromPdf(&'a str),
}

/// Points every link in `document` that goes to `printed_from` (the
/// `file://` address of the folder printed from, ending in `/`) at
/// `address` instead.
pub(crate) fn point_links(document: &mut Document, printed_from: &str, address: &SiteAddress) {
    for object in document.objects.values_mut() {
        let Object::Dictionary(dictionary) = object else {
            continue;
        };
        if let Ok(Object::Dictionary(action)) = dictionary.get_mut(b"A") {
            point_link(action, printed_from, address);
        }
        point_link(dictionary, printed_from, address);
    }
}

/// Points a URI action at the site's address, if it goes to the folder.
fn point_link(action: &mut Dictionary, printed_from: &str, address: &SiteAddress) {
    let Ok(Object::String(bytes, _)) = action.get(b"URI") else {
        return;
    };
    let Some(to) = std::str::from_utf8(bytes)
        .ok()
        .and_then(|uri| uri.strip_prefix(printed_from))
    else {
        return;
    };
    let pointed = match address {
        SiteAddress::Published(base) => format!("{base}/{to}"),
        SiteAddress::FromPdf(pdf) => relative(pdf, to),
    };
    action.set("URI", Object::string_literal(pointed));
}

/// The address of `to` (a path from the output root, perhaps with a query
/// or fragment) relative to the file at `from`.
fn relative(from: &str, to: &str) -> String {
    let folder: Vec<&str> = from.split('/').collect();
    let folder = &folder[..folder.len() - 1];
    let (path, rest) = to
        .find(['?', '#'])
        .map_or((to, ""), |at| (&to[..at], &to[at..]));
    let target: Vec<&str> = path.split('/').collect();
    let shared = folder
        .iter()
        .zip(&target)
        .take_while(|(a, b)| a == b)
        .count()
        .min(target.len() - 1);
    let mut out = "../".repeat(folder.len() - shared);
    out.push_str(&target[shared..].join("/"));
    if out.is_empty() {
        out.push_str("./");
    }
    out + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_put_relative_to_the_pdf() {
        assert_eq!(relative("guide/guide.pdf", "guide/evaluate/"), "evaluate/");
        assert_eq!(relative("guide/guide.pdf", ""), "../");
        assert_eq!(relative("guide/guide.pdf", "guide/"), "./");
        assert_eq!(
            relative(
                "easy-read/resources/log/log-easy-read.pdf",
                "easy-read/guide/#start"
            ),
            "../../guide/#start"
        );
        assert_eq!(relative("home.pdf", "guide/prepare/"), "guide/prepare/");
        assert_eq!(
            relative("guide/guide.pdf", "images/a%20b.svg"),
            "../images/a%20b.svg"
        );
    }

    #[test]
    fn links_to_the_printed_folder_are_pointed_and_others_left() {
        let mut document = Document::with_version("1.7");
        let link = |uri: &str| {
            Object::Dictionary(Dictionary::from_iter([
                ("Subtype", Object::Name(b"Link".to_vec())),
                (
                    "A",
                    Object::Dictionary(Dictionary::from_iter([
                        ("S", Object::Name(b"URI".to_vec())),
                        ("URI", Object::string_literal(uri)),
                    ])),
                ),
            ]))
        };
        let inside = document.add_object(link("file:///tmp/out/guide/prepare/#plan"));
        let outside = document.add_object(link("https://www.gov.uk/"));
        point_links(
            &mut document,
            "file:///tmp/out/",
            &SiteAddress::Published("https://council.example/pack"),
        );
        let uri = |id| {
            let action = document.get_dictionary(id).unwrap().get(b"A").unwrap();
            let uri = action.as_dict().unwrap().get(b"URI").unwrap();
            String::from_utf8(uri.as_str().unwrap().to_vec()).unwrap()
        };
        assert_eq!(
            uri(inside),
            "https://council.example/pack/guide/prepare/#plan"
        );
        assert_eq!(uri(outside), "https://www.gov.uk/");
    }
}
