//! The words a page version's readers read, taken from its Markdown after
//! the Tera pass: paragraphs and list items as blocks of plain text, each
//! piece of which remembers where it came from in the Markdown, so that a
//! finding in the text can be placed at a line and column of the file.
//!
//! Headings, tables and code are not prose: their words are counted for the
//! printed-page estimate, but no reading rule looks at them. An image's alt
//! text is not prose either (it is read only by screen readers); a block
//! that starts with an image is noted, for the easy-read picture rule.

use crate::markdown::shortcodes::{self, find_field, Field};
use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use std::ops::Range;

/// What kind of block some prose is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// A paragraph outside any list.
    Paragraph,
    /// A list item's own words (or a paragraph inside a list item).
    ListItem,
    /// A paragraph of a footnote.
    Footnote,
}

/// A run of the block's text and the Markdown it came from.
#[derive(Clone, Debug)]
struct Piece {
    /// Where it is in [`Block::text`].
    text: Range<usize>,
    /// Where it is in the Markdown.
    markdown: Range<usize>,
    /// Whether the text is the Markdown as written, byte for byte.
    exact: bool,
    /// Inline code: counted as words, but no rule looks inside it.
    code: bool,
}

/// A paragraph or list item, as plain text.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    /// What kind of block it is.
    pub kind: BlockKind,
    /// Its words, as readers see them, with one space for each line break.
    pub text: String,
    /// Where the block starts in the Markdown.
    pub start: usize,
    /// Whether its first thing is an image (an easy-read picture row).
    pub starts_with_image: bool,
    /// Whether it holds a fill-in field (a shortcode).
    pub has_field: bool,
    pieces: Vec<Piece>,
}

impl Block {
    fn new(kind: BlockKind, start: usize) -> Block {
        Block {
            kind,
            text: String::new(),
            start,
            starts_with_image: false,
            has_field: false,
            pieces: Vec::new(),
        }
    }

    fn push(&mut self, text: &str, markdown: Range<usize>, exact: bool, code: bool) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.pieces.push(Piece {
            text: start..self.text.len(),
            markdown,
            exact,
            code,
        });
    }

    /// Whether the text at `offset` is inside inline code.
    pub(crate) fn in_code(&self, offset: usize) -> bool {
        self.pieces
            .iter()
            .any(|p| p.code && p.text.contains(&offset))
    }

    /// Where the text from `range` is in the Markdown, and the Markdown
    /// written there (to find it in the file).
    pub(crate) fn source(&self, range: Range<usize>, markdown: &str) -> (usize, String) {
        let wanted = &self.text[range.clone()];
        let piece = self
            .pieces
            .iter()
            .find(|p| p.text.contains(&range.start))
            .or_else(|| self.pieces.iter().find(|p| p.text.start >= range.start));
        let Some(piece) = piece else {
            return (self.start, wanted.to_string());
        };
        if piece.exact && piece.text.contains(&range.start) {
            let start = piece.markdown.start + (range.start - piece.text.start);
            let end = (start + range.len()).min(piece.markdown.end);
            if let Some(written) = markdown.get(start..end) {
                return (start, written.to_string());
            }
        }
        // Escapes or smart punctuation changed the text: look for it.
        let written = &markdown[piece.markdown.clone()];
        let plain = as_typed(wanted);
        match written.find(&plain) {
            Some(at) => (piece.markdown.start + at, plain),
            None => (piece.markdown.start, plain),
        }
    }
}

/// Text as it would be typed, before smart punctuation.
fn as_typed(text: &str) -> String {
    text.replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201C}', '\u{201D}'], "\"")
        .replace('\u{2014}', "---")
        .replace('\u{2013}', "--")
        .replace('\u{2026}', "...")
}

/// Something the easy-read rules flag that is not in the words: italics and
/// underlining.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    /// `*x*`, `_x_`, `<i>` or `<em>`.
    Italic,
    /// `<u>` or `<ins>`.
    Underline,
}

/// A link or image address to another website.
#[derive(Clone, Debug)]
pub(crate) struct WebLink {
    /// The address.
    pub url: String,
    /// Where the link is in the Markdown.
    pub offset: usize,
}

