//! `easy-read/abbreviations`: no abbreviations the site does not explain,
//! whether short words in capitals (`GP`) or with full stops (`e.g.`).

use super::capitals::{Capitals, LONG};
use super::finding::Findings;
use super::page::Page;
use super::text::BlockWords;
use super::thresholds::EasyRead;
use crate::check::prose::Block;
use crate::check::readability::Readability;

/// Abbreviations with full stops, each with how to do without it; those
/// without the last stop come after, so that the stop is quoted too.
const WITH_STOPS: [(&str, &str); 5] = [
    ("e.g.", "write “for example”"),
    ("i.e.", "write “this means”, or say it again in other words"),
    ("etc.", "finish the list, or write “and other things”"),
    ("e.g", "write “for example”"),
    ("i.e", "write “this means”, or say it again in other words"),
];

/// Unexplained abbreviations.
pub(super) fn check(page: &Page, _: &Readability, settings: &EasyRead, out: &mut Findings) {
    for (block, words) in page.blocks_with_words() {
        in_capitals(page, block, words, settings, out);
        with_stops(page, block, out);
    }
}

/// Short words in capitals, outside a block of capitals.
fn in_capitals(
    page: &Page,
    block: &Block,
    words: &BlockWords,
    settings: &EasyRead,
    out: &mut Findings,
) {
    let capitals = Capitals::new(words, settings);
    for (k, letters) in capitals.lone_words(settings) {
        if letters.chars().count() < LONG {
            out.add(
                page.at(block, words.ranges[k].clone()),
                format!("`{}` is an abbreviation", words.written(k)),
                format!(
                    "write the words in full, or say what it means in the next sentence and add `{letters}` to `explained` under `check: easy_read:` in site.yaml"
                ),
            );
        }
    }
}

/// `e.g.`, `i.e.` and `etc.`, as whole words outside code.
fn with_stops(page: &Page, block: &Block, out: &mut Findings) {
    let text = &block.text;
    let lower_text = text.to_lowercase();
    // Lowercasing may change the length of some letters; the offsets
    // below hold for both texts only when it did not.
    if lower_text.len() != text.len() {
        return;
    }
    let mut at = 0;
    while at < lower_text.len() {
        let rest = &lower_text[at..];
        let before_ok = at == 0
            || !lower_text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        let found = WITH_STOPS.into_iter().find(|(a, _)| {
            rest.starts_with(a)
                && !rest[a.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        });
        match found {
            Some((abbreviation, hint)) if before_ok && !block.in_code(at) => {
                let range = at..at + abbreviation.len();
                out.add(
                    page.at(block, range.clone()),
                    format!("`{}` is an abbreviation", &text[range]),
                    hint,
                );
                at += abbreviation.len();
            }
            _ => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
}
