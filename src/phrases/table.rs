//! One phrase table read from YAML (a built-in one, or a site's
//! `phrases/LANG.yaml`), and the check of a site's table against en-GB's
//! keys.

use crate::diagnostic::Diagnostic;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

/// The built-in tables, by language tag; en-GB's keys are the canonical
/// list.
const BUILT_IN: [(&str, &str); 2] = [
    ("en-GB", include_str!("../../phrases/en-GB.yaml")),
    ("cy", include_str!("../../phrases/cy.yaml")),
];

/// The plural forms a plural phrase may give (CLDR's names). A number
/// takes `zero`, `one` or `two` when it is that number and the phrase has
/// that form, otherwise `other`.
const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One phrase: text, or a plural (forms by name, with `{n}` for the
/// number).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub(super) enum Phrase {
    /// Text, with `{name}` where something is filled in.
    Text(String),
    /// A plural: text by form (`one`, `other`).
    Plural(BTreeMap<String, String>),
}

impl Phrase {
    /// The text said for `n` things (the text itself for a phrase that is
    /// not a plural).
    pub(super) fn for_number(&self, n: u64) -> &str {
        match self {
            Phrase::Text(text) => text,
            Phrase::Plural(forms) => {
                let exact = match n {
                    0 => "zero",
                    1 => "one",
                    2 => "two",
                    _ => "other",
                };
                forms
                    .get(exact)
                    .or_else(|| forms.get("other"))
                    .map_or("", String::as_str)
            }
        }
    }
}

/// A phrase table as written.
#[derive(Clone, Debug, Default, Deserialize)]
pub(super) struct Table {
    /// What easy-read pages say differently, by key.
    #[serde(default)]
    pub easy_read: BTreeMap<String, Phrase>,
    /// The twelve months' names, January first.
    #[serde(default)]
    pub months: Option<Vec<String>>,
    /// Languages' names in this language, by tag.
    #[serde(default)]
    pub languages: BTreeMap<String, String>,
    /// The phrases, by key.
    #[serde(flatten)]
    pub phrases: BTreeMap<String, Phrase>,
}

/// The built-in table for language `tag`: its own, else its primary
/// subtag's (`cy-GB` → `cy`), and en-GB's for any English.
pub(super) fn built_in(tag: &str) -> Option<&'static Table> {
    static TABLES: OnceLock<Vec<(&str, Table)>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        BUILT_IN
            .iter()
            .map(|(tag, text)| {
                let table = serde_yaml::from_str(text)
                    .unwrap_or_else(|e| panic!("built-in phrases {tag}: {e}"));
                (*tag, table)
            })
            .collect()
    });
    let find = |wanted: &str| {
        tables
            .iter()
            .find(|(tag, _)| tag.eq_ignore_ascii_case(wanted))
            .map(|(_, table)| table)
    };
    let primary = primary_subtag(tag);
    find(tag)
        .or_else(|| find(primary))
        .or_else(|| primary.eq_ignore_ascii_case("en").then(english).flatten())
}

/// en-GB's table: every key, in English.
pub(super) fn english() -> Option<&'static Table> {
    built_in("en-GB")
}

