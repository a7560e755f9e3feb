//! Phrases: every word a theme or the build writes into a page or PDF
//! (the skip link, aria labels, the Tree of Life's part names, dates and
//! file sizes), from a table per language, with easy-read words of its
//! own. The built-in tables are `phrases/en-GB.yaml` (whose keys are the
//! canonical list) and `phrases/cy.yaml`; a site adds to or overrides them
//! in `phrases/LANG.yaml`. docs/themes.md, "Phrases", is the guide.

mod filters;
mod table;

pub(crate) use filters::register;

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use table::{Phrase, Table};

/// Every table a site's pages use: for each of its languages, the
/// standard phrases and the easy-read ones.
#[derive(Debug)]
pub(crate) struct PhraseBook {
    /// By language tag as the site gives it: standard, then easy-read.
    tables: BTreeMap<String, [Arc<Phrases>; 2]>,
}

impl PhraseBook {
    /// The tables for `languages`: every language of the site, default
    /// first (BCP 47 tags such as "en-GB", "cy", "ur"). A site's
    /// `phrases/LANG.yaml` in `root` is merged over the built-in table;
    /// a language with no built-in table gets en-GB's words for what its
    /// file leaves out, and one warning listing them. Problems in a site's
    /// file go in `problems`.
    pub(crate) fn load(
        root: &Path,
        languages: &[&str],
        problems: &mut Vec<Diagnostic>,
    ) -> PhraseBook {
        let mut tables = BTreeMap::new();
        for &tag in languages {
            if tables.contains_key(tag) {
                continue;
            }
            let own = table::site_table(root, tag, problems);
            let built_in = table::built_in(tag);
            if built_in.is_none() {
                problems.extend(left_in_english(tag, own.as_ref()));
            }
            let mut layers: Vec<&Table> = english_layers();
            layers.extend(built_in);
            layers.extend(own.as_ref());
            let made = [false, true].map(|easy_read| Arc::new(Phrases::new(&layers, easy_read)));
            tables.insert(tag.to_string(), made);
        }
        problems.extend(unused_tables(root, languages));
        PhraseBook { tables }
    }

    /// The phrases for pages in `language`; easy-read ones when
    /// `easy_read`. A language the book was not loaded with gets en-GB's.
    pub(crate) fn phrases(&self, language: &str, easy_read: bool) -> &Arc<Phrases> {
        let pair = self.tables.get(language).unwrap_or_else(|| english_pair());
        &pair[usize::from(easy_read)]
    }
}

