//! A page version's body to HTML: the Tera pass, then CommonMark with
//! GitHub's extensions, with heading ids, rewritten links, alerts, picture
//! rows, highlighted code and fill-in fields.

pub mod headings;
pub mod highlight;
pub mod shortcodes;
pub mod template;

use crate::content::links::{Destination, Link, LinkProblem};
use crate::content::Site;
use crate::diagnostic::{locate, Diagnostic, LineIndex};
use headings::{slugify, IdSet};
use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;
use std::sync::Arc;

/// A heading of a page, for its table of contents and anchor checks.
#[derive(Clone, Debug, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The id links may target.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// A `#fragment` in a link, to be checked once every page is rendered.
#[derive(Debug)]
pub struct AnchorCheck {
    /// The page version the link goes to.
    pub target: usize,
    /// The heading id it names.
    pub id: String,
    /// The address as written.
    pub dest: String,
    /// Where the link is in the file.
    pub place: Option<(usize, usize)>,
}

/// A body rendered to HTML.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The HTML, shared by the versions whose bodies came out the same.
    pub html: Arc<str>,
    /// Its headings, in order.
    pub headings: Arc<[Heading]>,
    /// The anchors its links name.
    pub anchors: Vec<AnchorCheck>,
    /// Whether it has fill-in fields.
    pub has_fields: bool,
    /// The Markdown it was rendered from, after the Tera pass, kept so that
    /// `signpost check` reads the same text without running Tera again.
    pub markdown: Arc<str>,
}

/// How a theme wants bodies rendered.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    /// Lay out a paragraph that starts with an image as a picture row.
    pub picture_rows: bool,
}

/// Renders version `version_id`'s body. Problems are placed in its file.
pub fn render(site: &Site, version_id: usize, style: Style) -> Result<Rendered, Vec<Diagnostic>> {
    render_group(site, &[(version_id, style)])
        .pop()
        .unwrap_or_else(|| Ok(Rendered::default()))
}

/// Renders the bodies of versions (each with its theme's style) that share
/// one file, and whose body is the same Markdown for each (no Tera syntax,
/// or a single version). The Markdown is read once; only the addresses of
/// links and images, which depend on the version's place, and the picture
/// rows, which depend on its style, are settled for each.
pub fn render_group(
    site: &Site,
    versions: &[(usize, Style)],
) -> Vec<Result<Rendered, Vec<Diagnostic>>> {
    let Some(&(version_id, _)) = versions.first() else {
        return Vec::new();
    };
    let version = &site.versions[version_id];
    let Some(file) = site.source(version) else {
        return versions.iter().map(|_| Ok(Rendered::default())).collect();
    };
    let folder = &site.pages[version.page].folder;
    let shared = match read(site, version_id, file) {
        Ok(mut shared) => {
            shared.destinations = shared
                .addresses
                .iter()
                .map(|address| site.link_destination(folder, &address.dest))
                .collect();
            shared
        }
        Err(problems) => return versions.iter().map(|_| Err(problems.clone())).collect(),
    };
    let mut assembled = Vec::new();
    versions
        .iter()
        .map(|&(id, style)| shared.for_version(site, id, style, &file.path, &mut assembled))
        .collect()
}

/// A link or image address in a body, resolved for each version.
struct Address {
    /// As written.
    dest: String,
    /// Where it is in the file.
    place: Option<(usize, usize)>,
}

/// A body read once: its HTML with a marker where each address goes.
struct Shared {
    /// The HTML, with markers.
    html: String,
    /// `html` cut at its markers, so that each version is put together
    /// without searching it again.
    pieces: Vec<Piece>,
    headings: Arc<[Heading]>,
    has_fields: bool,
    /// The Markdown after the Tera pass.
    markdown: Arc<str>,
    addresses: Vec<Address>,
    /// Where each address goes, as far as that is the same for every
    /// version.
    destinations: Vec<Result<Destination, LinkProblem>>,
    problems: Vec<Diagnostic>,
}

/// A body put together for one version, kept so that another version
/// whose addresses and picture rows come out the same shares it.
struct Assembled {
    hrefs: Vec<String>,
    picture_rows: bool,
    html: Arc<str>,
}

