//! Tera's filters that can make far more than they are given (`replace`
//! with a long `to`, `indent` by a thousand, `join` with a long `sep`…),
//! written again for page bodies with their size worked out before any of
//! it is made: past [`MAX_TEXT_BYTES`] they stop the page instead of
//! filling the build machine's memory. Tera gives no way to call its own
//! filter from a replacement, so these do what Tera 2's do, for text that
//! is never escaped (a body is Markdown, not HTML). Every other filter
//! makes about as much as it is given, and what it makes is weighed when
//! it is written or kept ([`super::sandbox`]).

use super::sandbox::{record, too_big, too_many_items, weight, ITEM_BYTES, MAX_TEXT_BYTES};
use tera::{Kwargs, State, Value};

/// Puts the bounded filters in place of Tera's own.
pub(super) fn install(tera: &mut tera::Tera) {
    tera.register_filter("replace", replace);
    tera.register_filter("indent", indent);
    tera.register_filter("join", join);
    tera.register_filter("split", split);
    tera.register_filter("escape_html", escape_html);
    tera.register_filter("escape_xml", escape_xml);
    tera.register_filter("newlines_to_br", newlines_to_br);
}

/// Stops the page when a filter would make more than [`MAX_TEXT_BYTES`].
fn bounded(filter: &str, size: usize) -> tera::TeraResult<()> {
    if size > MAX_TEXT_BYTES {
        return Err(record(too_big(&format!(
            "the filter `{filter}` here makes"
        ))));
    }
    Ok(())
}

/// `replace(from=…, to=…)`: every `from` in the text becomes `to`.
fn replace(text: &str, args: Kwargs, _: &State) -> tera::TeraResult<String> {
    let from = args.must_get::<&str>("from")?;
    let to = args.must_get::<&str>("to")?;
    let copies = text.matches(from).count();
    bounded(
        "replace",
        text.len().saturating_add(copies.saturating_mul(to.len())),
    )?;
    Ok(text.replace(from, to))
}

/// `indent(width=4, indentation=" ", first=false, blank=false)`: every
/// line but the first (and blank ones) moved right by `width` copies of
/// `indentation`; or, as Tera 1 wrote it, by `prefix`.
fn indent(text: &str, args: Kwargs, _: &State) -> tera::TeraResult<String> {
    let width = args.get::<usize>("width")?.unwrap_or(4).min(1000);
    let indentation = args.get::<&str>("indentation")?.unwrap_or(" ");
    if indentation.chars().count() != 1 {
        return Err(tera::Error::message(
            "The `indentation` argument must contain exactly one character",
        ));
    }
    let first = args.get::<bool>("first")?.unwrap_or(false);
    let blank = args.get::<bool>("blank")?.unwrap_or(false);
    let prefix = match args.get::<&str>("prefix")? {
        Some(prefix) => prefix.to_string(),
        None => indentation.repeat(width),
    };
    let lines = text.lines().count() + 1;
    bounded(
        "indent",
        text.len()
            .saturating_add(lines.saturating_mul(prefix.len() + 1)),
    )?;
    let mut out = String::with_capacity(text.len() * 2);
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        if (index == 0 && first) || (index > 0 && (blank || !line.is_empty())) {
            out.push_str(&prefix);
        }
        out.push_str(line);
    }
    if text.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// `join(sep=…)`: a list's items written one after another.
fn join(items: &[Value], args: Kwargs, _: &State) -> tera::TeraResult<String> {
    let sep = args.get::<&str>("sep")?.unwrap_or("");
    let size = items
        .iter()
        .map(|item| weight(item, MAX_TEXT_BYTES))
        .fold(0usize, usize::saturating_add)
        .saturating_add(items.len().saturating_mul(sep.len()));
    bounded("join", size)?;
    Ok(items
        .iter()
        .map(|item| item.to_string())
        .collect::<Vec<_>>()
        .join(sep))
}

