//! The languages a site is written in: the default (`language:`), whose
//! pages live where they always have, and the others (`languages:`), each
//! under its own folder (`/cy/`), with its name in itself, its direction
//! and, where they differ, its own title, organisation and `params`.

use crate::diagnostic::{Diagnostic, Diagnostics};
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One entry under `languages:`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct LanguageEntry {
    /// The language's name in itself, for the language switcher, such as
    /// "Cymraeg". Known for common languages; needed for the others.
    label: Option<String>,
    /// `rtl` for a language written right to left (Urdu, Arabic). Known
    /// for common languages.
    dir: Option<Direction>,
    /// The site's title in this language. Default: the site's title.
    title: Option<String>,
    /// The organisation's name in this language. Default: the site's.
    organisation: Option<String>,
    /// Each audience's name in the switcher in this language, by its id.
    /// Default: its `label`.
    audiences: Option<IndexMap<String, String>>,
    /// Who to contact, as this language's pages say it: each part given
    /// here replaces the site's (the team's name in this language).
    contact: Option<super::Contact>,
    /// Values of `params` in this language, over the site's `params`.
    #[schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")]
    params: Option<serde_yaml::Value>,
}

/// Which way a language is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Direction {
    /// Left to right.
    #[default]
    Ltr,
    /// Right to left.
    Rtl,
}

/// A language the site is written in, with everything that differs in it.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Language {
    /// Its BCP 47 tag (`en-GB`, `cy`, `pa-Guru`): in file names
    /// (`page.cy.md`), in URLs (`/cy/`) and in `lang` attributes.
    pub id: String,
    /// Its name in itself, for the language switcher.
    pub label: String,
    /// Which way it is written.
    pub dir: Direction,
    /// The site's title in it.
    pub title: String,
    /// The organisation's name in it.
    pub organisation: String,
    /// Who to contact, as its pages say it: the site's, with the parts
    /// this language gives instead.
    #[serde(skip)]
    pub contact: Option<super::Contact>,
    /// The audiences' names in it, by id, where site.yaml gives them.
    #[serde(skip)]
    pub audience_labels: IndexMap<String, String>,
    /// `params` for its pages: the site's, with its own over them.
    /// Templates see them as `params`, not in `site.languages`.
    #[serde(skip)]
    pub params: serde_json::Value,
}

/// What the rest of site.yaml says that the languages build on.
pub(super) struct Defaults<'a> {
    /// `language:`, the default language's tag.
    pub language: &'a str,
    /// `title:`.
    pub title: &'a str,
    /// `organisation:`.
    pub organisation: &'a str,
    /// `params:`.
    pub params: &'a serde_json::Value,
    /// `contact:`.
    pub contact: Option<&'a super::Contact>,
    /// The audiences' ids: a language may not share one.
    pub audiences: &'a [&'a str],
    /// The text of site.yaml, for placing problems.
    pub text: &'a str,
}

/// The site's languages in switcher order: those `languages:` lists, with
/// the default first unless it is listed too. Reports ids that are no
/// language tag or that are an audience's, and languages with no name.
pub(super) fn languages(
    entries: Option<IndexMap<String, LanguageEntry>>,
    defaults: &Defaults,
    problems: &mut Diagnostics,
) -> Vec<Language> {
    let shown = Path::new("site.yaml");
    let mut entries = entries.unwrap_or_default();
    // A warning, not an error: sites built before languages were checked
    // must still build.
    if !is_language_tag(defaults.language) {
        problems.push(
            Diagnostic::warning(
                shown,
                format!(
                    "`language` is `{}`, which is not a language tag",
                    defaults.language
                ),
            )
            .at_opt(crate::yaml::key_line(defaults.text, "language").map(|line| (line, 1)))
            .with_hint("write a tag such as en-GB, cy or ur: letters, then parts after hyphens"),
        );
    }
    if !entries.contains_key(defaults.language) {
        entries.shift_insert(
            0,
            defaults.language.to_string(),
            LanguageEntry {
                label: None,
                dir: None,
                title: None,
                organisation: None,
                audiences: None,
                contact: None,
                params: None,
            },
        );
    }
    entries
        .into_iter()
        .map(|(id, entry)| {
            let at = crate::diagnostic::locate(defaults.text, &format!("\n  {id}:"))
                .map(|(line, _)| (line + 1, 3));
            let is_default = id == defaults.language;
            check_id(&id, is_default, defaults, at, problems);
            let sets_site_keys = entry.title.is_some()
                || entry.organisation.is_some()
                || entry.params.is_some()
                || entry.audiences.is_some()
                || entry.contact.is_some();
            if is_default && sets_site_keys {
                problems.push(
                    Diagnostic::error(
                        shown,
                        format!("`{id}` is the default language: its title, organisation, audiences, contact and params are the ones at the top of site.yaml"),
                    )
                    .at_opt(at)
                    .with_hint(format!("under `languages: {id}:` keep only `label` and `dir`")),
                );
            }
            let label = entry.label.or_else(|| known_name(&id).map(str::to_string));
            let label = label.unwrap_or_else(|| {
                problems.push(
                    Diagnostic::error(shown, format!("language `{id}` has no `label`"))
                        .at_opt(at)
                        .with_hint(format!(
                            "add `label:` with the language's name in itself, as readers of it would look for it: `{id}: {{ label: ... }}`"
                        )),
                );
                id.clone()
            });
            let params = merged_params(defaults.params, entry.params, &id, at, problems);
            let audience_labels = entry.audiences.unwrap_or_default();
            for audience in audience_labels.keys() {
                if !defaults.audiences.contains(&audience.as_str()) {
                    problems.push(
                        Diagnostic::error(
                            shown,
                            format!("`audiences` of language `{id}` names `{audience}`, which is not an audience of this site"),
                        )
                        .at_opt(at)
                        .with_hint(format!("the site's audiences are: {}", defaults.audiences.join(", "))),
                    );
                }
            }
            let contact = match (defaults.contact, entry.contact) {
                (Some(site), Some(own)) => Some(super::Contact {
                    name: own.name.or_else(|| site.name.clone()),
                    email: own.email.or_else(|| site.email.clone()),
                    phone: own.phone.or_else(|| site.phone.clone()),
                    url: own.url.or_else(|| site.url.clone()),
                }),
                (site, own) => own.or_else(|| site.cloned()),
            };
            Language {
                dir: entry.dir.unwrap_or_else(|| known_direction(&id)),
                contact,
                title: entry.title.unwrap_or_else(|| defaults.title.to_string()),
                organisation: entry
                    .organisation
                    .unwrap_or_else(|| defaults.organisation.to_string()),
                params,
                audience_labels,
                label,
                id,
            }
        })
        .collect()
}

