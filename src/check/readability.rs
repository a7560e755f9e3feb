//! Readability figures for `signpost check`: the words, sentences and
//! syllables of a passage of English, and its Flesch reading ease.
//!
//! Flesch reading ease = 206.835 − 1.015 × (words ÷ sentences) − 84.6 ×
//! (syllables ÷ words). Higher is easier: 70 and over is fairly easy, 50 to
//! 60 is fairly hard, and under 30 is very hard.
//!
//! # What to pass
//!
//! Pass the text a reader sees, not Markdown source: no list markers,
//! emphasis marks or link targets. Every line break ends a sentence, so
//! join the blocks of a page (paragraphs, headings, list items, table
//! cells) with `\n`, and join the lines of one block (soft breaks) with a
//! space. A heading or list item with no full stop then counts as a
//! sentence of its own, as a reader takes it.
//!
//! # How text is counted
//!
//! - **Words** are the runs of text between white space, `/`, `–` and `—`
//!   that hold at least one letter or digit. Hyphenated words (`part-time`),
//!   contractions (`didn't`) and numbers (`2025`, `£15.50`) are one word
//!   each; punctuation around a word is not part of it.
//! - **Sentences** end at a word ending in `.`, `!`, `?` or `…` (closing
//!   quotes and brackets after it are allowed), and at a line break. A
//!   full stop inside a word (`15.50`, `example.org`) ends nothing.
//!   Abbreviations: `e.g.`, `i.e.`, `cf.`, `vs.`, `approx.`, `incl.`,
//!   `tel.` and the titles `Mr.`, `Mrs.`, `Ms.`, `Mx.`, `Dr.`, `Prof.`
//!   and `St.` never end a sentence, nor does a single letter (an initial,
//!   as in `J. Smith`) or a number at the start of a sentence (a list
//!   number, as in `1. Fill in the form`). `etc.` and dotted
//!   abbreviations such as `a.m.` or `U.K.` end a sentence only when the
//!   next word starts with a capital letter or there is no next word. Any
//!   other abbreviation with a full stop (`Ltd.`, `No.`) ends a sentence:
//!   write it without one.
//! - **Syllables** are estimated word by word by [`syllables`].
//!
//! # Compared with Python's textstat
//!
//! The tests hold reference figures from textstat 0.7.3. Its counts differ
//! from these in ways that are known:
//!
//! - textstat splits sentences at every `.`, `!` and `?`, also inside
//!   `£15.50` or after `e.g.`, then drops every "sentence" of two words or
//!   fewer, so it does not count `Need help?` or a two-word heading.
//! - textstat counts `and/or` as one word; here it is two.
//! - textstat counts syllables with pyphen's hyphenation points, which
//!   miss syllables at the ends of words (`about`, `any`, `easy`, `every`
//!   and `many` get one syllable too few), so its syllable counts run a few
//!   per cent lower than these and its scores a few points higher.
//! - `textstat.flesch_reading_ease` rounds words per sentence and
//!   syllables per word to one decimal place before the formula, which
//!   moves the score by up to about 4 points; this module does not round.

use serde::Serialize;

/// Counts and scores for a passage of English.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Readability {
    /// The words (see the module documentation for what counts as one).
    pub words: usize,
    /// The sentences that have at least one word.
    pub sentences: usize,
    /// The syllables of all the words, by [`syllables`].
    pub syllables: usize,
    /// 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables ÷
    /// words), not rounded. A text with no words scores 206.835, both
    /// ratios taken as 0 (as textstat does): skip such a text rather than
    /// judge it by its score.
    pub flesch_reading_ease: f64,
}

/// Counts the words, sentences and syllables of `text` and scores its
/// Flesch reading ease. Blocks are separated by line breaks: see the module
/// documentation for what to pass.
pub fn analyse(text: &str) -> Readability {
    let sentences = sentences(text);
    let words = sentences.iter().map(Vec::len).sum();
    let syllables = sentences.iter().flatten().map(|word| syllables(word)).sum();
    Readability {
        words,
        sentences: sentences.len(),
        syllables,
        flesch_reading_ease: flesch_reading_ease(words, sentences.len(), syllables),
    }
}

