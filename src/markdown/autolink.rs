//! Phone numbers and email addresses in a page's words, found so that
//! they become `tel:` and `mailto:` links: a reader on a phone taps the
//! number to call it. Emails are found by `linkify`; UK phone numbers by
//! [`phone_at`], which knows the shapes UK numbers are written in
//! (`0300 123 4567`, `020 7946 0000`, `01632 960 000`, `+44 20 7946 0000`,
//! `+44 (0)20 7946 0000`, `(020) 7946 0000`).

use linkify::{LinkFinder, LinkKind};
use std::ops::Range;

/// A phone number or email address found in some words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// Where it is in the words.
    pub range: Range<usize>,
    /// Where its link goes: `tel:+443001234567` or `mailto:name@example.org`.
    pub href: String,
}

/// The phone numbers and email addresses in `words`, in order, none
/// overlapping another.
pub(crate) fn find(words: &str) -> Vec<Found> {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Email]);
    let emails: Vec<Found> = finder
        .links(words)
        .map(|link| Found {
            range: link.start()..link.end(),
            href: format!("mailto:{}", link.as_str()),
        })
        .collect();
    let mut found = Vec::with_capacity(emails.len());
    let mut from = 0;
    for email in emails {
        found.extend(phones(words, from..email.range.start));
        from = email.range.end;
        found.push(email);
    }
    found.extend(phones(words, from..words.len()));
    found
}

