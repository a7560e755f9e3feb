//! The `check:` section of site.yaml: the thresholds of the reading rules,
//! the words a site explains, the words it avoids, and each rule's level.
//!
//! ```yaml
//! check:
//!   easy_read:
//!     max_sentence_words: 15
//!     max_paragraph_sentences: 3
//!     min_reading_ease: 70
//!     reading_ease_min_words: 50
//!     max_pages: 20
//!     words_per_page: 120
//!     explained: [NHS, GP]
//!     avoid: { facilitate: help, regarding: ~ }
//!   plain_english:
//!     max_sentence_words: 25
//!     min_reading_ease: 50
//!     reading_ease_min_words: 50
//!   rules:
//!     easy-read/pictures: off
//!     coverage/easy-read: error
//! ```

use super::rules::finding::{Level, Rule};
use super::rules::thresholds::{EasyRead, PlainEnglish};
use super::rules::RULES;
use crate::diagnostic::{line_column, locate, Diagnostic};
use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Everything `check:` sets, with defaults filled in.
#[derive(Clone, Debug, Default)]
pub(crate) struct Settings {
    /// For pages built with the easy-read theme.
    pub easy_read: EasyRead,
    /// For pages built with any other theme.
    pub plain_english: PlainEnglish,
    /// Each rule's level, where site.yaml changes it.
    levels: BTreeMap<Rule, Level>,
}

impl Settings {
    /// How seriously `rule` is taken.
    pub(crate) fn level(&self, rule: Rule) -> Level {
        self.levels
            .get(&rule)
            .copied()
            .unwrap_or_else(|| rule.default_level())
    }

    /// Reads `check:` from site.yaml's text. Problems (an unknown key, a
    /// value of the wrong type, an unknown rule) are errors placed at their
    /// line; the defaults stand in for what could not be read.
    pub(crate) fn load(site_yaml: &str) -> (Settings, Vec<Diagnostic>) {
        let mut settings = Settings::default();
        let mut problems = Vec::new();
        let shown = Path::new("site.yaml");
        let file: SiteYaml = match serde_yaml::from_str(site_yaml) {
            Ok(file) => file,
            Err(error) => {
                let mut problem = crate::yaml::yaml_diagnostic(shown, site_yaml, &error, 1);
                if !problem.message.contains("check") {
                    problem.message = format!("in `check`: {}", problem.message);
                }
                if problem.message.contains("should be lines of") {
                    problem.hint = Some(
                        "under `check:`, write `easy_read:`, `plain_english:` or `rules:`, each with its keys below it"
                            .to_string(),
                    );
                }
                problems.push(problem);
                return (settings, problems);
            }
        };
        let Some(check) = file.check else {
            return (settings, problems);
        };
        // The place of `key:` after `section:`, or anywhere.
        let place = |section: &str, key: &str| {
            let from = site_yaml
                .find(&format!("{section}:"))
                .map_or(0, |at| at + section.len());
            let key = format!("{key}:");
            match site_yaml[from..].find(&key) {
                Some(at) => Some(line_column(site_yaml, from + at)),
                None => locate(site_yaml, &key),
            }
        };
        let mut positive = |value: Option<u32>, section: &str, key: &str, into: &mut usize| {
            if let Some(value) = value.map(|v| v as usize) {
                if value == 0 {
                    problems.push(
                        Diagnostic::error(shown, format!("`{key}` must be 1 or more"))
                            .at_opt(place(section, key))
                            .with_hint("give a whole number, like 15"),
                    );
                } else {
                    *into = value;
                }
            }
        };
        if let Some(easy) = check.easy_read {
            let e = &mut settings.easy_read;
            positive(
                easy.max_sentence_words,
                "easy_read",
                "max_sentence_words",
                &mut e.max_sentence_words,
            );
            positive(
                easy.max_paragraph_sentences,
                "easy_read",
                "max_paragraph_sentences",
                &mut e.max_paragraph_sentences,
            );
            positive(easy.max_pages, "easy_read", "max_pages", &mut e.max_pages);
            positive(
                easy.words_per_page,
                "easy_read",
                "words_per_page",
                &mut e.words_per_page,
            );
            if let Some(words) = easy.reading_ease_min_words {
                e.reading_ease_min_words = words as usize;
            }
            if let Some(ease) = easy.min_reading_ease {
                e.min_reading_ease = ease;
            }
            for word in easy.explained.unwrap_or_default() {
                e.explained.insert(word.trim().to_string());
            }
            for (word, instead) in easy.avoid.unwrap_or_default() {
                let word = normalise_phrase(&word);
                match instead {
                    Some(instead) if !instead.trim().is_empty() => {
                        e.avoid.insert(word, instead.trim().to_string());
                    }
                    _ => {
                        e.avoid.remove(&word);
                    }
                }
            }
        }
        if let Some(plain) = check.plain_english {
            let p = &mut settings.plain_english;
            positive(
                plain.max_sentence_words,
                "plain_english",
                "max_sentence_words",
                &mut p.max_sentence_words,
            );
            if let Some(words) = plain.reading_ease_min_words {
                p.reading_ease_min_words = words as usize;
            }
            if let Some(ease) = plain.min_reading_ease {
                p.min_reading_ease = ease;
            }
        }
        for (name, level) in check.rules.unwrap_or_default() {
            match Rule::named(&name) {
                Some(rule) => {
                    settings.levels.insert(rule, level);
                }
                None => {
                    let names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
                    let nearest = names
                        .iter()
                        .min_by_key(|n| strsim::levenshtein(&name, n))
                        .filter(|n| strsim::levenshtein(&name, n) <= 3);
                    let hint = match nearest {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => format!("the rules are: {}", names.join(", ")),
                    };
                    problems.push(
                        Diagnostic::error(
                            shown,
                            format!("`check.rules` names `{name}`, which is not a rule"),
                        )
                        .at_opt(place("rules", &name))
                        .with_hint(hint),
                    );
                }
            }
        }
        (settings, problems)
    }
}

