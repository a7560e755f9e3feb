//! `easy-read/reading-ease` and `plain-english/reading-ease`: a Flesch
//! reading ease of at least `min_reading_ease`, with the hardest sentences
//! named in the hint.

use super::finding::Findings;
use super::page::Page;
use super::text::sentences;
use super::thresholds::{trim_number, EasyRead, PlainEnglish};
use crate::check::readability::{self, Readability};

/// Easy read's reading ease.
pub(super) fn easy_read(
    page: &Page,
    readability: &Readability,
    settings: &EasyRead,
    out: &mut Findings,
) {
    reading_ease(
        page,
        readability,
        (settings.min_reading_ease, settings.reading_ease_min_words),
        "easy read",
        out,
    );
}

/// Plain English's reading ease.
pub(super) fn plain_english(
    page: &Page,
    readability: &Readability,
    settings: &PlainEnglish,
    out: &mut Findings,
) {
    reading_ease(
        page,
        readability,
        (settings.min_reading_ease, settings.reading_ease_min_words),
        "plain English",
        out,
    );
}

/// A page below `min`, once it has `min_words` words to judge, under the
/// rules named `words_for`.
fn reading_ease(
    page: &Page,
    readability: &Readability,
    (min, min_words): (f64, usize),
    words_for: &str,
    out: &mut Findings,
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
    out.add(
        place,
        format!(
            "this page's Flesch reading ease is {:.1}; {words_for} needs {} or more",
            readability.flesch_reading_ease,
            trim_number(min)
        ),
        format!("use shorter sentences and shorter, everyday words{lines}"),
    );
}
