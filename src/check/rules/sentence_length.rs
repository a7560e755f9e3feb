//! `easy-read/sentence-length` and `plain-english/sentence-length`:
//! sentences of at most `max_sentence_words` words.

use super::finding::Findings;
use super::page::Page;
use super::text::{quote, sentences};
use super::thresholds::{EasyRead, PlainEnglish};
use crate::check::readability::Readability;

/// Easy read's sentences.
pub(super) fn easy_read(page: &Page, _: &Readability, settings: &EasyRead, out: &mut Findings) {
    long_sentences(
        page,
        settings.max_sentence_words,
        "easy read",
        "split it into shorter sentences, with one idea in each",
        out,
    );
}

/// Plain English's sentences.
pub(super) fn plain_english(
    page: &Page,
    _: &Readability,
    settings: &PlainEnglish,
    out: &mut Findings,
) {
    long_sentences(
        page,
        settings.max_sentence_words,
        "plain English",
        "split it in two, or cut the words the reader does not need",
        out,
    );
}

/// Sentences longer than `max` words, under the rules named `words_for`.
fn long_sentences(page: &Page, max: usize, words_for: &str, hint: &str, out: &mut Findings) {
    for block in &page.prose.blocks {
        for sentence in sentences(&block.text) {
            let count = sentence.words.len();
            if count > max {
                out.add(
                    page.at(block, sentence.range.clone()),
                    format!(
                        "this sentence has {count} words, {}; {words_for} keeps sentences to {max} words or fewer",
                        quote(&block.text, &sentence.words)
                    ),
                    hint,
                );
            }
        }
    }
}