/// A word or phrase in lowercase, with single spaces.
pub(crate) fn normalise_phrase(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Only `check:` of site.yaml; config.rs reads the rest.
#[derive(Deserialize)]
struct SiteYaml {
    check: Option<CheckSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckSection {
    easy_read: Option<EasyReadSection>,
    plain_english: Option<PlainEnglishSection>,
    rules: Option<IndexMap<String, Level>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EasyReadSection {
    max_sentence_words: Option<u32>,
    max_paragraph_sentences: Option<u32>,
    min_reading_ease: Option<f64>,
    reading_ease_min_words: Option<u32>,
    max_pages: Option<u32>,
    words_per_page: Option<u32>,
    explained: Option<Vec<String>>,
    avoid: Option<IndexMap<String, Option<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlainEnglishSection {
    max_sentence_words: Option<u32>,
    min_reading_ease: Option<f64>,
    reading_ease_min_words: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_stand_without_a_check_section() {
        let (settings, problems) = Settings::load("title: T\norganisation: O\n");
        assert!(problems.is_empty());
        assert_eq!(settings.easy_read.max_sentence_words, 15);
        assert_eq!(settings.plain_english.max_sentence_words, 25);
        assert_eq!(settings.easy_read.avoid["facilitate"], "help");
    }

    #[test]
    fn values_replace_and_add_to_the_defaults() {
        let yaml = "title: T\ncheck:\n  easy_read:\n    max_sentence_words: 10\n    explained: [NHS]\n    avoid: { Regarding: ~, 'at this moment in time': now }\n  rules:\n    easy-read/pictures: off\n";
        let (settings, problems) = Settings::load(yaml);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(settings.easy_read.max_sentence_words, 10);
        assert!(settings.easy_read.explained.contains("NHS"));
        assert!(!settings.easy_read.avoid.contains_key("regarding"));
        assert_eq!(settings.easy_read.avoid["at this moment in time"], "now");
        assert_eq!(settings.level(Rule::EasyPictures), Level::Off);
        assert_eq!(settings.level(Rule::EasyNumbers), Level::Warning);
    }

    #[test]
    fn unknown_keys_are_errors_at_their_line() {
        let yaml = "title: T\ncheck:\n  easy_read:\n    max_sentence_word: 10\n";
        let (_, problems) = Settings::load(yaml);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(4));
        assert!(
            problems[0].message.contains("max_sentence_word"),
            "{}",
            problems[0].message
        );
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("did you mean `max_sentence_words`?")
        );

        let yaml = "title: T\ncheck:\n  rules:\n    easy-read/picture: off\n";
        let (_, problems) = Settings::load(yaml);
        assert_eq!(problems[0].line, Some(4));
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("did you mean `easy-read/pictures`?")
        );
    }
}
