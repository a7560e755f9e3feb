//! Reads a body's Markdown once, event by event: the state lives in
//! [`BodyWriter`], with one method for each kind of event, so that a new
//! kind of Markdown is one more method rather than one more arm in a long
//! loop. What depends on the version (addresses, picture rows) is left as
//! typed pieces ([`super::pieces`]), which `super::Shared` fills in for
//! each version.
//!
//! The events that need more than a method each have a file: images
//! (`images`), fill-in fields (`fields`), code blocks (`code`) and the
//! phone numbers and email addresses that become links (`words`).

mod code;
mod fields;
mod images;
mod words;

use super::address::{address, Address};
use super::headings::{slugify, IdSet};
use super::pieces::{write_html, Item, Piece, Pieces, RowEdge};
use super::raw_html::{settle_raw_images, RawPart};
use super::shortcodes::Field;
use super::SourceMap;
use super::{options, token, Heading};
use crate::diagnostic::Diagnostic;
use crate::phrases::Phrases;
use pulldown_cmark::{BlockQuoteKind, CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use std::cell::Cell;
use std::ops::Range;
use std::path::Path;

/// A body read once, before its addresses are settled for a version.
pub(super) struct Reading {
    /// The HTML, cut into pieces where the addresses and picture-row
    /// edges go.
    pub(super) pieces: Pieces,
    /// Its headings, in order.
    pub(super) headings: Vec<Heading>,
    /// Whether it has fill-in fields.
    pub(super) has_fields: bool,
    /// Whether it says words from the phrase table: if not, it is the same
    /// read with any table.
    pub(super) says_phrases: bool,
    /// The addresses, in the order of their pieces' numbers.
    pub(super) addresses: Vec<Address>,
    /// Problems found while reading, the same for every version.
    pub(super) problems: Vec<Diagnostic>,
}

/// Reads `markdown`, the body of `file` after the Tera pass (`body` is the
/// body as written, which starts on line `first_line` of the file). The
/// words the writer adds (footnotes' labels, alerts' titles, the date
/// fields' labels) are from `phrases`.
pub(super) fn read(
    markdown: &str,
    body: &str,
    file: &Path,
    first_line: usize,
    phrases: &Phrases,
) -> Reading {
    let mut writer = BodyWriter::new(Placer::new(markdown, body, first_line), file, phrases);
    let mut parser = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .peekable();
    while let Some((event, range)) = parser.next() {
        let next = parser.peek().map(|(next, _)| next);
        writer.event(event, range, next);
    }
    writer.finish()
}

/// Places problems in the Markdown file, although the text read may have
/// come out of the Tera pass changed.
struct Placer<'m> {
    /// The Markdown read.
    markdown: &'m str,
    /// Places in it as places in the file.
    map: SourceMap<'m>,
}

impl<'m> Placer<'m> {
    fn new(markdown: &'m str, body: &'m str, first_line: usize) -> Placer<'m> {
        Placer {
            markdown,
            map: SourceMap::new(body, markdown, first_line),
        }
    }

    /// Where `needle` is written, looking within `range` of the Markdown;
    /// where `range` starts when it is not there.
    fn place_of(&self, needle: &str, range: &Range<usize>) -> Option<(usize, usize)> {
        let within = self
            .markdown
            .get(range.clone())
            .and_then(|text| text.find(needle));
        Some(match within {
            Some(i) => self.map.place(range.start + i, needle),
            None => self.map.place(range.start, ""),
        })
    }

    /// Where an address is written: after its `(`, or anywhere in `range`.
    fn dest_place(&self, dest: &str, range: &Range<usize>) -> Option<(usize, usize)> {
        let needle = format!("({dest}");
        let written = self
            .markdown
            .get(range.clone())
            .is_some_and(|text| text.contains(&needle));
        if written {
            self.place_of(&needle, range)
        } else {
            self.place_of(dest, range)
        }
    }
}

