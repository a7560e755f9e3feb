//! site.yaml: the settings for a whole site.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::yaml::{curly_quoted_values, yaml_diagnostic};
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::Path;

mod accessibility;
mod brand;
mod languages;
pub(crate) use accessibility::{Accessibility, Compliance, Enforcement};
pub(crate) use brand::Brand;
pub(crate) use languages::{Direction, Language};

/// The built-in themes, each also the id of a default audience.
pub(crate) const BUILT_IN_THEMES: [&str; 3] = ["professional", "carer", "easy-read"];

/// Every theme folder built into signpost (its `themes/` folder): the
/// built-in themes and `base`, the layer under them. Listed here rather
/// than asked of the themes, so that site.yaml is checked before any theme
/// is loaded.
const BUILT_IN_THEME_FOLDERS: [&str; 4] = ["base", "professional", "carer", "easy-read"];

/// site.yaml as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "site.yaml",
    description = "The settings of a signpost site (docs/content.md)."
)]
struct SiteFile {
    /// The site's name, shown in every page's header and title.
    title: String,
    /// Who publishes the site, shown in footers and on printouts.
    organisation: String,
    /// The language of the pages, as a language tag. Default: en-GB.
    language: Option<String>,
    /// More languages the pages are written in, in the language
    /// switcher's order, each by its tag (cy, pl, ur).
    languages: Option<IndexMap<String, languages::LanguageEntry>>,
    /// The address the site is published at, such as
    /// https://council.example/pack/. Needed for the sitemap and for the
    /// 404 page of a site that is not at the root of its domain.
    base_url: Option<String>,
    /// Make printable PDFs in every build. Default: false.
    pdf: Option<bool>,
    /// Run the pages' scripts while they print, for a theme whose pages
    /// need them to look right on paper. Printing is then about half as
    /// fast. Default: false.
    pdf_scripts: Option<bool>,
    /// Give every audience and language a search page and a search box.
    /// Default: true.
    search: Option<bool>,
    /// The audience whose pages are at the root of the site. Default: the
    /// first audience.
    default_audience: Option<String>,
    /// The readers the site is built for, each with its label and theme.
    /// Default: professional, carer and easy-read.
    audiences: Option<IndexMap<String, AudienceEntry>>,
    /// Who to contact about the programme.
    contact: Option<Contact>,
    /// How many months after a page's `reviewed` day its next review is
    /// due, where the page gives no `next_review`. Default: 12.
    review_months: Option<u32>,
    /// The council's logo and colour, shown on every page.
    brand: Option<brand::BrandEntry>,
    /// What the accessibility statement says: its contact, when the site
    /// was tested and the statement reviewed, and known issues.
    accessibility: Option<accessibility::AccessibilityEntry>,
    /// The programme's facts, used in pages as {{ params.NAME }}.
    #[schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")]
    params: Option<serde_yaml::Value>,
    /// Settings of `signpost check`: which rules run, and how strictly
    /// (docs/check.md).
    // `signpost check` reads them from the text of site.yaml
    // (`check::settings`), so here they are only let through.
    #[allow(dead_code)]
    #[schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")]
    check: Option<serde_yaml::Value>,
}

/// One entry under `audiences:`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct AudienceEntry {
    /// The audience's name in the switcher, such as "Easy read".
    label: String,
    /// The theme its pages use: professional, carer, easy-read, or a folder
    /// under themes/. Default: the theme named like the audience.
    theme: Option<String>,
    /// Show this audience the default audience's pages it has no version
    /// of, each with a banner saying who it was written for. Default: true.
    fallback: Option<bool>,
}

/// Who to contact about the programme; shown in footers and posters.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Contact {
    /// A person or team.
    pub name: Option<String>,
    /// An email address.
    pub email: Option<String>,
    /// A phone number as it should be shown.
    pub phone: Option<String>,
    /// A web address.
    pub url: Option<String>,
}

/// One audience the site is built for.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Audience {
    /// The id: in file names (`page.ID.md`) and in URLs (`/ID/`).
    pub id: String,
    /// What the audience switcher shows.
    pub label: String,
    /// The theme its pages are rendered with.
    pub theme: String,
    /// Whether it is shown the default audience's pages it has none of.
    pub fallback: bool,
}