/// Reports a language id that is no tag, or that is an audience's id.
fn check_id(
    id: &str,
    is_default: bool,
    defaults: &Defaults,
    at: Option<(usize, usize)>,
    problems: &mut Diagnostics,
) {
    let shown = Path::new("site.yaml");
    if !is_default && !is_language_tag(id) {
        problems.push(
            Diagnostic::error(shown, format!("`{id}` is not a language tag"))
                .at_opt(at)
                .with_hint(
                    "write a tag such as cy, pl, ur or pa-Guru: letters, then parts after hyphens",
                ),
        );
    }
    if defaults.audiences.contains(&id) {
        problems.push(
            Diagnostic::error(
                shown,
                format!("`{id}` is both a language and an audience"),
            )
            .at_opt(at)
            .with_hint("a file name `page.ID.md` and the folder /ID/ must say which it is: rename the audience"),
        );
    }
}

/// The site's `params` with a language's own over them, key by key.
fn merged_params(
    site: &serde_json::Value,
    own: Option<serde_yaml::Value>,
    id: &str,
    at: Option<(usize, usize)>,
    problems: &mut Diagnostics,
) -> serde_json::Value {
    let Some(own) = own else {
        return site.clone();
    };
    match serde_json::to_value(own) {
        Ok(serde_json::Value::Object(own)) => {
            let mut merged = site.as_object().cloned().unwrap_or_default();
            merged.extend(own);
            serde_json::Value::Object(merged)
        }
        Ok(_) | Err(_) => {
            problems.push(
                Diagnostic::error(
                    "site.yaml",
                    format!(
                        "`params` of language `{id}` must be names with values, as the site's are"
                    ),
                )
                .at_opt(at)
                .with_hint("write `params:` then one `name: value` a line, indented"),
            );
            site.clone()
        }
    }
}

/// Whether `id` is shaped like a BCP 47 tag: a primary part of 2 to 8
/// letters, then parts of 1 to 8 letters or digits after hyphens.
fn is_language_tag(id: &str) -> bool {
    let mut parts = id.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=8).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The first part of a tag, in small letters (`cy` of `cy-GB`).
fn primary(id: &str) -> String {
    id.split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// The name in itself of a language common in UK public services.
fn known_name(id: &str) -> Option<&'static str> {
    Some(match primary(id).as_str() {
        "en" => "English",
        "cy" => "Cymraeg",
        "gd" => "Gàidhlig",
        "ga" => "Gaeilge",
        "ur" => "اردو",
        "ar" => "العربية",
        "pa" => "ਪੰਜਾਬੀ",
        "bn" => "বাংলা",
        "gu" => "ગુજરાતી",
        "pl" => "Polski",
        "ro" => "Română",
        "pt" => "Português",
        "so" => "Soomaali",
        "fa" => "فارسی",
        "ps" => "پښتو",
        "uk" => "Українська",
        "zh" => "中文",
        "ta" => "தமிழ்",
        "tr" => "Türkçe",
        "lt" => "Lietuvių",
        "es" => "Español",
        "fr" => "Français",
        _ => return None,
    })
}

/// Right to left for the languages written that way, else left to right.
fn known_direction(id: &str) -> Direction {
    match primary(id).as_str() {
        "ar" | "fa" | "he" | "ps" | "ur" | "yi" | "sd" | "ckb" | "dv" => Direction::Rtl,
        _ => Direction::Ltr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_told_from_other_words() {
        for tag in ["cy", "en-GB", "pa-Guru", "zh-Hant-HK", "ckb"] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for not in [
            "",
            "c",
            "cy_GB",
            "cy-",
            "welsh language",
            "1a",
            "cy-GB-toolongpart",
        ] {
            assert!(!is_language_tag(not), "{not}");
        }
    }

    #[test]
    fn common_languages_have_a_name_and_direction() {
        assert_eq!(known_name("cy-GB"), Some("Cymraeg"));
        assert_eq!(known_direction("ur"), Direction::Rtl);
        assert_eq!(known_direction("cy"), Direction::Ltr);
        assert_eq!(known_name("xx"), None);
    }
}
