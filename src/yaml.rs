//! Turning serde_yaml's errors into diagnostics that point into the file the
//! YAML came from, with a "did you mean" hint for misspelt keys.

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// A diagnostic for a YAML error in `file`, whose YAML text starts on line
/// `first_line` of the file (1 for a whole file, 2 for front-matter).
pub fn yaml_diagnostic(file: &Path, error: &serde_yaml::Error, first_line: usize) -> Diagnostic {
    let text = error.to_string();
    // serde_yaml puts " at line L column C" in; we report the place ourselves.
    let message = without_places(&text);
    let message = plain_words(&message);
    let mut diagnostic = Diagnostic::error(file, message.clone());
    if let Some(location) = error.location() {
        diagnostic = diagnostic.at(location.line() + first_line - 1, location.column());
    }
    let hint = did_you_mean_hint(&message).or_else(|| {
        if message.contains("mapping values are not allowed") {
            Some(
                "a value that contains `: ` must be in quotes: title: \"Stage 1: Evaluate\""
                    .to_string(),
            )
        } else if let Some(key) = message.strip_prefix("missing required key `") {
            let key = key.trim_end_matches('`');
            Some(format!("add a line `{key}: ...`"))
        } else if message.contains("should be lines of") {
            Some("start with `---`, then lines such as `title: Prepare`, then `---`".to_string())
        } else {
            None
        }
    });
    if let Some(hint) = hint {
        diagnostic = diagnostic.with_hint(hint);
    }
    diagnostic
}

/// serde's names for kinds of value, in words for people.
fn plain_kind(kind: &str) -> String {
    let kind = kind.trim();
    if kind.starts_with("struct ") || kind == "map" || kind == "a map" {
        return "lines of `key: value`".to_string();
    }
    if let Some(text) = kind.strip_prefix("string ") {
        return format!("the text {text}");
    }
    match kind {
        "a string" | "string" => "text".to_string(),
        "i64" | "u64" | "i32" | "u32" | "an integer" | "integer" => {
            "a whole number, like 20".to_string()
        }
        "a boolean" | "boolean" => "true or false".to_string(),
        "f32" | "f64" | "a float" => "a number, like 1.5".to_string(),
        "sequence" | "a sequence" => "a list".to_string(),
        "unit value" => "empty".to_string(),
        other => match other.strip_prefix("boolean ") {
            Some(value) => format!("the value {value}"),
            None => match other.strip_prefix("integer ") {
                Some(value) => format!("the number {value}"),
                None => other.to_string(),
            },
        },
    }
}

/// The message without serde_yaml's " at line L column C" parts, whose
/// lines count from the start of the YAML, not of the file.
fn without_places(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" at line ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + " at line ".len()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let after = &after[digits..];
        rest = match after.strip_prefix(" column ") {
            Some(column) => &column[column.chars().take_while(char::is_ascii_digit).count()..],
            None => after,
        };
    }
    out.push_str(rest);
    out
}

/// Rewords serde's messages for people who do not read Rust: a key path
/// first (`kind: unknown variant ...`) becomes the subject of the sentence.
fn plain_words(message: &str) -> String {
    let message = message
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing required key");
    let (key, rest) = match message.split_once(": ") {
        Some((key, rest)) if !key.contains(' ') => (Some(key), rest),
        _ => (None, message.as_str()),
    };
    if rest.contains("recursion limit exceeded") {
        return format!(
            "{} is nested too deeply",
            key.map_or_else(|| "this value".to_string(), |k| format!("`{k}`"))
        );
    }
    if let Some(rest) = rest.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let (found, expected) = (plain_kind(found), plain_kind(expected));
            return match key {
                Some(key) => format!("`{key}` should be {expected}, but here it is {found}"),
                None if expected.starts_with("lines of") => {
                    format!(
                        "the front-matter should be lines of `key: value`, but here it is {found}"
                    )
                }
                None => format!("this should be {expected}, but here it is {found}"),
            };
        }
    }
    let subject = key.map_or_else(|| "this value".to_string(), |k| format!("`{k}`"));
    if let Some(rest) = rest.strip_prefix("unknown variant ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let expected = expected.trim_start_matches("one of ");
            return format!("{subject} cannot be {found}; it must be one of {expected}");
        }
    }
    if let Some(rest) = rest.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("{subject} should be {expected}, but here it is {found}");
        }
    }
    message
}

/// For "unknown key `x`, expected one of `a`, `b`", suggests the closest
/// expected key, or lists them all when none is close.
fn did_you_mean_hint(message: &str) -> Option<String> {
    let (_, rest) = message.split_once("unknown key `")?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    if expected.is_empty() {
        return None;
    }
    let best = expected
        .iter()
        .map(|candidate| (strsim::levenshtein(unknown, candidate), *candidate))
        .min()?;
    if best.0 <= 2 || strsim::jaro_winkler(unknown, best.1) > 0.85 {
        Some(format!("did you mean `{}`?", best.1))
    } else {
        Some(format!(
            "the keys allowed here are {}",
            expected
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

/// The 1-based line of a top-level `key:` in a YAML text, for problems found
/// after parsing (a value that does not suit the page's kind, say).
pub fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_key() {
        let hint = did_you_mean_hint("unknown key `titel`, expected one of `title`, `summary`");
        assert_eq!(hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn type_errors_are_worded_for_people() {
        assert_eq!(
            plain_words("title: invalid type: sequence, expected a string"),
            "`title` should be text, but here it is a list"
        );
        assert_eq!(
            plain_words("kind: unknown variant `leaflet`, expected one of `page`, `log`"),
            "`kind` cannot be `leaflet`; it must be one of `page`, `log`"
        );
    }

    #[test]
    fn places_inside_messages_are_taken_out() {
        assert_eq!(
            without_places("found unexpected end of stream at line 4 column 1, while scanning a quoted scalar at line 2 column 8"),
            "found unexpected end of stream, while scanning a quoted scalar"
        );
    }

    #[test]
    fn finds_a_top_level_key() {
        assert_eq!(key_line("title: A\ntree:\n  roots: x\n", "tree"), Some(2));
        assert_eq!(key_line("title: A\n", "tree"), None);
    }
}
