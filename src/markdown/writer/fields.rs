//! Fill-in fields met while writing: each shortcode placeholder in the
//! words becomes a piece of its own, and a paragraph that holds only a
//! field becomes that field's row.

use super::BodyWriter;
use crate::markdown::pieces::{Item, Piece};
use crate::markdown::shortcodes::{find_field, Field};
use crate::markdown::token;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

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

    /// Words with a piece for each fill-in field in them.
    pub(super) fn text_with_fields(&mut self, text: &str) {
        let mut rest = text;
        while let Some((range, field)) = find_field(rest) {
            if range.start > 0 {
                self.push(Event::Text(rest[..range.start].to_string().into()));
            }
            self.push_field(field);
            rest = &rest[range.end..];
        }
        if !rest.is_empty() {
            self.push(Event::Text(rest.to_string().into()));
        }
    }

    /// Inline code that may hold fields, written as pulldown-cmark would.
    pub(super) fn inline_code(&mut self, code: CowStr<'m>) {
        if !code.contains(token()) {
            self.push(Event::Code(code));
            return;
        }
        self.push(Event::Html("<code>".into()));
        self.text_with_fields(&code);
        self.push(Event::Html("</code>".into()));
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
