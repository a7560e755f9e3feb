//! The rules `signpost check` applies, in one table ([`RULES`]): each
//! rule's name, how seriously it is taken unless site.yaml says otherwise,
//! and how it is checked. Each reading rule has a file of its own here;
//! adding one means adding its file, its [`Rule`] and its row.
//!
//! Imports go one way. Below the rule files are what a rule reads and
//! writes: the page ([`page`]), the thresholds ([`thresholds`]) and the
//! findings with the rule ids ([`finding`]). Above this table are the
//! runner ([`super::reading`]) and the settings ([`super::settings`]),
//! which look rules up in it.

mod abbreviations;
mod capitals;
pub(crate) mod finding;
mod italics;
pub(crate) mod length;
mod numbers;
pub(crate) mod page;
mod paragraph_length;
mod percentages;
mod pictures;
mod reading_ease;
mod sentence_length;
pub(crate) mod text;
pub(crate) mod thresholds;
mod underline;
mod words_to_avoid;

use super::readability::Readability;
use finding::{Findings, Level, Rule};
use page::Page;
use thresholds::{EasyRead, PlainEnglish};

/// How a rule is checked.
#[derive(Clone, Copy)]
pub(crate) enum Check {
    /// On each page version built with the easy-read theme.
    EasyRead(fn(&Page<'_>, &Readability, &EasyRead, &mut Findings)),
    /// On each page version built with any other theme.
    PlainEnglish(fn(&Page<'_>, &Readability, &PlainEnglish, &mut Findings)),
    /// Over the whole site, by [`super::run`]: the rule needs every page
    /// (the length of a section's PDF), the site's audiences and languages (coverage),
    /// the web (external links) or the day (review dates), not one page.
    Site,
}

/// One row of [`RULES`].
pub(crate) struct Entry {
    /// The rule.
    pub rule: Rule,
    /// Its name, as reports and site.yaml write it.
    pub name: &'static str,
    /// How seriously it is taken unless site.yaml says otherwise.
    pub default_level: Level,
    /// How it is checked.
    pub check: Check,
}

/// Every rule, in the order the docs list them. Every rule is a warning
/// unless site.yaml says otherwise, since each is a judgement a person
/// makes in the end.
pub(crate) const RULES: [Entry; 20] = [
    Entry {
        rule: Rule::EasySentenceLength,
        name: "easy-read/sentence-length",
        default_level: Level::Warning,
        check: Check::EasyRead(sentence_length::easy_read),
    },
    Entry {
        rule: Rule::EasyParagraphLength,
        name: "easy-read/paragraph-length",
        default_level: Level::Warning,
        check: Check::EasyRead(paragraph_length::check),
    },
    Entry {
        rule: Rule::EasyPictures,
        name: "easy-read/pictures",
        default_level: Level::Warning,
        check: Check::EasyRead(pictures::check),
    },
    Entry {
        rule: Rule::EasyItalics,
        name: "easy-read/italics",
        default_level: Level::Warning,
        check: Check::EasyRead(italics::check),
    },
    Entry {
        rule: Rule::EasyUnderline,
        name: "easy-read/underline",
        default_level: Level::Warning,
        check: Check::EasyRead(underline::check),
    },
    Entry {
        rule: Rule::EasyCapitals,
        name: "easy-read/capitals",
        default_level: Level::Warning,
        check: Check::EasyRead(capitals::check),
    },
    Entry {
        rule: Rule::EasyAbbreviations,
        name: "easy-read/abbreviations",
        default_level: Level::Warning,
        check: Check::EasyRead(abbreviations::check),
    },
    Entry {
        rule: Rule::EasyNumbers,
        name: "easy-read/numbers",
        default_level: Level::Warning,
        check: Check::EasyRead(numbers::check),
    },
    Entry {
        rule: Rule::EasyPercentages,
        name: "easy-read/percentages",
        default_level: Level::Warning,
        check: Check::EasyRead(percentages::check),
    },
    Entry {
        rule: Rule::EasyWordsToAvoid,
        name: "easy-read/words-to-avoid",
        default_level: Level::Warning,
        check: Check::EasyRead(words_to_avoid::check),
    },
    Entry {
        rule: Rule::EasyReadingEase,
        name: "easy-read/reading-ease",
        default_level: Level::Warning,
        check: Check::EasyRead(reading_ease::easy_read),
    },
    Entry {
        rule: Rule::EasyLength,
        name: "easy-read/length",
        default_level: Level::Warning,
        // length::check, once every page is read.
        check: Check::Site,
    },
    Entry {
        rule: Rule::PlainSentenceLength,
        name: "plain-english/sentence-length",
        default_level: Level::Warning,
        check: Check::PlainEnglish(sentence_length::plain_english),
    },
    Entry {
        rule: Rule::PlainReadingEase,
        name: "plain-english/reading-ease",
        default_level: Level::Warning,
        check: Check::PlainEnglish(reading_ease::plain_english),
    },
    Entry {
        rule: Rule::CoverageEasyRead,
        name: "coverage/easy-read",
        default_level: Level::Warning,
        check: Check::Site,
    },
    Entry {
        rule: Rule::CoverageLanguage,
        name: "coverage/language",
        default_level: Level::Warning,
        check: Check::Site,
    },
    Entry {
        rule: Rule::LinksExternal,
        name: "links/external",
        default_level: Level::Warning,
        check: Check::Site,
    },
    Entry {
        rule: Rule::ReviewOverdue,
        name: "review/overdue",
        default_level: Level::Warning,
        check: Check::Site,
    },
    Entry {
        rule: Rule::LinksAudience,
        name: "links/audience",
        default_level: Level::Warning,
        check: Check::Site,
    },
    Entry {
        rule: Rule::AccessibilityStatement,
        name: "accessibility/statement",
        default_level: Level::Warning,
        check: Check::Site,
    },
];

impl Rule {
    /// The rule's row of [`RULES`], which lists the rules in the order
    /// [`Rule`] does.
    fn entry(self) -> &'static Entry {
        &RULES[self as usize]
    }

    /// The rule's name, as reports and site.yaml write it.
    pub(crate) fn name(self) -> &'static str {
        self.entry().name
    }

    /// The rule with this name.
    pub(crate) fn named(name: &str) -> Option<Rule> {
        RULES.iter().find(|e| e.name == name).map(|e| e.rule)
    }

    /// How seriously the rule is taken unless site.yaml says otherwise.
    pub(crate) fn default_level(self) -> Level {
        self.entry().default_level
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        for (i, entry) in RULES.iter().enumerate() {
            assert_eq!(entry.rule as usize, i, "{} is out of order", entry.name);
            assert_eq!(Rule::named(entry.rule.name()), Some(entry.rule));
        }
        assert_eq!(Rule::EasyLength.name(), "easy-read/length");
        assert_eq!(Rule::named("easy-read/lengths"), None);
    }
}
