//! What a rule reads: a page version's prose, with how to place what it
//! finds in the page's file and how to estimate its printed pages.

use super::text::BlockWords;
use crate::check::prose::{Block, Prose};
use crate::check::readability::{self, Readability};
use crate::markdown::SourceMap;
use std::ops::Range;
use std::sync::OnceLock;

/// A page version's prose, and how to place things in its file.
pub(crate) struct Page<'a> {
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
    pub(crate) fn new(
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
    pub(crate) fn blocks_with_words(&self) -> impl Iterator<Item = (&Block, &BlockWords<'a>)> {
        let words = self
            .words
            .get_or_init(|| self.prose.blocks.iter().map(BlockWords::new).collect());
        self.prose.blocks.iter().zip(words)
    }

    /// The place in the file of some of a block's text.
    pub(crate) fn at(&self, block: &Block, range: Range<usize>) -> (usize, usize) {
        let (offset, written) = block.source(range, self.markdown);
        self.map.place(offset, &written)
    }

    /// The place in the file of a block's start.
    pub(crate) fn block_start(&self, block: &Block) -> (usize, usize) {
        let text = block.text.trim_start();
        let skipped = block.text.len() - text.len();
        let first = text.split_whitespace().next().unwrap_or_default();
        self.at(block, skipped..skipped + first.len())
    }

    /// The words readers read, one block a line, for [`readability`].
    pub(crate) fn text(&self) -> String {
        let mut text = String::new();
        for block in &self.prose.blocks {
            text.push_str(block.text.trim());
            text.push('\n');
        }
        text
    }

    /// The page's readability figures (paragraphs and list items only).
    pub(crate) fn readability(&self) -> Readability {
        readability::analyse(&self.text())
    }

    /// Every word on the page, with headings, tables and fill-in lines,
    /// for estimating printed pages: a line to write on counts as
    /// [`WORDS_PER_FIELD_LINE`] words.
    pub(crate) fn printed_words(&self, readability: &Readability) -> usize {
        readability.words + self.prose.other_words + self.prose.field_lines * WORDS_PER_FIELD_LINE
    }
}

/// How many words of space one line to write on takes, in the page estimate.
pub(crate) const WORDS_PER_FIELD_LINE: usize = 6;

/// Printed pages for this many words: at least 1.
pub(crate) fn printed_pages(words: usize, words_per_page: usize) -> usize {
    words.div_ceil(words_per_page.max(1)).max(1)
}
