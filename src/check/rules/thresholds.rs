//! What the reading rules measure against: the easy-read and plain-English
//! thresholds and word lists, with their defaults. [`crate::check::settings`]
//! reads the values a site changes from site.yaml.

use std::collections::{BTreeMap, BTreeSet};

/// The words easy read avoids, each with the everyday word to use instead.
pub(crate) const AVOID: [(&str, &str); 14] = [
    ("facilitate", "help"),
    ("utilise", "use"),
    ("utilize", "use"),
    ("leverage", "use"),
    ("going forward", "from now on"),
    ("in order to", "to"),
    ("commence", "start"),
    ("endeavour", "try"),
    ("assist", "help"),
    ("regarding", "about"),
    ("prior to", "before"),
    ("in relation to", "about"),
    ("obtain", "get"),
    ("sufficient", "enough"),
];

/// Abbreviations easy read may use without a site listing them.
pub(crate) const EXPLAINED: [&str; 1] = ["OK"];

/// The easy-read thresholds and word lists.
#[derive(Clone, Debug)]
pub(crate) struct EasyRead {
    /// Most words in a sentence.
    pub max_sentence_words: usize,
    /// Most sentences in a paragraph or list item.
    pub max_paragraph_sentences: usize,
    /// Least Flesch reading ease of a page.
    pub min_reading_ease: f64,
    /// Fewest words a page needs before its reading ease is judged.
    pub reading_ease_min_words: usize,
    /// Most printed pages of a page (or a section's PDF).
    pub max_pages: usize,
    /// Words on an easy-read printed page, for estimating pages.
    pub words_per_page: usize,
    /// Abbreviations the site explains, so they may be used.
    pub explained: BTreeSet<String>,
    /// Words and phrases to avoid (lowercase), each with a plainer one.
    pub avoid: BTreeMap<String, String>,
}

/// The plain-English thresholds, for every theme but easy read.
#[derive(Clone, Debug)]
pub(crate) struct PlainEnglish {
    /// Most words in a sentence.
    pub max_sentence_words: usize,
    /// Least Flesch reading ease of a page.
    pub min_reading_ease: f64,
    /// Fewest words a page needs before its reading ease is judged.
    pub reading_ease_min_words: usize,
}

impl Default for EasyRead {
    fn default() -> Self {
        EasyRead {
            max_sentence_words: 15,
            max_paragraph_sentences: 3,
            min_reading_ease: 70.0,
            reading_ease_min_words: 50,
            max_pages: 20,
            words_per_page: 120,
            explained: EXPLAINED.iter().map(|s| s.to_string()).collect(),
            avoid: AVOID
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        }
    }
}

impl Default for PlainEnglish {
    fn default() -> Self {
        PlainEnglish {
            max_sentence_words: 25,
            min_reading_ease: 50.0,
            reading_ease_min_words: 50,
        }
    }
}

/// A threshold as written: `70`, not `70.0`.
pub(crate) fn trim_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}
