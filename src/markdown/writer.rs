//! Reads a body's Markdown once, event by event: the state lives in
//! [`BodyWriter`], with one method for each kind of event, so that a new
//! kind of Markdown is one more method rather than one more arm in a long
//! loop. What depends on the version (addresses, picture rows) is left as
//! markers, which `super::Shared` fills in for each version.

use super::headings::{slugify, IdSet};
use super::raw_html::settle_raw_images;
use super::{highlight, options, shortcodes, Heading, ADDRESS_CLOSE_CHAR, ADDRESS_OPEN_CHAR};
use crate::diagnostic::{locate, Diagnostic, LineIndex};
use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd,
};
use std::ops::Range;
use std::path::Path;

/// A link or image address in a body, resolved for each version.
pub(super) struct Address {
    /// As written.
    pub(super) dest: String,
    /// Where it is in the file.
    pub(super) place: Option<(usize, usize)>,
}

/// A body read once, before its addresses are settled for a version.
pub(super) struct Reading {
    /// The HTML, with a marker for each address and picture-row edge.
    pub(super) html: String,
    /// Its headings, in order.
    pub(super) headings: Vec<Heading>,
    /// Whether it has fill-in fields.
    pub(super) has_fields: bool,
    /// The addresses, in the order of their markers' numbers.
    pub(super) addresses: Vec<Address>,
    /// Problems found while reading, the same for every version.
    pub(super) problems: Vec<Diagnostic>,
}

/// Reads `markdown`, the body of `file` after the Tera pass (`body` is the
/// body as written, which starts on line `first_line` of the file).
pub(super) fn read(markdown: &str, body: &str, file: &Path, first_line: usize) -> Reading {
    let mut writer = BodyWriter::new(Placer::new(markdown, body, first_line), file);
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
    /// The body as written in the file.
    body: &'m str,
    /// Whether the Tera pass left the body as written, so that offsets in
    /// `markdown` are offsets in the body.
    unchanged: bool,
    lines: LineIndex<'m>,
    first_line: usize,
}

