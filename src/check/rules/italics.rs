//! `easy-read/italics`: no italics.

use super::finding::Findings;
use super::page::Page;
use super::thresholds::EasyRead;
use crate::check::prose::Mark;
use crate::check::readability::Readability;

/// Words in italics, by `*`, `_` or `<i>`.
pub(super) fn check(page: &Page, _: &Readability, _: &EasyRead, out: &mut Findings) {
    for (mark, offset, written) in &page.prose.marks {
        if *mark == Mark::Italic {
            out.add(
                page.map.place(*offset, written),
                format!("`{written}` is in italics, which are hard to read"),
                "take away the `*`, `_` or `<i>`; to make words stand out, use **bold**",
            );
        }
    }
}
