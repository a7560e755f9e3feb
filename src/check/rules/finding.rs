//! What a rule reports: each [`Finding`], gathered in [`Findings`] and
//! labelled with its [`Rule`], whose [`Level`] says how seriously it is
//! taken. The rules, the runner, the settings and the report all use these
//! names; the table of rules that gives each [`Rule`] its name is
//! [`super::RULES`].

use serde::Deserialize;

/// How seriously a rule's findings are taken; site.yaml may change it per
/// rule under `check: { rules: { NAME: LEVEL } }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Level {
    /// Not checked at all.
    Off,
    /// Reported; `check` exits 0 unless `--deny-warnings`.
    Warning,
    /// Reported; `check` exits 1.
    Error,
}

/// One rule of `signpost check`, by which the code names it; its row in
/// [`RULES`](super::RULES) holds the rest. The variants are in the table's
/// order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Rule {
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
    /// A page has a version in each of the site's languages.
    CoverageLanguage,
    /// Links to other websites work (with `--external`).
    LinksExternal,
    /// No page's next review (`next_review`) has passed.
    ReviewOverdue,
    /// A link whose words name one audience goes to that audience's page.
    LinksAudience,
    /// site.yaml has an `accessibility:` block, reviewed within a year.
    AccessibilityStatement,
}

/// Something a rule found on a page.
#[derive(Clone, Debug)]
pub(crate) struct Finding {
    /// The rule.
    pub rule: Rule,
    /// The 1-based line and column in the file.
    pub place: (usize, usize),
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// What one rule finds on one page: the rule's function says what is
/// wrong and where, and the runner, which knows the rule from its row of
/// [`RULES`](super::RULES), labels every finding with it.
pub(crate) struct Findings {
    rule: Rule,
    found: Vec<Finding>,
}

impl Findings {
    /// Gathers findings of `rule`.
    pub(crate) fn new(rule: Rule) -> Self {
        Findings {
            rule,
            found: Vec::new(),
        }
    }

    /// Records a finding at a place in the file.
    pub(crate) fn add(&mut self, place: (usize, usize), message: String, hint: impl Into<String>) {
        self.found.push(Finding {
            rule: self.rule,
            place,
            message,
            hint: hint.into(),
        });
    }

    /// The findings, each labelled with the rule.
    pub(crate) fn into_vec(self) -> Vec<Finding> {
        self.found
    }
}