/// The sentences of a text (for the "at most N words a sentence" rule),
/// each as its words, in order. Each word is a slice of `text` with the
/// punctuation around it trimmed (`"(e.g."` gives `e.g`, `"didn't,"`
/// gives `didn't`), so a sentence's first and last words locate it in the
/// text. Sentences with no words are left out. Every line break ends a
/// sentence: see the module documentation.
pub fn sentences(text: &str) -> Vec<Vec<&str>> {
    let tokens = tokens(text);
    let mut sentences = Vec::new();
    let mut current = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.after_line_break && !current.is_empty() {
            sentences.push(std::mem::take(&mut current));
        }
        let word = token.text.trim_matches(|c: char| !c.is_alphanumeric());
        if !word.is_empty() {
            current.push(word);
        }
        if ends_sentence(token.text, current.len() <= 1, tokens.get(i + 1)) && !current.is_empty() {
            sentences.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    sentences
}

/// Estimates the syllables of one word: at least 1 for a word with a letter
/// or digit in it, 0 for a string with neither.
///
/// A heuristic for British and American English, with no dictionary: each
/// group of vowels is a syllable (`y` is a vowel except before a vowel or at
/// the start of a word, `u` is not one after `q`), less a silent final `e`,
/// `-es` or `-ed` (`make`, `makes`, `worked`; but `table`, `pages`,
/// `wanted`), plus one where a vowel pair is said as two (`area`, `create`,
/// `period`, `usual`, `being`; but `nation`, `social`, `people`), plus one
/// for `-ism` and for `-n't` after a consonant (`didn't`). A compound with a
/// silent `e` inside (`someone`, `safeguarding`, `statement`, `useful`) is
/// counted part by part. Parts joined by a hyphen or other punctuation are
/// counted separately and added (`part-time` is 2). A number is 1 syllable,
/// however it is read aloud (as textstat counts it). An acronym in capitals
/// with no vowel is spelt out (`NHS` is 3, `W` counting 3).
///
/// Checked against the CMU Pronouncing Dictionary on the 5,000 commonest
/// English words and the words of the example pack: see the tests.
pub fn syllables(word: &str) -> usize {
    word.split(|c: char| !c.is_alphanumeric() && !is_apostrophe(c))
        .map(|part| {
            if part.chars().any(char::is_alphabetic) {
                part_syllables(part)
            } else if part.chars().any(char::is_numeric) {
                1
            } else {
                0
            }
        })
        .sum()
}

/// The Flesch reading ease of the counts; 206.835 for no words.
fn flesch_reading_ease(words: usize, sentences: usize, syllables: usize) -> f64 {
    if words == 0 || sentences == 0 {
        return 206.835;
    }
    let words = words as f64;
    206.835 - 1.015 * (words / sentences as f64) - 84.6 * (syllables as f64 / words)
}

/// A run of text between separators, and whether a line break came between
/// it and the run before.
struct Token<'a> {
    text: &'a str,
    after_line_break: bool,
}

/// Splits text at white space, `/`, `–` and `—`.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut start = None;
    let mut after_line_break = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || matches!(c, '/' | '–' | '—') {
            if let Some(start) = start.take() {
                tokens.push(Token {
                    text: &text[start..i],
                    after_line_break,
                });
                after_line_break = false;
            }
            if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                after_line_break = true;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(start) = start {
        tokens.push(Token {
            text: &text[start..],
            after_line_break,
        });
    }
    tokens
}

/// Abbreviations (lower case, without their last full stop) that never end
/// a sentence.
const NEVER_FINAL: &[&str] = &[
    "e.g", "eg", "i.e", "ie", "cf", "vs", "approx", "incl", "tel", "mr", "mrs", "ms", "mx", "dr",
    "prof", "st",
];

