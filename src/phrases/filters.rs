//! The filters theme templates use with the phrase table `t`:
//! `{{ t.published_by | fill(organisation=site.organisation) }}` and
//! `{{ t.pdf_pages | count(n=page.pdf_file.pages) }}`.

use super::fill_in;
use super::table::Phrase;
use std::collections::BTreeMap;
use tera::{Kwargs, State, TeraResult, Value};

/// Registers the phrase filters on a theme's engine (before its templates
/// are added, as Tera checks that every filter they use exists).
pub(crate) fn register(tera: &mut tera::Tera) {
    tera.register_filter("fill", fill);
    tera.register_filter("count", count);
}

/// A value as text: a string as it is, anything else as Tera prints it.
fn text_of(value: &Value) -> String {
    match value.as_str() {
        Some(text) => text.to_string(),
        None => value.to_string(),
    }
}

/// `fill`: a phrase with each `{name}` given as an argument filled in.
fn fill(value: Value, args: Kwargs, _: &State) -> String {
    let given: Vec<(String, String)> = args
        .iter()
        .map(|(name, value)| (name.to_string(), text_of(value)))
        .collect();
    let pairs: Vec<(&str, &str)> = given
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    fill_in(&text_of(&value), &pairs)
}

/// `count`: a plural phrase (a map of its forms) for `n` things, with
/// `{n}` filled in.
fn count(value: Value, args: Kwargs, _: &State) -> TeraResult<String> {
    let n: u64 = args.must_get("n")?;
    let phrase = match value.as_map() {
        Some(map) => Phrase::Plural(
            map.iter()
                .map(|(form, text)| (form.to_string(), text_of(text)))
                .collect::<BTreeMap<_, _>>(),
        ),
        None => Phrase::Text(text_of(&value)),
    };
    Ok(fill_in(phrase.for_number(n), &[("n", &n.to_string())]))
}
