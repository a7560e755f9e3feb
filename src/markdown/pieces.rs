//! A body's HTML as a list of typed pieces: HTML that is the same for every
//! version, and the places where something is settled later (an address,
//! which depends on the version's place; a picture row's edge, which
//! depends on its theme; a fill-in field, whose id waits until every
//! heading has one). Nothing is marked inside the text, so whatever
//! characters a body holds are only ever text.
//!
//! The Markdown writer hands pulldown-cmark a stream of [`Item`]s: events,
//! which it writes as HTML, and pieces, which [`write_html`] puts in the
//! list at the point the HTML has reached.

use super::shortcodes::Field;
use crate::util::html::escape_html;
use pulldown_cmark::Event;
use std::cell::RefCell;
use std::ops::Range;

/// A stretch of a body's HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Piece {
    /// HTML that is the same for every version: a range of the body's text.
    Html(Range<usize>),
    /// Where address `n` goes, escaped for an attribute.
    Address(usize),
    /// In the opening tag of the link to address `n`, after its `href`:
    /// the `hreflang` of a page in another language.
    HrefLang(usize),
    /// At the end of the text of the link to address `n`: the words that
    /// say it goes to a page in another language.
    LanguageNote(usize),
    /// An edge of a picture row.
    Row(RowEdge),
    /// Fill-in field `n`; alone in its paragraph (`block`), it is laid out
    /// as a row of its own. Only while the body is read: fields become HTML
    /// before any version is put together.
    Field { n: usize, block: bool },
}

/// An address as one version writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Href {
    /// The address, escaped for an attribute.
    pub(super) href: String,
    /// For a link to a page in another language, which, and how the link
    /// says so.
    pub(super) other: Option<LinkLanguage>,
}

/// The language of the page a link goes to, when it is not the linking
/// page's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct LinkLanguage {
    /// Its tag, for `hreflang`.
    pub(super) tag: String,
    /// The words after the link text, in the linking page's language:
    /// `(in English)`, `(yn Saesneg)`.
    pub(super) note: String,
}

/// The edges of a paragraph that starts with a picture, which a theme with
/// picture rows lays out as a row and any other as a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RowEdge {
    /// Where the paragraph opens.
    Open,
    /// Where its words start, after the picture.
    Words,
    /// Where it closes, after words.
    Close,
    /// Where it closes, with no words after the picture.
    CloseBare,
}

impl RowEdge {
    /// The HTML for this edge: as a row, or as a paragraph.
    pub(super) fn html(self, picture_rows: bool) -> &'static str {
        match (self, picture_rows) {
            (RowEdge::Open, true) => "<div class=\"picture-row\">",
            (RowEdge::Words, true) => "<div class=\"picture-row-words\"><p>",
            (RowEdge::Close, true) => "</p></div></div>\n",
            (RowEdge::CloseBare, true) => "</div>\n",
            (RowEdge::Open, false) => "<p>",
            (RowEdge::Close | RowEdge::CloseBare, false) => "</p>\n",
            (RowEdge::Words, false) => "",
        }
    }
}

/// What the Markdown writer hands on: an event to write as HTML, or a piece
/// to put in at that point.
#[derive(Debug)]
pub(super) enum Item<'m> {
    /// An event, written by pulldown-cmark.
    Event(Event<'m>),
    /// A piece, put in the list where the HTML written so far ends.
    Piece(Piece),
}

/// A body's HTML cut into pieces: `text` holds the HTML of every
/// [`Piece::Html`].
#[derive(Debug, Default)]
pub(super) struct Pieces {
    /// The HTML the pieces' ranges are in.
    pub(super) text: String,
    /// The pieces, in order.
    pub(super) list: Vec<Piece>,
}

/// The pieces so far, with the HTML written since the last one.
struct Builder {
    pieces: Pieces,
    /// Where the HTML not yet in a piece starts in `pieces.text`.
    from: usize,
    /// Whether what was written last ends a line, as pulldown-cmark keeps
    /// it: a block written in place of a paragraph needs it to start on a
    /// line of its own the way the paragraph would have.
    ends_line: bool,
}

impl Builder {
    /// Closes the HTML written so far into a piece, then adds `piece`.
    fn cut(&mut self, piece: Piece) {
        match piece {
            // Stands in for a paragraph, whose `<p>` starts a line.
            Piece::Field { block: true, .. } if !self.ends_line => {
                self.pieces.text.push('\n');
            }
            // Stands in for what was written as a character, once.
            Piece::Row(_) => self.ends_line = false,
            _ => {}
        }
        self.close_html();
        self.pieces.list.push(piece);
    }

