//! Reading the HTML signpost writes: just enough to find text, links and
//! attributes in it, without a parser (the tests look for what the themes
//! write, in the form they write it).

/// Decodes the character references Tera and pulldown-cmark write.
pub(crate) fn decode(text: &str) -> String {
    text.replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Text with its tags removed and its references decoded, whitespace folded.
pub(crate) fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The decoded value of attribute `name` in one tag, if it has it.
pub(crate) fn attr(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let len = tag[start..].find('"')?;
    Some(decode(&tag[start..start + len]))
}

/// Every value of attribute `name` in `html`, decoded, in order.
pub(crate) fn attr_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let start = i + needle.len();
            decode(&html[start..start + html[start..].find('"').unwrap()])
        })
        .collect()
}

/// Every link in `html` as (its text, its decoded `href`), in order.
pub(crate) fn links(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<a ") {
        let tag_end = start + rest[start..].find('>').unwrap();
        let close = tag_end + rest[tag_end..].find("</a>").expect("a link is closed");
        let tag = &rest[start..=tag_end];
        if let Some(href) = attr(tag, "href") {
            found.push((text_of(&rest[tag_end + 1..close]), href));
        }
        rest = &rest[close..];
    }
    found
}

/// The `href` of the first link whose text is `text`.
pub(crate) fn href_of(html: &str, text: &str) -> String {
    let all = links(html);
    all.iter()
        .find(|(t, _)| t == text)
        .map(|(_, href)| href.clone())
        .unwrap_or_else(|| panic!("no link with the text {text:?}; the links are {all:?}"))
}

/// The part of `html` from the first `start` to the next `end` after it.
pub(crate) fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} should be in:\n{html}"));
    let len = html[from..]
        .find(end)
        .unwrap_or_else(|| panic!("{end:?} should follow {start:?}"));
    &html[from..from + len]
}

/// The titles a section lists, in order (none when it has no listing).
pub(crate) fn listing(html: &str) -> Vec<String> {
    let Some(start) = html.find("<ul class=\"listing\"") else {
        return Vec::new();
    };
    let end = start + html[start..].find("</ul>").unwrap();
    links(&html[start..end])
        .into_iter()
        .map(|(text, _)| text)
        .collect()
}

/// The link marked `rel="REL"` (`prev`, `next`), as (its text, its href).
pub(crate) fn rel_link(html: &str, rel: &str) -> Option<(String, String)> {
    let at = html.find(&format!(" rel=\"{rel}\""))?;
    links(&html[html[..at].rfind("<a ").unwrap()..])
        .into_iter()
        .next()
}
