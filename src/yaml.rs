//! Turning serde_yaml's errors into diagnostics that point into the file the
//! YAML came from, with a "did you mean" hint for misspelt keys, and
//! warnings for values that parse but are not what was meant.

use crate::diagnostic::{line_column, Diagnostic};
use std::path::Path;

/// A diagnostic for a YAML error in `file`, whose YAML `text` starts on
/// line `first_line` of the file (1 for a whole file, 2 for front-matter).
pub(crate) fn yaml_diagnostic(
    file: &Path,
    text: &str,
    error: &serde_yaml::Error,
    first_line: usize,
) -> Diagnostic {
    let place = error
        .location()
        .map(|location| (location.line(), location.column()));
    if let Some(tab) = place.and_then(|(line, _)| tab_indent(text, line)) {
        return Diagnostic::error(file, "a tab is used for indentation; YAML needs spaces")
            .at(tab.0 + first_line - 1, tab.1)
            .with_hint("replace the tab with spaces: two for each level");
    }
    if let Some((offset, control)) = control_character(text) {
        let (line, column) = line_column(text, offset);
        return Diagnostic::error(
            file,
            format!(
                "an invisible control character (\\u{{{:x}}}) is not allowed in YAML",
                control as u32
            ),
        )
        .at(line + first_line - 1, column)
        .with_hint(
            "delete it: most editors do not show it, so retype the line if you cannot find it",
        );
    }
    let raw = error.to_string();
    if raw.contains("unexpected end of stream") && raw.contains("while scanning a quoted scalar") {
        return Diagnostic::error(file, "a quote is opened here and never closed")
            .at_opt(opening_quote(&raw).map(|(line, column)| (line + first_line - 1, column)))
            .with_hint(
                "end the value with the same quote mark it starts with: title: \"Prepare\"",
            );
    }
    // serde_yaml puts " at line L column C" in; we report the place ourselves.
    let message = plain_words(&without_places(&raw));
    let message = message.replace(
        "did not find expected key, while parsing a block mapping",
        "this key is not lined up with the keys above it",
    );
    if message.contains("repetition limit exceeded") {
        return repeated_aliases(file, text, first_line);
    }
    if let Some(key) = duplicate_key(&message) {
        let second = second_occurrence(text, key, place.map_or(1, |(line, _)| line));
        return Diagnostic::error(file, format!("`{key}` is given twice"))
            .at_opt(second.map(|(line, column)| (line + first_line - 1, column)))
            .with_hint("remove one of them");
    }
    let mut diagnostic = Diagnostic::error(file, message.clone())
        .at_opt(place.map(|(line, column)| (line + first_line - 1, column)));
    if let Some(hint) = hint_for(&message, text, place) {
        diagnostic = diagnostic.with_hint(hint);
    }
    diagnostic
}

/// How to fix a YAML error, where we can tell.
fn hint_for(message: &str, text: &str, place: Option<(usize, usize)>) -> Option<String> {
    if let Some(hint) = did_you_mean_hint(message) {
        return Some(hint);
    }
    if message.contains("mapping values are not allowed") || message.contains("not lined up") {
        // A second `: ` on the line of the error is a value that holds
        // one; otherwise a key is indented where no key can be.
        let line_text = place.and_then(|(line, column)| {
            let line_text = text.lines().nth(line.checked_sub(1)?)?;
            Some(
                line_text
                    .chars()
                    .take(column.saturating_sub(1))
                    .collect::<String>(),
            )
        });
        return Some(if line_text.is_some_and(|before| before.contains(": ")) {
            "a value that contains `: ` must be in quotes: title: \"Stage 1: Evaluate\"".to_string()
        } else {
            "check the indentation: every key at one level starts in the same column".to_string()
        });
    }
    if message.contains(TOO_LARGE) {
        return Some(
            "use a whole number of at most 18 digits, or put it in quotes to keep it as text"
                .to_string(),
        );
    }
    if let Some(key) = message.strip_prefix("missing required key `") {
        let key = key.trim_end_matches('`');
        return Some(format!("add a line `{key}: ...`"));
    }
    if message.contains("should be lines of") {
        return Some(
            "start with `---`, then lines such as `title: Prepare`, then `---`".to_string(),
        );
    }
    None
}