/// Whether a sentence ends with this token. `first` tells whether the token
/// starts its sentence, `next` is the token after it.
fn ends_sentence(token: &str, first: bool, next: Option<&Token>) -> bool {
    let end =
        token.trim_end_matches(|c| matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}'));
    match end.chars().last() {
        Some('!' | '?' | '…') => return true,
        Some('.') => {}
        _ => return false,
    }
    let body = end
        .trim_end_matches('.')
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    if body.is_empty() {
        return true;
    }
    let lower = body.to_lowercase();
    if NEVER_FINAL.contains(&lower.as_str()) {
        return false;
    }
    if first && body.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let mut chars = body.chars();
    if chars.next().is_some_and(|c| c.is_alphabetic() && c != 'I') && chars.next().is_none() {
        return false;
    }
    let dotted = body.contains('.')
        && body.split('.').all(|part| {
            (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
        });
    if dotted || lower == "etc" {
        return next.is_none_or(|next| {
            next.text
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(char::is_uppercase)
        });
    }
    true
}

/// Whether `c` is an apostrophe, straight or curly.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// The syllables of a part of a word with at least one letter in it and no
/// punctuation but apostrophes.
fn part_syllables(part: &str) -> usize {
    let stem = part.split(is_apostrophe).next().unwrap_or(part);
    if stem.chars().count() >= 2
        && stem.chars().all(|c| c.is_uppercase())
        && !stem.chars().any(|c| "AEIOU".contains(c))
    {
        return stem.chars().map(|c| if c == 'W' { 3 } else { 1 }).sum();
    }
    let letters: Vec<char> = part
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let lower = part.to_lowercase();
    let contraction = lower.ends_with("n't") || lower.ends_with("n’t");
    let mut count = letter_syllables(&letters);
    if contraction && letters.len() >= 3 && !is_vowel(&letters, letters.len() - 3) {
        count += 1;
    }
    count
}

/// Starts of compounds and their syllables: mostly words ending in a
/// silent `e` (`someone`, `safeguarding`, `caseload`, `useful`). They count
/// so when a consonant or `one` follows.
const COMPOUND_STARTS: &[(&str, usize)] = &[
    ("some", 1),
    ("safe", 1),
    ("case", 1),
    ("home", 1),
    ("care", 1),
    ("time", 1),
    ("life", 1),
    ("house", 1),
    ("base", 1),
    ("side", 1),
    ("fire", 1),
    ("face", 1),
    ("note", 1),
    ("line", 1),
    ("whole", 1),
    ("wide", 1),
    ("hope", 1),
    ("name", 1),
    ("code", 1),
    ("use", 1),
    ("there", 1),
    ("like", 1),
    ("store", 1),
    ("may", 1),
    ("busi", 1),
    ("any", 2),
    ("every", 2),
];

/// Endings that leave a silent `e` silent before them (`statement`,
/// `likely`, `safety`).
const SILENT_E_SUFFIXES: &[&str] = &[
    "ly", "ful", "fully", "ment", "ments", "ness", "less", "ty", "where",
];

/// The syllables of a lower-case word of letters only; at least 1.
fn letter_syllables(w: &[char]) -> usize {
    for &(start, syllables) in COMPOUND_STARTS {
        let start: Vec<char> = start.chars().collect();
        if let Some(rest) = w.strip_prefix(start.as_slice()) {
            let compound =
                (rest.len() >= 2 && !is_vowel(rest, 0)) || matches!(rest, ['o', 'n', 'e', ..]);
            if compound {
                return syllables + letter_syllables(rest);
            }
        }
    }
    for suffix in SILENT_E_SUFFIXES {
        let suffix: Vec<char> = suffix.chars().collect();
        if let Some(stem) = w.strip_suffix(suffix.as_slice()) {
            let n = stem.len();
            if n >= 4 && stem[n - 1] == 'e' && !is_vowel(stem, n - 2) {
                return letter_syllables(stem) + letter_syllables(&suffix);
            }
        }
    }

    let n = w.len();
    let mut count = 0;
    let mut i = 0;
    while i < n {
        if is_vowel(w, i) {
            let start = i;
            while i < n && is_vowel(w, i) {
                i += 1;
            }
            count += 1 + usize::from(hiatus(w, start, i));
        } else {
            i += 1;
        }
    }

    // A final `e`, `es` or `ed` after a consonant is mostly silent.
    let consonant = |k: usize| !is_vowel(w, k);
    // `table`, `centre`, `tables`, `bundled`: a consonant, then `l` or `r`.
    let syllabic =
        |k: usize| k >= 1 && matches!(w[k], 'l' | 'r') && consonant(k - 1) && w[k - 1] != w[k];
    if count >= 2 && n >= 3 && w[n - 1] == 'e' && consonant(n - 2) && !syllabic(n - 2) {
        count -= 1;
    } else if count >= 2 && n >= 4 && w[n - 2] == 'e' && consonant(n - 3) {
        let silent = match w[n - 1] {
            's' => {
                !matches!(w[n - 3], 's' | 'x' | 'z' | 'c' | 'g')
                    && !(w[n - 3] == 'h' && matches!(w[n - 4], 'c' | 's'))
                    && !syllabic(n - 3)
            }
            'd' => !matches!(w[n - 3], 't' | 'd') && !syllabic(n - 3),
            _ => false,
        };
        if silent {
            count -= 1;
        }
    }
    // `colleague`, `dialogue`, `tongue`; but `argue`.
    let gue = w.ends_with(&['g', 'u', 'e']) || w.ends_with(&['g', 'u', 'e', 's']);
    if gue && count >= 2 {
        let g = n - if w[n - 1] == 's' { 4 } else { 3 };
        if g >= 1 && (is_vowel(w, g - 1) || w[g - 1] == 'n') {
            count -= 1;
        }
    }
    // `autism`, `enthusiasm`: the `m` is a syllable of its own.
    let ism = if w.ends_with(&['s', 'm', 's']) {
        3
    } else if w.ends_with(&['s', 'm']) {
        2
    } else {
        0
    };
    if ism > 0 && n > ism && is_vowel(w, n - ism - 1) {
        count += 1;
    }
    count.max(1)
}

/// Whether the letter at `i` is a vowel: `a e i o u`, or an accented vowel;
/// `y` except at the start of the word or between vowels; not `u` after `q`.
fn is_vowel(w: &[char], i: usize) -> bool {
    match w[i] {
        'a' | 'e' | 'i' | 'o' => true,
        'u' => i == 0 || w[i - 1] != 'q',
        'y' => {
            let vowel = |c: &char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
            i > 0 && !(vowel(&w[i - 1]) && w.get(i + 1).is_some_and(vowel))
        }
        c => "àáâãäåæèéêëìíîïòóôõöøùúûüÿœ".contains(c),
    }
}

/// Whether the vowel group `w[start..end]` is said as two syllables.
fn hiatus(w: &[char], start: usize, end: usize) -> bool {
    let group: String = w[start..end].iter().collect();
    let rest = &w[end..];
    let prev = start.checked_sub(1).map(|k| w[k]);
    let next = rest.first().copied();
    let consonant_next = next.is_some_and(|c| !"aeiouy".contains(c));
    let rest_is = |endings: &[&str]| endings.iter().any(|e| rest.iter().copied().eq(e.chars()));
    let rest_starts = |s: &str| rest.iter().copied().take(s.len()).eq(s.chars());
    // `nation`, `social`, `vision`, `religious`, `fashion`.
    let palatal = matches!(prev, Some('c' | 't' | 's' | 'x' | 'g'))
        || (prev == Some('h') && start >= 2 && matches!(w[start - 2], 's' | 'c'));
    // `million`, `opinion`, `senior`, `familiar`.
    let glide = matches!(prev, Some('l' | 'n')) && matches!(next, Some('n' | 'r'));
    if group.len() >= 2 && group.ends_with('i') && rest_starts("ng") {
        return true; // `going`, `being`, `seeing`, `continuing`
    }
    match group.as_str() {
        "ia" => {
            // `confidentiality`
            !(palatal && matches!(next, Some('l' | 'n')) && !rest_starts("lit"))
                && !glide
                && !rest_is(&["ge", "ges"])
        }
        "io" => !(palatal && next == Some('n')) && !glide,
        "iou" => !palatal && next != Some('r'),
        "iu" | "uou" => true,
        "ie" => {
            if rest_is(&["r", "rs", "st"]) || rest_starts("t") {
                true // `earlier`, `easiest`, `quiet`, `society`
            } else if rest_starts("nt") || rest_starts("nc") {
                // `client`, `science`; but `patient`, `ancient`
                !palatal || (start == 2 && w[..2] == ['s', 'c'])
            } else {
                false
            }
        }
        "ea" => {
            let vowel_before = (0..start).any(|k| is_vowel(w, k));
            // `area`, `idea`, `European`; but `ocean`
            (vowel_before && rest_is(&["", "s", "n", "ns"]) && !palatal)
                || (start == 2 && w[..2] == ['c', 'r'] && next == Some('t')) // `create`
                || (start == 1
                    && w[0] == 'r'
                    && (rest_starts("ct")
                        || rest_starts("li")
                        || (rest.len() >= 2 && rest[0] == rest[1] && rest[0] != 'l' && !is_vowel(rest, 0))))
            // `react`, `realise`, `reassure`
        }
        "eo" | "eou" => {
            // `video`, `reopen`; but `pigeon`, `gorgeous`, `people`
            (start == 1 && w[0] == 'r')
                || !(prev == Some('c') || (prev == Some('g') && start >= 2) || next == Some('p'))
        }
        "ua" => prev != Some('g'),
        "ue" => prev != Some('g') && matches!(next, Some('n' | 'l' | 't')),
        "ui" => {
            prev != Some('g')
                && (rest_is(&["n", "ns", "ne", "nes", "d", "ds"])
                    || rest_starts("ty")
                    || rest_starts("tio"))
        }
        "oe" => matches!(next, Some('m' | 't')) || (start == 1 && w[0] == 'c'),
        "oo" => start == 1 && w[0] == 'c' && matches!(next, Some('p' | 'r')),
        "ei" => start == 1 && w[0] == 'r' && w.len() > 4 && consonant_next && !rest_starts("gn"),
        "eu" => rest_is(&["m", "ms"]),
        _ => false,
    }
}
