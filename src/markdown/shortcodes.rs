//! The fill-in shortcodes (`field`, `date`, `signature`, `checkbox`): Tera
//! functions that leave a marker in the Markdown, which becomes a labelled
//! form control once the Markdown is HTML.
//!
//! The marker holds the arguments hex-encoded between two private-use
//! characters, so Markdown (smart quotes, emphasis) cannot change them.

use super::headings::{slugify, IdSet};
use std::collections::HashMap;
use tera::Value;

const OPEN: char = '\u{E002}';
const CLOSE: char = '\u{E003}';

/// The shortcodes and the arguments each takes.
const SHORTCODES: [(&str, &[&str]); 4] = [
    ("field", &["label", "lines"]),
    ("date", &["label"]),
    ("signature", &["label"]),
    ("checkbox", &["label"]),
];

/// Registers the shortcodes as functions on a Tera instance.
pub fn register(tera: &mut tera::Tera) {
    for (name, allowed) in SHORTCODES {
        tera.register_function(name, move |args: &HashMap<String, Value>| {
            marker(name, allowed, args)
        });
    }
}

/// Checks a shortcode's arguments and returns its marker.
fn marker(name: &str, allowed: &[&str], args: &HashMap<String, Value>) -> tera::Result<Value> {
    let mut keys: Vec<&String> = args.keys().collect();
    keys.sort();
    for key in keys {
        if !allowed.contains(&key.as_str()) {
            return Err(tera::Error::msg(format!(
                "`{name}` does not take the argument `{key}`; it takes {}",
                allowed
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            )));
        }
    }
    let label = match args.get("label") {
        Some(Value::String(label)) if !label.trim().is_empty() => label.clone(),
        Some(_) => {
            return Err(tera::Error::msg(format!(
                "`{name}` needs a `label` in quotes, with some text"
            )))
        }
        None => {
            return Err(tera::Error::msg(format!(
                "`{name}` needs a `label`, as in {name}(label=\"...\")"
            )))
        }
    };
    let lines = match args.get("lines") {
        None => 1,
        Some(value) => match value.as_u64() {
            Some(n @ 1..=60) => n,
            _ => {
                return Err(tera::Error::msg(format!(
                    "`lines` on `{name}` must be a whole number from 1 to 60"
                )))
            }
        },
    };
    let payload = format!("{name}\u{1f}{lines}\u{1f}{label}");
    let hex: String = payload.bytes().map(|b| format!("{b:02x}")).collect();
    Ok(Value::String(format!("{OPEN}{hex}{CLOSE}")))
}

/// Replaces the markers in rendered HTML with form controls. A marker alone
/// in a paragraph becomes a block; one inside text stays inline. Returns
/// whether the page has any field. Ids are taken from `ids`, so they differ
/// from the page's heading ids.
pub fn expand(html: &str, ids: &mut IdSet) -> (String, bool) {
    if !html.contains(OPEN) {
        return (html.to_string(), false);
    }
    let mut out = String::with_capacity(html.len() + 512);
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let Some(len) = rest[start..].find(CLOSE) else {
            break;
        };
        let end = start + len;
        let control = decode(&rest[start + OPEN.len_utf8()..end]).map(|(name, lines, label)| {
            let id = ids.unique(&format!("field_{}", slugify(&label)));
            let date_id = if name == "signature" {
                ids.unique(&format!("{id}-date"))
            } else {
                String::new()
            };
            control(&name, lines, &label, &id, &date_id)
        });
        let before = &rest[..start];
        let after = &rest[end + CLOSE.len_utf8()..];
        match control {
            Some(control) if before.ends_with("<p>") && after.starts_with("</p>") => {
                out.push_str(&before[..before.len() - 3]);
                out.push_str(&format!("<div class=\"field-row\">{control}</div>"));
                rest = &after[4..];
            }
            Some(control) => {
                out.push_str(before);
                out.push_str(&control);
                rest = after;
            }
            None => {
                out.push_str(before);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, true)
}

fn decode(hex: &str) -> Option<(String, u64, String)> {
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    let text = String::from_utf8(bytes?).ok()?;
    let mut parts = text.splitn(3, '\u{1f}');
    Some((
        parts.next()?.to_string(),
        parts.next()?.parse().ok()?,
        parts.next()?.to_string(),
    ))
}

/// The HTML of one control, with a visible label tied to it.
/// `date_id` is the id of a signature's date control.
fn control(name: &str, lines: u64, label: &str, id: &str, date_id: &str) -> String {
    let label = crate::util::html::escape_html(label);
    match name {
        "field" if lines > 1 => format!(
            "<span class=\"field field-lines\" style=\"--lines: {lines}\"><label for=\"{id}\">{label}</label> \
             <textarea id=\"{id}\" name=\"{id}\" rows=\"{lines}\" data-keep></textarea></span>"
        ),
        "date" => format!(
            "<span class=\"field field-date\"><label for=\"{id}\">{label}</label> \
             <input type=\"date\" id=\"{id}\" name=\"{id}\" data-keep></span>"
        ),
        "signature" => format!(
            "<span class=\"field field-signature\"><span class=\"signature-line\"><label for=\"{id}\">{label}</label> \
             <input type=\"text\" id=\"{id}\" name=\"{id}\" autocomplete=\"off\" data-keep></span> \
             <span class=\"signature-date\"><label for=\"{date_id}\">Date<span class=\"visually-hidden\"> for {label}</span></label> \
             <input type=\"date\" id=\"{date_id}\" name=\"{date_id}\" data-keep></span></span>"
        ),
        "checkbox" => format!(
            "<span class=\"field field-checkbox\"><input type=\"checkbox\" id=\"{id}\" name=\"{id}\" data-keep> \
             <label for=\"{id}\">{label}</label></span>"
        ),
        _ => format!(
            "<span class=\"field field-line\"><label for=\"{id}\">{label}</label> \
             <input type=\"text\" id=\"{id}\" name=\"{id}\" autocomplete=\"off\" data-keep></span>"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, args: &[(&str, Value)]) -> tera::Result<String> {
        let allowed = SHORTCODES.iter().find(|(n, _)| *n == name).unwrap().1;
        let args = args
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        marker(name, allowed, &args).map(|v| v.as_str().unwrap().to_string())
    }

    #[test]
    fn a_field_alone_in_a_paragraph_becomes_a_block() {
        let m = call("field", &[("label", Value::from("Mentor's name"))]).unwrap();
        let (html, has_fields) = expand(&format!("<p>{m}</p>\n"), &mut IdSet::default());
        assert!(has_fields);
        assert!(
            html.starts_with("<div class=\"field-row\"><span class=\"field field-line\">"),
            "{html}"
        );
        assert!(
            html.contains("<label for=\"field_mentor-s-name\">Mentor&#39;s name</label>"),
            "{html}"
        );
    }

    #[test]
    fn repeated_labels_get_distinct_ids() {
        let m = call("signature", &[("label", Value::from("Signed"))]).unwrap();
        let (html, _) = expand(&format!("<p>{m} and {m}</p>"), &mut IdSet::default());
        assert!(html.contains("id=\"field_signed\""));
        assert!(html.contains("id=\"field_signed-1\""));
        assert!(html.contains("id=\"field_signed-date\""));
    }

    #[test]
    fn unknown_arguments_are_refused() {
        let error = call(
            "date",
            &[("label", Value::from("D")), ("lines", Value::from(3))],
        )
        .unwrap_err();
        assert!(error
            .to_string()
            .contains("`date` does not take the argument `lines`"));
        assert!(call("checkbox", &[]).is_err());
    }
}
