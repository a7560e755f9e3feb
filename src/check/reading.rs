//! The reading rules: easy read for pages built with the easy-read theme,
//! plain English for every other theme. Each finding is placed at a line
//! and column of the page's file.

use super::prose::{Block, BlockKind, Mark, Prose, SourceMap};
use super::readability::{self, Readability};
use super::rules::Rule;
use super::settings::{EasyRead, PlainEnglish};
use std::ops::Range;

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
}

impl Page<'_> {
    /// The place in the file of some of a block's text.
    fn at(&self, block: &Block, range: Range<usize>) -> (usize, usize) {
        let (offset, written) = block.source(range, self.markdown);
        self.map.place(offset, &written)
    }

    /// The place in the file of a block's start.
    fn block_start(&self, block: &Block) -> (usize, usize) {
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

/// How many words of space one line to write on takes, in the page estimate.
pub const WORDS_PER_FIELD_LINE: usize = 6;

/// Printed pages for this many words: at least 1.
pub fn printed_pages(words: usize, words_per_page: usize) -> usize {
    words.div_ceil(words_per_page.max(1)).max(1)
}

/// A sentence of a block: where it is in the block's text, and its words.
struct Sentence<'a> {
    range: Range<usize>,
    words: Vec<&'a str>,
}

/// The sentences of a block's text, each with where it is.
fn sentences(text: &str) -> Vec<Sentence<'_>> {
    let base = text.as_ptr() as usize;
    readability::sentences(text)
        .into_iter()
        .filter_map(|words| {
            let first = words.first()?;
            let last = words.last()?;
            let start = first.as_ptr() as usize - base;
            let end = last.as_ptr() as usize - base + last.len();
            Some(Sentence {
                range: start..end,
                words,
            })
        })
        .collect()
}

/// The start of some words of `text` (each a slice of it), to quote in a
/// message, as written.
fn quote(text: &str, words: &[&str]) -> String {
    const SHOWN: usize = 8;
    let (Some(first), Some(last)) = (words.first(), words[..words.len().min(SHOWN)].last()) else {
        return "“”".to_string();
    };
    let base = text.as_ptr() as usize;
    let start = first.as_ptr() as usize - base;
    let end = last.as_ptr() as usize - base + last.len();
    let shown = text.get(start..end).unwrap_or(first);
    if words.len() > SHOWN {
        format!("“{shown} …”")
    } else {
        format!("“{shown}”")
    }
}

/// Sentences longer than `max` words.
fn long_sentences(page: &Page, max: usize, rule: Rule, words_for: &str, out: &mut Vec<Finding>) {
    for block in &page.prose.blocks {
        for sentence in sentences(&block.text) {
            let count = sentence.words.len();
            if count > max {
                out.push(Finding {
                    rule,
                    place: page.at(block, sentence.range.clone()),
                    message: format!(
                        "this sentence has {count} words, {}; {words_for} keeps sentences to {max} words or fewer",
                        quote(&block.text, &sentence.words)
                    ),
                    hint: if rule == Rule::EasySentenceLength {
                        "split it into shorter sentences, with one idea in each".to_string()
                    } else {
                        "split it in two, or cut the words the reader does not need".to_string()
                    },
                });
            }
        }
    }
}

