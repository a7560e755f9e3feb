//! `easy-read/numbers`: numbers as digits, not words.

use super::finding::Findings;
use super::page::Page;
use super::text::BlockWords;
use super::thresholds::EasyRead;
use crate::check::prose::Block;
use crate::check::readability::Readability;

/// Numbers written in words: a phrase of them (`twenty-one`, `two hundred
/// and five`), or a compound with one in it (`one-to-one`).
pub(super) fn check(page: &Page, _: &Readability, _: &EasyRead, out: &mut Findings) {
    for (block, words) in page.blocks_with_words() {
        in_block(page, block, words, out);
    }
}

/// The numbers in words of one block.
fn in_block(page: &Page, block: &Block, words: &BlockWords, out: &mut Findings) {
    let lower = &words.lower;
    let is_number = |k: usize| number_value(&lower[k]).is_some();
    let mut k = 0;
    while k < words.count() {
        if !is_number(k) {
            k += 1;
            continue;
        }
        let next_is_word = k + 1 < words.count() && words.joined(k, k + 1, true);
        let pronoun = lower[k] == "one"
            && ((k > 0 && ONE_AS_PRONOUN.contains(&lower[k - 1].as_str()))
                || lower.get(k + 1).is_some_and(|n| n == "another")
                || !next_is_word);
        if pronoun {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while end < words.count()
            && words.joined(end - 1, end, true)
            && (is_number(end)
                || words.hyphened(end - 1, end)
                || (lower[end] == "and" && end + 1 < words.count() && is_number(end + 1)))
        {
            end += 1;
        }
        // Take in a compound's words before the number, too.
        while k > 0 && words.hyphened(k - 1, k) {
            k -= 1;
        }
        let range = words.span(k, end - 1);
        let all_numbers = (k..end).all(|n| is_number(n) || lower[n] == "and");
        let digits = if all_numbers {
            with_commas(phrase_value(&lower[k..end]))
        } else {
            let mut written = String::new();
            for (n, word) in lower.iter().enumerate().take(end).skip(k) {
                if n > k {
                    written.push_str(words.between(n - 1, n));
                }
                match number_value(word) {
                    Some(value) => written.push_str(&with_commas(value)),
                    None => written.push_str(words.written(n)),
                }
            }
            written
        };
        out.add(
            page.at(block, range.clone()),
            format!("`{}` is a number written in words", &words.text[range]),
            format!("write numbers as digits: {digits}"),
        );
        k = end;
    }
}

/// The number words, with their values.
const NUMBER_WORDS: [(&str, u64); 32] = [
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
];

/// Words before `one` that make it a pronoun, not a number (`no one`,
/// `the one`, `each one`).
const ONE_AS_PRONOUN: [&str; 16] = [
    "no", "any", "every", "some", "each", "this", "that", "the", "which", "another", "other",
    "little", "right", "wrong", "only", "loved",
];

/// The value of a number word in lowercase (`twenty` is 20).
pub(super) fn number_value(word: &str) -> Option<u64> {
    NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, v)| *v)
}

/// The value of number words read in order (`twenty one`, `two hundred`).
fn phrase_value(words: &[String]) -> u64 {
    let (mut total, mut current) = (0u64, 0u64);
    for word in words {
        let Some(value) = number_value(word) else {
            continue;
        };
        match value {
            100 => current = current.max(1) * 100,
            1_000.. => {
                total += current.max(1) * value;
                current = 0;
            }
            _ => current += value,
        }
    }
    total + current
}

/// Digits with commas between thousands (`1,000`).
fn with_commas(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_phrases_have_values() {
        let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(phrase_value(&words("twenty one")), 21);
        assert_eq!(phrase_value(&words("two hundred and five")), 205);
        assert_eq!(phrase_value(&words("three thousand")), 3000);
        assert_eq!(with_commas(1_000_000), "1,000,000");
    }
}
