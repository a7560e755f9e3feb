//! Images: each address is checked and becomes a piece; the alt text is
//! checked, and the tag written as pulldown-cmark writes it, its alt text
//! as plain text.

use super::{plain_text, BodyWriter, PictureRow};
use crate::diagnostic::Diagnostic;
use crate::markdown::pieces::{Item, Piece, RowEdge};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use std::ops::Range;

impl<'m> BodyWriter<'m> {
    /// Opens an image written with address `dest_url` at `range`, checking
    /// it has one.
    pub(super) fn start_image(&mut self, dest_url: &str, range: Range<usize>) {
        if dest_url.trim().is_empty() {
            self.problems.push(
                Diagnostic::error(self.file, "an image has no address")
                    .at_opt(self.placer.place_of("]()", &range))
                    .with_hint("put the picture's file name between the brackets: ![A calendar](calendar.svg)"),
            );
        }
        let place = self.placer.dest_place(dest_url, &range);
        let n = self.address(dest_url, place);
        // Its alt text is checked when it ends, from the events between.
        self.image_start = Some((self.events.len(), dest_url.to_string(), range));
        self.open_images.push((self.events.len(), n));
    }

    /// Checks the image that ends here for alt text, and moves a picture
    /// row on to its words, if any follow.
    pub(super) fn end_image(&mut self, next: Option<&Event<'m>>) {
        if let Some((start, dest, range)) = self.image_start.take() {
            if plain_text(&self.events[start + 1..]).trim().is_empty() {
                self.problems.push(
                    Diagnostic::error(self.file, format!("the image `{dest}` has no alt text"))
                        .at_opt(self.placer.place_of(&format!("]({dest}"), &range))
                        .with_hint("describe the picture between the brackets: ![A calendar](calendar.svg)"),
                );
            }
        }
        self.write_image();
        if self.picture_row == PictureRow::Image {
            self.picture_row = PictureRow::Words;
            if !matches!(next, Some(Event::End(TagEnd::Paragraph))) {
                self.push_piece(Piece::Row(RowEdge::Words));
                self.picture_row = PictureRow::WordsOpen;
            }
        }
    }

    /// Writes the image that ends here as pulldown-cmark would, with a
    /// piece where its address goes and its alt text as plain text. An
    /// image inside another's alt text is left for that one to read.
    fn write_image(&mut self) {
        let Some((start, n)) = self.open_images.pop() else {
            return;
        };
        if !self.open_images.is_empty() {
            self.push(Event::End(TagEnd::Image));
            return;
        }
        let mut close = String::from("\" alt=\"");
        let inside = self.events.split_off(start);
        let mut inside = inside.into_iter();
        let title = match inside.next() {
            Some(Item::Event(Event::Start(Tag::Image { title, .. }))) => title,
            _ => CowStr::Borrowed(""),
        };
        for item in inside {
            push_alt_text(&mut close, &item);
        }
        if !title.is_empty() {
            close.push_str("\" title=\"");
            let _ = escape_html(&mut close, &self.attribute_text(&title));
        }
        close.push_str("\" />");
        self.push(Event::Html("<img src=\"".into()));
        self.push_piece(Piece::Address(n));
        self.push(Event::Html(close.into()));
    }
}

/// Adds what an item inside an image says to its alt text, as
/// pulldown-cmark writes alt text: words and code escaped, breaks as
/// spaces, tags and HTML left out.
fn push_alt_text(alt: &mut String, item: &Item) {
    match item {
        Item::Event(Event::Text(text) | Event::Code(text) | Event::InlineHtml(text)) => {
            let _ = escape_html(alt, text);
        }
        Item::Event(Event::SoftBreak | Event::HardBreak | Event::Rule) => alt.push(' '),
        _ => {}
    }
}