/// `cy` of `cy-GB`.
pub(super) fn primary_subtag(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// The site's own table for `tag`, from `phrases/TAG.yaml` (or the primary
/// subtag's file), checked; `None` when it has none or it cannot be read.
pub(super) fn site_table(root: &Path, tag: &str, problems: &mut Vec<Diagnostic>) -> Option<Table> {
    let primary = primary_subtag(tag);
    let shown = [tag, primary]
        .iter()
        .map(|name| Path::new("phrases").join(format!("{name}.yaml")))
        .find(|shown| root.join(shown).is_file())?;
    let text = match std::fs::read_to_string(root.join(&shown)) {
        Ok(text) => text,
        Err(error) => {
            problems.push(Diagnostic::error(
                &shown,
                format!(
                    "cannot read the phrases: {}",
                    crate::diagnostic::io_words(&error)
                ),
            ));
            return None;
        }
    };
    read(&shown, &text, problems)
}

/// A site's table from its YAML `text`, with every key and form checked
/// against en-GB's; `None` when the YAML is not a table.
pub(super) fn read(shown: &Path, text: &str, problems: &mut Vec<Diagnostic>) -> Option<Table> {
    let table: Table = match serde_yaml::from_str::<Option<Table>>(text) {
        Ok(table) => table.unwrap_or_default(),
        Err(error) => {
            problems.push(crate::yaml::yaml_diagnostic(shown, text, &error, 1));
            return None;
        }
    };
    let english = english()?;
    check(
        shown,
        text,
        &table.phrases,
        None,
        &english.phrases,
        problems,
    );
    let easy_line = place(text, "easy_read", 0, None).map_or(0, |(line, _)| line);
    check(
        shown,
        text,
        &table.easy_read,
        Some(easy_line),
        &english.phrases,
        problems,
    );
    if let Some(months) = &table.months {
        if months.len() != 12 {
            problems.push(
                Diagnostic::error(
                    shown,
                    format!("`months` lists {} months, not 12", months.len()),
                )
                .at_opt(place(text, "months", 0, None))
                .with_hint("list the twelve months' names, January first"),
            );
        }
    }
    Some(table)
}

/// Errors for keys in `given` that en-GB's table (`known`) does not have,
/// and for phrases of the wrong form. `under` is the line of the map they
/// are in (`easy_read:`), `None` for the top level.
fn check(
    shown: &Path,
    text: &str,
    given: &BTreeMap<String, Phrase>,
    under: Option<usize>,
    known: &BTreeMap<String, Phrase>,
    problems: &mut Vec<Diagnostic>,
) {
    let keys: Vec<&str> = known.keys().map(String::as_str).collect();
    for (key, phrase) in given {
        let at = place(text, key, under.unwrap_or(0), under.map(|_| 1));
        let Some(english) = known.get(key) else {
            let hint = match nearest(key, &keys) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "the phrases are listed in signpost's phrases/en-GB.yaml (docs/themes.md, \"Phrases\")"
                    .to_string(),
            };
            problems.push(
                Diagnostic::error(shown, format!("`{key}` is not a phrase signpost knows"))
                    .at_opt(at)
                    .with_hint(hint),
            );
            continue;
        };
        let problem = match (english, phrase) {
            (Phrase::Plural(_), Phrase::Text(_)) => Some((
                format!("`{key}` is a plural"),
                format!("give its forms, with {{n}} for the number: {key}: {{ one: \"...\", other: \"...\" }}"),
            )),
            (Phrase::Text(_), Phrase::Plural(_)) => Some((
                format!("`{key}` is text, not a plural"),
                format!("give it as text: {key}: \"...\""),
            )),
            (_, Phrase::Plural(forms)) if !forms.contains_key("other") => Some((
                format!("the plural `{key}` has no `other` form"),
                "give `other`, said for every number without a form of its own".to_string(),
            )),
            (_, Phrase::Plural(forms)) => forms
                .keys()
                .find(|form| !PLURAL_FORMS.contains(&form.as_str()))
                .map(|form| {
                    (
                        format!("`{form}` is not a plural form (in `{key}`)"),
                        format!("the forms are {}", PLURAL_FORMS.join(", ")),
                    )
                }),
            (_, Phrase::Text(_)) => None,
        };
        if let Some((message, hint)) = problem {
            problems.push(Diagnostic::error(shown, message).at_opt(at).with_hint(hint));
        }
    }
}

/// The known key nearest to a misspelt one, if any is near.
fn nearest<'a>(key: &str, keys: &[&'a str]) -> Option<&'a str> {
    let (distance, near) = keys
        .iter()
        .map(|known| (strsim::levenshtein(key, known), *known))
        .min()?;
    (distance <= 3 || strsim::jaro_winkler(key, near) > 0.85).then_some(near)
}

/// Where `key:` is written in `text` (line and column, from 1): on a line
/// after line `after`, and, when `min_indent` is given, indented at least
/// that much (a key inside a map).
fn place(text: &str, key: &str, after: usize, min_indent: Option<usize>) -> Option<(usize, usize)> {
    text.lines().enumerate().skip(after).find_map(|(n, line)| {
        let body = line.trim_start();
        let indent = line.len() - body.len();
        let named = [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .any(|written| {
                body.strip_prefix(written.as_str())
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            });
        (named && min_indent.is_none_or(|min| indent >= min)).then_some((n + 1, indent + 1))
    })
}
