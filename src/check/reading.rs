//! The reading rules applied to one page version: easy read for pages
//! built with the easy-read theme, plain English for every other theme.
//! The rules themselves are in [`super::rules`]; each finding is placed at
//! a line and column of the page's file. The rules, their word lists and
//! the Flesch reading ease are made for English, so they run only on
//! versions in English ([`made_for`]).

use super::readability::Readability;
use super::rules::finding::{Finding, Findings, Level};
use super::rules::page::Page;
use super::rules::{Check, RULES};
use super::settings::Settings;

/// Whether the reading rules are made for a language: English (`en`, or
/// `en-` with a region or the like after it), in any case.
pub(crate) fn made_for(language: &str) -> bool {
    let primary = language.split('-').next().unwrap_or_default();
    primary.eq_ignore_ascii_case("en")
}

/// Applies to a page the rules of [`RULES`] for its theme, easy read's
/// when `easy` and plain English's otherwise, but for those site.yaml
/// turns off. The easy-read length rule is not among them: a section's
/// PDF holds its pages, so [`super::run`] applies it once all are read.
pub(crate) fn apply(
    page: &Page,
    readability: &Readability,
    settings: &Settings,
    easy: bool,
) -> Vec<Finding> {
    let mut all = Vec::new();
    for entry in &RULES {
        if settings.level(entry.rule) == Level::Off {
            continue;
        }
        let mut findings = Findings::new(entry.rule);
        match entry.check {
            Check::EasyRead(check) if easy => {
                check(page, readability, &settings.easy_read, &mut findings)
            }
            Check::PlainEnglish(check) if !easy => {
                check(page, readability, &settings.plain_english, &mut findings)
            }
            _ => continue,
        }
        all.extend(findings.into_vec());
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::prose;
    use crate::check::rules::finding::Rule;
    use crate::markdown::SourceMap;

    /// The rules found in `markdown`, a body starting on line 4, under
    /// `site_yaml`'s settings, for easy read or plain English.
    fn rules_found(markdown: &str, site_yaml: &str, easy: bool) -> Vec<(Rule, (usize, usize))> {
        let (settings, problems) = Settings::load(site_yaml);
        assert!(problems.is_empty(), "{problems:?}");
        let prose = prose::read(markdown);
        let map = SourceMap::new(markdown, markdown, 4);
        let page = Page::new(&prose, markdown, &map, 4);
        let found = apply(&page, &page.readability(), &settings, easy);
        found.iter().map(|f| (f.rule, f.place)).collect()
    }

    #[test]
    fn the_rules_are_made_for_english_only() {
        for english in ["en", "en-GB", "EN-us", "en-Latn-GB"] {
            assert!(made_for(english), "{english}");
        }
        for other in ["cy", "cy-GB", "eng", "ur", "gd"] {
            assert!(!made_for(other), "{other}");
        }
    }

    #[test]
    fn each_rule_of_the_theme_runs_from_the_table_unless_turned_off() {
        let body = "Ask the GP about twenty things.\n";
        assert_eq!(
            rules_found(body, "title: T\n", true),
            [
                (Rule::EasyPictures, (4, 1)),
                (Rule::EasyAbbreviations, (4, 9)),
                (Rule::EasyNumbers, (4, 18)),
            ]
        );
        let off = "title: T\ncheck:\n  rules:\n    easy-read/pictures: off\n";
        assert_eq!(
            rules_found(body, off, true),
            [
                (Rule::EasyAbbreviations, (4, 9)),
                (Rule::EasyNumbers, (4, 18))
            ]
        );
        assert_eq!(rules_found(body, "title: T\n", false), []);
    }
}
