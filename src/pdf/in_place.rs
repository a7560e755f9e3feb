//! Loading a page into a tab by writing it into the tab's document
//! (`document.open`, `write`, `close`) rather than navigating to it. A
//! navigation costs Chromium about as much as printing a page: on the
//! example pack, writing halves the time a PDF takes. The written page
//! keeps its own address for its links and files through a `<base>` that
//! names its file, so a link to a part of the page (`#part`) stays a link
//! inside the PDF.
//!
//! Writing reuses the tab's window, and with it whatever a script of the
//! page before left running, so it is used only while the pages' scripts
//! are off (see `pdf_scripts` in docs/pdf.md); with them on, each page
//! is navigated to.

/// `html` with `<base href="url">` first in its `<head>`, or `None` when
/// it has no `<head>` or a `<base>` of its own (it is then navigated to).
pub(super) fn with_base(html: &str, url: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    if lower.contains("<base") {
        return None;
    }
    let head = find_tag(&lower, "<head")?;
    let inside = head + lower[head..].find('>')? + 1;
    let base = format!("<base href=\"{}\">", crate::util::html::escape_html(url));
    Some(format!("{}{base}{}", &html[..inside], &html[inside..]))
}

/// Where the tag `<name` (lowercase) opens in `lower`: followed by `>` or
/// white space, so that `<header` is not taken for `<head`.
fn find_tag(lower: &str, name: &str) -> Option<usize> {
    lower.match_indices(name).map(|(at, _)| at).find(|&at| {
        lower[at + name.len()..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c.is_ascii_whitespace())
    })
}

/// A script that puts `html` in place of the tab's document and answers
/// `true`; the page then loads its files as a page navigated to does.
pub(super) fn write_script(html: &str) -> String {
    let html = serde_json::to_string(html).unwrap_or_default();
    format!("document.open(); document.write({html}); document.close(); true")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_goes_first_in_the_head() {
        let html = "<!doctype html><html lang=\"cy\"><header></header><head class=\"x\"><title>T</title></head>";
        assert_eq!(
            with_base(html, "file:///site/a%20b/index.html").unwrap(),
            "<!doctype html><html lang=\"cy\"><header></header><head class=\"x\"><base href=\"file:///site/a%20b/index.html\"><title>T</title></head>"
        );
    }

    #[test]
    fn a_page_with_its_own_base_or_no_head_is_not_written() {
        assert!(with_base("<html><head><BASE href=\"/\"></head>", "file:///a").is_none());
        assert!(with_base("<p>No head", "file:///a").is_none());
    }

    #[test]
    fn the_script_carries_the_page_as_a_string() {
        let script = write_script("<p>\"Quoted\" </script>\n");
        assert!(
            script.contains(r#"document.write("<p>\"Quoted\" </script>\n");"#),
            "{script}"
        );
    }
}