/// The reading ease rule, with the hardest sentences named in the hint.
fn reading_ease(
    page: &Page,
    readability: &Readability,
    (min, min_words): (f64, usize),
    rule: Rule,
    words_for: &str,
    out: &mut Vec<Finding>,
) {
    if readability.words < min_words || readability.flesch_reading_ease >= min {
        return;
    }
    // Each sentence's own score, hardest first.
    let mut hardest: Vec<(f64, (usize, usize))> = Vec::new();
    for block in &page.prose.blocks {
        for sentence in sentences(&block.text) {
            if sentence.words.len() < 4 {
                continue;
            }
            let syllables: usize = sentence
                .words
                .iter()
                .map(|w| readability::syllables(w))
                .sum();
            let words = sentence.words.len() as f64;
            let ease = 206.835 - 1.015 * words - 84.6 * (syllables as f64 / words);
            hardest.push((ease, page.at(block, sentence.range.clone())));
        }
    }
    hardest.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut lines: Vec<usize> = hardest.iter().take(3).map(|(_, (line, _))| *line).collect();
    lines.sort_unstable();
    lines.dedup();
    let lines = match lines.as_slice() {
        [] => String::new(),
        [one] => format!("; the hardest sentence is on line {one}"),
        many => {
            let (last, rest) = many.split_last().unwrap_or((&0, &[]));
            let rest: Vec<String> = rest.iter().map(usize::to_string).collect();
            format!(
                "; the hardest sentences are on lines {} and {last}",
                rest.join(", ")
            )
        }
    };
    let place = page
        .prose
        .blocks
        .first()
        .map_or((page.first_line, 1), |b| page.block_start(b));
    out.push(Finding {
        rule,
        place,
        message: format!(
            "this page's Flesch reading ease is {:.1}; {words_for} needs {} or more",
            readability.flesch_reading_ease,
            trim_number(min)
        ),
        hint: format!("use shorter sentences and shorter, everyday words{lines}"),
    });
}

/// A threshold as written: `70`, not `70.0`.
pub fn trim_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// Applies the plain-English rules to a page.
pub fn plain_english(
    page: &Page,
    readability: &Readability,
    settings: &PlainEnglish,
) -> Vec<Finding> {
    let mut out = Vec::new();
    long_sentences(
        page,
        settings.max_sentence_words,
        Rule::PlainSentenceLength,
        "plain English",
        &mut out,
    );
    reading_ease(
        page,
        readability,
        (settings.min_reading_ease, settings.reading_ease_min_words),
        Rule::PlainReadingEase,
        "plain English",
        &mut out,
    );
    out
}

/// Applies the easy-read rules to a page (all but the length rule, which
/// [`super`] applies, since a section's PDF holds its pages).
pub fn easy_read(page: &Page, readability: &Readability, settings: &EasyRead) -> Vec<Finding> {
    let mut out = Vec::new();
    long_sentences(
        page,
        settings.max_sentence_words,
        Rule::EasySentenceLength,
        "easy read",
        &mut out,
    );
    for block in &page.prose.blocks {
        let count = sentences(&block.text).len();
        if count > settings.max_paragraph_sentences {
            let what = match block.kind {
                BlockKind::ListItem => "list item",
                _ => "paragraph",
            };
            out.push(Finding {
                rule: Rule::EasyParagraphLength,
                place: page.block_start(block),
                message: format!(
                    "this {what} has {count} sentences; easy read keeps to {} or fewer in one {what}",
                    settings.max_paragraph_sentences
                ),
                hint: "start a new paragraph, with its own picture, for each idea".to_string(),
            });
        }
        if block.kind == BlockKind::Paragraph && !block.starts_with_image && !block.has_field {
            let words: Vec<&str> = block.text.split_whitespace().collect();
            out.push(Finding {
                rule: Rule::EasyPictures,
                place: page.block_start(block),
                message: format!("this paragraph has no picture: {}", quote(&block.text, &words)),
                hint: "start it with a picture of its main point: ![A calendar](calendar.svg) We meet once a month.".to_string(),
            });
        }
        words_rules(page, block, settings, &mut out);
    }
    for (mark, offset, written) in &page.prose.marks {
        let place = page.map.place(*offset, written);
        out.push(match mark {
            Mark::Italic => Finding {
                rule: Rule::EasyItalics,
                place,
                message: format!("`{written}` is in italics, which are hard to read"),
                hint: "take away the `*`, `_` or `<i>`; to make words stand out, use **bold**"
                    .to_string(),
            },
            Mark::Underline => Finding {
                rule: Rule::EasyUnderline,
                place,
                message: format!(
                    "`{written}` underlines words, which makes them hard to read and look like a link"
                ),
                hint: "take away the `<u>` tags; to make words stand out, use **bold**".to_string(),
            },
        });
    }
    reading_ease(
        page,
        readability,
        (settings.min_reading_ease, settings.reading_ease_min_words),
        Rule::EasyReadingEase,
        "easy read",
        &mut out,
    );
    out
}

