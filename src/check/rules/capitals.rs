//! `easy-read/capitals`: no blocks of capitals, whether a run of words or
//! one long word. Shorter words in capitals are abbreviations, which
//! [`super::abbreviations`] judges from the same reading.

use super::finding::Findings;
use super::page::Page;
use super::text::BlockWords;
use super::thresholds::EasyRead;
use crate::check::readability::Readability;
use std::ops::Range;

/// Blocks of capitals.
pub(super) fn check(page: &Page, _: &Readability, settings: &EasyRead, out: &mut Findings) {
    for (block, words) in page.blocks_with_words() {
        let capitals = Capitals::new(words, settings);
        for run in &capitals.runs {
            let range = words.span(run.start, run.end - 1);
            out.add(
                page.at(block, range.clone()),
                format!(
                    "`{}` is a block of capitals, which is hard to read",
                    &words.text[range]
                ),
                "write it in ordinary letters; to make words stand out, use **bold**",
            );
        }
        for (k, letters) in capitals.lone_words(settings) {
            if letters.chars().count() >= LONG {
                out.add(
                    page.at(block, words.ranges[k].clone()),
                    format!(
                        "`{}` is written in capitals, which is hard to read",
                        words.written(k)
                    ),
                    format!(
                        "write it in ordinary letters (use **bold** to make it stand out); if it is an abbreviation, say what it means and add `{letters}` to `explained` under `check: easy_read:` in site.yaml"
                    ),
                );
            }
        }
    }
}

/// Letters in capitals a word needs to be a block of capitals on its own;
/// fewer make an abbreviation.
pub(super) const LONG: usize = 5;

/// The words of a block in capitals.
pub(super) struct Capitals {
    /// Each word's letters, if they are all capitals.
    letters: Vec<Option<String>>,
    /// Whether each word is in one of `runs`.
    in_run: Vec<bool>,
    /// Runs of 3 or more words in capitals, 2 of them with 2 letters or
    /// more, not all explained: the words' indexes.
    runs: Vec<Range<usize>>,
}

impl Capitals {
    /// Finds the words in capitals, and their runs.
    pub(super) fn new(words: &BlockWords, settings: &EasyRead) -> Capitals {
        let letters: Vec<Option<String>> = (0..words.count())
            .map(|k| capitals(words.written(k)))
            .collect();
        let mut in_run = vec![false; words.count()];
        let mut runs = Vec::new();
        let mut i = 0;
        while i < words.count() {
            let mut j = i;
            while j < words.count()
                && letters[j].is_some()
                && (j == i || words.joined(j - 1, j, true))
            {
                j += 1;
            }
            let run = &letters[i..j];
            let long = run
                .iter()
                .flatten()
                .filter(|l| l.chars().count() >= 2)
                .count();
            let unexplained = run.iter().flatten().any(|l| !is_explained(settings, l));
            if j - i >= 3 && long >= 2 && unexplained {
                in_run[i..j].iter_mut().for_each(|r| *r = true);
                runs.push(i..j);
            }
            i = j.max(i + 1);
        }
        Capitals {
            letters,
            in_run,
            runs,
        }
    }

    /// The words in capitals outside a run, with 2 letters or more and not
    /// explained: each word's index and letters.
    pub(super) fn lone_words<'a>(
        &'a self,
        settings: &'a EasyRead,
    ) -> impl Iterator<Item = (usize, &'a str)> + 'a {
        self.letters
            .iter()
            .enumerate()
            .filter_map(|(k, letters)| Some((k, letters.as_deref()?)))
            .filter(move |&(k, letters)| {
                !self.in_run[k] && letters.chars().count() >= 2 && !is_explained(settings, letters)
            })
    }
}

/// Whether the site explains an abbreviation, so it may be used.
fn is_explained(settings: &EasyRead, letters: &str) -> bool {
    settings
        .explained
        .iter()
        .any(|e| e.eq_ignore_ascii_case(letters))
}

/// A word's letters, if they are all capitals (less a plural `s` or a
/// possessive: `GPs`, `NHS's`).
fn capitals(word: &str) -> Option<String> {
    let stem = word.split(['\'', '’']).next().unwrap_or(word);
    let stem = match stem.strip_suffix('s') {
        Some(rest)
            if rest.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && rest
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase) =>
        {
            rest
        }
        _ => stem,
    };
    let letters: String = stem.chars().filter(|c| c.is_alphabetic()).collect();
    (!letters.is_empty() && letters.chars().all(char::is_uppercase)).then_some(letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_allow_plurals_and_possessives() {
        assert_eq!(capitals("GPs").as_deref(), Some("GP"));
        assert_eq!(capitals("NHS's").as_deref(), Some("NHS"));
        assert_eq!(capitals("Hello"), None);
        assert_eq!(capitals("A4").as_deref(), Some("A"));
    }
}