/// The settings for a whole site, with defaults filled in.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Config {
    /// The site's title.
    pub title: String,
    /// The council or trust that publishes it.
    pub organisation: String,
    /// The default language, as a BCP 47 tag (`en-GB`): its pages live at
    /// the root.
    pub language: String,
    /// Every language, in the language switcher's order; the default is
    /// among them.
    pub languages: Vec<Language>,
    /// Where the site is published, as written in site.yaml, if known.
    pub base_url: Option<String>,
    /// Whether every build makes PDFs.
    pub pdf: bool,
    /// Whether pages run their scripts while they print.
    pub pdf_scripts: bool,
    /// Whether every audience and language has a search page (`search/`
    /// under its prefix) and a search box.
    pub search: bool,
    /// The audience whose pages live at the site root.
    pub default_audience: String,
    /// The audiences, in switcher order; templates see them as site.yaml
    /// has them, a map from id to `label`, `theme` and `fallback`.
    #[serde(serialize_with = "audiences_as_map")]
    pub audiences: Vec<Audience>,
    /// Who to contact, if given.
    pub contact: Option<Contact>,
    /// Months from a page's `reviewed` to its next review, where it gives
    /// no `next_review`.
    pub review_months: u32,
    /// The logo and colour, if given.
    pub brand: Option<Brand>,
    /// The accessibility statement's settings, if given.
    #[serde(skip)]
    pub accessibility: Option<Accessibility>,
    /// Anything the site's pages and templates may use as `params`.
    pub params: serde_json::Value,
    /// The text of site.yaml, for placing problems found later.
    #[serde(skip)]
    pub text: String,
    /// Problems in site.yaml that do not stop the build.
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
}

/// The JSON Schema of site.yaml, made from the type that reads it.
pub(crate) fn schema() -> schemars::Schema {
    schemars::schema_for!(SiteFile)
}

impl Config {
    /// Reads and checks `site.yaml` in `root`.
    pub(crate) fn load(root: &Path) -> Result<Config, Diagnostics> {
        let path = root.join("site.yaml");
        let shown = Path::new("site.yaml");
        let mut problems = Diagnostics::default();
        if let Some(problem) = crate::source::walk::leaves_site(root, "site.yaml") {
            problems.push(problem);
            return Err(problems);
        }
        if !path.exists() {
            problems.push(
                Diagnostic::error(
                    shown,
                    format!("there is no site.yaml in {}", root.display()),
                )
                .with_hint("run signpost in a site's folder, or name it with --root DIR"),
            );
            return Err(problems);
        }
        let text = match crate::source::text::read_text(&path, shown) {
            Ok(text) => text,
            Err(problem) => {
                problems.push(problem);
                return Err(problems);
            }
        };
        let file: SiteFile = match serde_yaml::from_str(&text) {
            Ok(file) => file,
            Err(error) => {
                problems.push(yaml_diagnostic(shown, &text, &error, 1));
                return Err(problems);
            }
        };
        let warnings = curly_quoted_values(shown, &text, 1);
        let place = |key: &str| crate::yaml::key_line(&text, key).map(|line| (line, 1));

        let audiences: Vec<Audience> = match file.audiences {
            None => BUILT_IN_THEMES
                .iter()
                .zip(["For professionals", "For carers and families", "Easy read"])
                .map(|(id, label)| Audience {
                    id: id.to_string(),
                    label: label.to_string(),
                    theme: id.to_string(),
                    fallback: true,
                })
                .collect(),
            Some(entries) => entries
                .into_iter()
                .filter_map(|(id, entry)| {
                    let at = crate::diagnostic::locate(&text, &format!("{id}:"));
                    if !is_audience_id(&id) {
                        problems.push(
                            Diagnostic::error(shown, format!("`{id}` is not a valid audience id"))
                                .at_opt(at)
                                .with_hint("audience ids use lowercase letters, digits and hyphens"),
                        );
                    }
                    let theme = match entry.theme {
                        Some(theme) => {
                            if !BUILT_IN_THEME_FOLDERS.contains(&theme.as_str()) && !root.join("themes").join(&theme).is_dir() {
                                problems.push(
                                    Diagnostic::error(shown, format!("there is no theme `{theme}`"))
                                        .at_opt(crate::diagnostic::locate(&text, &format!("theme: {theme}")).or(at))
                                        .with_hint(format!(
                                            "use a built-in theme ({}) or make a folder themes/{theme}/",
                                            BUILT_IN_THEMES.join(", ")
                                        )),
                                );
                            }
                            theme
                        }
                        None if BUILT_IN_THEMES.contains(&id.as_str()) => id.clone(),
                        None => {
                            problems.push(
                                Diagnostic::error(
                                    shown,
                                    format!("audience `{id}` has no theme"),
                                )
                                .at_opt(at)
                                .with_hint(format!(
                                    "add `theme:` naming a built-in theme ({}) or a folder under themes/",
                                    BUILT_IN_THEMES.join(", ")
                                )),
                            );
                            return None;
                        }
                    };
                    let fallback = entry.fallback.unwrap_or(true);
                    Some(Audience { id, label: entry.label, theme, fallback })
                })
                .collect(),
        };
        if audiences.is_empty() && !problems.has_errors() {
            problems.push(
                Diagnostic::error(shown, "`audiences` lists no audience")
                    .at_opt(place("audiences"))
                    .with_hint(
                        "list at least one, or leave `audiences` out for the three built-in ones",
                    ),
            );
        }
        let default_audience = match file.default_audience {
            Some(id) => {
                if !audiences.iter().any(|a| a.id == id) {
                    problems.push(
                        Diagnostic::error(
                            shown,
                            format!("`default_audience` is `{id}`, which is not one of the site's audiences"),
                        )
                        .at_opt(place("default_audience"))
                        .with_hint(format!(
                            "use one of: {}",
                            audiences.iter().map(|a| a.id.as_str()).collect::<Vec<_>>().join(", ")
                        )),
                    );
                }
                id
            }
            None => audiences.first().map(|a| a.id.clone()).unwrap_or_default(),
        };
        let params = match file.params.map(serde_json::to_value).transpose() {
            Ok(params) => params.unwrap_or_else(|| serde_json::Value::Object(Default::default())),
            Err(error) => {
                problems.push(
                    Diagnostic::error(shown, format!("`params` cannot be used in pages: {error}"))
                        .at_opt(place("params"))
                        .with_hint("use text, numbers, booleans, lists and maps with text keys"),
                );
                serde_json::Value::Null
            }
        };
        let language = file.language.unwrap_or_else(|| "en-GB".to_string());
        let audience_ids: Vec<&str> = audiences.iter().map(|a| a.id.as_str()).collect();
        let languages = languages::languages(
            file.languages,
            &languages::Defaults {
                language: &language,
                title: &file.title,
                organisation: &file.organisation,
                params: &params,
                contact: file.contact.as_ref(),
                audiences: &audience_ids,
                text: &text,
            },
            &mut problems,
        );
        let review_months = file.review_months.unwrap_or(12);
        if review_months == 0 {
            problems.push(
                Diagnostic::error(
                    shown,
                    "`review_months` is 0: a page's next review would be the day it was reviewed",
                )
                .at_opt(place("review_months"))
                .with_hint(
                    "give the months between reviews as a whole number from 1: `review_months: 12`",
                ),
            );
        }
        let brand = file
            .brand
            .map(|entry| brand::check(entry, &file.organisation, root, &text, &mut problems));
        let accessibility = file
            .accessibility
            .map(|entry| accessibility::check(entry, &text, &mut problems));
        if problems.has_errors() {
            return Err(problems);
        }
        let mut warnings = warnings;
        warnings.extend(problems.into_sorted());
        Ok(Config {
            title: file.title,
            organisation: file.organisation,
            language,
            languages,
            base_url: file.base_url,
            pdf: file.pdf.unwrap_or(false),
            pdf_scripts: file.pdf_scripts.unwrap_or(false),
            search: file.search.unwrap_or(true),
            default_audience,
            audiences,
            contact: file.contact,
            review_months,
            brand,
            accessibility,
            params,
            text,
            warnings,
        })
    }

