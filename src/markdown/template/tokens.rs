//! The tokens of a tag's inside, as far as signpost reads them before
//! Tera does: names (with their dots), the operator words, literals, and
//! single symbols, each with where it is. [`super::tags`] counts operators
//! and finds lists made with `for` with them; [`super::prepare`] finds the
//! names and tests it rewrites.

use std::ops::Range;

/// One token, and where it is in the text it was read from.
#[derive(Debug)]
pub(super) struct Token {
    /// What it is.
    pub kind: Kind,
    /// Where it is.
    pub span: Range<usize>,
}

/// What a [`Token`] is.
#[derive(Debug, PartialEq)]
pub(super) enum Kind {
    /// A name or a dotted path (`params.list.0`); `true` unless it is one
    /// of Tera's literal words (`true`, `none`…).
    Name(bool),
    /// A word that is an operator (`and`, `is`…).
    Keyword,
    /// A number, or quoted text.
    Literal,
    /// Any other character outside quotes.
    Symbol(char),
}

/// The words that are operators, or parts of `x if c else y`.
const KEYWORDS: [&str; 7] = ["and", "or", "not", "in", "is", "if", "else"];

/// The tokens of `text`; white space between them is left out.
pub(super) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let kind = if matches!(c, '"' | '\'' | '`') {
            for (_, next) in chars.by_ref() {
                if next == c {
                    break;
                }
            }
            Kind::Literal
        } else if c.is_alphanumeric() || c == '_' {
            while chars
                .next_if(|&(_, next)| next.is_alphanumeric() || next == '_' || next == '.')
                .is_some()
            {}
            let end = chars.peek().map_or(text.len(), |&(i, _)| i);
            let word = &text[start..end];
            if c.is_ascii_digit() {
                Kind::Literal
            } else if KEYWORDS.contains(&word) {
                Kind::Keyword
            } else {
                Kind::Name(!["true", "false", "none", "True", "False", "None"].contains(&word))
            }
        } else if c.is_whitespace() {
            continue;
        } else {
            Kind::Symbol(c)
        };
        let end = chars.peek().map_or(text.len(), |&(i, _)| i);
        out.push(Token {
            kind,
            span: start..end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_dots_and_quoted_text_is_one_token() {
        let text = "params.list.0 is containing(\"a, b\") and 1.5";
        let found = tokens(text);
        let read: Vec<(&Kind, &str)> = found
            .iter()
            .map(|t| (&t.kind, &text[t.span.clone()]))
            .collect();
        assert_eq!(
            read,
            [
                (&Kind::Name(true), "params.list.0"),
                (&Kind::Keyword, "is"),
                (&Kind::Name(true), "containing"),
                (&Kind::Symbol('('), "("),
                (&Kind::Literal, "\"a, b\""),
                (&Kind::Symbol(')'), ")"),
                (&Kind::Keyword, "and"),
                (&Kind::Literal, "1.5"),
            ]
        );
    }
}
