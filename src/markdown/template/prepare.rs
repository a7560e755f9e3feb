//! The body as Tera is given it. Tera 2 has no hook for the work a
//! template does, so the sandbox's counters are written into the body's
//! text before it is parsed, next to the tags they watch:
//!
//! - after each `{% for %}`, a call that counts the round and the text the
//!   loop's body writes again on it;
//! - around each `{{ value }}`, a filter that counts the text written;
//! - around each `{% set %}`, a filter that weighs the value kept.
//!
//! Two changes keep version 1's dialect: a `{#id}` heading id is hidden
//! from Tera (which would read it as a comment), and `list.0` becomes
//! `list[0]`. Every change is recorded, so that a place Tera reports in
//! the prepared text is placed back in the body as written.

use super::sandbox::{DEFINED, KEPT, MADE, ROUND};
use super::tags::{self, Tag, TagKind};
use super::tokens::{tokens, Kind, Token};
use super::version1::POSITIONAL_TESTS;
use super::TemplateProblem;
use std::ops::Range;

/// A body ready for Tera, and how to find its places in the body.
#[derive(Debug)]
pub(super) struct Prepared {
    /// The text Tera parses.
    pub text: String,
    /// Whether the body has template syntax: any tag but a heading id.
    pub has_template: bool,
    /// The changes, in the order of the body.
    edits: Vec<Edit>,
}

/// One change: `removed` bytes of the body at `at` became `inserted`.
#[derive(Debug)]
struct Edit {
    /// Where in the body.
    at: usize,
    /// How many of the body's bytes were replaced.
    removed: usize,
    /// Where in the prepared text the replacement starts.
    prepared_at: usize,
    /// How many bytes it has.
    inserted: usize,
    /// Where in the body to report a problem found inside the replacement:
    /// the tag the counter watches.
    report_at: usize,
}

impl Prepared {
    /// The offset in the body of `offset` in the prepared text.
    pub(super) fn body_offset(&self, offset: usize) -> usize {
        let before = self
            .edits
            .partition_point(|edit| edit.prepared_at <= offset);
        let Some(edit) = before.checked_sub(1).map(|i| &self.edits[i]) else {
            return offset;
        };
        let after = edit.prepared_at + edit.inserted;
        if offset < after {
            return edit.report_at;
        }
        edit.at + edit.removed + (offset - after)
    }
}

/// The text put where a heading id's `{#` was: the build's secret token and
/// a digit, which no body or value can hold (a shortcode's placeholder has
/// a letter there).
pub(super) fn heading_id_open() -> &'static str {
    static OPEN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    OPEN.get_or_init(|| format!("{}0", crate::markdown::token::token()))
}

/// Reads `body`'s tags, refusing what a page may not use, and prepares it
/// for Tera.
pub(super) fn prepare(body: &str) -> Result<Prepared, TemplateProblem> {
    let tags = tags::read(body)?;
    let mut builder = Builder {
        body,
        text: String::with_capacity(body.len() + tags.len() * 32),
        edits: Vec::with_capacity(tags.len() * 2),
        copied: 0,
    };
    for tag in &tags {
        builder.instrument(tag);
    }
    builder.copy_to(body.len());
    Ok(Prepared {
        has_template: tags.iter().any(|tag| tag.kind != TagKind::HeadingId),
        text: builder.text,
        edits: builder.edits,
    })
}

/// Writes the prepared text, copying the body between changes.
struct Builder<'b> {
    body: &'b str,
    text: String,
    edits: Vec<Edit>,
    /// How much of the body is copied or replaced so far.
    copied: usize,
}

