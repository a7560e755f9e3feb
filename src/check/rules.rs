//! The rules `signpost check` applies, by name, and how serious each is.

use serde::Deserialize;

/// How seriously a rule's findings are taken; site.yaml may change it per
/// rule under `check: { rules: { NAME: LEVEL } }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not checked at all.
    Off,
    /// Reported; `check` exits 0 unless `--deny-warnings`.
    Warning,
    /// Reported; `check` exits 1.
    Error,
}

/// One rule of `signpost check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// Easy read: sentences of at most `max_sentence_words` words.
    EasySentenceLength,
    /// Easy read: paragraphs of at most `max_paragraph_sentences` sentences.
    EasyParagraphLength,
    /// Easy read: every paragraph starts with a picture.
    EasyPictures,
    /// Easy read: no italics.
    EasyItalics,
    /// Easy read: no underlining.
    EasyUnderline,
    /// Easy read: no blocks of capitals.
    EasyCapitals,
    /// Easy read: no abbreviations unless explained.
    EasyAbbreviations,
    /// Easy read: numbers as digits.
    EasyNumbers,
    /// Easy read: no percentages.
    EasyPercentages,
    /// Easy read: everyday words instead of hard ones.
    EasyWordsToAvoid,
    /// Easy read: a Flesch reading ease of at least `min_reading_ease`.
    EasyReadingEase,
    /// Easy read: at most `max_pages` printed pages.
    EasyLength,
    /// Plain English: sentences of at most `max_sentence_words` words.
    PlainSentenceLength,
    /// Plain English: a Flesch reading ease of at least `min_reading_ease`.
    PlainReadingEase,
    /// A printable page has an easy-read version.
    CoverageEasyRead,
    /// Links to other websites work (with `--external`).
    LinksExternal,
}

impl Rule {
    /// Every rule, in the order the docs list them.
    pub const ALL: [Rule; 16] = [
        Rule::EasySentenceLength,
        Rule::EasyParagraphLength,
        Rule::EasyPictures,
        Rule::EasyItalics,
        Rule::EasyUnderline,
        Rule::EasyCapitals,
        Rule::EasyAbbreviations,
        Rule::EasyNumbers,
        Rule::EasyPercentages,
        Rule::EasyWordsToAvoid,
        Rule::EasyReadingEase,
        Rule::EasyLength,
        Rule::PlainSentenceLength,
        Rule::PlainReadingEase,
        Rule::CoverageEasyRead,
        Rule::LinksExternal,
    ];

    /// The rule's name, as reports and site.yaml write it.
    pub fn name(self) -> &'static str {
        match self {
            Rule::EasySentenceLength => "easy-read/sentence-length",
            Rule::EasyParagraphLength => "easy-read/paragraph-length",
            Rule::EasyPictures => "easy-read/pictures",
            Rule::EasyItalics => "easy-read/italics",
            Rule::EasyUnderline => "easy-read/underline",
            Rule::EasyCapitals => "easy-read/capitals",
            Rule::EasyAbbreviations => "easy-read/abbreviations",
            Rule::EasyNumbers => "easy-read/numbers",
            Rule::EasyPercentages => "easy-read/percentages",
            Rule::EasyWordsToAvoid => "easy-read/words-to-avoid",
            Rule::EasyReadingEase => "easy-read/reading-ease",
            Rule::EasyLength => "easy-read/length",
            Rule::PlainSentenceLength => "plain-english/sentence-length",
            Rule::PlainReadingEase => "plain-english/reading-ease",
            Rule::CoverageEasyRead => "coverage/easy-read",
            Rule::LinksExternal => "links/external",
        }
    }

    /// The rule with this name.
    pub fn named(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name)
    }

    /// How seriously the rule is taken unless site.yaml says otherwise:
    /// every rule is a warning, since each is a judgement a person makes
    /// in the end.
    pub fn default_level(self) -> Level {
        Level::Warning
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        for rule in Rule::ALL {
            assert_eq!(Rule::named(rule.name()), Some(rule));
        }
    }
}