/// A stretch of a shared body's HTML.
#[derive(Debug, PartialEq)]
enum Piece {
    /// HTML that is the same for every version: a range of the body's.
    Same(std::ops::Range<usize>),
    /// Where address `n` goes.
    Address(usize),
    /// A picture-row marker (U+E010 to U+E013).
    Row(char),
}

/// Cuts a body's HTML at its address and picture-row markers.
fn pieces(html: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut same_from = 0;
    let mut at = 0;
    while let Some(found) = html[at..].find(['%', '\u{E010}', '\u{E011}', '\u{E012}', '\u{E013}']) {
        let start = at + found;
        let rest = &html[start..];
        let (piece, len) = if let Some(after) = rest.strip_prefix(ADDRESS_OPEN) {
            match after
                .find(ADDRESS_CLOSE)
                .and_then(|end| Some((after[..end].parse().ok()?, end)))
            {
                Some((n, end)) => (
                    Some(Piece::Address(n)),
                    ADDRESS_OPEN.len() + end + ADDRESS_CLOSE.len(),
                ),
                None => (None, 1),
            }
        } else {
            match rest.chars().next() {
                Some(c @ '\u{E010}'..='\u{E013}') => (Some(Piece::Row(c)), c.len_utf8()),
                _ => (None, 1),
            }
        };
        if let Some(piece) = piece {
            if same_from < start {
                pieces.push(Piece::Same(same_from..start));
            }
            pieces.push(piece);
            same_from = start + len;
        }
        at = start + len;
    }
    if same_from < html.len() {
        pieces.push(Piece::Same(same_from..html.len()));
    }
    pieces
}

/// The marker for address `n`, as it stands in an `href` or `src` once
/// pulldown-cmark has percent-encoded it.
const ADDRESS_OPEN: &str = "%EE%80%84";
const ADDRESS_CLOSE: &str = "%EE%80%85";

impl Shared {
    /// The body for one version: its addresses resolved from its place.
    fn for_version(
        &self,
        site: &Site,
        id: usize,
        style: Style,
        file: &std::path::Path,
        assembled: &mut Vec<Assembled>,
    ) -> Result<Rendered, Vec<Diagnostic>> {
        let mut problems = self.problems.clone();
        let mut anchors = Vec::new();
        let hrefs: Vec<String> = self
            .addresses
            .iter()
            .zip(&self.destinations)
            .map(|(address, destination)| {
                let link = destination
                    .as_ref()
                    .map_err(Clone::clone)
                    .and_then(|to| site.link_for(id, to, &address.dest));
                let href = match link {
                    Ok(Link::AsWritten) => address.dest.clone(),
                    Ok(Link::Rewritten { href, anchor }) => {
                        if let Some((target, heading)) = anchor {
                            anchors.push(AnchorCheck {
                                target,
                                id: heading,
                                dest: address.dest.clone(),
                                place: address.place,
                            });
                        }
                        href
                    }
                    Err((message, hint)) => {
                        problems.push(
                            Diagnostic::error(file, message)
                                .at_opt(address.place)
                                .with_hint(hint),
                        );
                        address.dest.clone()
                    }
                };
                let mut escaped = String::with_capacity(href.len());
                let _ = pulldown_cmark_escape::escape_href(&mut escaped, &href);
                escaped
            })
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        let picture_rows =
            style.picture_rows && self.pieces.iter().any(|p| matches!(p, Piece::Row(_)));
        let html = match assembled
            .iter()
            .find(|a| a.hrefs == hrefs && a.picture_rows == picture_rows)
        {
            Some(same) => same.html.clone(),
            None => {
                let html: Arc<str> = self.assemble(&hrefs, picture_rows).into();
                assembled.push(Assembled {
                    hrefs,
                    picture_rows,
                    html: html.clone(),
                });
                html
            }
        };
        Ok(Rendered {
            html,
            headings: self.headings.clone(),
            anchors,
            has_fields: self.has_fields,
            markdown: self.markdown.clone(),
        })
    }

    /// The HTML with these addresses and picture rows (or plain paragraphs).
    fn assemble(&self, hrefs: &[String], picture_rows: bool) -> String {
        let mut html = String::with_capacity(self.html.len() + 64 * hrefs.len());
        for piece in &self.pieces {
            match piece {
                Piece::Same(range) => html.push_str(&self.html[range.clone()]),
                Piece::Address(n) => html.push_str(hrefs.get(*n).map_or("", String::as_str)),
                Piece::Row(c) => html.push_str(row_html(*c, picture_rows)),
            }
        }
        html
    }
}

