//! `easy-read/paragraph-length`: paragraphs and list items of at most
//! `max_paragraph_sentences` sentences.

use super::finding::Findings;
use super::page::Page;
use super::text::sentences;
use super::thresholds::EasyRead;
use crate::check::prose::BlockKind;
use crate::check::readability::Readability;

/// Blocks with too many sentences.
pub(super) fn check(page: &Page, _: &Readability, settings: &EasyRead, out: &mut Findings) {
    for block in &page.prose.blocks {
        let count = sentences(&block.text).len();
        if count > settings.max_paragraph_sentences {
            let what = match block.kind {
                BlockKind::ListItem => "list item",
                _ => "paragraph",
            };
            out.add(
                page.block_start(block),
                format!(
                    "this {what} has {count} sentences; easy read keeps to {} or fewer in one {what}",
                    settings.max_paragraph_sentences
                ),
                "start a new paragraph, with its own picture, for each idea",
            );
        }
    }
}
