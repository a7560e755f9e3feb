//! What the search index reads of one page: the page's body and title,
//! with the summary and section a result shows, written as a small HTML
//! document of its own. The index never sees the page the theme makes, so
//! the header, footer, switchers, navigation and the notes beside fields
//! cannot be found; field labels are text and are found, a field's
//! placeholder is an attribute and is not.

use crate::util::html::escape_html;

/// One page as the index reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    /// Its address from its audience's home page in its language, with a
    /// leading `/` (`/guide/prepare/`); `/` for the home page.
    pub url: String,
    /// The HTML the index reads.
    pub html: String,
}

/// What a result shows of a page besides its body.
pub(crate) struct Details<'a> {
    /// The page's title.
    pub title: &'a str,
    /// Its summary, shown under the title.
    pub summary: Option<&'a str>,
    /// The title of the section it is in, if any.
    pub section: Option<&'a str>,
    /// Its language, as a BCP 47 tag.
    pub language: &'a str,
}

/// The document for a page at `url` (from its audience's home, no leading
/// `/`) with `details` and its rendered `body`. The title is the body's
/// first heading, so that a search for it finds the page and a result
/// starts at the top; headings keep their ids, so a result can go to the
/// part of the page where the words are.
pub(crate) fn document(url: &str, details: &Details, body: &str) -> Document {
    let mut html = String::with_capacity(body.len() + 512);
    html.push_str("<!DOCTYPE html><html lang=\"");
    html.push_str(&escape_html(details.language));
    html.push_str("\"><head>");
    meta(&mut html, "title", Some(details.title));
    meta(&mut html, "summary", details.summary);
    meta(&mut html, "section", details.section);
    html.push_str("</head><body><main data-pagefind-body><h1>");
    html.push_str(&escape_html(details.title));
    html.push_str("</h1>\n");
    html.push_str(&labels_as_text(body));
    html.push_str("\n</main></body></html>");
    Document {
        url: format!("/{url}"),
        html,
    }
}

/// `body` with each field's `<label>` made a `<span>`: Pagefind leaves
/// labels out (on most sites they name a site's own controls), but a
/// field's label here is the question the page asks, which a reader may
/// search for. Markup in a body's text is escaped, so only real tags
/// match.
fn labels_as_text(body: &str) -> String {
    body.replace("<label ", "<span ")
        .replace("<label>", "<span>")
        .replace("</label>", "</span>")
}

/// Adds a value a result shows (`data-pagefind-meta`), when there is one.
fn meta(html: &mut String, name: &str, value: Option<&str>) {
    if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
        html.push_str("<meta data-pagefind-meta=\"");
        html.push_str(name);
        html.push_str("[content]\" content=\"");
        html.push_str(&escape_html(value));
        html.push_str("\">");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_holds_the_body_under_its_title_with_what_a_result_shows() {
        let details = Details {
            title: "Prepare & plan",
            summary: Some("Before the \"first\" meeting"),
            section: Some("Guide"),
            language: "cy",
        };
        let doc = document(
            "guide/prepare/",
            &details,
            "<h2 id=\"who\">Who</h2><p>Text</p>",
        );
        assert_eq!(doc.url, "/guide/prepare/");
        assert!(doc.html.starts_with("<!DOCTYPE html><html lang=\"cy\">"));
        assert!(doc
            .html
            .contains("<meta data-pagefind-meta=\"summary[content]\" content=\"Before the &quot;first&quot; meeting\">"));
        assert!(doc
            .html
            .contains("<main data-pagefind-body><h1>Prepare &amp; plan</h1>\n<h2 id=\"who\">"));
    }

    #[test]
    fn field_labels_are_text_the_index_reads() {
        let details = Details {
            title: "Log",
            summary: None,
            section: None,
            language: "en-GB",
        };
        let body =
            "<label for=\"a\">When did you meet?</label><input id=\"a\"><p>&lt;label x&gt;</p>";
        let doc = document("log/", &details, body);
        assert!(doc
            .html
            .contains("<span for=\"a\">When did you meet?</span><input id=\"a\">"));
        assert!(doc.html.contains("<p>&lt;label x&gt;</p>"));
    }

    #[test]
    fn a_page_without_summary_or_section_has_no_empty_values() {
        let details = Details {
            title: "Home",
            summary: None,
            section: Some(" "),
            language: "en-GB",
        };
        let doc = document("", &details, "");
        assert_eq!(doc.url, "/");
        assert!(!doc.html.contains("summary[content]"));
        assert!(!doc.html.contains("section[content]"));
    }
}