/// The state of one reading of a body: the events to write, and what is
/// open (a heading, an image, a code block, a picture row, an HTML block).
struct BodyWriter<'m> {
    placer: Placer<'m>,
    file: &'m Path,
    /// The events to write, changed where signpost writes its own HTML,
    /// with pieces where the version's addresses and rows go.
    events: Vec<Item<'m>>,
    headings: Vec<Heading>,
    addresses: Vec<Address>,
    /// The fill-in fields, in the order of their pieces' numbers.
    fields: Vec<Field>,
    /// Whether the Markdown holds shortcode placeholders at all, so that
    /// text without them is not searched.
    has_placeholders: bool,
    problems: Vec<Diagnostic>,
    /// Ids handed out on the page: headings, footnotes and fields.
    ids: IdSet,
    /// Where in `events` the open heading starts.
    heading_start: Option<usize>,
    /// The open image whose alt text is checked when it ends: where it
    /// starts in `events`, its address, and where it is in the Markdown.
    image_start: Option<(usize, String, Range<usize>)>,
    /// The images open, innermost last: where each starts in `events` and
    /// its address's number. An image inside another's alt text is only
    /// words in that alt text.
    open_images: Vec<(usize, usize)>,
    /// The open code block: its language and its text so far.
    code: Option<(String, String)>,
    /// The address numbers of the links open, innermost last.
    open_links: Vec<usize>,
    picture_row: PictureRow,
    footnotes: Footnotes,
    /// The lines of the open HTML block, each with where it starts.
    html_block: Option<Vec<(CowStr<'m>, usize)>>,
    /// The words the writer adds.
    phrases: Said<'m>,
    /// Words read but not yet written: pulldown-cmark may hand on one
    /// run of words as several events, and a phone number or an email
    /// address is found in the whole run.
    words: String,
    /// How many links written as raw HTML (`<a href>`) are open: words
    /// in them are not made links again.
    raw_links: usize,
}

/// The phrase table a reading takes its words from, noting whether it took
/// any: a reading that took none is the same in every language's words.
struct Said<'m> {
    phrases: &'m Phrases,
    any: Cell<bool>,
}

impl<'m> Said<'m> {
    /// The phrase `key`.
    fn get(&self, key: &str) -> &'m str {
        self.any.set(true);
        self.phrases.get(key)
    }

    /// The phrase `key` with each `{name}` in `args` filled in.
    fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.any.set(true);
        self.phrases.fill(key, args)
    }
}

