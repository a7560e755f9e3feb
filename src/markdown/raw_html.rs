//! Raw HTML in a body: each `<img>` is checked for alt text, and its `src`
//! is put down as an address, like a Markdown image's, so that it is
//! checked and rewritten to work from the page's address.

use super::address::{address, Address};
use crate::diagnostic::Diagnostic;

/// An `<img>` tag found in raw HTML.
struct RawImage {
    /// Where its `<` is.
    start: usize,
    /// Whether it has an `alt` attribute (empty or not).
    has_alt: bool,
    /// Where its `src` value is, without quotes.
    src: Option<std::ops::Range<usize>>,
}

/// A stretch of raw HTML as it is handed on.
pub(super) enum RawPart<'a> {
    /// HTML written as it is.
    Html(&'a str),
    /// Where an `<img>`'s address goes: its number.
    Address(usize),
}

/// Where a text is in the Markdown file, looking within a range of it.
pub(super) type PlaceOf<'a> = dyn Fn(&str, &std::ops::Range<usize>) -> Option<(usize, usize)> + 'a;

/// Raw HTML with each `<img>` checked for alt text, and its `src` put
/// down as an address, like a Markdown image's: checked, and rewritten to
/// work from the page's address. The HTML goes to `emit` in stretches
/// with a part for each address where its `src` value was.
/// `to_source` turns an offset in `html` into one in the Markdown.
pub(super) fn settle_raw_images(
    html: &str,
    to_source: &dyn Fn(usize) -> usize,
    file: &std::path::Path,
    place_of: &PlaceOf,
    addresses: &mut Vec<Address>,
    problems: &mut Vec<Diagnostic>,
    emit: &mut dyn FnMut(RawPart),
) {
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
        let n = address(addresses, dest, place_of(dest, &(at..at + dest.len())));
        if copied_to < src.start {
            emit(RawPart::Html(&html[copied_to..src.start]));
        }
        emit(RawPart::Address(n));
        copied_to = src.end;
    }
    if copied_to < html.len() || copied_to == 0 {
        emit(RawPart::Html(&html[copied_to..]));
    }
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
}
