//! Tera's messages in plain words for a page's author: those that speak of
//! variables and fields, name Rust's number types, or list every name in
//! scope.

/// A Tera message in plain words.
pub(super) struct Plain {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// Where in the body to place the problem, when Tera's place is not
    /// the best one (the `/` of a division, not its zero).
    pub at: Option<usize>,
}

/// Tera's names for kinds of value, and the words a page's author knows.
const KINDS: [(&str, &str); 16] = [
    ("i64", "a number"),
    ("u64", "a number"),
    ("i128", "a number"),
    ("u128", "a number"),
    ("f64", "a number"),
    ("f32", "a number"),
    ("i32", "a number"),
    ("u32", "a number"),
    ("usize", "a number"),
    ("number", "a number"),
    ("string", "text"),
    ("bool", "true or false"),
    ("array", "a list"),
    ("map", "a map"),
    ("none", "nothing"),
    ("undefined", "a name that is not set"),
];

/// `detail` with Tera's names for kinds of value (`` `i64` ``,
/// `` `string` ``) in plain words.
pub(super) fn plain_kinds(detail: &str) -> String {
    let mut out = detail.to_string();
    for (name, words) in KINDS {
        out = out.replace(&format!("`{name}`"), words);
    }
    if out.starts_with("Invalid type for the value, expected ") {
        out = out.replace("Invalid type for the value, expected ", "this needs ");
        out = out.replace(" but got ", ", but the value here is ");
    }
    out
}

/// The shortcodes, for a did-you-mean.
const SHORTCODES: [&str; 5] = crate::markdown::shortcodes::NAMES;

/// The text between the first pair of backticks in `text`.
fn quoted(text: &str) -> Option<&str> {
    let (_, rest) = text.split_once('`')?;
    let (inside, _) = rest.split_once('`')?;
    Some(inside)
}

