//! A block's text read as the reading rules need it: its sentences, and
//! its words with where each is.

use crate::check::prose::Block;
use crate::check::readability;
use std::ops::Range;

/// A sentence of a block: where it is in the block's text, and its words.
pub(crate) struct Sentence<'a> {
    /// Where it is in the block's text.
    pub range: Range<usize>,
    /// Its words, each a slice of the text.
    pub words: Vec<&'a str>,
}

/// The sentences of a block's text, each with where it is.
pub(crate) fn sentences(text: &str) -> Vec<Sentence<'_>> {
    let base = text.as_ptr() as usize;
    readability::sentences(text)
        .into_iter()
        .filter_map(|words| {
            let first = words.first()?;
            let last = words.last()?;
            let start = first.as_ptr() as usize - base;
            let end = last.as_ptr() as usize - base + last.len();
            Some(Sentence {
                range: start..end,
                words,
            })
        })
        .collect()
}

/// The start of some words of `text` (each a slice of it), to quote in a
/// message, as written.
pub(crate) fn quote(text: &str, words: &[&str]) -> String {
    const SHOWN: usize = 8;
    let (Some(first), Some(last)) = (words.first(), words[..words.len().min(SHOWN)].last()) else {
        return "“”".to_string();
    };
    let base = text.as_ptr() as usize;
    let start = first.as_ptr() as usize - base;
    let end = last.as_ptr() as usize - base + last.len();
    let shown = text.get(start..end).unwrap_or(first);
    if words.len() > SHOWN {
        format!("“{shown} …”")
    } else {
        format!("“{shown}”")
    }
}

/// The words of a block's text outside code, read once for all the rules
/// about words.
pub(crate) struct BlockWords<'a> {
    /// The block's text.
    pub text: &'a str,
    /// Where each word is in it.
    pub ranges: Vec<Range<usize>>,
    /// Each word in lowercase.
    pub lower: Vec<String>,
}

impl<'a> BlockWords<'a> {
    /// Reads a block's words, leaving out those in code.
    pub(crate) fn new(block: &'a Block) -> BlockWords<'a> {
        let text = block.text.as_str();
        let ranges: Vec<Range<usize>> = words(text)
            .into_iter()
            .filter(|w| !block.in_code(w.start))
            .collect();
        let lower = ranges
            .iter()
            .map(|w| text[w.clone()].to_lowercase())
            .collect();
        BlockWords {
            text,
            ranges,
            lower,
        }
    }

    /// How many words there are.
    pub(crate) fn count(&self) -> usize {
        self.ranges.len()
    }

    /// Word `k` as written.
    pub(crate) fn written(&self, k: usize) -> &'a str {
        &self.text[self.ranges[k].clone()]
    }

    /// The text from the start of word `first` to the end of word `last`.
    pub(crate) fn span(&self, first: usize, last: usize) -> Range<usize> {
        self.ranges[first].start..self.ranges[last].end
    }

    /// Whether only spaces (and, with `hyphen`, hyphens) come between
    /// words `a` and `b`.
    pub(crate) fn joined(&self, a: usize, b: usize, hyphen: bool) -> bool {
        self.between(a, b)
            .chars()
            .all(|c| c == ' ' || (hyphen && c == '-'))
    }

    /// Whether words `a` and `b` are joined by one hyphen (`one-to-one`).
    pub(crate) fn hyphened(&self, a: usize, b: usize) -> bool {
        self.between(a, b) == "-"
    }

    /// The text between the end of word `a` and the start of word `b`.
    pub(crate) fn between(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.ranges[a].end..self.ranges[b].start]
    }
}

/// A word of a block's text: letters and digits, with apostrophes inside.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inside_apostrophe = matches!(c, '\'' | '’')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inside_apostrophe {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            found.push(s..i);
        }
    }
    if let Some(s) = start {
        found.push(s..text.len());
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_apostrophes_inside() {
        let text = "don't stop, 'quoted'";
        let found: Vec<&str> = words(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["don't", "stop", "quoted"]);
    }
}
