//! HTML escaping, the one way every stage escapes text it writes into a
//! page (Markdown bodies, templates, the sitemap).

/// Escapes text for HTML text and attribute values. Unlike Tera's own, it
/// leaves `/` alone, so addresses stay readable in the output.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for_each_escaped(text, |piece| {
        out.push_str(piece);
        Ok(())
    })
    .unwrap_or(());
    out
}

/// [`escape_html`] writing to `out` as it goes, the form Tera 2 takes for
/// its escape function, so templates escape as bodies do.
pub(crate) fn write_escaped(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for_each_escaped(text, |piece| out.write_all(piece.as_bytes()))
}

/// Hands `text` to `put` in pieces, runs of plain text and entities for the
/// five characters HTML gives meaning to.
fn for_each_escaped(
    text: &str,
    mut put: impl FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut plain_from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // These are ASCII, so `at` is on a character boundary.
        put(&text[plain_from..at])?;
        put(entity)?;
        plain_from = at + 1;
    }
    put(&text[plain_from..])
}

#[cfg(test)]
mod tests {
    use super::{escape_html, write_escaped};

    #[test]
    fn escaping_replaces_the_five_special_characters_and_keeps_the_rest() {
        assert_eq!(
            escape_html("Tom & Jerry's <b>\"café\"</b> / 50%"),
            "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;café&quot;&lt;/b&gt; / 50%"
        );
        assert_eq!(escape_html("plain"), "plain");
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("é<"), "é&lt;");
    }

    #[test]
    fn writing_escaped_gives_the_same_text() {
        let mut out = Vec::new();
        write_escaped("a < b & 'c'", &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), escape_html("a < b & 'c'"));
    }
}
