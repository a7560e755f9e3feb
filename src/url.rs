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
pub(crate) fn relative(from: &str, to: &str, offline: bool) -> String {
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

/// The path from the root that `href`, written in the page at `from`,
/// points to; `None` for an address that is not a relative path (another
/// site, `#fragment`, `/root`) or climbs above the root.
pub(crate) fn resolve(from: &str, href: &str) -> Option<String> {
    if href.is_empty()
        || href.starts_with(['#', '/', '?'])
        || href.contains(':') && !href.starts_with('.')
    {
        return None;
    }
    crate::util::path::fold(from, href)
}

/// HTML written for the page at `from`, with its relative `href` and `src`
/// addresses changed to work from `to` instead.
pub(crate) fn rebase(html: &str, from: &str, to: &str) -> String {
    if from == to {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = ["href=\"", "src=\""]
        .iter()
        .filter_map(|a| rest.find(a).map(|i| i + a.len()))
        .min()
    {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('"').unwrap_or(rest.len());
        let value = &rest[..end];
        let (path, suffix) = match value.find(['?', '#']) {
            Some(i) => value.split_at(i),
            None => (value, ""),
        };
        match resolve(from, path) {
            Some(target) => {
                let offline = path.ends_with("index.html");
                let target = if offline {
                    target.trim_end_matches("index.html").to_string()
                } else {
                    target
                };
                out.push_str(&relative(to, &target, offline));
                out.push_str(suffix);
            }
            None => out.push_str(value),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{rebase, relative};

    #[test]
    fn addresses_are_rebased_to_another_page() {
        let html = r##"<a href="../review/">R</a><img src="../../images/x.svg"><a href="https://a.b/">A</a><a href="#top">T</a>"##;
        assert_eq!(
            rebase(html, "guide/prepare/", "guide/"),
            r##"<a href="review/">R</a><img src="../images/x.svg"><a href="https://a.b/">A</a><a href="#top">T</a>"##
        );
    }

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