/// When the error at `line` (1-based, in `text`) comes from a tab in the
/// indentation of that line or the one before (libyaml may stop on the
/// line after the tab), where the tab is.
fn tab_indent(text: &str, line: usize) -> Option<(usize, usize)> {
    [line, line.saturating_sub(1)]
        .into_iter()
        .filter(|&line| line > 0)
        .find_map(|line| {
            let line_text = text.lines().nth(line - 1)?;
            let indentation = &line_text[..line_text.len() - line_text.trim_start().len()];
            let tab = indentation.chars().position(|c| c == '\t')?;
            Some((line, tab + 1))
        })
}

/// Where libyaml says the quoted value it was reading started: its
/// message ends "while scanning a quoted scalar at line L column C".
fn opening_quote(message: &str) -> Option<(usize, usize)> {
    let (_, place) = message.split_once("while scanning a quoted scalar at line ")?;
    let (line, column) = place.split_once(" column ")?;
    let column: String = column.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// The first character YAML does not allow in a file, and where it is:
/// libyaml names it only by a byte count from the start of the YAML.
fn control_character(text: &str) -> Option<(usize, char)> {
    text.char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
}

/// The error for YAML whose aliases (`*name`) repeat a value so often that
/// it would grow past what serde_yaml reads (a "billion laughs" file).
fn repeated_aliases(file: &Path, text: &str, first_line: usize) -> Diagnostic {
    Diagnostic::error(
        file,
        "too many repeated aliases: the `*name` values here would repeat their anchors' values past what signpost reads",
    )
    .at_opt(first_alias(text).map(|(line, column)| (line + first_line - 1, column)))
    .with_hint("write the values out instead of repeating them with `&name` and `*name`")
}

/// The line and column of the first alias (`*name` as a value) in `text`.
fn first_alias(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let offset = text.match_indices('*').map(|(i, _)| i).find(|&i| {
        let before_ok = i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'[' | b',' | b'{');
        let after_ok = bytes
            .get(i + 1)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-');
        before_ok && after_ok
    })?;
    Some(line_column(text, offset))
}

/// The key of a "duplicate field `x`" or "duplicate entry with key "x""
/// message.
fn duplicate_key(message: &str) -> Option<&str> {
    if let Some(rest) = message.split_once("duplicate field `").map(|(_, r)| r) {
        return rest.split('`').next();
    }
    let rest = message
        .split_once("duplicate entry with key ")
        .map(|(_, r)| r)?;
    Some(rest.trim_matches(|c| c == '"' || c == '\''))
}

/// Where `key:` is written again after its first place at or after line
/// `from` (serde_yaml points at the first, or at the mapping it is in).
fn second_occurrence(text: &str, key: &str, from: usize) -> Option<(usize, usize)> {
    let mut places = text
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .filter_map(|(i, line)| {
            let trimmed = line.trim_start();
            let trimmed = trimmed.strip_prefix("- ").unwrap_or(trimmed);
            let rest = trimmed
                .strip_prefix(key)
                .or_else(|| trimmed.strip_prefix(&format!("\"{key}\"")))
                .or_else(|| trimmed.strip_prefix(&format!("'{key}'")))?;
            rest.trim_start()
                .starts_with(':')
                .then(|| (i + 1, line.len() - trimmed.len() + 1))
        });
    let first = places.next();
    places.next().or(first)
}