/// The phone numbers in `words[within]`.
fn phones(words: &str, within: Range<usize>) -> Vec<Found> {
    let mut found = Vec::new();
    let mut at = within.start;
    while at < within.end {
        // A number starts `0`, `+44` or `(0`: skip to the next of these.
        match words[at..within.end].find(['0', '+', '(']) {
            Some(offset) => at += offset,
            None => break,
        }
        let can_start = words[..at]
            .chars()
            .next_back()
            .is_none_or(|before| !before.is_alphanumeric() && !"+/.-_@£$€#&".contains(before));
        let candidate = can_start
            .then(|| phone_at(&words[at..within.end]))
            .flatten();
        match candidate {
            Some((len, href)) => {
                found.push(Found {
                    range: at..at + len,
                    href,
                });
                at += len;
            }
            None => at += words[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    found
}

/// What may stand between two groups of a phone number's digits.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '\u{a0}' | '\u{202f}')
}

/// The UK phone number that `text` starts with: its length in bytes and
/// its `tel:` address (in international form, `tel:+44…`). A number is
/// `0` and 9 or 10 more digits, or `+44` (with `(0)` or not) and 9 or 10
/// digits, in groups parted by single spaces or hyphens; the first group
/// may be in brackets. Anything that runs on into more digits or letters
/// (a reference number, a product code) is not a phone number.
pub(crate) fn phone_at(text: &str) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    // The national significant number's digits: the number without its
    // leading 0 or +44.
    let mut digits = String::new();
    let bracketed;
    if let Some(rest) = text.strip_prefix("+44") {
        at = 3;
        if let Some(sep) = rest.chars().next().filter(|c| is_separator(*c)) {
            at += sep.len_utf8();
        }
        if text[at..].starts_with("(0)") {
            at += 3;
            if let Some(sep) = text[at..].chars().next().filter(|c| is_separator(*c)) {
                at += sep.len_utf8();
            }
        }
        bracketed = false;
    } else {
        bracketed = text.starts_with("(0");
        at += usize::from(bracketed) + 1;
        if !text[at - 1..].starts_with('0') {
            return None;
        }
        // `00` starts an international call, not a UK number.
        if !bytes.get(at).is_some_and(|b| (b'1'..=b'9').contains(b)) {
            return None;
        }
    }
    let mut closed = !bracketed;
    loop {
        let group: String = text[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if group.is_empty() || digits.len() + group.len() > 10 {
            return None;
        }
        digits.push_str(&group);
        at += group.len();
        if !closed {
            if !text[at..].starts_with(')') {
                return None;
            }
            at += 1;
            closed = true;
        }
        // Another group follows only after one separator.
        let mut next = text[at..].chars();
        let more = match (next.next(), next.next()) {
            (Some(sep), Some(digit)) if is_separator(sep) && digit.is_ascii_digit() => {
                Some(sep.len_utf8())
            }
            _ => None,
        };
        match more {
            Some(sep) if digits.len() < 9 => at += sep,
            Some(sep) => {
                // Nine or ten digits and more to come: one more group may
                // make ten, else the digits run on past a phone number.
                let group_len = text[at + sep..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .count();
                if digits.len() + group_len > 10 {
                    return None;
                }
                at += sep;
            }
            None => break,
        }
    }
    let runs_on = text[at..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '@');
    if runs_on || !(9..=10).contains(&digits.len()) {
        return None;
    }
    Some((at, format!("tel:+44{digits}")))
}

/// The `tel:` address for a phone number as site.yaml writes it: the UK
/// number in international form, or, for one [`phone_at`] does not know,
/// its `+` and digits.
pub(crate) fn tel_href(phone: &str) -> String {
    let phone = phone.trim();
    match phone_at(phone) {
        Some((len, href)) if len == phone.len() => href,
        _ => {
            let kept: String = phone
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            format!("tel:{kept}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of each thing found in `words`, with its address.
    fn found(words: &str) -> Vec<(&str, String)> {
        find(words)
            .into_iter()
            .map(|f| (&words[f.range], f.href))
            .collect()
    }

    #[test]
    fn uk_numbers_as_people_write_them_are_found() {
        for (written, href) in [
            ("0300 123 4567", "tel:+443001234567"),
            ("020 7946 0000", "tel:+442079460000"),
            ("01632 960 000", "tel:+441632960000"),
            ("01632 960000", "tel:+441632960000"),
            ("0100 000 0123", "tel:+441000000123"),
            ("07700 900123", "tel:+447700900123"),
            ("0800 123 456", "tel:+44800123456"),
            ("0300-123-4567", "tel:+443001234567"),
            ("03001234567", "tel:+443001234567"),
            ("(020) 7946 0000", "tel:+442079460000"),
            ("+44 20 7946 0000", "tel:+442079460000"),
            ("+44 (0)20 7946 0000", "tel:+442079460000"),
            ("+443001234567", "tel:+443001234567"),
        ] {
            let words = format!("Call {written}, any day.");
            assert_eq!(found(&words), [(written, href.to_string())], "{written}");
        }
    }

    #[test]
    fn numbers_that_are_not_phones_are_left_alone() {
        for words in [
            "In 2026 there were 1,200 people.",
            "Reference 0123 4567 8901 2345 on the form.",
            "Product code AB0300 123 4567.",
            "0300 123 45678 is too long.",
            "0300 123 is too short.",
            "Dial 00 44 20 7946 0000 from abroad.",
            "Version 0.300 1234 567.",
            "Room 0300123456789.",
            "Between 0300  123 4567 (two spaces).",
            "Pay £0300 123 4567.",
        ] {
            assert_eq!(found(words), [], "{words}");
        }
    }

    #[test]
    fn emails_and_phones_are_found_together_in_order() {
        assert_eq!(
            found("Email mentoring@harbourside.example or ring 0100 000 0123."),
            [
                (
                    "mentoring@harbourside.example",
                    "mailto:mentoring@harbourside.example".to_string()
                ),
                ("0100 000 0123", "tel:+441000000123".to_string()),
            ]
        );
        // The digits of an address are not a phone number.
        assert_eq!(
            found("Write to 03001234567@texts.example."),
            [(
                "03001234567@texts.example",
                "mailto:03001234567@texts.example".to_string()
            )]
        );
    }

    #[test]
    fn a_contact_phone_becomes_a_tel_address() {
        assert_eq!(tel_href("0100 000 0123"), "tel:+441000000123");
        assert_eq!(tel_href(" +44 (0)20 7946 0000 "), "tel:+442079460000");
        assert_eq!(tel_href("+1 555 0100 ext. 2"), "tel:+155501002");
    }
}