impl<'m> BodyWriter<'m> {
    fn new(placer: Placer<'m>, file: &'m Path, phrases: &'m Phrases) -> BodyWriter<'m> {
        BodyWriter {
            file,
            events: Vec::new(),
            headings: Vec::new(),
            addresses: Vec::new(),
            fields: Vec::new(),
            has_placeholders: placer.markdown.contains(token()),
            problems: Vec::new(),
            ids: IdSet::default(),
            heading_start: None,
            image_start: None,
            open_images: Vec::new(),
            code: None,
            open_links: Vec::new(),
            picture_row: PictureRow::None,
            footnotes: Footnotes::default(),
            html_block: None,
            phrases: Said {
                phrases,
                any: Cell::new(false),
            },
            words: String::new(),
            raw_links: 0,
            placer,
        }
    }

    fn push(&mut self, event: Event<'m>) {
        self.events.push(Item::Event(event));
    }

    fn push_piece(&mut self, piece: Piece) {
        self.events.push(Item::Piece(piece));
    }

    /// Takes one event at `range` of the Markdown; `next` is the event after
    /// it, which decides picture rows.
    fn event(&mut self, event: Event<'m>, range: Range<usize>, next: Option<&Event<'m>>) {
        if !matches!(event, Event::Text(_)) {
            self.flush_words();
        }
        match event {
            Event::Start(tag) => self.start(tag, range, next),
            Event::End(end) => self.end(end, range, next),
            Event::Text(text) => self.text(text),
            Event::Html(line) => self.html(line, range),
            Event::InlineHtml(html) => self.inline_html(html, range),
            Event::FootnoteReference(name) => self.footnote_reference(&name),
            Event::TaskListMarker(done) => self.task_list_marker(done),
            Event::Code(code) if self.has_placeholders => self.inline_code(code),
            other => self.push(other),
        }
    }

    fn start(&mut self, tag: Tag<'m>, range: Range<usize>, next: Option<&Event<'m>>) {
        match tag {
            Tag::Heading { .. } => {
                self.heading_start = Some(self.events.len());
                self.push(Event::Start(tag));
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => self.start_link(link_type, &dest_url, &title, range),
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                self.start_image(&dest_url, range);
                // Stands in `events` until the image is written, for its title.
                self.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::Borrowed(""),
                    title,
                    id,
                }));
            }
            // A paragraph that starts with a picture gets row pieces, which
            // become a picture row or stay a paragraph by the version's style.
            Tag::Paragraph
                if self.heading_start.is_none()
                    && matches!(next, Some(Event::Start(Tag::Image { .. }))) =>
            {
                self.picture_row = PictureRow::Image;
                self.push_piece(Piece::Row(RowEdge::Open));
            }
            Tag::BlockQuote(Some(kind)) => self.start_alert(kind),
            Tag::CodeBlock(kind) => self.start_code_block(kind),
            Tag::FootnoteDefinition(name) => self.start_footnote_definition(&name),
            // A table scrolls sideways in a region of its own, which the
            // keyboard can reach, so a wide one never widens the page
            // (reflow, WCAG 1.4.10). The region is named after the
            // heading above it, so that a screen reader's list of regions
            // tells one table from another.
            Tag::Table(_) => {
                let table = self.phrases.get("table_label");
                let label = match self.headings.last() {
                    Some(heading) => format!("{table}: {}", heading.text),
                    None => table.to_string(),
                };
                let label = crate::util::html::escape_html(&label);
                self.push(Event::Html(
                    format!("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{label}\">\n").into(),
                ));
                self.push(Event::Start(tag));
            }
            // An HTML block comes a line at a time, and an `<img>` may span
            // lines, so its lines are gathered and read together at its end.
            Tag::HtmlBlock => {
                self.html_block = Some(Vec::new());
                self.push(Event::Start(Tag::HtmlBlock));
            }
            other => self.push(Event::Start(other)),
        }
    }

    /// Writes a link's opening tag as pulldown-cmark would, with a piece
    /// where its address goes.
    fn start_link(&mut self, link_type: LinkType, dest: &str, title: &str, range: Range<usize>) {
        let place = self.placer.dest_place(dest, &range);
        let n = self.address(dest, place);
        let open = if link_type == LinkType::Email {
            "<a href=\"mailto:"
        } else {
            "<a href=\""
        };
        self.push(Event::Html(open.into()));
        self.push_piece(Piece::Address(n));
        self.push_piece(Piece::HrefLang(n));
        self.open_links.push(n);
        let close = if title.is_empty() {
            CowStr::Borrowed("\">")
        } else {
            let mut close = String::from("\" title=\"");
            let _ = escape_html(&mut close, &self.attribute_text(title));
            close.push_str("\">");
            close.into()
        };
        self.push(Event::Html(close));
    }

    fn start_alert(&mut self, kind: BlockQuoteKind) {
        let (class, key) = alert(kind);
        let title = crate::util::html::escape_html(self.phrases.get(key));
        // A warning is GOV.UK's warning text: a `!` in a circle and bold
        // words, its title said to screen readers alone.
        let (title_class, icon) = if kind == BlockQuoteKind::Warning {
            (
                "alert-title visually-hidden",
                "<span class=\"warning-icon\" aria-hidden=\"true\">!</span>",
            )
        } else {
            ("alert-title", "")
        };
        self.push(Event::Html(
            format!("<div class=\"alert alert-{class}\" role=\"note\"><p class=\"{title_class}\">{title}</p>{icon}\n").into(),
        ));
    }

    fn start_footnote_definition(&mut self, name: &str) {
        let (number, id, _) = self.footnotes.reference(name, &mut self.ids);
        let label = self.note_label(number);
        self.push(Event::Html(
            format!("<div class=\"footnote-definition\" id=\"{id}\"><p class=\"footnote-label\">{label}</p>\n").into(),
        ));
        self.footnotes.open.push(id);
    }

    fn end(&mut self, end: TagEnd, range: Range<usize>, next: Option<&Event<'m>>) {
        match end {
            TagEnd::Heading(level) => self.end_heading(level),
            TagEnd::Image => self.end_image(next),
            TagEnd::Paragraph if self.picture_row != PictureRow::None => self.end_picture_row(),
            TagEnd::Paragraph => self.end_paragraph(),
            TagEnd::BlockQuote(Some(_)) => self.push(Event::Html("</div>\n".into())),
            TagEnd::CodeBlock => self.end_code_block(),
            TagEnd::Table => {
                self.push(Event::End(TagEnd::Table));
                self.push(Event::Html("</div>\n".into()));
            }
            TagEnd::FootnoteDefinition => self.end_footnote_definition(),
            TagEnd::HtmlBlock => self.end_html_block(range),
            TagEnd::Link => {
                if let Some(n) = self.open_links.pop() {
                    self.push_piece(Piece::LanguageNote(n));
                }
                self.push(Event::End(TagEnd::Link));
            }
            other => self.push(Event::End(other)),
        }
    }

    /// Closes a picture row, with or without words after its picture.
    fn end_picture_row(&mut self) {
        let close = if self.picture_row == PictureRow::WordsOpen {
            RowEdge::Close
        } else {
            RowEdge::CloseBare
        };
        self.push_piece(Piece::Row(close));
        self.picture_row = PictureRow::None;
    }

    fn end_footnote_definition(&mut self) {
        let id = self.footnotes.open.pop().unwrap_or_default();
        let back = crate::util::html::escape_html(self.phrases.get("footnote_back"));
        self.push(Event::Html(
            format!("<p class=\"footnote-back\"><a href=\"#{id}_ref\">{back}</a></p></div>\n")
                .into(),
        ));
    }

    /// Gives the heading that ends here a unique id, and records it.
    fn end_heading(&mut self, level: HeadingLevel) {
        if let Some(start) = self.heading_start.take() {
            let text = plain_text(&self.events[start + 1..]);
            if let Item::Event(Event::Start(Tag::Heading { id, .. })) = &mut self.events[start] {
                let wanted = id
                    .as_ref()
                    .map_or_else(|| slugify(&text), |id| id.to_string());
                let unique = self.ids.unique(&wanted);
                *id = Some(CowStr::from(unique.clone()));
                self.headings.push(Heading {
                    level: level as u8,
                    id: unique,
                    text,
                });
            }
        }
        self.push(Event::End(TagEnd::Heading(level)));
    }

    /// Reads the gathered lines of the HTML block that ends here (at
    /// `range`) together, settling its images.
    fn end_html_block(&mut self, range: Range<usize>) {
        let lines = self.html_block.take().unwrap_or_default();
        let html: String = lines.iter().map(|(text, _)| text.as_ref()).collect();
        let source_offset = |offset: usize| {
            let mut joined = 0;
            for (text, start) in &lines {
                if offset < joined + text.len() {
                    return start + offset - joined;
                }
                joined += text.len();
            }
            range.end
        };
        self.settle_raw_images(&html, &source_offset, Event::Html);
        self.push(Event::End(TagEnd::HtmlBlock));
    }

    /// Text: a code block's, kept until the block ends, or words, with
    /// any fill-in fields in them.
    fn text(&mut self, text: CowStr<'m>) {
        let may_link = self.may_link_words();
        match self.code.as_mut() {
            Some((_, buffer)) => buffer.push_str(&text),
            None if may_link => self.words.push_str(&text),
            None if self.has_placeholders && text.contains(token()) => {
                self.with_fields(&text, Event::Text)
            }
            None => self.push(Event::Text(text)),
        }
    }

    /// A line of raw HTML: an HTML block's, kept until the block ends.
    fn html(&mut self, line: CowStr<'m>, range: Range<usize>) {
        match self.html_block.as_mut() {
            Some(lines) => lines.push((line, range.start)),
            None => self.push(Event::Html(line)),
        }
    }

    fn inline_html(&mut self, html: CowStr<'m>, range: Range<usize>) {
        self.count_raw_links(&html);
        // Most inline HTML is no image (`<br>`, `<span>`): kept as it is.
        if has_image_tag(&html) {
            self.settle_raw_images(&html, &|offset| range.start + offset, Event::InlineHtml);
        } else if self.has_placeholders && html.contains(token()) {
            self.with_fields(&html, Event::InlineHtml);
        } else {
            self.push(Event::InlineHtml(html));
        }
    }

    fn footnote_reference(&mut self, name: &str) {
        let (number, id, first) = self.footnotes.reference(name, &mut self.ids);
        // Only the first reference is where the note's link back goes.
        let back = if first {
            format!(" id=\"{id}_ref\"")
        } else {
            String::new()
        };
        let label = self.note_label(number);
        self.push(Event::Html(
            format!("<sup class=\"footnote-reference\"{back}><a href=\"#{id}\" aria-label=\"{label}\">{number}</a></sup>").into(),
        ));
    }

    /// "Note 3", escaped.
    fn note_label(&self, number: impl std::fmt::Display) -> String {
        let number = number.to_string();
        crate::util::html::escape_html(&self.phrases.fill("footnote_label", &[("n", &number)]))
    }

    fn task_list_marker(&mut self, done: bool) {
        let (key, mark) = if done {
            ("task_done", "☑")
        } else {
            ("task_to_do", "☐")
        };
        let word = crate::util::html::escape_html(self.phrases.get(key));
        self.push(Event::Html(
            format!("<span class=\"task-marker\"><span class=\"visually-hidden\">{word}: </span><span aria-hidden=\"true\">{mark}</span></span> ").into(),
        ));
    }

    /// Raw HTML, written as events of `kind`, with its `<img>` tags
    /// checked and a piece for each of their addresses and fields;
    /// `to_source` turns an offset in `html` into one in the Markdown.
    fn settle_raw_images(
        &mut self,
        html: &str,
        to_source: &dyn Fn(usize) -> usize,
        kind: fn(CowStr<'m>) -> Event<'m>,
    ) {
        let first = self.events.len();
        settle_raw_images(
            html,
            to_source,
            self.file,
            &|needle, range| self.placer.place_of(needle, range),
            &mut self.addresses,
            &mut self.problems,
            &mut |part| {
                self.events.push(match part {
                    RawPart::Html(html) => Item::Event(kind(html.to_string().into())),
                    RawPart::Address(n) => Item::Piece(Piece::Address(n)),
                })
            },
        );
        self.fields_in_raw_html(first);
    }

    /// Records an address and returns its number.
    fn address(&mut self, dest: &str, place: Option<(usize, usize)>) -> usize {
        address(&mut self.addresses, dest, place)
    }

    /// The passes after the events: written as HTML, then the fill-in
    /// fields put in, their ids taken after every heading's.
    fn finish(mut self) -> Reading {
        self.flush_words();
        let capacity = self.placer.markdown.len() * 3 / 2;
        let pieces = write_html(self.events, capacity).settle_fields(
            &self.fields,
            &mut self.ids,
            self.phrases.phrases,
        );
        Reading {
            pieces,
            headings: self.headings,
            has_fields: !self.fields.is_empty(),
            // A field's control says phrases too (a date's Day, Month, Year).
            says_phrases: self.phrases.any.get() || !self.fields.is_empty(),
            addresses: self.addresses,
            problems: self.problems,
        }
    }
}