/// The dotted name that ends at or after `offset` in `body` and holds it:
/// `params.sesions` for an offset at `sesions`.
fn dotted_name(body: &str, offset: usize) -> Option<&str> {
    let part = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let start = body[..offset].rfind(|c: char| !part(c)).map_or(0, |i| {
        i + body[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = body[offset..]
        .find(|c: char| !part(c))
        .map_or(body.len(), |i| offset + i);
    (start < end).then(|| &body[start..end])
}

/// `detail`, one of Tera's messages about the body at `offset`, in plain
/// words; `None` for messages that are plain already.
pub(super) fn plain(
    detail: &str,
    syntax: bool,
    body: &str,
    offset: Option<usize>,
) -> Option<Plain> {
    let named = quoted(detail).unwrap_or_default();
    let at = |offset: Option<usize>| offset.and_then(|at| body.get(at..)).unwrap_or_default();
    let undefined = detail.starts_with("Variable `")
        || detail.starts_with("Field `")
        || detail.contains("`undefined`")
        || detail.contains("an undefined value");
    if undefined {
        let name = offset
            .and_then(|at| dotted_name(body, at))
            .unwrap_or(named)
            .trim_end_matches('.');
        let hint = if name.starts_with("params.") {
            "add it under `params:` in site.yaml, or check its spelling there"
        } else {
            "a page can use `site`, `params`, `page` and `audience`; check the name"
        };
        return Some(Plain {
            message: format!("`{name}` is not set"),
            hint: hint.to_string(),
            at: None,
        });
    }
    if detail.starts_with("Unknown function") {
        let nearest = SHORTCODES
            .into_iter()
            .min_by_key(|known| strsim::levenshtein(named, known))
            .filter(|known| strsim::levenshtein(named, known) <= 2);
        let hint = match nearest {
            Some(known) => format!("did you mean `{known}`?"),
            None => "the shortcodes are field, date, signature and checkbox".to_string(),
        };
        return Some(Plain {
            message: format!("there is no shortcode or function `{named}`"),
            hint,
            at: None,
        });
    }
    if detail.starts_with("Unknown filter") || detail.starts_with("Unknown test") {
        let what = if detail.starts_with("Unknown filter") {
            "filter"
        } else {
            "test"
        };
        return Some(Plain {
            message: format!("there is no {what} `{named}`"),
            hint: format!("check its name; docs/content.md says which {what}s a page may use"),
            at: None,
        });
    }
    if detail.starts_with("Cannot divide by 0") {
        return Some(Plain {
            message: "division by zero".to_string(),
            hint: "a number cannot be divided by zero; check the number after the `/` or `%`"
                .to_string(),
            at: offset.and_then(|at| body[..at].rfind(['/', '%'])),
        });
    }
    if detail.starts_with("Invalid Integer") || detail.starts_with("Invalid Float") {
        let written = at(offset);
        let number = &written[..written
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(written.len())];
        return Some(Plain {
            message: format!("the number `{number}` is too large to work with"),
            hint: "use smaller numbers; a number to show as it is can be written outside `{{ }}`"
                .to_string(),
            at: None,
        });
    }
    if detail.starts_with("Unable to perform") || detail.contains("overflow") {
        return Some(Plain {
            message: "a number here is too large to work with".to_string(),
            hint: "use smaller numbers; a number to show as it is can be written outside `{{ }}`"
                .to_string(),
            at: None,
        });
    }
    if detail.starts_with("Iteration not possible") {
        return Some(Plain {
            message: "`{% for %}` can only go over a list or a map".to_string(),
            hint: "loop over a list from site.yaml's `params`, as in {% for item in params.LIST %}"
                .to_string(),
            at: None,
        });
    }
    if SHORTCODES
        .iter()
        .any(|name| detail.starts_with(&format!("`{name}`")))
    {
        return Some(Plain {
            message: detail.to_string(),
            hint: "see the list of shortcodes and their arguments in docs/content.md".to_string(),
            at: None,
        });
    }
    if !syntax && at(offset).starts_with("throw(") {
        return Some(Plain {
            message: detail.to_string(),
            hint: "the page stops the build on purpose with throw(…): do what it says, then remove the throw".to_string(),
            at: None,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_field_is_named_with_its_whole_path() {
        let body = "Two {{ params.sesions }}";
        let at = body.find("sesions");
        let plain = plain(
            "Field `sesions` is not defined. Available fields: a",
            false,
            body,
            at,
        )
        .expect("said plainly");
        assert_eq!(plain.message, "`params.sesions` is not set");
        assert!(plain.hint.contains("site.yaml"));
    }

    #[test]
    fn an_undefined_value_used_anywhere_is_named() {
        let body = "{% if params.sesions > 2 %}x{% endif %} {{ params.nolist[0] }}";
        for (detail, at) in [
            (
                "Cannot compare `undefined` with `i64`",
                body.find("params.sesions"),
            ),
            ("Cannot index into an undefined value", body.find("[0]")),
        ] {
            let plain = plain(detail, false, body, at).expect("said plainly");
            assert!(plain.message.ends_with("` is not set"), "{}", plain.message);
            assert!(plain.message.starts_with("`params."), "{}", plain.message);
        }
    }

    #[test]
    fn kinds_of_value_are_said_in_words() {
        assert_eq!(
            plain_kinds("Invalid type for the value, expected `string` but got `i64`"),
            "this needs text, but the value here is a number"
        );
        assert_eq!(
            plain_kinds("`+` requires both operands to be numbers, found `string` and `i64`"),
            "`+` requires both operands to be numbers, found text and a number"
        );
    }

    #[test]
    fn a_misspelt_shortcode_gets_a_did_you_mean() {
        let plain = plain("Unknown function `feild`", false, "", None).expect("said plainly");
        assert_eq!(plain.message, "there is no shortcode or function `feild`");
        assert_eq!(plain.hint, "did you mean `field`?");
    }
}