/// A word of a block's text: letters and digits, with apostrophes inside.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inside_apostrophe = matches!(c, '\'' | '’')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inside_apostrophe {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            found.push(s..i);
        }
    }
    if let Some(s) = start {
        found.push(s..text.len());
    }
    found
}

/// The number words, with their values.
const NUMBER_WORDS: [(&str, u64); 32] = [
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
];

/// Words before `one` that make it a pronoun, not a number (`no one`,
/// `the one`, `each one`).
const ONE_AS_PRONOUN: [&str; 16] = [
    "no", "any", "every", "some", "each", "this", "that", "the", "which", "another", "other",
    "little", "right", "wrong", "only", "loved",
];

fn number_value(word: &str) -> Option<u64> {
    NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, v)| *v)
}

/// The value of number words read in order (`twenty one`, `two hundred`).
fn phrase_value(words: &[String]) -> u64 {
    let (mut total, mut current) = (0u64, 0u64);
    for word in words {
        let Some(value) = number_value(word) else {
            continue;
        };
        match value {
            100 => current = current.max(1) * 100,
            1_000.. => {
                total += current.max(1) * value;
                current = 0;
            }
            _ => current += value,
        }
    }
    total + current
}

/// Digits with commas between thousands (`1,000`).
fn with_commas(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether `word` is `base` or a form of it (`facilitates`, `facilitated`,
/// `facilitating`).
fn is_form_of(word: &str, base: &str) -> bool {
    if word == base {
        return true;
    }
    let Some(ending) = word.strip_prefix(base).or_else(|| {
        base.strip_suffix('e')
            .and_then(|stem| word.strip_prefix(stem))
            .filter(|e| e.starts_with('i') || e.starts_with("ed"))
    }) else {
        return false;
    };
    matches!(ending, "s" | "es" | "d" | "ed" | "ing")
}

/// A word's letters, if they are all capitals (less a plural `s` or a
/// possessive: `GPs`, `NHS's`).
fn capitals(word: &str) -> Option<String> {
    let stem = word.split(['\'', '’']).next().unwrap_or(word);
    let stem = match stem.strip_suffix('s') {
        Some(rest)
            if rest.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && rest
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase) =>
        {
            rest
        }
        _ => stem,
    };
    let letters: String = stem.chars().filter(|c| c.is_alphabetic()).collect();
    (!letters.is_empty() && letters.chars().all(char::is_uppercase)).then_some(letters)
}

/// The rules about words: capitals, abbreviations, numbers, percentages
/// and words to avoid.
fn words_rules(page: &Page, block: &Block, settings: &EasyRead, out: &mut Vec<Finding>) {
    let text = &block.text;
    let all: Vec<Range<usize>> = words(text)
        .into_iter()
        .filter(|w| !block.in_code(w.start))
        .collect();
    let lower: Vec<String> = all.iter().map(|w| text[w.clone()].to_lowercase()).collect();
    let explained = |letters: &str| {
        settings
            .explained
            .iter()
            .any(|e| e.eq_ignore_ascii_case(letters))
    };
    // Whether only spaces (and, for numbers, hyphens) come between words.
    let joined = |a: &Range<usize>, b: &Range<usize>, hyphen: bool| {
        text[a.end..b.start]
            .chars()
            .all(|c| c == ' ' || (hyphen && c == '-'))
    };

    // Capitals: a run of 3 or more words in capitals, or one long word.
    let caps: Vec<Option<String>> = all.iter().map(|w| capitals(&text[w.clone()])).collect();
    let mut in_run = vec![false; all.len()];
    let mut i = 0;
    while i < all.len() {
        let mut j = i;
        while j < all.len() && caps[j].is_some() && (j == i || joined(&all[j - 1], &all[j], true)) {
            j += 1;
        }
        let run = &caps[i..j];
        let long = run
            .iter()
            .flatten()
            .filter(|l| l.chars().count() >= 2)
            .count();
        let unexplained = run.iter().flatten().any(|l| !explained(l));
        if j - i >= 3 && long >= 2 && unexplained {
            let range = all[i].start..all[j - 1].end;
            out.push(Finding {
                rule: Rule::EasyCapitals,
                place: page.at(block, range.clone()),
                message: format!(
                    "`{}` is a block of capitals, which is hard to read",
                    &text[range]
                ),
                hint: "write it in ordinary letters; to make words stand out, use **bold**"
                    .to_string(),
            });
            in_run[i..j].iter_mut().for_each(|r| *r = true);
        }
        i = j.max(i + 1);
    }
    for (k, word) in all.iter().enumerate() {
        let Some(letters) = &caps[k] else { continue };
        let count = letters.chars().count();
        if in_run[k] || count < 2 || explained(letters) {
            continue;
        }
        let written = &text[word.clone()];
        if count >= 5 {
            out.push(Finding {
                rule: Rule::EasyCapitals,
                place: page.at(block, word.clone()),
                message: format!("`{written}` is written in capitals, which is hard to read"),
                hint: format!(
                    "write it in ordinary letters (use **bold** to make it stand out); if it is an abbreviation, say what it means and add `{letters}` to `explained` under `check: easy_read:` in site.yaml"
                ),
            });
        } else {
            out.push(Finding {
                rule: Rule::EasyAbbreviations,
                place: page.at(block, word.clone()),
                message: format!("`{written}` is an abbreviation"),
                hint: format!(
                    "write the words in full, or say what it means in the next sentence and add `{letters}` to `explained` under `check: easy_read:` in site.yaml"
                ),
            });
        }
    }

    // Abbreviations with full stops.
    let lower_text = text.to_lowercase();
    if lower_text.len() == text.len() {
        let mut at = 0;
        while at < lower_text.len() {
            let rest = &lower_text[at..];
            let before_ok = at == 0
                || !lower_text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            let found = [
                ("e.g.", "write “for example”"),
                ("i.e.", "write “this means”, or say it again in other words"),
                ("etc.", "finish the list, or write “and other things”"),
                ("e.g", "write “for example”"),
                ("i.e", "write “this means”, or say it again in other words"),
            ]
            .into_iter()
            .find(|(a, _)| {
                rest.starts_with(a)
                    && !rest[a.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            });
            match found {
                Some((abbreviation, hint)) if before_ok && !block.in_code(at) => {
                    let range = at..at + abbreviation.len();
                    out.push(Finding {
                        rule: Rule::EasyAbbreviations,
                        place: page.at(block, range.clone()),
                        message: format!("`{}` is an abbreviation", &text[range]),
                        hint: hint.to_string(),
                    });
                    at += abbreviation.len();
                }
                _ => at += rest.chars().next().map_or(1, char::len_utf8),
            }
        }
    }

    // Numbers as words: a phrase of them (`twenty-one`, `two hundred and
    // five`), or a compound with one in it (`one-to-one`).
    let is_number = |k: usize| number_value(&lower[k]).is_some();
    let hyphened = |a: &Range<usize>, b: &Range<usize>| &text[a.end..b.start] == "-";
    let mut k = 0;
    while k < all.len() {
        if !is_number(k) {
            k += 1;
            continue;
        }
        let next_is_word = all.get(k + 1).is_some_and(|n| {
            text[all[k].end..n.start]
                .chars()
                .all(|c| c == ' ' || c == '-')
        });
        let pronoun = lower[k] == "one"
            && ((k > 0 && ONE_AS_PRONOUN.contains(&lower[k - 1].as_str()))
                || lower.get(k + 1).is_some_and(|n| n == "another")
                || !next_is_word);
        if pronoun {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while end < all.len()
            && joined(&all[end - 1], &all[end], true)
            && (is_number(end)
                || hyphened(&all[end - 1], &all[end])
                || (lower[end] == "and" && end + 1 < all.len() && is_number(end + 1)))
        {
            end += 1;
        }
        // Take in a compound's words before the number, too.
        while k > 0 && hyphened(&all[k - 1], &all[k]) {
            k -= 1;
        }
        let range = all[k].start..all[end - 1].end;
        let all_numbers = (k..end).all(|n| is_number(n) || lower[n] == "and");
        let digits = if all_numbers {
            with_commas(phrase_value(&lower[k..end]))
        } else {
            let mut written = String::new();
            for n in k..end {
                if n > k {
                    written.push_str(&text[all[n - 1].end..all[n].start]);
                }
                match number_value(&lower[n]) {
                    Some(value) => written.push_str(&with_commas(value)),
                    None => written.push_str(&text[all[n].clone()]),
                }
            }
            written
        };
        out.push(Finding {
            rule: Rule::EasyNumbers,
            place: page.at(block, range.clone()),
            message: format!("`{}` is a number written in words", &text[range]),
            hint: format!("write numbers as digits: {digits}"),
        });
        k = end;
    }

    // Percentages.
    for (at, _) in text.match_indices('%') {
        if block.in_code(at) {
            continue;
        }
        let start = all.iter().find(|w| w.end == at).map_or(at, |w| w.start);
        let range = start..at + 1;
        out.push(percentage(page, block, range));
    }
    for k in 0..all.len() {
        let percent = lower[k] == "percent"
            || (lower[k] == "per"
                && lower.get(k + 1).is_some_and(|n| n == "cent")
                && joined(&all[k], &all[k + 1], false));
        if percent {
            let start = k
                .checked_sub(1)
                .filter(|&p| {
                    lower[p].chars().all(|c| c.is_ascii_digit())
                        || number_value(&lower[p]).is_some()
                })
                .map_or(all[k].start, |p| all[p].start);
            let end = if lower[k] == "per" {
                all[k + 1].end
            } else {
                all[k].end
            };
            out.push(percentage(page, block, start..end));
        }
    }

    // Words to avoid.
    for (phrase, instead) in &settings.avoid {
        let parts: Vec<&str> = phrase.split(' ').collect();
        if parts.is_empty() {
            continue;
        }
        for k in 0..all.len() {
            let end = k + parts.len();
            if end > all.len() {
                break;
            }
            let matches = if parts.len() == 1 {
                is_form_of(&lower[k], parts[0])
            } else {
                lower[k..end].iter().zip(&parts).all(|(w, p)| w == p)
                    && (k + 1..end).all(|n| joined(&all[n - 1], &all[n], false))
            };
            if matches {
                let range = all[k].start..all[end - 1].end;
                out.push(Finding {
                    rule: Rule::EasyWordsToAvoid,
                    place: page.at(block, range.clone()),
                    message: format!("`{}` is a hard word for many readers", &text[range]),
                    hint: format!("use “{instead}” instead"),
                });
            }
        }
    }
}

/// A finding of a percentage.
fn percentage(page: &Page, block: &Block, range: Range<usize>) -> Finding {
    Finding {
        rule: Rule::EasyPercentages,
        place: page.at(block, range.clone()),
        message: format!(
            "`{}` is a percentage, which is hard to picture",
            &block.text[range]
        ),
        hint: "say it in a way people can picture, like “1 in 4 people” or “most people”"
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_a_word() {
        assert!(is_form_of("facilitates", "facilitate"));
        assert!(is_form_of("facilitating", "facilitate"));
        assert!(is_form_of("facilitated", "facilitate"));
        assert!(is_form_of("assisted", "assist"));
        assert!(!is_form_of("assistance", "assist"));
        assert!(!is_form_of("regard", "regarding"));
    }

    #[test]
    fn number_phrases_have_values() {
        let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(phrase_value(&words("twenty one")), 21);
        assert_eq!(phrase_value(&words("two hundred and five")), 205);
        assert_eq!(phrase_value(&words("three thousand")), 3000);
        assert_eq!(with_commas(1_000_000), "1,000,000");
    }

    #[test]
    fn capitals_allow_plurals_and_possessives() {
        assert_eq!(capitals("GPs").as_deref(), Some("GP"));
        assert_eq!(capitals("NHS's").as_deref(), Some("NHS"));
        assert_eq!(capitals("Hello"), None);
        assert_eq!(capitals("A4").as_deref(), Some("A"));
    }

    #[test]
    fn words_keep_apostrophes_inside() {
        let text = "don't stop, 'quoted'";
        let found: Vec<&str> = words(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["don't", "stop", "quoted"]);
    }
}