    /// `base_url` without a trailing `/`, for joining paths onto.
    pub(crate) fn base(&self) -> Option<&str> {
        self.base_url
            .as_deref()
            .map(|url| url.trim_end_matches('/'))
    }

    /// The audience with this id.
    pub(crate) fn audience(&self, id: &str) -> Option<&Audience> {
        self.audiences.iter().find(|a| a.id == id)
    }

    /// The language with this id.
    pub(crate) fn language(&self, id: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.id == id)
    }

    /// A language as file keys hold it: `None` for the default language,
    /// whose files have no language in their names.
    pub(crate) fn language_key<'a>(&self, language: &'a str) -> Option<&'a str> {
        (language != self.language).then_some(language)
    }

    /// Whether `id` is one of the site's languages other than the default:
    /// one with a folder (`/cy/`) of its own.
    pub(crate) fn is_other_language(&self, id: &str) -> bool {
        id != self.language && self.language(id).is_some()
    }

    /// Whether the site is written in more than one language.
    pub(crate) fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// The URL prefix of an audience's pages in a language: the language's
    /// folder (none for the default language), then the audience's (none
    /// for the default audience): ``, `easy-read/`, `cy/`, `cy/easy-read/`.
    pub(crate) fn prefix(&self, audience: &str, language: &str) -> String {
        let mut prefix = String::new();
        if language != self.language {
            prefix.push_str(language);
            prefix.push('/');
        }
        if audience != self.default_audience {
            prefix.push_str(audience);
            prefix.push('/');
        }
        prefix
    }
}

/// Writes the audiences as site.yaml has them: id → { label, theme,
/// fallback }.
fn audiences_as_map<S: serde::Serializer>(
    audiences: &[Audience],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(audiences.len()))?;
    for audience in audiences {
        map.serialize_entry(
            &audience.id,
            &serde_json::json!({
                "label": audience.label,
                "theme": audience.theme,
                "fallback": audience.fallback,
            }),
        )?;
    }
    map.end()
}

/// Whether `id` is made of lowercase letters, digits and hyphens.
fn is_audience_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::BUILT_IN_THEME_FOLDERS;

    #[test]
    fn the_built_in_theme_folders_are_those_in_themes() {
        let themes = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
        let mut found: Vec<String> = std::fs::read_dir(themes)
            .unwrap()
            .map(|entry| entry.unwrap())
            .filter(|entry| entry.path().is_dir())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        found.sort();
        let mut listed = BUILT_IN_THEME_FOLDERS.map(String::from).to_vec();
        listed.sort();
        assert_eq!(found, listed);
    }
}