/// Warnings for values wrapped whole in curly quotes (“…” or ‘…’), as
/// text pasted from Word often is: YAML reads only straight quotes as
/// quotes, so the curly ones become part of the value (a `tel:` link to
/// “01632 960 471” goes nowhere).
pub(crate) fn curly_quoted_values(file: &Path, text: &str, first_line: usize) -> Vec<Diagnostic> {
    if !text.contains(['“', '‘']) {
        return Vec::new();
    }
    let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return Vec::new();
    };
    let mut quoted = Vec::new();
    curly_quoted_strings(&value, &mut quoted);
    // Values come in the order they are written: look for each after the last.
    let mut from = 0;
    quoted
        .into_iter()
        .map(|value| {
            let offset = text[from..].find(value).map(|i| from + i).or_else(|| text.find(value));
            if let Some(offset) = offset {
                from = offset + value.len();
            }
            let place = offset.map(|offset| {
                let (line, column) = line_column(text, offset);
                (line + first_line - 1, column)
            });
            let inner: String = {
                let mut chars = value.chars();
                chars.next();
                chars.next_back();
                chars.collect()
            };
            Diagnostic::warning(
                file,
                format!("{value} is wrapped in curly quotes, which YAML keeps as part of the value"),
            )
            .at_opt(place)
            .with_hint(format!(
                "these are curly quotes, so they are part of the value; use straight quotes \"{inner}\" or none"
            ))
        })
        .collect()
}

/// The text values in `value` that start and end with a curly quote.
fn curly_quoted_strings<'a>(value: &'a serde_yaml::Value, found: &mut Vec<&'a str>) {
    match value {
        serde_yaml::Value::String(text) => {
            let starts = text.starts_with(['“', '‘']);
            let ends = text.ends_with(['”', '’']);
            if starts && ends && text.chars().count() >= 2 {
                found.push(text);
            }
        }
        serde_yaml::Value::Sequence(items) => {
            items
                .iter()
                .for_each(|item| curly_quoted_strings(item, found));
        }
        serde_yaml::Value::Mapping(map) => {
            map.values()
                .for_each(|item| curly_quoted_strings(item, found));
        }
        serde_yaml::Value::Tagged(tagged) => curly_quoted_strings(&tagged.value, found),
        _ => {}
    }
}

/// How a number past 64 bits is described.
const TOO_LARGE: &str = "a number too large";

/// serde's names for kinds of value, in words for people.
fn plain_kind(kind: &str) -> String {
    let kind = kind.trim();
    if kind.starts_with("struct ") || kind == "map" || kind == "a map" {
        return "lines of `key: value`".to_string();
    }
    if let Some(text) = kind.strip_prefix("string ") {
        return format!("the text {text}");
    }
    // serde names a number past 64 bits by its Rust type (`u128`).
    if kind.ends_with(" as u128") || kind.ends_with(" as i128") {
        let digits = kind.split('`').nth(1).unwrap_or_default();
        return format!("{digits}, {TOO_LARGE}");
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
            if found.ends_with(TOO_LARGE) {
                // Too large for anything: what was expected does not matter.
                let subject = key.map_or_else(|| "this value".to_string(), |k| format!("`{k}`"));
                return format!("{subject} is {found}");
            }
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
pub(crate) fn key_line(yaml: &str, key: &str) -> Option<usize> {
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
    fn a_duplicate_key_is_found_at_its_second_place() {
        let text = "title: A\ncontact:\n  name: B\n  name: C\n";
        assert_eq!(second_occurrence(text, "name", 3), Some((4, 3)));
        assert_eq!(duplicate_key("duplicate field `name`"), Some("name"));
        assert_eq!(duplicate_key("duplicate entry with key \"x\""), Some("x"));
    }

    #[test]
    fn the_first_alias_is_a_star_before_a_name() {
        assert_eq!(first_alias("a: 2 * 3\nb: &x 1\nc: [*x]\n"), Some((3, 5)));
        assert_eq!(first_alias("a: *.md\n"), None);
    }

    #[test]
    fn finds_a_top_level_key() {
        assert_eq!(key_line("title: A\ntree:\n  roots: x\n", "tree"), Some(2));
        assert_eq!(key_line("title: A\n", "tree"), None);
    }
}
