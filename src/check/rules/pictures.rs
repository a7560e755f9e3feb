//! `easy-read/pictures`: every paragraph starts with a picture.

use super::finding::Findings;
use super::page::Page;
use super::text::quote;
use super::thresholds::EasyRead;
use crate::check::prose::BlockKind;
use crate::check::readability::Readability;

/// Paragraphs with no picture first (a fill-in field needs none).
pub(super) fn check(page: &Page, _: &Readability, _: &EasyRead, out: &mut Findings) {
    for block in &page.prose.blocks {
        if block.kind == BlockKind::Paragraph && !block.starts_with_image && !block.has_field {
            let words: Vec<&str> = block.text.split_whitespace().collect();
            out.add(
                page.block_start(block),
                format!("this paragraph has no picture: {}", quote(&block.text, &words)),
                "start it with a picture of its main point: ![A calendar](calendar.svg) We meet once a month.",
            );
        }
    }
}