    fn close_html(&mut self) {
        let end = self.pieces.text.len();
        if self.from < end {
            self.pieces.list.push(Piece::Html(self.from..end));
        }
        self.from = end;
    }
}

/// Where pulldown-cmark writes the HTML: the builder's text.
struct Sink<'b>(&'b RefCell<Builder>);

impl std::fmt::Write for Sink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let mut builder = self.0.borrow_mut();
        builder.pieces.text.push_str(s);
        if !s.is_empty() {
            builder.ends_line = s.ends_with('\n');
        }
        Ok(())
    }
}

/// Writes `items` as HTML, cut into pieces where the pieces are.
///
/// pulldown-cmark takes the next event only once it has written the last
/// one, so a piece met between two events is put in the list exactly where
/// the HTML of the first ends.
pub(super) fn write_html(items: Vec<Item<'_>>, capacity: usize) -> Pieces {
    let builder = RefCell::new(Builder {
        pieces: Pieces {
            text: String::with_capacity(capacity),
            list: Vec::new(),
        },
        from: 0,
        ends_line: true,
    });
    let events = items.into_iter().filter_map(|item| match item {
        Item::Event(event) => Some(event),
        Item::Piece(piece) => {
            builder.borrow_mut().cut(piece);
            None
        }
    });
    // Writing to a `Sink` never fails.
    let _ = pulldown_cmark::html::write_html_fmt(Sink(&builder), events);
    let mut builder = builder.into_inner();
    builder.close_html();
    builder.pieces
}

impl Pieces {
    /// The pieces with each field turned into its form control, its id
    /// taken from `ids` in the order the fields come, its words from
    /// `phrases`.
    pub(super) fn settle_fields(
        self,
        fields: &[Field],
        ids: &mut super::headings::IdSet,
        phrases: &crate::phrases::Phrases,
    ) -> Pieces {
        if fields.is_empty() {
            return self;
        }
        let mut settled = Pieces {
            text: String::with_capacity(self.text.len() + 512 * fields.len()),
            list: Vec::with_capacity(self.list.len()),
        };
        let mut from = 0;
        for piece in self.list {
            match piece {
                Piece::Html(range) => settled.text.push_str(&self.text[range]),
                Piece::Field { n, block } => {
                    let control = fields[n].control_html(ids, phrases, block);
                    if block {
                        settled.text.push_str("<div class=\"field-row\">");
                        settled.text.push_str(&control);
                        settled.text.push_str("</div>");
                    } else {
                        settled.text.push_str(&control);
                    }
                }
                other => {
                    if from < settled.text.len() {
                        settled.list.push(Piece::Html(from..settled.text.len()));
                    }
                    from = settled.text.len();
                    settled.list.push(other);
                }
            }
        }
        if from < settled.text.len() {
            settled.list.push(Piece::Html(from..settled.text.len()));
        }
        settled
    }

    /// Whether the body has a picture row.
    pub(super) fn has_rows(&self) -> bool {
        self.list.iter().any(|piece| matches!(piece, Piece::Row(_)))
    }

    /// The HTML for one version: each address from `hrefs`, each picture
    /// row as a row or a paragraph. A walk over the pieces.
    pub(super) fn assemble(&self, hrefs: &[Href], picture_rows: bool) -> String {
        let mut html = String::with_capacity(self.text.len() + 64 * hrefs.len());
        for piece in &self.list {
            match piece {
                Piece::Html(range) => html.push_str(&self.text[range.clone()]),
                Piece::Address(n) => html.push_str(hrefs.get(*n).map_or("", |h| &h.href)),
                Piece::HrefLang(n) => {
                    if let Some(other) = hrefs.get(*n).and_then(|h| h.other.as_ref()) {
                        html.push_str("\" hreflang=\"");
                        html.push_str(&escape_html(&other.tag));
                    }
                }
                Piece::LanguageNote(n) => {
                    if let Some(other) = hrefs.get(*n).and_then(|h| h.other.as_ref()) {
                        html.push_str(" <span class=\"link-language\">");
                        html.push_str(&escape_html(&other.note));
                        html.push_str("</span>");
                    }
                }
                Piece::Row(edge) => html.push_str(edge.html(picture_rows)),
                // Settled into HTML before any version is put together.
                Piece::Field { .. } => {}
            }
        }
        html
    }
}
