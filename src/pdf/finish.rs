//! What is done to a PDF after the browser prints it, in one reading and
//! one writing of the file: what the browser drew untagged is marked as
//! page furniture ([`super::artifacts`]), its fill-in fields become form
//! fields ([`super::form`]), its links to the site's pages are pointed
//! where a reader can follow them ([`super::links`]), and it is told its
//! title, author and language ([`super::metadata`]).

use super::links::{self, SiteAddress};
use super::metadata::{self, Described};
use super::{artifacts, form};
use lopdf::Document;

/// A finished PDF.
pub(crate) struct Finished {
    /// The file.
    pub bytes: Vec<u8>,
    /// How many sheets it has.
    pub pages: usize,
}

/// Where a PDF's links to the site's pages are pointed.
pub(crate) struct Linked<'a> {
    /// The `file://` address of the folder the PDF was printed from,
    /// ending in `/`.
    pub printed_from: &'a str,
    /// Where they go instead.
    pub address: SiteAddress<'a>,
}

/// The printed PDF `bytes`, fillable, linked and described; `Err` says in
/// words why it could not be read, changed or written.
pub(crate) fn finish(
    bytes: &[u8],
    linked: &Linked,
    described: &Described,
) -> Result<Finished, String> {
    let mut document =
        Document::load_mem(bytes).map_err(|e| format!("cannot read the printed PDF: {e}"))?;
    artifacts::mark_untagged(&mut document)?;
    // After the fields, whose place marks are links too.
    form::make_fillable(&mut document)?;
    links::point_links(&mut document, linked.printed_from, &linked.address);
    tab_in_reading_order(&mut document);
    metadata::describe(&mut document, described)?;
    let mut out = Vec::with_capacity(bytes.len() + 8192);
    document
        .save_to(&mut out)
        .map_err(|e| format!("cannot write the finished PDF: {e}"))?;
    Ok(Finished {
        pages: document.get_pages().len(),
        bytes: out,
    })
}

/// Tells readers to move through each sheet's links and form fields in
/// the order of the structure tree (`/Tabs /S`), which is the page's
/// reading order, as PDF/UA asks of every sheet with annotations.
fn tab_in_reading_order(document: &mut Document) {
    let pages: Vec<_> = document.get_pages().into_values().collect();
    for page in pages {
        if let Ok(page) = document.get_dictionary_mut(page) {
            if page.has(b"Annots") {
                page.set("Tabs", lopdf::Object::Name(b"S".to_vec()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_pdf_is_an_error_not_a_panic() {
        let described = Described {
            title: "t",
            author: "a",
            language: "en",
        };
        let linked = Linked {
            printed_from: "file:///tmp/out/",
            address: SiteAddress::FromPdf("a.pdf"),
        };
        let Err(error) = finish(b"not a pdf", &linked, &described) else {
            panic!("a PDF was made of no PDF");
        };
        assert!(error.starts_with("cannot read the printed PDF"), "{error}");
    }
}