impl<'m> Placer<'m> {
    fn new(markdown: &'m str, body: &'m str, first_line: usize) -> Placer<'m> {
        Placer {
            markdown,
            body,
            unchanged: markdown == body,
            lines: LineIndex::new(markdown),
            first_line,
        }
    }

    /// Where `needle` is written, looking within `range` of the Markdown.
    fn place_of(&self, needle: &str, range: &Range<usize>) -> Option<(usize, usize)> {
        let (line, column) = if self.unchanged {
            let within = self
                .markdown
                .get(range.clone())
                .and_then(|text| text.find(needle));
            self.lines
                .place(within.map_or(range.start, |i| range.start + i))
        } else {
            // Tera may have moved lines, so look for the text in the file first.
            locate(self.body, needle).unwrap_or_else(|| self.lines.place(range.start))
        };
        Some((line + self.first_line - 1, column))
    }

    /// Where an address is written: after its `(`, or anywhere.
    fn dest_place(&self, dest: &str, range: &Range<usize>) -> Option<(usize, usize)> {
        let needle = format!("({dest}");
        let written = self
            .markdown
            .get(range.clone())
            .is_some_and(|text| text.contains(&needle));
        if written || !self.unchanged {
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
    /// The events to write, changed where signpost writes its own HTML.
    events: Vec<Event<'m>>,
    headings: Vec<Heading>,
    addresses: Vec<Address>,
    problems: Vec<Diagnostic>,
    /// Ids handed out on the page: headings, footnotes and fields.
    ids: IdSet,
    /// Where in `events` the open heading starts.
    heading_start: Option<usize>,
    /// The open image: where it starts in `events`, its address, and where
    /// it is in the Markdown.
    image_start: Option<(usize, String, Range<usize>)>,
    /// The open code block: its language and its text so far.
    code: Option<(String, String)>,
    picture_row: PictureRow,
    footnotes: Footnotes,
    /// The lines of the open HTML block, each with where it starts.
    html_block: Option<Vec<(CowStr<'m>, usize)>>,
}

impl<'m> BodyWriter<'m> {
    fn new(placer: Placer<'m>, file: &'m Path) -> BodyWriter<'m> {
        BodyWriter {
            placer,
            file,
            events: Vec::new(),
            headings: Vec::new(),
            addresses: Vec::new(),
            problems: Vec::new(),
            ids: IdSet::default(),
            heading_start: None,
            image_start: None,
            code: None,
            picture_row: PictureRow::None,
            footnotes: Footnotes::default(),
            html_block: None,
        }
    }

    /// Takes one event at `range` of the Markdown; `next` is the event after
    /// it, which decides picture rows.
    fn event(&mut self, event: Event<'m>, range: Range<usize>, next: Option<&Event<'m>>) {
        match event {
            Event::Start(tag) => self.start(tag, range, next),
            Event::End(end) => self.end(end, range, next),
            Event::Text(text) => self.text(text),
            Event::Html(line) => self.html(line, range),
            Event::InlineHtml(html) => self.inline_html(html, range),
            Event::FootnoteReference(name) => self.footnote_reference(&name),
            Event::TaskListMarker(done) => self.task_list_marker(done),
            other => self.events.push(other),
        }
    }

    fn start(&mut self, tag: Tag<'m>, range: Range<usize>, next: Option<&Event<'m>>) {
        match tag {
            Tag::Heading { .. } => {
                self.heading_start = Some(self.events.len());
                self.events.push(Event::Start(tag));
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let place = self.placer.dest_place(&dest_url, &range);
                let dest_url = self.marker(&dest_url, place);
                self.events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = self.start_image(&dest_url, range);
                self.events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            // A paragraph that starts with a picture gets markers, which
            // become a picture row or stay a paragraph by the version's style.
            Tag::Paragraph
                if self.heading_start.is_none()
                    && matches!(next, Some(Event::Start(Tag::Image { .. }))) =>
            {
                self.picture_row = PictureRow::Image;
                self.events.push(Event::Html(ROW_OPEN.into()));
            }
            Tag::BlockQuote(Some(kind)) => self.start_alert(kind),
            Tag::CodeBlock(kind) => self.start_code_block(kind),
            Tag::FootnoteDefinition(name) => self.start_footnote_definition(&name),
            // An HTML block comes a line at a time, and an `<img>` may span
            // lines, so its lines are gathered and read together at its end.
            Tag::HtmlBlock => {
                self.html_block = Some(Vec::new());
                self.events.push(Event::Start(Tag::HtmlBlock));
            }
            other => self.events.push(Event::Start(other)),
        }
    }

    /// Opens an image written with address `dest_url` at `range`, checking
    /// it has one; returns the marker its `src` takes.
    fn start_image(&mut self, dest_url: &str, range: Range<usize>) -> CowStr<'static> {
        if dest_url.trim().is_empty() {
            self.problems.push(
                Diagnostic::error(self.file, "an image has no address")
                    .at_opt(self.placer.place_of("]()", &range))
                    .with_hint("put the picture's file name between the brackets: ![A calendar](calendar.svg)"),
            );
        }
        let place = self.placer.dest_place(dest_url, &range);
        let marker = self.marker(dest_url, place);
        // Its alt text is checked when it ends, from the events between.
        self.image_start = Some((self.events.len(), dest_url.to_string(), range));
        marker
    }

    fn start_alert(&mut self, kind: BlockQuoteKind) {
        let (class, title) = alert(kind);
        self.events.push(Event::Html(
            format!("<div class=\"alert alert-{class}\" role=\"note\"><p class=\"alert-title\">{title}</p>\n").into(),
        ));
    }

    /// Opens a code block; its text is gathered until it ends, to be
    /// highlighted whole.
    fn start_code_block(&mut self, kind: CodeBlockKind) {
        let language = match kind {
            CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        self.code = Some((language, String::new()));
    }

    fn start_footnote_definition(&mut self, name: &str) {
        let (number, id, _) = self.footnotes.reference(name, &mut self.ids);
        self.events.push(Event::Html(
            format!("<div class=\"footnote-definition\" id=\"{id}\"><p class=\"footnote-label\">Note {number}</p>\n").into(),
        ));
        self.footnotes.open.push(id);
    }

    fn end(&mut self, end: TagEnd, range: Range<usize>, next: Option<&Event<'m>>) {
        match end {
            TagEnd::Heading(level) => self.end_heading(level),
            TagEnd::Image => self.end_image(next),
            TagEnd::Paragraph if self.picture_row != PictureRow::None => self.end_picture_row(),
            TagEnd::BlockQuote(Some(_)) => self.events.push(Event::Html("</div>\n".into())),
            TagEnd::CodeBlock => self.end_code_block(),
            TagEnd::FootnoteDefinition => self.end_footnote_definition(),
            TagEnd::HtmlBlock => self.end_html_block(range),
            other => self.events.push(Event::End(other)),
        }
    }

    /// Closes a picture row, with or without words after its picture.
    fn end_picture_row(&mut self) {
        let close = if self.picture_row == PictureRow::WordsOpen {
            ROW_CLOSE
        } else {
            ROW_CLOSE_BARE
        };
        self.events.push(Event::Html(close.into()));
        self.picture_row = PictureRow::None;
    }

    fn end_code_block(&mut self) {
        if let Some((language, text)) = self.code.take() {
            self.events
                .push(Event::Html(code_block(&language, &text).into()));
        }
    }

    fn end_footnote_definition(&mut self) {
        let id = self.footnotes.open.pop().unwrap_or_default();
        self.events.push(Event::Html(
            format!(
                "<p class=\"footnote-back\"><a href=\"#{id}_ref\">Back to the text</a></p></div>\n"
            )
            .into(),
        ));
    }

    /// Gives the heading that ends here a unique id, and records it.
    fn end_heading(&mut self, level: HeadingLevel) {
        if let Some(start) = self.heading_start.take() {
            let text = plain_text(&self.events[start + 1..]);
            if let Event::Start(Tag::Heading { id, .. }) = &mut self.events[start] {
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
        self.events.push(Event::End(TagEnd::Heading(level)));
    }

    /// Checks the image that ends here for alt text, and moves a picture
    /// row on to its words, if any follow.
    fn end_image(&mut self, next: Option<&Event<'m>>) {
        if let Some((start, dest, range)) = self.image_start.take() {
            if plain_text(&self.events[start + 1..]).trim().is_empty() {
                self.problems.push(
                    Diagnostic::error(self.file, format!("the image `{dest}` has no alt text"))
                        .at_opt(self.placer.place_of(&format!("]({dest}"), &range))
                        .with_hint("describe the picture between the brackets: ![A calendar](calendar.svg)"),
                );
            }
        }
        self.events.push(Event::End(TagEnd::Image));
        if self.picture_row == PictureRow::Image {
            self.picture_row = PictureRow::Words;
            if !matches!(next, Some(Event::End(TagEnd::Paragraph))) {
                self.events.push(Event::Html(ROW_WORDS.into()));
                self.picture_row = PictureRow::WordsOpen;
            }
        }
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
        let html = self.settle_raw_images(&html, &source_offset);
        self.events.push(Event::Html(html.into()));
        self.events.push(Event::End(TagEnd::HtmlBlock));
    }

    /// Text: a code block's, kept until the block ends, or words.
    fn text(&mut self, text: CowStr<'m>) {
        match self.code.as_mut() {
            Some((_, buffer)) => buffer.push_str(&text),
            None => self.events.push(Event::Text(text)),
        }
    }

    /// A line of raw HTML: an HTML block's, kept until the block ends.
    fn html(&mut self, line: CowStr<'m>, range: Range<usize>) {
        match self.html_block.as_mut() {
            Some(lines) => lines.push((line, range.start)),
            None => self.events.push(Event::Html(line)),
        }
    }

    fn inline_html(&mut self, html: CowStr<'m>, range: Range<usize>) {
        // Most inline HTML is no image (`<br>`, `<span>`): kept as it is.
        let html = if has_image_tag(&html) {
            self.settle_raw_images(&html, &|offset| range.start + offset)
                .into()
        } else {
            html
        };
        self.events.push(Event::InlineHtml(html));
    }

    fn footnote_reference(&mut self, name: &str) {
        let (number, id, first) = self.footnotes.reference(name, &mut self.ids);
        // Only the first reference is where the note's link back goes.
        let back = if first {
            format!(" id=\"{id}_ref\"")
        } else {
            String::new()
        };
        self.events.push(Event::Html(
            format!("<sup class=\"footnote-reference\"{back}><a href=\"#{id}\" aria-label=\"Note {number}\">{number}</a></sup>").into(),
        ));
    }

    fn task_list_marker(&mut self, done: bool) {
        let (word, mark) = if done {
            ("Done", "☑")
        } else {
            ("To do", "☐")
        };
        self.events.push(Event::Html(
            format!("<span class=\"task-marker\"><span class=\"visually-hidden\">{word}: </span><span aria-hidden=\"true\">{mark}</span></span> ").into(),
        ));
    }

    /// Raw HTML with its `<img>` tags checked and their addresses marked;
    /// `to_source` turns an offset in `html` into one in the Markdown.
    fn settle_raw_images(&mut self, html: &str, to_source: &dyn Fn(usize) -> usize) -> String {
        settle_raw_images(
            html,
            to_source,
            self.file,
            &|needle, range| self.placer.place_of(needle, range),
            &mut self.addresses,
            &mut self.problems,
        )
    }

    /// Records an address and returns the marker that stands in for it.
    fn marker(&mut self, dest: &str, place: Option<(usize, usize)>) -> CowStr<'static> {
        marker(&mut self.addresses, dest, place)
    }

    /// The passes after the events: written as HTML, then the fill-in
    /// fields put in.
    fn finish(mut self) -> Reading {
        let mut html = String::with_capacity(self.placer.markdown.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, self.events.into_iter());
        let (html, has_fields) = shortcodes::expand(&html, &mut self.ids);
        Reading {
            html,
            headings: self.headings,
            has_fields,
            addresses: self.addresses,
            problems: self.problems,
        }
    }
}

/// Records an address and returns the marker that stands in for it.
pub(super) fn marker(
    addresses: &mut Vec<Address>,
    dest: &str,
    place: Option<(usize, usize)>,
) -> CowStr<'static> {
    addresses.push(Address {
        dest: dest.to_string(),
        place,
    });
    CowStr::from(format!(
        "{ADDRESS_OPEN_CHAR}{}{ADDRESS_CLOSE_CHAR}",
        addresses.len() - 1
    ))
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

/// Markers for a paragraph that starts with a picture: where it opens,
/// where its words start after the picture, and where it closes (with or
/// without words), which `super::row_html` turns into HTML.
const ROW_OPEN: &str = "\u{E010}";
const ROW_WORDS: &str = "\u{E011}";
const ROW_CLOSE: &str = "\u{E012}";
const ROW_CLOSE_BARE: &str = "\u{E013}";

/// Where we are in a picture row.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PictureRow {
    None,
    Image,
    Words,
    WordsOpen,
}

/// The text inside a run of events (a heading's words, an image's alt).
fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// An alert's class and its visible title.
fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

/// A code block, highlighted when its language is known. It can take focus,
/// so keyboard users can scroll it.
fn code_block(language: &str, code: &str) -> String {
    let class = if language.is_empty() {
        String::new()
    } else {
        format!(
            " class=\"language-{}\"",
            crate::util::html::escape_html(language)
        )
    };
    let inner = (!language.is_empty())
        .then(|| highlight::highlight(code, language))
        .flatten()
        .unwrap_or_else(|| crate::util::html::escape_html(code));
    format!("<pre class=\"code\" tabindex=\"0\" role=\"region\" aria-label=\"Code\"><code{class}>{inner}</code></pre>\n")
}
