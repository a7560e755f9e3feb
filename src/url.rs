//! Relative URLs between places in the output, so that a built site works
//! from any web server at any base path (and, offline, from disk).

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// Characters escaped in a path segment we write into an `href`.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'%');

/// The relative URL from the page at `from` (a folder path from the root,
/// ending in `/`, or empty for the root) to `to` (a path from the root; a
/// folder ends in `/`). With `offline`, a folder gets `index.html`.
pub fn relative(from: &str, to: &str, offline: bool) -> String {
    let from_parts: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let is_folder = to.is_empty() || to.ends_with('/');
    let to_parts: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let (dirs, file) = match to_parts.split_last() {
        Some((last, dirs)) if !is_folder => (dirs, Some(*last)),
        _ => (&to_parts[..], None),
    };
    let common = from_parts
        .iter()
        .zip(dirs)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_parts.len() - common);
    for dir in &dirs[common..] {
        out.extend(utf8_percent_encode(dir, SEGMENT));
        out.push('/');
    }
    match file {
        Some(file) => out.extend(utf8_percent_encode(file, SEGMENT)),
        None if offline => out.push_str("index.html"),
        None => {}
    }
    if out.is_empty() {
        out.push_str("./");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn pages_link_up_and_across() {
        assert_eq!(
            relative("guide/prepare/", "guide/review/", false),
            "../review/"
        );
        assert_eq!(relative("", "guide/", false), "guide/");
        assert_eq!(relative("guide/", "", false), "../");
        assert_eq!(relative("guide/", "guide/", false), "./");
        assert_eq!(
            relative("easy-read/guide/a/", "images/x y.svg", false),
            "../../../images/x%20y.svg"
        );
    }

    #[test]
    fn offline_links_name_index_html() {
        assert_eq!(relative("guide/", "", true), "../index.html");
        assert_eq!(relative("", "", true), "index.html");
        assert_eq!(relative("a/", "b/", true), "../b/index.html");
    }
}