/// Whether raw HTML has `<img` in it, in any case.
fn has_image_tag(html: &str) -> bool {
    html.as_bytes()
        .windows(4)
        .any(|four| four.eq_ignore_ascii_case(b"<img"))
}

/// Footnotes in the order they are first named, each with its number and
/// an id unique on the page.
#[derive(Default)]
struct Footnotes {
    named: Vec<(String, String)>,
    /// The ids of the definitions being written, innermost last.
    open: Vec<String>,
}

impl Footnotes {
    /// The number and id of footnote `name`, and whether this is the first
    /// time it is named.
    fn reference(&mut self, name: &str, ids: &mut IdSet) -> (usize, String, bool) {
        if let Some(i) = self.named.iter().position(|(n, _)| n == name) {
            return (i + 1, self.named[i].1.clone(), false);
        }
        let id = ids.unique(&format!("note_{}", slugify(name)));
        self.named.push((name.to_string(), id.clone()));
        (self.named.len(), id, true)
    }
}

/// Where we are in a picture row.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PictureRow {
    None,
    Image,
    Words,
    WordsOpen,
}

/// The text inside a run of events (a heading's words, an image's alt).
fn plain_text(events: &[Item]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Item::Event(Event::Text(t) | Event::Code(t)) => text.push_str(t),
            Item::Event(Event::SoftBreak | Event::HardBreak) => text.push(' '),
            _ => {}
        }
    }
    text
}

/// An alert's class and the phrase of its visible title.
fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "callout_note"),
        BlockQuoteKind::Tip => ("tip", "callout_tip"),
        BlockQuoteKind::Important => ("important", "callout_important"),
        BlockQuoteKind::Warning => ("warning", "callout_warning"),
        BlockQuoteKind::Caution => ("caution", "callout_caution"),
    }
}
