//! A page's words, gathered into runs: phone numbers and email addresses
//! in them become `tel:` and `mailto:` links ([`crate::markdown::autolink`]),
//! except in headings, links (Markdown's or raw HTML's), images' alt text
//! and code, and never in an attribute.

use super::BodyWriter;
use crate::markdown::autolink;
use crate::markdown::shortcodes::find_field;
use crate::markdown::token;
use pulldown_cmark::{CowStr, Event};

impl<'m> BodyWriter<'m> {
    /// Whether words read now may become links: not in a heading (whose
    /// text is its id and its name in contents lists), a link, an image's
    /// alt text or a code block.
    pub(super) fn may_link_words(&self) -> bool {
        self.heading_start.is_none()
            && self.open_links.is_empty()
            && self.raw_links == 0
            && self.open_images.is_empty()
            && self.image_start.is_none()
            && self.code.is_none()
    }

    /// Writes the words gathered so far, with their fields and links.
    pub(super) fn flush_words(&mut self) {
        if self.words.is_empty() {
            return;
        }
        let words = std::mem::take(&mut self.words);
        if !(self.has_placeholders && words.contains(token())) {
            self.push_linked(&words);
            return;
        }
        let mut rest = words.as_str();
        while let Some((range, field)) = find_field(rest) {
            self.push_linked(&rest[..range.start]);
            self.push_field(field);
            rest = &rest[range.end..];
        }
        self.push_linked(rest);
    }

    /// Words, with each phone number and email address in them a link.
    fn push_linked(&mut self, words: &str) {
        let mut from = 0;
        for found in autolink::find(words) {
            self.push_text(&words[from..found.range.start]);
            let mut open = String::from("<a href=\"");
            let _ = pulldown_cmark_escape::escape_href(&mut open, &found.href);
            open.push_str("\">");
            self.push(Event::Html(open.into()));
            self.push_text(&words[found.range.clone()]);
            self.push(Event::Html("</a>".into()));
            from = found.range.end;
        }
        self.push_text(&words[from..]);
    }

    /// Words as they are, if there are any.
    fn push_text(&mut self, words: &str) {
        if !words.is_empty() {
            self.push(Event::Text(CowStr::from(words.to_string())));
        }
    }

    /// Follows the links opened and closed in raw inline HTML (`<a
    /// href="…">` … `</a>`), so that words inside one stay words.
    pub(super) fn count_raw_links(&mut self, html: &str) {
        let tag = html.trim_start().to_ascii_lowercase();
        if tag.starts_with("</a>") || tag.starts_with("</a ") {
            self.raw_links = self.raw_links.saturating_sub(1);
        } else if (tag.starts_with("<a ") || tag.starts_with("<a>") || tag.starts_with("<a\n"))
            && !tag.trim_end().ends_with("/>")
        {
            self.raw_links += 1;
        }
    }
}