impl Builder<'_> {
    /// Makes the changes one tag needs.
    fn instrument(&mut self, tag: &Tag) {
        let report_at = match tag.kind {
            // A loop's round is placed at its `for`.
            TagKind::For { .. } => {
                let inside = &self.body[tag.inside.clone()];
                tag.inside.start + (inside.len() - inside.trim_start().len())
            }
            _ => tag.span.start,
        };
        match tag.kind {
            TagKind::HeadingId => {
                self.replace(tag.span.clone(), heading_id_open(), report_at);
            }
            TagKind::Value => {
                if self.body[tag.inside.clone()].trim().is_empty() {
                    return;
                }
                self.replace(tag.inside.start..tag.inside.start, "(", report_at);
                self.rewrite_expression(tag.inside.clone(), report_at);
                self.replace(
                    tag.inside.end..tag.inside.end,
                    &format!(") | {MADE}"),
                    report_at,
                );
            }
            TagKind::For { body_bytes } => {
                self.rewrite_expression(tag.inside.clone(), report_at);
                let dash = if tag.trims_after { "-" } else { "" };
                let call = format!("{{{{{dash} {ROUND}(text={body_bytes}) {dash}}}}}");
                self.replace(tag.span.end..tag.span.end, &call, report_at);
            }
            TagKind::Set { equals } => {
                self.replace(equals + 1..equals + 1, " (", report_at);
                self.rewrite_expression(equals + 1..tag.inside.end, report_at);
                self.replace(
                    tag.inside.end..tag.inside.end,
                    &format!(") | {KEPT}"),
                    report_at,
                );
            }
            TagKind::SetBlock => {
                self.replace(
                    tag.inside.end..tag.inside.end,
                    &format!(" | {KEPT}"),
                    report_at,
                );
            }
            TagKind::Comment => {}
            TagKind::Other => self.rewrite_expression(tag.inside.clone(), report_at),
        }
    }

    /// Rewrites the names and numbers of an expression: `list.0` becomes
    /// `list[0]` (Tera 2 reads a digit after a dot as part of a number),
    /// and a name joined with `~` must exist (Tera 2 would join nothing in
    /// its place, where version 1 said the name is not set).
    fn rewrite_expression(&mut self, range: Range<usize>, report_at: usize) {
        let tokens = tokens(&self.body[range.clone()]);
        let mut edits: Vec<(Range<usize>, String)> = Vec::new();
        for (index, token) in tokens.iter().enumerate() {
            let Kind::Name(name) = token.kind else {
                continue;
            };
            if let Some(edit) = self.positional_test(&tokens, index, range.start) {
                edits.push(edit);
            }
            let before = index.checked_sub(1).map(|i| &tokens[i].kind);
            let after = tokens.get(index + 1).map(|t| &t.kind);
            let joined = matches!(before, Some(Kind::Symbol('~')))
                || matches!(after, Some(Kind::Symbol('~')));
            let is_name = !matches!(before, Some(Kind::Symbol('|')) | Some(Kind::Keyword))
                && !matches!(after, Some(Kind::Symbol('(' | '=')));
            let checked = joined && is_name && name;
            let start = range.start + token.span.start;
            if checked {
                edits.push((start..start, "(".to_string()));
            }
            let text = &self.body[start..range.start + token.span.end];
            let mut at = 0;
            while let Some(dot) = text[at..].find('.').map(|i| at + i) {
                let digits = text[dot + 1..]
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(text.len() - dot - 1);
                if digits > 0 && dot > 0 {
                    let index = &text[dot + 1..dot + 1 + digits];
                    edits.push((start + dot..start + dot + 1 + digits, format!("[{index}]")));
                }
                at = dot + 1 + digits;
            }
            if checked {
                let end = range.start + token.span.end;
                edits.push((end..end, format!(" | {DEFINED})")));
            }
        }
        for (span, with) in edits {
            self.replace(span, &with, report_at);
        }
    }

    /// The name version 1 let a test's one argument go without
    /// (`is containing("x")` is `is containing(pat="x")`), if the test at
    /// `index` needs it.
    fn positional_test(
        &self,
        tokens: &[Token],
        index: usize,
        base: usize,
    ) -> Option<(Range<usize>, String)> {
        let word = |i: usize| {
            tokens
                .get(i)
                .map(|t| &self.body[base + t.span.start..base + t.span.end])
        };
        let after_is = word(index.checked_sub(1)?) == Some("is")
            || (word(index.checked_sub(1)?) == Some("not")
                && word(index.checked_sub(2)?) == Some("is"));
        let name = word(index)?;
        let (_, argument) = POSITIONAL_TESTS.iter().find(|(test, _)| *test == name)?;
        let opens = tokens.get(index + 1)?.kind == Kind::Symbol('(');
        let named = tokens
            .get(index + 3)
            .is_some_and(|t| t.kind == Kind::Symbol('='));
        let empty = tokens
            .get(index + 2)
            .is_some_and(|t| t.kind == Kind::Symbol(')'));
        if !(after_is && opens) || named || empty {
            return None;
        }
        let at = base + tokens[index + 2].span.start;
        Some((at..at, format!("{argument}=")))
    }

    /// Copies the body up to `to`, unchanged.
    fn copy_to(&mut self, to: usize) {
        if to > self.copied {
            self.text.push_str(&self.body[self.copied..to]);
            self.copied = to;
        }
    }

    /// Puts `with` in place of the body's `range`.
    fn replace(&mut self, range: Range<usize>, with: &str, report_at: usize) {
        self.copy_to(range.start);
        self.edits.push(Edit {
            at: range.start,
            removed: range.len(),
            prepared_at: self.text.len(),
            inserted: with.len(),
            report_at,
        });
        self.text.push_str(with);
        self.copied = range.end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(body: &str) -> Prepared {
        prepare(body).expect("prepares")
    }

    #[test]
    fn values_sets_and_loops_get_their_counters() {
        let text =
            prepared("{{ a }} {% set b = a ~ a %}{% for x in b -%} {{- x }}{% endfor %}").text;
        assert_eq!(
            text,
            format!(
                "{{{{( a ) | {MADE}}}}} {{% set b = ( (a | {DEFINED}) ~ (a | {DEFINED}) ) | {KEPT}%}}{{% for x in b -%}}{{{{- {ROUND}(text=9) -}}}} {{{{-( x ) | {MADE}}}}}{{% endfor %}}"
            )
        );
    }

    #[test]
    fn a_dot_before_digits_becomes_an_index_but_a_number_does_not() {
        let text = prepared("{{ list.0 }} {{ list.10.name }} {{ 1.5 }} {{ \"a.0\" }}").text;
        assert!(text.contains("( list[0] )"), "{text}");
        assert!(text.contains("( list[10].name )"), "{text}");
        assert!(text.contains("( 1.5 )"), "{text}");
        assert!(text.contains("( \"a.0\" )"), "{text}");
    }

    #[test]
    fn a_test_s_one_argument_gets_its_name() {
        let text =
            prepared("{% if a is containing(\"x\") and 6 is not divisibleby(3) %}{% endif %}").text;
        assert!(text.contains("is containing(pat=\"x\")"), "{text}");
        assert!(text.contains("is not divisibleby(divisor=3)"), "{text}");
        let named = prepared("{% if a is starting_with(pat=\"x\") %}{% endif %}").text;
        assert!(named.contains("starting_with(pat=\"x\")"), "{named}");
    }

    #[test]
    fn heading_ids_are_hidden_but_comments_are_not() {
        let text = prepared("## Matching {#matching}\n{# note #}\n").text;
        assert_eq!(
            text,
            format!(
                "## Matching {}matching}}\n{{# note #}}\n",
                heading_id_open()
            )
        );
    }

    #[test]
    fn places_in_the_prepared_text_go_back_to_the_body() {
        let body = "Hi {{ list.0 }} and {{ name }}!";
        let prepared = prepared(body);
        let name = prepared.text.find("name").unwrap();
        assert_eq!(prepared.body_offset(name), body.find("name").unwrap());
        let counter = prepared.text.find(MADE).unwrap();
        assert_eq!(prepared.body_offset(counter), body.find("{{").unwrap());
        let end = prepared.text.find('!').unwrap();
        assert_eq!(prepared.body_offset(end), body.find('!').unwrap());
        assert_eq!(prepared.body_offset(0), 0);
    }
}
