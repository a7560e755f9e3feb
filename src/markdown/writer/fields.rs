//! Fill-in fields met while writing: each shortcode placeholder in the
//! words becomes a piece of its own, and a paragraph that holds only a
//! field becomes that field's row.

use super::BodyWriter;
use crate::markdown::pieces::{Item, Piece};
use crate::markdown::shortcodes::{find_field, without_fields, Field};
use crate::markdown::token;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::borrow::Cow;

impl<'m> BodyWriter<'m> {
    /// Ends a paragraph; one that holds only a fill-in field becomes that
    /// field's row.
    pub(super) fn end_paragraph(&mut self) {
        if let [.., Item::Event(Event::Start(Tag::Paragraph)), Item::Piece(Piece::Field { n, .. })] =
            self.events[..]
        {
            self.events.truncate(self.events.len() - 2);
            self.push_piece(Piece::Field { n, block: true });
            // What is left of the paragraph's `</p>\n`.
            self.push(Event::Html("\n".into()));
        } else {
            self.push(Event::End(TagEnd::Paragraph));
        }
    }

    /// Words, or raw HTML, written as events of `kind`, with a piece for
    /// each fill-in field in them.
    pub(super) fn with_fields(&mut self, text: &str, kind: fn(CowStr<'m>) -> Event<'m>) {
        let mut rest = text;
        while let Some((range, field)) = find_field(rest) {
            if range.start > 0 {
                self.push(kind(rest[..range.start].to_string().into()));
            }
            self.push_field(field);
            rest = &rest[range.end..];
        }
        if !rest.is_empty() {
            self.push(kind(rest.to_string().into()));
        }
    }

    /// Gives the raw HTML written from item `first` on a piece for each
    /// fill-in field in it: a shortcode in an HTML block is a field too.
    pub(super) fn fields_in_raw_html(&mut self, first: usize) {
        if !self.has_placeholders {
            return;
        }
        for item in self.events.split_off(first) {
            match item {
                Item::Event(Event::Html(html)) if html.contains(token()) => {
                    self.with_fields(&html, Event::Html)
                }
                Item::Event(Event::InlineHtml(html)) if html.contains(token()) => {
                    self.with_fields(&html, Event::InlineHtml)
                }
                other => self.events.push(other),
            }
        }
    }

    /// Inline code that may hold fields, written as pulldown-cmark would.
    pub(super) fn inline_code(&mut self, code: CowStr<'m>) {
        if !code.contains(token()) {
            self.push(Event::Code(code));
            return;
        }
        self.push(Event::Html("<code>".into()));
        self.with_fields(&code, Event::Text);
        self.push(Event::Html("</code>".into()));
    }

    /// Text for an attribute (a title), which cannot hold a form control:
    /// any field in it is left out, so no placeholder is written.
    pub(super) fn attribute_text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.has_placeholders && text.contains(token()) {
            Cow::Owned(without_fields(text).0)
        } else {
            Cow::Borrowed(text)
        }
    }

    /// A piece for a fill-in field; a placeholder changed on the way (by a
    /// Tera filter) is dropped.
    pub(super) fn push_field(&mut self, field: Option<Field>) {
        if let Some(field) = field {
            self.fields.push(field);
            let n = self.fields.len() - 1;
            self.push_piece(Piece::Field { n, block: false });
        }
    }
}