/// A warning for each file in `phrases/` that no language of the site
/// reads: most likely a language id spelt two ways (`cy-GB.yaml` for a
/// site whose language is `cy`).
fn unused_tables(root: &Path, languages: &[&str]) -> Vec<Diagnostic> {
    let Ok(entries) = std::fs::read_dir(root.join("phrases")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|entry| Some(entry.ok()?.file_name().to_string_lossy().into_owned()))
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    names
        .into_iter()
        .filter(|name| {
            name.strip_suffix(".yaml")
                .is_none_or(|tag| !languages.contains(&tag))
        })
        .map(|name| {
            Diagnostic::warning(
                Path::new("phrases").join(&name),
                format!("phrases/{name} is read by no language of this site, so its phrases are not used"),
            )
            .with_hint(format!(
                "a table is named after a language of site.yaml, with .yaml: {}",
                languages
                    .iter()
                    .map(|l| format!("phrases/{l}.yaml"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
        .collect()
}

/// en-GB's table, as the first layer of every language's.
fn english_layers() -> Vec<&'static Table> {
    table::english().into_iter().collect()
}

/// en-GB's standard and easy-read phrases, built once.
fn english_pair() -> &'static [Arc<Phrases>; 2] {
    static ENGLISH: OnceLock<[Arc<Phrases>; 2]> = OnceLock::new();
    ENGLISH.get_or_init(|| {
        [false, true].map(|easy_read| Arc::new(Phrases::new(&english_layers(), easy_read)))
    })
}

/// The warning for a language with no built-in table: the phrases its
/// site's file (`own`) leaves in English, or `None` when it gives them all.
fn left_in_english(tag: &str, own: Option<&Table>) -> Option<Diagnostic> {
    let english = table::english()?;
    let mut missing: Vec<&str> = english
        .phrases
        .keys()
        .filter(|key| own.is_none_or(|own| !own.phrases.contains_key(*key)))
        .map(String::as_str)
        .collect();
    if own.is_none_or(|own| own.months.is_none()) {
        missing.push("months");
    }
    if missing.is_empty() {
        return None;
    }
    let file = PathBuf::from("phrases").join(format!("{tag}.yaml"));
    Some(
        Diagnostic::warning(
            file.clone(),
            format!(
                "signpost has no phrases in `{tag}`, so {} {} left in English: {}",
                missing.len(),
                if missing.len() == 1 { "is" } else { "are" },
                missing.join(", ")
            ),
        )
        .with_hint(format!(
            "give them in {} (signpost's phrases/en-GB.yaml lists every one; docs/themes.md, \"Phrases\")",
            file.display()
        )),
    )
}

/// The phrases pages in one language say, standard or easy-read, with
/// the table's months, language names and number format.
#[derive(Debug)]
pub(crate) struct Phrases {
    /// Every phrase, by key.
    phrases: BTreeMap<String, Phrase>,
    /// The months' names, January first.
    months: Vec<String>,
    /// Languages' names, by tag.
    languages: BTreeMap<String, String>,
    /// The whole table as templates see it (`t`).
    value: tera::Value,
}

impl Phrases {
    /// The phrases of `layers` merged, each over the ones before: in each
    /// layer its standard phrases, then (when `easy_read`) its easy-read
    /// ones.
    fn new(layers: &[&Table], easy_read: bool) -> Phrases {
        let mut phrases = BTreeMap::new();
        let mut months = Vec::new();
        let mut languages = BTreeMap::new();
        for layer in layers {
            phrases.extend(layer.phrases.clone());
            if easy_read {
                phrases.extend(layer.easy_read.clone());
            }
            if let Some(names) = &layer.months {
                months.clone_from(names);
            }
            languages.extend(layer.languages.clone());
        }
        let mut value = tera::Map::new();
        for (key, phrase) in &phrases {
            let shown = match phrase {
                Phrase::Text(text) => tera::Value::from(text.as_str()),
                Phrase::Plural(forms) => tera::Value::from_serializable(forms),
            };
            value.insert(key.clone().into(), shown);
        }
        value.insert("months".into(), tera::Value::from_serializable(&months));
        value.insert(
            "languages".into(),
            tera::Value::from_serializable(&languages),
        );
        Phrases {
            phrases,
            months,
            languages,
            value: tera::Value::from(value),
        }
    }

    /// en-GB's standard phrases, for what is rendered with no site (tests,
    /// the default `Style`).
    pub(crate) fn english() -> Arc<Phrases> {
        english_pair()[0].clone()
    }

    /// The phrase `key` (a plural's `other` form). Every key is in en-GB's
    /// table, which every table is merged over; a key that is not (a
    /// mistake in signpost, or a tree part no table names) is empty.
    pub(crate) fn get(&self, key: &str) -> &str {
        self.phrases
            .get(key)
            .map_or("", |phrase| phrase.for_number(u64::MAX))
    }

    /// The phrase `key` with each `{name}` in `args` filled in.
    pub(crate) fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill_in(self.get(key), args)
    }

    /// A date as text: "5 December 2026".
    pub(crate) fn date(&self, year: i32, month: u32, day: u32) -> String {
        let index = usize::try_from(month.saturating_sub(1)).unwrap_or(0);
        let month = self.months.get(index).map_or("", String::as_str);
        self.fill(
            "date",
            &[
                ("day", &day.to_string()),
                ("month", month),
                ("year", &year.to_string()),
            ],
        )
    }

    /// A file's size: "48 KB" under a mebibyte, else "1.2 MB", with the
    /// table's decimal mark.
    pub(crate) fn size(&self, bytes: u64) -> String {
        if bytes < 1024 * 1024 {
            self.fill("size_kb", &[("size", &bytes.div_ceil(1024).to_string())])
        } else {
            let number = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
                .replace('.', self.get("decimal_mark"));
            self.fill("size_mb", &[("size", &number)])
        }
    }

    /// The name of the language `tag` in this table's language (by its
    /// primary subtag when the table has no name for the whole tag).
    pub(crate) fn language_name(&self, tag: &str) -> Option<&str> {
        self.languages
            .get(tag)
            .or_else(|| self.languages.get(table::primary_subtag(tag)))
            .map(String::as_str)
    }

    /// The whole table for templates, as `t`: each phrase by key (a plural
    /// as a map of its forms), `months` and `languages`. Built once;
    /// cloning it is cheap.
    pub(crate) fn value(&self) -> tera::Value {
        self.value.clone()
    }
}

/// `text` with each `{name}` that `args` names filled in; other braces
/// are left as they are.
pub(crate) fn fill_in(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let filled = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, value) = args.iter().find(|(arg, _)| *arg == name)?;
            Some((value, close))
        });
        match filled {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