/// The prose of one page version.
#[derive(Debug, Default)]
pub(crate) struct Prose {
    /// Its paragraphs and list items, in order.
    pub blocks: Vec<Block>,
    /// Italics and underlining, with where they start in the Markdown and
    /// the Markdown written there.
    pub marks: Vec<(Mark, usize, String)>,
    /// Links and images to other websites.
    pub web_links: Vec<WebLink>,
    /// Words outside the blocks: headings and tables.
    pub other_words: usize,
    /// Lines to write on, from fill-in fields.
    pub field_lines: usize,
}

/// Which block events go into, if any.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// A heading or a table cell: counted, not checked.
    Counted,
    /// Code or raw HTML: neither.
    Skipped,
}

/// Reads the prose of a version's Markdown (after the Tera pass).
pub(crate) fn read(markdown: &str) -> Prose {
    let mut prose = Prose::default();
    let mut open: Vec<Block> = Vec::new();
    let mut zones: Vec<Zone> = Vec::new();
    let mut counted = String::new();
    let mut image_depth = 0usize;
    let mut list_depth = 0usize;
    let mut footnote_depth = 0usize;

    for (event, range) in Parser::new_ext(markdown, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. })
            | Event::Start(Tag::Table(_))
            | Event::Start(Tag::MetadataBlock(_)) => zones.push(Zone::Counted),
            Event::End(TagEnd::Heading(_))
            | Event::End(TagEnd::Table)
            | Event::End(TagEnd::MetadataBlock(_)) => {
                zones.pop();
                counted.push(' ');
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => {
                zones.push(Zone::Skipped)
            }
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => {
                zones.pop();
            }
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::FootnoteDefinition(_)) => footnote_depth += 1,
            Event::End(TagEnd::FootnoteDefinition) => {
                footnote_depth = footnote_depth.saturating_sub(1)
            }
            Event::Start(Tag::Paragraph) if zones.is_empty() => {
                let kind = if footnote_depth > 0 {
                    BlockKind::Footnote
                } else if list_depth > 0 {
                    BlockKind::ListItem
                } else {
                    BlockKind::Paragraph
                };
                open.push(Block::new(kind, range.start));
            }
            Event::Start(Tag::Item) if zones.is_empty() => {
                open.push(Block::new(BlockKind::ListItem, range.start));
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) if zones.is_empty() => {
                if let Some(block) = open.pop() {
                    if !block.text.trim().is_empty() {
                        prose.blocks.push(block);
                    }
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                if is_web(&dest_url) {
                    prose.web_links.push(WebLink {
                        url: dest_url.to_string(),
                        offset: range.start,
                    });
                }
                if zones.is_empty() {
                    if let Some(block) = open.last_mut() {
                        if block.text.trim().is_empty() && image_depth == 0 && !block.has_field {
                            block.starts_with_image = true;
                        }
                    }
                }
                image_depth += 1;
            }
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if is_web(&dest_url) && link_type != LinkType::Email => {
                prose.web_links.push(WebLink {
                    url: dest_url.to_string(),
                    offset: range.start,
                });
            }
            // Italics are hard to read wherever they are, headings included.
            Event::Start(Tag::Emphasis) => {
                prose
                    .marks
                    .push((Mark::Italic, range.start, snippet(&markdown[range.clone()])));
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                if let Some(mark) = html_mark(&html) {
                    let tag = html.trim().to_string();
                    prose.marks.push((mark, range.start, tag));
                }
                if zones.is_empty() && image_depth == 0 && is_line_break(&html) {
                    if let Some(block) = open.last_mut() {
                        block.push(" ", range, false, false);
                    }
                }
            }
            Event::Text(ref text) | Event::Code(ref text) if image_depth == 0 => {
                let code = matches!(event, Event::Code(_));
                let (plain, lines) = without_fields(text);
                prose.field_lines += lines;
                match zones.last() {
                    Some(Zone::Counted) => {
                        counted.push_str(&plain);
                        counted.push(' ');
                    }
                    Some(Zone::Skipped) => {}
                    None => {
                        if let Some(block) = open.last_mut() {
                            if lines > 0 {
                                block.has_field = true;
                            }
                            let exact = plain.len() == text.len()
                                && markdown.get(range.clone()) == Some(&**text);
                            block.push(&plain, range, exact, code);
                        }
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak if zones.is_empty() && image_depth == 0 => {
                if let Some(block) = open.last_mut() {
                    block.push(" ", range, false, false);
                }
            }
            _ => {}
        }
    }
    prose.blocks.sort_by_key(|b| b.start);
    prose.other_words = counted.split_whitespace().count();
    prose
}

/// Whether an address is on another website, over http or https.
fn is_web(dest: &str) -> bool {
    let lower = dest.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The start of some Markdown, short enough to show and find.
fn snippet(markdown: &str) -> String {
    let line = markdown.lines().next().unwrap_or_default();
    line.chars().take(40).collect()
}

/// Whether a bit of raw HTML opens italics or underlining.
fn html_mark(html: &str) -> Option<Mark> {
    let lower = html.trim().to_ascii_lowercase();
    let opens = |tag: &str| {
        lower.starts_with(&format!("<{tag}>")) || lower.starts_with(&format!("<{tag} "))
    };
    if opens("u") || opens("ins") {
        Some(Mark::Underline)
    } else if opens("i") || opens("em") {
        Some(Mark::Italic)
    } else if lower.starts_with('<') && !lower.starts_with("</") {
        // A block of HTML may hold the tags further in.
        if lower.contains("<u>") || lower.contains("<u ") || lower.contains("<ins") {
            Some(Mark::Underline)
        } else if lower.contains("<i>") || lower.contains("<i ") || lower.contains("<em") {
            Some(Mark::Italic)
        } else {
            None
        }
    } else {
        None
    }
}

/// Whether raw HTML is a `<br>`.
fn is_line_break(html: &str) -> bool {
    let lower = html.trim().to_ascii_lowercase();
    lower.starts_with("<br")
}

/// Text without its shortcodes' placeholders (`markdown::shortcodes`), and
/// how many lines to write on their fields make.
fn without_fields(text: &str) -> (String, usize) {
    if find_field(text).is_none() {
        return (text.to_string(), 0);
    }
    let (plain, fields) = shortcodes::without_fields(text);
    (plain, fields.iter().map(Field::lines_to_write).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_list_items_are_blocks() {
        let prose = read("# Title\n\nOne *two*.\n\n- first\n- second\n\n```\ncode\n```\n");
        let texts: Vec<&str> = prose.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["One two.", "first", "second"]);
        assert_eq!(prose.other_words, 1);
        assert_eq!(prose.marks.len(), 1);
        assert_eq!(prose.blocks[0].kind, BlockKind::Paragraph);
        assert_eq!(prose.blocks[1].kind, BlockKind::ListItem);
    }

    #[test]
    fn a_picture_row_starts_with_an_image() {
        let prose = read("![A clock](clock.svg) We meet at 2.\n\nNo picture.\n");
        assert!(prose.blocks[0].starts_with_image);
        assert_eq!(prose.blocks[0].text.trim(), "We meet at 2.");
        assert!(!prose.blocks[1].starts_with_image);
    }

    /// The Markdown a body comes out of the Tera pass as.
    fn expanded(body: &str) -> String {
        crate::markdown::template::expand(body, &tera::Context::new()).expect("expands")
    }

    #[test]
    fn fields_are_taken_out_and_counted() {
        let prose = read(&expanded("Name: {{ field(label=\"x\", lines=3) }}\n"));
        assert_eq!(prose.blocks[0].text.trim(), "Name:");
        assert!(prose.blocks[0].has_field);
        assert_eq!(prose.field_lines, 3);
    }

    #[test]
    fn private_use_characters_are_words_not_fields() {
        // What a field's marker once was: U+E002, hex, U+E003.
        let text = "Name: \u{E002}6669656c641f331f78\u{E003} \u{E000}\u{E013}\n";
        let prose = read(text);
        assert_eq!(prose.blocks[0].text, text.trim_end());
        assert!(!prose.blocks[0].has_field);
        assert_eq!(prose.field_lines, 0);
    }

    #[test]
    fn text_maps_back_to_the_markdown() {
        let markdown = "Hello **big** world.\n";
        let prose = read(markdown);
        let block = &prose.blocks[0];
        let at = block.text.find("world").unwrap();
        let (offset, written) = block.source(at..at + 5, markdown);
        assert_eq!(&markdown[offset..offset + 5], "world");
        assert_eq!(written, "world");
    }
}
