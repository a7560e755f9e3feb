//! Tera's own messages that name Rust types (`i64`, `u64`) or show its
//! syntax tree as debug text, said in plain words for a page's author.

/// A Tera message in plain words, and the text of the body it is about.
pub struct Plain {
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
pub fn plain(detail: &str) -> Option<Plain> {
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
    if let Some(sum) = detail
        .split_once(" results in an out of bounds")
        .map(|(sum, _)| sum)
    {
        let first = sum
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        return Some(Plain {
            message: format!("the result of {sum} is too large to work with"),
            hint: too_large.to_string(),
            near: Some(first),
        });
    }
    if let Some(rest) = detail.strip_prefix("Variable ") {
        if rest.contains("used in a math operation but is not a number") {
            let name = quoted(rest).unwrap_or_default();
            return Some(Plain {
                message: format!("`{name}` is not a number, so it cannot be used in a sum"),
                hint: "use a number here, or show the value on its own with {{ NAME }}".to_string(),
                near: Some(name),
            });
        }
    }
    if detail.starts_with("Tried to do math with") || detail.contains("math operation") {
        return Some(Plain {
            message: "a sum here uses something that is not a number".to_string(),
            hint: "`+`, `-`, `*`, `/` and `%` work on numbers only; join text with `~`".to_string(),
            near: None,
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
    fn rust_integer_types_are_not_named() {
        let plain = plain("9223372036854775807 + 1 results in an out of bounds i64").unwrap();
        assert_eq!(
            plain.message,
            "the result of 9223372036854775807 + 1 is too large to work with"
        );
        assert_eq!(plain.near.as_deref(), Some("9223372036854775807"));
        let plain = plain_or_panic("Integer out of bounds: `99999999999999999999`");
        assert!(!plain.message.contains("bounds"), "{}", plain.message);
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
