//! The reading rules applied to one page version: easy read for pages
//! built with the easy-read theme, plain English for every other theme.
//! The rules themselves are in [`super::rules`]; each finding is placed at
//! a line and column of the page's file.

use super::prose::{Block, Prose, SourceMap};
use super::readability::{self, Readability};
use super::rules::text::BlockWords;
use super::rules::{Check, Level, Rule, RULES};
use super::settings::Settings;
use std::ops::Range;
use std::sync::OnceLock;

/// Something a rule found on a page.
#[derive(Clone, Debug)]
pub struct Finding {
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
/// [`RULES`], labels every finding with it.
pub struct Findings {
    rule: Rule,
    found: Vec<Finding>,
}

impl Findings {
    /// Gathers findings of `rule`.
    pub fn new(rule: Rule) -> Self {
        Findings {
            rule,
            found: Vec::new(),
        }
    }

    /// Records a finding at a place in the file.
    pub fn add(&mut self, place: (usize, usize), message: String, hint: impl Into<String>) {
        self.found.push(Finding {
            rule: self.rule,
            place,
            message,
            hint: hint.into(),
        });
    }

    /// The findings, each labelled with the rule.
    pub fn into_vec(self) -> Vec<Finding> {
        self.found
    }
}

/// A page version's prose, and how to place things in its file.
pub struct Page<'a> {
    /// The prose.
    pub prose: &'a Prose,
    /// The Markdown it was read from (after the Tera pass).
    pub markdown: &'a str,
    /// Places in the Markdown as places in the file.
    pub map: &'a SourceMap<'a>,
    /// The line of the file where the body starts.
    pub first_line: usize,
    /// Each block's words, read the first time a rule about words asks,
    /// since plain-English pages never do.
    words: OnceLock<Vec<BlockWords<'a>>>,
}

impl<'a> Page<'a> {
    /// A page of `prose`, read from `markdown`, whose body starts at line
    /// `first_line` of its file.
    pub fn new(
        prose: &'a Prose,
        markdown: &'a str,
        map: &'a SourceMap<'a>,
        first_line: usize,
    ) -> Page<'a> {
        Page {
            prose,
            markdown,
            map,
            first_line,
            words: OnceLock::new(),
        }
    }

    /// Each block with its words outside code.
    pub fn blocks_with_words(&self) -> impl Iterator<Item = (&Block, &BlockWords<'a>)> {
        let words = self
            .words
            .get_or_init(|| self.prose.blocks.iter().map(BlockWords::new).collect());
        self.prose.blocks.iter().zip(words)
    }

    /// The place in the file of some of a block's text.
    pub fn at(&self, block: &Block, range: Range<usize>) -> (usize, usize) {
        let (offset, written) = block.source(range, self.markdown);
        self.map.place(offset, &written)
    }

    /// The place in the file of a block's start.
    pub fn block_start(&self, block: &Block) -> (usize, usize) {
        let text = block.text.trim_start();
        let skipped = block.text.len() - text.len();
        let first = text.split_whitespace().next().unwrap_or_default();
        self.at(block, skipped..skipped + first.len())
    }

    /// The words readers read, one block a line, for [`readability`].
    pub fn text(&self) -> String {
        let mut text = String::new();
        for block in &self.prose.blocks {
            text.push_str(block.text.trim());
            text.push('\n');
        }
        text
    }

    /// The page's readability figures (paragraphs and list items only).
    pub fn readability(&self) -> Readability {
        readability::analyse(&self.text())
    }

    /// Every word on the page, with headings, tables and fill-in lines,
    /// for estimating printed pages: a line to write on counts as
    /// [`WORDS_PER_FIELD_LINE`] words.
    pub fn printed_words(&self, readability: &Readability) -> usize {
        readability.words + self.prose.other_words + self.prose.field_lines * WORDS_PER_FIELD_LINE
    }
}

/// Applies to a page the rules of [`RULES`] for its theme, easy read's
/// when `easy` and plain English's otherwise, but for those site.yaml
/// turns off. The easy-read length rule is not among them: a section's
/// PDF holds its pages, so [`super::run`] applies it once all are read.
pub fn apply(
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

/// How many words of space one line to write on takes, in the page estimate.
pub const WORDS_PER_FIELD_LINE: usize = 6;

/// Printed pages for this many words: at least 1.
pub fn printed_pages(words: usize, words_per_page: usize) -> usize {
    words.div_ceil(words_per_page.max(1)).max(1)
}

/// A threshold as written: `70`, not `70.0`.
pub fn trim_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::prose::{self, SourceMap};

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
