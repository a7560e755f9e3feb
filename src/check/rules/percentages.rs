//! `easy-read/percentages`: no percentages, which are hard to picture.

use super::finding::Findings;
use super::numbers::number_value;
use super::page::Page;
use super::text::BlockWords;
use super::thresholds::EasyRead;
use crate::check::prose::Block;
use crate::check::readability::Readability;
use std::ops::Range;

/// Percentages, written with `%`, `percent` or `per cent`.
pub(super) fn check(page: &Page, _: &Readability, _: &EasyRead, out: &mut Findings) {
    for (block, words) in page.blocks_with_words() {
        in_block(page, block, words, out);
    }
}

/// The percentages of one block, each with the number before it.
fn in_block(page: &Page, block: &Block, words: &BlockWords, out: &mut Findings) {
    let lower = &words.lower;
    for (at, _) in block.text.match_indices('%') {
        if block.in_code(at) {
            continue;
        }
        let start = words
            .ranges
            .iter()
            .find(|w| w.end == at)
            .map_or(at, |w| w.start);
        found(page, block, start..at + 1, out);
    }
    for k in 0..words.count() {
        let percent = lower[k] == "percent"
            || (lower[k] == "per"
                && lower.get(k + 1).is_some_and(|n| n == "cent")
                && words.joined(k, k + 1, false));
        if percent {
            let first = k
                .checked_sub(1)
                .filter(|&p| {
                    lower[p].chars().all(|c| c.is_ascii_digit())
                        || number_value(&lower[p]).is_some()
                })
                .unwrap_or(k);
            let last = if lower[k] == "per" { k + 1 } else { k };
            found(page, block, words.span(first, last), out);
        }
    }
}

/// Records the percentage at `range` of a block's text.
fn found(page: &Page, block: &Block, range: Range<usize>, out: &mut Findings) {
    out.add(
        page.at(block, range.clone()),
        format!(
            "`{}` is a percentage, which is hard to picture",
            &block.text[range]
        ),
        "say it in a way people can picture, like “1 in 4 people” or “most people”",
    );
}
