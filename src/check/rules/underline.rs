//! `easy-read/underline`: no underlining.

use super::finding::Findings;
use super::page::Page;
use super::thresholds::EasyRead;
use crate::check::prose::Mark;
use crate::check::readability::Readability;

/// Words underlined with `<u>`.
pub(super) fn check(page: &Page, _: &Readability, _: &EasyRead, out: &mut Findings) {
    for (mark, offset, written) in &page.prose.marks {
        if *mark == Mark::Underline {
            out.add(
                page.map.place(*offset, written),
                format!(
                    "`{written}` underlines words, which makes them hard to read and look like a link"
                ),
                "take away the `<u>` tags; to make words stand out, use **bold**",
            );
        }
    }
}
