//! `easy-read/words-to-avoid`: everyday words instead of the hard ones
//! site.yaml lists (and the defaults), in any of their forms.

use super::finding::Findings;
use super::page::Page;
use super::text::BlockWords;
use super::thresholds::EasyRead;
use crate::check::prose::Block;
use crate::check::readability::Readability;

/// Words and phrases to avoid.
pub(super) fn check(page: &Page, _: &Readability, settings: &EasyRead, out: &mut Findings) {
    for (block, words) in page.blocks_with_words() {
        in_block(page, block, words, settings, out);
    }
}

/// The words to avoid in one block.
fn in_block(
    page: &Page,
    block: &Block,
    words: &BlockWords,
    settings: &EasyRead,
    out: &mut Findings,
) {
    let lower = &words.lower;
    for (phrase, instead) in &settings.avoid {
        let parts: Vec<&str> = phrase.split(' ').collect();
        for k in 0..words.count() {
            let end = k + parts.len();
            if end > words.count() {
                break;
            }
            let matches = if parts.len() == 1 {
                is_form_of(&lower[k], parts[0])
            } else {
                lower[k..end].iter().zip(&parts).all(|(w, p)| w == p)
                    && (k + 1..end).all(|n| words.joined(n - 1, n, false))
            };
            if matches {
                let range = words.span(k, end - 1);
                out.add(
                    page.at(block, range.clone()),
                    format!("`{}` is a hard word for many readers", &words.text[range]),
                    format!("use “{instead}” instead"),
                );
            }
        }
    }
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
}
