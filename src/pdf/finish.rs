//! What is done to a PDF after the browser prints it, in one reading and
//! one writing of the file: its fill-in fields become form fields
//! ([`super::form`]), and it is told its title, author and language
//! ([`super::metadata`]).

use super::form;
use super::metadata::{self, Described};
use lopdf::Document;

/// The printed PDF `bytes`, fillable and described; `Err` says in words
/// why it could not be read, changed or written.
pub(crate) fn finish(bytes: &[u8], described: &Described) -> Result<Vec<u8>, String> {
    let mut document =
        Document::load_mem(bytes).map_err(|e| format!("cannot read the printed PDF: {e}"))?;
    form::make_fillable(&mut document)?;
    metadata::describe(&mut document, described)?;
    let mut out = Vec::with_capacity(bytes.len() + 8192);
    document
        .save_to(&mut out)
        .map_err(|e| format!("cannot write the finished PDF: {e}"))?;
    Ok(out)
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
        let error = finish(b"not a pdf", &described).unwrap_err();
        assert!(error.starts_with("cannot read the printed PDF"), "{error}");
    }
}