/// `split(pat=…)`: text cut into a list at every `pat`.
fn split(text: &str, args: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let pat = args.must_get::<&str>("pat")?;
    let pieces = text.matches(pat).count() + 1;
    if text.len().saturating_add(pieces.saturating_mul(ITEM_BYTES)) > MAX_TEXT_BYTES {
        return Err(record(too_many_items("the filter `split` here makes")));
    }
    Ok(Value::from(
        text.split(pat).map(Value::from).collect::<Vec<Value>>(),
    ))
}

/// `escape_html`: `&`, `<`, `>`, `"`, `'` and `/` as HTML entities.
fn escape_html(text: &str, _: Kwargs, _: &State) -> tera::TeraResult<String> {
    bounded("escape_html", text.len().saturating_mul(6))?;
    let mut out = Vec::with_capacity(text.len());
    tera::escape_html(text, &mut out).map_err(tera::Error::message)?;
    String::from_utf8(out).map_err(tera::Error::message)
}

/// `escape_xml`: `&`, `<`, `>`, `"` and `'` as XML entities.
fn escape_xml(text: &str, _: Kwargs, _: &State) -> tera::TeraResult<String> {
    bounded("escape_xml", text.len().saturating_mul(6))?;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    Ok(out)
}

/// `newlines_to_br` (Tera 1's `linebreaksbr`): each line break as `<br>`.
pub(super) fn newlines_to_br(text: &str, _: Kwargs, _: &State) -> tera::TeraResult<String> {
    bounded("newlines_to_br", text.len().saturating_mul(4))?;
    Ok(text.replace("\r\n", "<br>").replace(['\n', '\r'], "<br>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(template: &str) -> Result<String, String> {
        let mut tera = tera::Tera::new();
        install(&mut tera);
        let mut context = tera::Context::new();
        context.insert("big", &"&".repeat(2 * 1024 * 1024));
        context.insert("lines", &"x\n".repeat(100_000));
        tera.render_str(template, &context, false)
            .map_err(|error| format!("{error:?}"))
    }

    #[test]
    fn the_filters_do_what_teras_do() {
        assert_eq!(
            run("{{ \"a-b-a\" | replace(from=\"a\", to=\"x\") }}").unwrap(),
            "x-b-x"
        );
        assert_eq!(
            run("{{ \"a\nb\n\nc\n\" | indent(width=2) }}").unwrap(),
            "a\n  b\n\n  c\n"
        );
        assert_eq!(
            run("{{ \"a\nb\" | indent(width=1, indentation=\"-\", first=true) }}").unwrap(),
            "-a\n-b"
        );
        assert_eq!(
            run("{{ \"a\nb\" | indent(prefix=\"> \") }}").unwrap(),
            "a\n> b"
        );
        assert_eq!(run("{{ [1, \"b\"] | join(sep=\", \") }}").unwrap(), "1, b");
        assert_eq!(
            run("{{ \"a,b\" | split(pat=\",\") | length }}").unwrap(),
            "2"
        );
        assert_eq!(
            run("{{ \"<a&'\" | escape_xml }}").unwrap(),
            "&lt;a&amp;&apos;"
        );
        assert_eq!(run("{{ \"<a>\" | escape_html }}").unwrap(), "&lt;a&gt;");
        assert_eq!(run("{{ \"a\nb\" | newlines_to_br }}").unwrap(), "a<br>b");
    }

    #[test]
    fn filters_that_would_make_too_much_stop_first() {
        for template in [
            "{{ big | replace(from=\"&\", to=big) }}",
            "{{ lines | indent(width=1000) }}",
            "{{ big | escape_html | escape_html }}",
            "{{ big | split(pat=\"\") | length }}",
            "{{ [big, big, big, big, big, big] | join(sep=\"\") }}",
        ] {
            let error = run(template).unwrap_err();
            assert!(error.contains("more than"), "{template}: {error}");
        }
    }
}