/// Reads a body once: the Tera pass (for `version_id`), then CommonMark,
/// with a marker for each link and image address.
fn read(
    site: &Site,
    version_id: usize,
    file: &crate::content::frontmatter::SourceFile,
) -> Result<Shared, Vec<Diagnostic>> {
    let first_line = file.body_first_line();
    let body = file.body();
    let markdown = expand_body(site, version_id)
        .map_err(|problem| vec![problem])?
        .unwrap_or_default();
    let unchanged = markdown == body;
    let lines = LineIndex::new(&markdown);
    // Where `needle` is written, looking within `range` of the Markdown.
    let place_of = |needle: &str, range: &std::ops::Range<usize>| -> Option<(usize, usize)> {
        let (line, column) = if unchanged {
            let within = markdown
                .get(range.clone())
                .and_then(|text| text.find(needle));
            lines.place(within.map_or(range.start, |i| range.start + i))
        } else {
            // Tera may have moved lines, so look for the text in the file first.
            locate(body, needle).unwrap_or_else(|| lines.place(range.start))
        };
        Some((line + first_line - 1, column))
    };
    // Where an address is written: after its `(`, or anywhere.
    let dest_place = |dest: &str, range: &std::ops::Range<usize>| {
        let needle = format!("({dest}");
        let written = markdown
            .get(range.clone())
            .is_some_and(|text| text.contains(&needle));
        if written || !unchanged {
            place_of(&needle, range)
        } else {
            place_of(dest, range)
        }
    };
    let mut problems = Vec::new();
    let mut headings: Vec<Heading> = Vec::new();
    let mut addresses = Vec::new();
    let mut ids = IdSet::default();
    let mut events: Vec<Event> = Vec::new();
    let mut heading_start: Option<usize> = None;
    let mut image_start: Option<(usize, String, std::ops::Range<usize>)> = None;
    let mut code: Option<(String, String)> = None;
    let mut picture_row = PictureRow::None;
    let mut footnotes = Footnotes::default();
    let mut html_block: Option<Vec<(CowStr, usize)>> = None;

    let mut parser = Parser::new_ext(&markdown, options())
        .into_offset_iter()
        .peekable();
    while let Some((event, range)) = parser.next() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading_start = Some(events.len());
                events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = heading_start.take() {
                    let text = plain_text(&events[start + 1..]);
                    if let Event::Start(Tag::Heading {
                        id, classes, attrs, ..
                    }) = &events[start]
                    {
                        let wanted = id
                            .as_ref()
                            .map_or_else(|| slugify(&text), |id| id.to_string());
                        let unique = ids.unique(&wanted);
                        headings.push(Heading {
                            level: level_number(level),
                            id: unique.clone(),
                            text,
                        });
                        events[start] = Event::Start(Tag::Heading {
                            level,
                            id: Some(CowStr::from(unique)),
                            classes: classes.clone(),
                            attrs: attrs.clone(),
                        });
                    }
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = marker(&mut addresses, &dest_url, dest_place(&dest_url, &range));
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = dest_url.to_string();
                if dest.trim().is_empty() {
                    problems.push(
                        Diagnostic::error(&file.path, "an image has no address")
                            .at_opt(place_of("]()", &range))
                            .with_hint("put the picture's file name between the brackets: ![A calendar](calendar.svg)"),
                    );
                }
                let dest_url = marker(&mut addresses, &dest_url, dest_place(&dest, &range));
                image_start = Some((events.len(), dest, range.clone()));
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, dest, range)) = image_start.take() {
                    if plain_text(&events[start + 1..]).trim().is_empty() {
                        problems.push(
                            Diagnostic::error(&file.path, format!("the image `{dest}` has no alt text"))
                                .at_opt(place_of(&format!("]({dest}"), &range))
                                .with_hint("describe the picture between the brackets: ![A calendar](calendar.svg)"),
                        );
                    }
                }
                events.push(Event::End(TagEnd::Image));
                if picture_row == PictureRow::Image {
                    picture_row = PictureRow::Words;
                    if !matches!(parser.peek(), Some((Event::End(TagEnd::Paragraph), _))) {
                        events.push(Event::Html(ROW_WORDS.into()));
                        picture_row = PictureRow::WordsOpen;
                    }
                }
            }
            // A paragraph that starts with a picture gets markers, which
            // become a picture row or stay a paragraph by the version's style.
            Event::Start(Tag::Paragraph)
                if heading_start.is_none()
                    && matches!(parser.peek(), Some((Event::Start(Tag::Image { .. }), _))) =>
            {
                picture_row = PictureRow::Image;
                events.push(Event::Html(ROW_OPEN.into()));
            }
            Event::End(TagEnd::Paragraph) if picture_row != PictureRow::None => {
                let close = if picture_row == PictureRow::WordsOpen {
                    ROW_CLOSE
                } else {
                    ROW_CLOSE_BARE
                };
                events.push(Event::Html(close.into()));
                picture_row = PictureRow::None;
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = alert(kind);
                events.push(Event::Html(
                    format!("<div class=\"alert alert-{class}\" role=\"note\"><p class=\"alert-title\">{title}</p>\n").into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => events.push(Event::Html("</div>\n".into())),
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
            }
            Event::Text(text) if code.is_some() => {
                if let Some((_, buffer)) = code.as_mut() {
                    buffer.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((language, text)) = code.take() {
                    events.push(Event::Html(code_block(&language, &text).into()));
                }
            }
            Event::FootnoteReference(name) => {
                let (number, id, first) = footnotes.reference(&name, &mut ids);
                let back = if first {
                    format!(" id=\"{id}_ref\"")
                } else {
                    String::new()
                };
                events.push(Event::Html(
                    format!("<sup class=\"footnote-reference\"{back}><a href=\"#{id}\" aria-label=\"Note {number}\">{number}</a></sup>").into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let (number, id, _) = footnotes.reference(&name, &mut ids);
                footnotes.open.push(id.clone());
                events.push(Event::Html(
                    format!("<div class=\"footnote-definition\" id=\"{id}\"><p class=\"footnote-label\">Note {number}</p>\n").into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let id = footnotes.open.pop().unwrap_or_default();
                events.push(Event::Html(
                    format!("<p class=\"footnote-back\"><a href=\"#{id}_ref\">Back to the text</a></p></div>\n").into(),
                ));
            }
            // Raw HTML: an HTML block comes a line at a time, and an
            // `<img>` may span lines, so its lines are read together.
            Event::Start(Tag::HtmlBlock) => {
                html_block = Some(Vec::new());
                events.push(Event::Start(Tag::HtmlBlock));
            }
            Event::Html(text) if html_block.is_some() => {
                if let Some(lines) = html_block.as_mut() {
                    lines.push((text, range.start));
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let lines = html_block.take().unwrap_or_default();
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
                let html = settle_raw_images(
                    &html,
                    &source_offset,
                    &file.path,
                    &place_of,
                    &mut addresses,
                    &mut problems,
                );
                events.push(Event::Html(html.into()));
                events.push(Event::End(TagEnd::HtmlBlock));
            }
            Event::InlineHtml(text) => {
                // Most inline HTML is no image (`<br>`, `<span>`): kept as it is.
                let html = if has_image_tag(&text) {
                    settle_raw_images(
                        &text,
                        &|offset| range.start + offset,
                        &file.path,
                        &place_of,
                        &mut addresses,
                        &mut problems,
                    )
                    .into()
                } else {
                    text
                };
                events.push(Event::InlineHtml(html));
            }
            Event::TaskListMarker(done) => {
                let (word, mark) = if done {
                    ("Done", "☑")
                } else {
                    ("To do", "☐")
                };
                events.push(Event::Html(
                    format!("<span class=\"task-marker\"><span class=\"visually-hidden\">{word}: </span><span aria-hidden=\"true\">{mark}</span></span> ").into(),
                ));
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let (html, has_fields) = shortcodes::expand(&html, &mut ids);
    Ok(Shared {
        pieces: pieces(&html),
        html,
        headings: headings.into(),
        has_fields,
        markdown: markdown.into(),
        addresses,
        destinations: Vec::new(),
        problems,
    })
}

/// Records an address and returns the marker that stands in for it.
fn marker(
    addresses: &mut Vec<Address>,
    dest: &str,
    place: Option<(usize, usize)>,
) -> CowStr<'static> {
    addresses.push(Address {
        dest: dest.to_string(),
        place,
    });
    CowStr::from(format!("\u{E004}{}\u{E005}", addresses.len() - 1))
}

/// An `<img>` tag found in raw HTML.
struct RawImage {
    /// Where its `<` is.
    start: usize,
    /// Whether it has an `alt` attribute (empty or not).
    has_alt: bool,
    /// Where its `src` value is, without quotes.
    src: Option<std::ops::Range<usize>>,
}

/// Where a text is in the Markdown file, looking within a range of it.
type PlaceOf<'a> = dyn Fn(&str, &std::ops::Range<usize>) -> Option<(usize, usize)> + 'a;

/// Raw HTML with each `<img>` checked for alt text, and its `src` put
/// down as an address, like a Markdown image's: checked, and rewritten to
/// work from the page's address. `to_source` turns an offset in `html`
/// into one in the Markdown.
fn settle_raw_images(
    html: &str,
    to_source: &dyn Fn(usize) -> usize,
    file: &std::path::Path,
    place_of: &PlaceOf,
    addresses: &mut Vec<Address>,
    problems: &mut Vec<Diagnostic>,
) -> String {
    let mut out = String::with_capacity(html.len());
    let mut copied_to = 0;
    for image in raw_images(html) {
        if !image.has_alt {
            let at = to_source(image.start);
            problems.push(
                Diagnostic::error(file, "an image needs alt text: this `<img>` has no `alt`")
                    .at_opt(place_of("<img", &(at..at + "<img".len())))
                    .with_hint("describe the picture with alt=\"A calendar\"; use alt=\"\" for a decorative one"),
            );
        }
        let Some(src) = image.src else { continue };
        let dest = &html[src.clone()];
        let at = to_source(src.start);
        let marker = marker(addresses, dest, place_of(dest, &(at..at + dest.len())));
        out.push_str(&html[copied_to..src.start]);
        // Raw HTML is written as it is, so the marker goes in as
        // pulldown-cmark writes it in a Markdown image's `src`.
        let _ = pulldown_cmark_escape::escape_href(&mut out, &marker);
        copied_to = src.end;
    }
    out.push_str(&html[copied_to..]);
    out
}

/// Whether raw HTML has `<img` in it, in any case.
fn has_image_tag(html: &str) -> bool {
    html.as_bytes()
        .windows(4)
        .any(|four| four.eq_ignore_ascii_case(b"<img"))
}

/// The `<img>` tags in raw HTML, outside comments.
fn raw_images(html: &str) -> Vec<RawImage> {
    let lower = html.to_ascii_lowercase();
    let comments: Vec<std::ops::Range<usize>> = lower
        .match_indices("<!--")
        .map(|(start, _)| {
            start
                ..lower[start..]
                    .find("-->")
                    .map_or(lower.len(), |end| start + end)
        })
        .collect();
    let mut images = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find("<img") {
        let start = from + found;
        from = start + "<img".len();
        let ends_name =
            lower[from..].starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>');
        if !ends_name || comments.iter().any(|comment| comment.contains(&start)) {
            continue;
        }
        let (image, end) = image_attributes(&lower, start, from);
        images.push(image);
        from = end;
    }
    images
}

/// Reads the attributes of the `<img` at `start` in lowercased `html`,
/// from `at`; returns the image and where its tag ends.
fn image_attributes(html: &str, start: usize, mut at: usize) -> (RawImage, usize) {
    let mut image = RawImage {
        start,
        has_alt: false,
        src: None,
    };
    let skip = |at: usize, what: &dyn Fn(char) -> bool| {
        html[at..]
            .find(|c: char| !what(c))
            .map_or(html.len(), |i| at + i)
    };
    loop {
        at = skip(at, &|c| c.is_ascii_whitespace() || c == '/');
        if at >= html.len() || html[at..].starts_with('>') {
            return (image, at);
        }
        // Never empty unless at `=`, which the value below moves past.
        let name_end = skip(at, &|c| !(c.is_ascii_whitespace() || "=>/".contains(c)));
        let name = &html[at..name_end];
        at = skip(name_end, &|c| c.is_ascii_whitespace());
        let mut value = None;
        if html[at..].starts_with('=') {
            at = skip(at + 1, &|c| c.is_ascii_whitespace());
            let (range, after) = match html[at..].chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let end = html[at + 1..]
                        .find(quote)
                        .map_or(html.len(), |i| at + 1 + i);
                    (at + 1..end, (end + 1).min(html.len()))
                }
                _ => {
                    let end = skip(at, &|c| !(c.is_ascii_whitespace() || c == '>'));
                    (at..end, end)
                }
            };
            value = Some(range);
            at = after;
        }
        match name {
            "alt" => image.has_alt = true,
            "src" => image.src = value,
            _ => {}
        }
    }
}

/// Footnotes in the order they are first named, each with its number and
/// an id unique on the page.
#[derive(Default)]
struct Footnotes {
    named: Vec<(String, String)>,
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

/// A version's body after the Tera pass: the Markdown as it is read, or
/// `None` for a generated page with no file.
pub fn expand_body(site: &Site, version_id: usize) -> Result<Option<String>, Diagnostic> {
    let version = &site.versions[version_id];
    let Some(file) = site.source(version) else {
        return Ok(None);
    };
    let mut context = tera::Context::new();
    context.insert("site", &site.config_value);
    context.insert("params", &site.config.params);
    context.insert("page", &version.meta);
    context.insert("audience", &version.audience);
    template::expand(file.body(), &context)
        .map(Some)
        .map_err(|problem| problem.into_diagnostic(&file.path, file.body_first_line()))
}

/// Markers for a paragraph that starts with a picture: where it opens,
/// where its words start after the picture, and where it closes (with or
/// without words).
const ROW_OPEN: &str = "\u{E010}";
const ROW_WORDS: &str = "\u{E011}";
const ROW_CLOSE: &str = "\u{E012}";
const ROW_CLOSE_BARE: &str = "\u{E013}";

/// The HTML for each picture-row marker: as a row, or as a paragraph.
fn row_html(marker: char, picture_rows: bool) -> &'static str {
    match (marker, picture_rows) {
        ('\u{E010}', true) => "<div class=\"picture-row\">",
        ('\u{E011}', true) => "<div class=\"picture-row-words\"><p>",
        ('\u{E012}', true) => "</p></div></div>\n",
        ('\u{E013}', true) => "</div>\n",
        ('\u{E010}', false) => "<p>",
        ('\u{E012}' | '\u{E013}', false) => "</p>\n",
        _ => "",
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

/// The Markdown extensions SPEC.md promises.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
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

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
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
            crate::render::escape_html(language)
        )
    };
    let inner = (!language.is_empty())
        .then(|| highlight::highlight(code, language))
        .flatten()
        .unwrap_or_else(|| crate::render::escape_html(code));
    format!("<pre class=\"code\" tabindex=\"0\" role=\"region\" aria-label=\"Code\"><code{class}>{inner}</code></pre>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_images_are_found_with_their_alt_and_src_outside_comments() {
        let html = "<!-- <img src=a> --><IMG\n SRC='b.png' alt>x<img/src=c.png><imgx src=d><img = =e src=\"f";
        let found: Vec<(bool, Option<&str>)> = raw_images(html)
            .iter()
            .map(|image| (image.has_alt, image.src.clone().map(|src| &html[src])))
            .collect();
        assert_eq!(
            found,
            [
                (true, Some("b.png")),
                (false, Some("c.png")),
                (false, Some("f"))
            ]
        );
    }

    #[test]
    fn a_body_is_cut_at_its_address_and_row_markers_only() {
        let html = format!(
            "\u{E010}<a href=\"{ADDRESS_OPEN}0{ADDRESS_CLOSE}\">50%</a> \
             <img src=\"{ADDRESS_OPEN}1{ADDRESS_CLOSE}\">\u{E012}%EE"
        );
        let pieces = pieces(&html);
        let text: Vec<String> = pieces
            .iter()
            .map(|piece| match piece {
                Piece::Same(range) => html[range.clone()].to_string(),
                Piece::Address(n) => format!("[{n}]"),
                Piece::Row(c) => format!("<{:X}>", *c as u32),
            })
            .collect();
        assert_eq!(
            text,
            [
                "<E010>",
                "<a href=\"",
                "[0]",
                "\">50%</a> <img src=\"",
                "[1]",
                "\">",
                "<E012>",
                "%EE"
            ]
        );
    }
}
