//! Tera's own messages that are not plain words for a page's author: those
//! that speak of templates and namespaces, or show its syntax tree as debug
//! text. (Arithmetic, whose messages named `i64` and `u64`, has its own
//! module.)

/// A Tera message in plain words, and the text of the body it is about.
pub(super) struct Plain {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// Text to place the problem at, if it names any.
    pub near: Option<String>,
}

/// The text between the first pair of backticks in `text`.
fn quoted(text: &str) -> Option<String> {
    let (_, rest) = text.split_once('`')?;
    let (inside, _) = rest.split_once('`')?;
    Some(inside.to_string())
}

/// `detail`, one of Tera's messages, in plain words; `None` for messages
/// that are plain already or handled elsewhere.
pub(super) fn plain(detail: &str) -> Option<Plain> {
    let too_large = "use smaller numbers; a number to show as it is can be written outside `{{ }}`";
    if let Some(rest) = detail
        .strip_prefix("Integer out of bounds: ")
        .or_else(|| detail.strip_prefix("Float out of bounds: "))
    {
        let number = quoted(rest).unwrap_or_default();
        return Some(Plain {
            message: format!("the number `{number}` is too large to work with"),
            hint: too_large.to_string(),
            near: Some(number),
        });
    }
    if detail.starts_with("Macro namespace") {
        return Some(Plain {
            message: "a page cannot call macros".to_string(),
            hint: "write the text out, or repeat it with {% for item in params.LIST %}…{% endfor %} over a list in site.yaml's `params`".to_string(),
            near: Some("::".to_string()),
        });
    }
    if detail.starts_with("Forloop containers") {
        return Some(Plain {
            message: "`{% for %}` can only go over a list or a map".to_string(),
            hint: "loop over a list from site.yaml's `params`, as in {% for item in params.LIST %}"
                .to_string(),
            near: Some("{% for".to_string()),
        });
    }
    if detail.starts_with("Tried to check if") {
        return Some(Plain {
            message: "`in` needs text, a list or a map after it".to_string(),
            hint: "write it as {% if \"carer\" in page.audiences %}".to_string(),
            near: Some(" in ".to_string()),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_too_large_to_read_is_said_plainly() {
        let plain = plain_or_panic("Integer out of bounds: `99999999999999999999`");
        assert_eq!(
            plain.message,
            "the number `99999999999999999999` is too large to work with"
        );
        assert_eq!(plain.near.as_deref(), Some("99999999999999999999"));
    }

    #[test]
    fn a_macro_call_is_not_said_in_terms_of_templates() {
        let plain = plain_or_panic(
            "Macro namespace `self` was not found in template `page`. Have you maybe forgotten to import it, or misspelled it?",
        );
        assert_eq!(plain.message, "a page cannot call macros");
        assert_eq!(plain.near.as_deref(), Some("::"));
    }

    fn plain_or_panic(detail: &str) -> Plain {
        plain(detail).unwrap_or_else(|| panic!("{detail} left as it is"))
    }
}
