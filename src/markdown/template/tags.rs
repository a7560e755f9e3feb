//! A first reading of a body's tags, before Tera parses it. It finds what
//! Tera would report at the end of the file, or not at all: a tag that is
//! never closed, blocks closed in the wrong order, tags a page may not use,
//! and nesting so deep that parsing it would exhaust the stack. It also
//! lists the tags, for [`super::prepare`] to put the sandbox's counters in.

use super::tokens::{tokens, Kind};
use super::TemplateProblem;
use crate::diagnostic::line_column;
use std::ops::Range;

/// How many blocks (`if`, `for`, `filter`, `set`) may be open inside one
/// another. Tera parses nested blocks by recursion; a page needs a few.
pub(super) const MAX_NESTED_BLOCKS: usize = 32;

/// The most operators, brackets and commas one tag may hold. Every one is
/// a step of work, and a value an operator makes may be as large as its
/// parts together: this bounds what one tag can make before the sandbox
/// sees it. A tag a page needs has a handful.
pub(super) const MAX_TAG_OPERATORS: usize = 100;

/// The block tags a page may open, each closed by `end` and its name
/// (`{% set name %}…{% endset %}` is a block too; `{% set name = … %}`
/// is not).
const BLOCKS: [&str; 4] = ["if", "for", "filter", "set"];

/// Tags a page may not use, why, and what to do instead.
const REFUSED: [(&str, &str, &str); 6] = [
    (
        "include",
        "a page cannot include other files",
        "write the text in the page; for words many pages share, put them in site.yaml's `params` and write {{ params.NAME }}",
    ),
    (
        "import",
        "a page cannot import macros from other files",
        "write the text in the page; for words many pages share, put them in site.yaml's `params` and write {{ params.NAME }}",
    ),
    (
        "extends",
        "a page cannot extend a template: its layout comes from its theme",
        "remove this tag; choose a layout with `kind:` in the front-matter, or change the theme (see docs/themes.md)",
    ),
    (
        "macro",
        "a page cannot define macros",
        "write the text out, or repeat it with {% for item in params.LIST %}…{% endfor %} over a list in site.yaml's `params`",
    ),
    (
        "block",
        "a page cannot have blocks: they belong in theme templates",
        "remove the `{% block %}` and its `{% endblock %}`, keeping the text between them",
    ),
    (
        "component",
        "a page cannot define components: they belong in theme templates",
        "write the text out, or repeat it with {% for item in params.LIST %}…{% endfor %} over a list in site.yaml's `params`",
    ),
];

/// A tag's opening, the close it needs, and what the tag is called in
/// messages.
const OPENINGS: [(&str, &str, &str); 3] = [
    ("{{", "}}", "`{{`"),
    ("{%", "%}", "`{%`"),
    ("{#", "#}", "`{#`"),
];

/// One tag of a body, as [`read`] found it.
#[derive(Debug)]
pub(super) struct Tag {
    /// Where the tag is in the body, from its `{` to after its `}`.
    pub span: Range<usize>,
    /// What kind of tag it is.
    pub kind: TagKind,
    /// Where its inside is: between the braces and any `-` next to them.
    pub inside: Range<usize>,
    /// Whether it ends with `-%}` or `-}}`, taking the space after it away.
    pub trims_after: bool,
}

/// What a [`Tag`] is.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum TagKind {
    /// `{{ … }}`: a value to write.
    Value,
    /// `{% for … %}`, with how many bytes of text its body holds (written
    /// again on every round).
    For {
        /// The bytes between the tag and its `{% endfor %}`.
        body_bytes: usize,
    },
    /// `{% set name = … %}` or `{% set_global name = … %}`, with where its
    /// `=` is.
    Set {
        /// The offset of the `=` in the body.
        equals: usize,
    },
    /// `{% set name %}…{% endset %}`, which keeps the text between.
    SetBlock,
    /// `{# … #}`.
    Comment,
    /// Any other `{% … %}`.
    Other,
    /// A `{#` that opens a heading id (`## Matching {#matching}`), which
    /// Tera would read as a comment.
    HeadingId,
}

/// Reads every tag of `text` and returns them, or the first problem,
/// placed at the tag it is about.
pub(super) fn read(text: &str) -> Result<Vec<Tag>, TemplateProblem> {
    let problem = |offset: usize, message: String, hint: String| TemplateProblem {
        message,
        place: Some(line_column(text, offset)),
        hint,
    };
    let mut tags: Vec<Tag> = Vec::new();
    // The blocks open here: name, offset, and the index of the tag.
    let mut open: Vec<(&str, usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        let rest = &text[start..];
        if rest.starts_with("{#") && is_heading_id_at(text, start) {
            tags.push(Tag {
                span: start..start + 2,
                kind: TagKind::HeadingId,
                inside: start + 2..start + 2,
                trims_after: false,
            });
            at = start + 2;
            continue;
        }
        let Some((opening, closing, called)) =
            OPENINGS.into_iter().find(|(o, _, _)| rest.starts_with(o))
        else {
            at = start + 1;
            continue;
        };
        // The close is looked for after the opening, so that `{%}` is an
        // unclosed `{%` and not an empty tag.
        let Some(inner_len) = rest[2..].find(closing) else {
            return Err(problem(
                start,
                format!("{called} is not closed with `{closing}`"),
                close_hint(opening),
            ));
        };
        let inside = &rest[2..2 + inner_len];
        if opening == "{{" && inside.contains("{{") {
            return Err(problem(
                start,
                "`{{` is not closed with `}}`".to_string(),
                close_hint(opening),
            ));
        }
        let end = start + 2 + inner_len + 2;
        at = end;
        if opening == "{#" {
            tags.push(Tag {
                span: start..end,
                kind: TagKind::Comment,
                inside: start + 2..end - 2,
                trims_after: false,
            });
            continue;
        }
        if operators(inside) > MAX_TAG_OPERATORS {
            return Err(problem(
                start,
                format!(
                    "this tag has more than {MAX_TAG_OPERATORS} operators, brackets and commas"
                ),
                "split it into shorter tags, keeping parts with {% set part = … %}".to_string(),
            ));
        }
        let trimmed_start = usize::from(inside.starts_with('-'));
        let trimmed_end = usize::from(inside.ends_with('-') && inside.len() > trimmed_start);
        let mut tag = Tag {
            span: start..end,
            kind: TagKind::Other,
            inside: start + 2 + trimmed_start..start + 2 + inner_len - trimmed_end,
            trims_after: trimmed_end == 1,
        };
        let name = tag_name(inside);
        let fors = tokens(inside)
            .iter()
            .filter(|token| {
                matches!(token.kind, Kind::Name(_)) && &inside[token.span.clone()] == "for"
            })
            .count();
        let comprehensions = fors.saturating_sub(usize::from(opening == "{%" && name == "for"));
        if comprehensions > 0 {
            return Err(problem(
                start,
                "a list made with `for` inside `[…]` is not available in a page".to_string(),
                "loop with {% for item in LIST %}…{% endfor %} instead".to_string(),
            ));
        }
        if opening == "{{" {
            tag.kind = TagKind::Value;
            tags.push(tag);
            continue;
        }
        if let Some((_, message, hint)) = REFUSED.iter().find(|(refused, _, _)| name == *refused) {
            return Err(problem(
                start,
                format!("`{{% {name} %}}` is not allowed in a page: {message}"),
                hint.to_string(),
            ));
        }
        if inside.trim_start_matches('-').trim_start().starts_with('<') {
            return Err(problem(
                start,
                "a page cannot call components: they belong in theme templates".to_string(),
                "write the text out in the page".to_string(),
            ));
        }
        let block = match name {
            "set" | "set_global" => match assignment(inside) {
                Some(equals) => {
                    tag.kind = TagKind::Set {
                        equals: start + 2 + equals,
                    };
                    None
                }
                None => {
                    tag.kind = TagKind::SetBlock;
                    Some("set")
                }
            },
            _ if BLOCKS.contains(&name) => Some(name),
            _ => None,
        };
        if let Some(block) = block {
            if open.len() == MAX_NESTED_BLOCKS {
                return Err(problem(
                    start,
                    format!("more than {MAX_NESTED_BLOCKS} blocks are open inside one another here"),
                    "close some of the `{% if %}`, `{% for %}` or `{% filter %}` tags before opening another".to_string(),
                ));
            }
            open.push((block, start, tags.len()));
        } else if name == "raw" {
            match text[at..].find("endraw") {
                Some(end) => at += end,
                None => {
                    return Err(problem(
                        start,
                        "`{% raw %}` is never closed".to_string(),
                        "add `{% endraw %}` where the text to show as it is ends".to_string(),
                    ))
                }
            }
        } else if let Some(wanted) = name.strip_prefix("end") {
            let opened = close_block(text, &mut open, wanted, start)?;
            if wanted == "for" {
                let for_tag: &mut Tag = &mut tags[opened];
                for_tag.kind = TagKind::For {
                    body_bytes: start - for_tag.span.end,
                };
            }
        }
        tags.push(tag);
    }
    match open.pop() {
        Some((name, opened, _)) => Err(problem(
            opened,
            format!("`{{% {name} %}}` is never closed"),
            format!("add `{{% end{name} %}}` where it should end"),
        )),
        None => Ok(tags),
    }
}

/// Whether the `{#` at `offset` is a heading id: the last `{#…}` at the
/// end of a heading line (`## Matching {#matching}`), not a comment.
fn is_heading_id_at(text: &str, offset: usize) -> bool {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let content = text[line_start..line_end].trim_end();
    content.trim_start().starts_with('#')
        && content.rfind("{#") == Some(offset - line_start)
        && is_heading_id(&content[offset - line_start..])
}

/// Whether `{#…}` is a heading id (`{#matching}`, `{#id .class}`), not a
/// Tera comment (`{# note #}`).
fn is_heading_id(attribute: &str) -> bool {
    let inner = &attribute[2..];
    inner.ends_with('}')
        && !inner.ends_with("#}")
        && inner
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '}')
        && !inner[..inner.len() - 1].contains(['{', '}'])
}

/// Where the `=` of `set name = …` is in a tag's inside, or `None` for a
/// `{% set name %}` block.
fn assignment(inside: &str) -> Option<usize> {
    let bytes = inside.as_bytes();
    let at = inside.find('=')?;
    let quoted_before = inside[..at].contains(['"', '\'', '`']);
    let is_comparison = bytes.get(at + 1) == Some(&b'=');
    (!quoted_before && !is_comparison).then_some(at)
}

/// The first word of a `{% … %}` tag's inside: `if`, `endfor`, `set`.
fn tag_name(inside: &str) -> &str {
    let word = inside.trim_start_matches('-').trim_start();
    let end = word
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .unwrap_or(word.len());
    &word[..end]
}

/// Counts the operators, brackets and commas in a tag's inside, outside
/// quotes: each symbol (`+`, `(`, `|`, `,`; `==` counts twice) and each of
/// the words `and`, `or`, `not`, `in` and `is`.
fn operators(inside: &str) -> usize {
    tokens(inside)
        .iter()
        .filter(|token| match token.kind {
            Kind::Symbol(c) => OPERATOR_SYMBOLS.contains(&c),
            Kind::Keyword => {
                ["and", "or", "not", "in", "is"].contains(&&inside[token.span.clone()])
            }
            _ => false,
        })
        .count()
}

/// The symbols [`operators`] counts.
const OPERATOR_SYMBOLS: [char; 15] = [
    '+', '-', '*', '/', '%', '~', '(', '[', '{', '|', '<', '>', '=', '!', ',',
];

/// How to close a tag that opens with `opening`.
fn close_hint(opening: &str) -> String {
    match opening {
        "{{" => "close it, as in {{ params.sessions_min }}; to show braces as they are, put them between {% raw %} and {% endraw %}",
        "{%" => "close the tag, as in {% if audience == \"easy-read\" %}; to show braces as they are, put them between {% raw %} and {% endraw %}",
        _ => "close the comment with `#}`; a heading id goes at the end of a heading line, as in ## Matching {#matching}",
    }
    .to_string()
}

/// Closes the innermost open block with `{% end<wanted> %}` at `offset`,
/// giving the index of its opening tag, or says why it cannot.
fn close_block(
    text: &str,
    open: &mut Vec<(&str, usize, usize)>,
    wanted: &str,
    offset: usize,
) -> Result<usize, TemplateProblem> {
    let place = Some(line_column(text, offset));
    match open.pop() {
        Some((name, _, tag)) if name == wanted => Ok(tag),
        Some((name, opened, _)) => {
            let (line, _) = line_column(text, opened);
            Err(TemplateProblem {
                message: format!(
                    "`{{% end{wanted} %}}` here does not match the `{{% {name} %}}` on line {line}"
                ),
                place,
                hint: format!("close the `{name}` with `{{% end{name} %}}` first"),
            })
        }
        None => Err(TemplateProblem {
            message: format!("`{{% end{wanted} %}}` here closes nothing"),
            place,
            hint: format!("remove it, or add the `{{% {wanted} … %}}` it closes"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(text: &str) -> Option<(String, (usize, usize))> {
        read(text).err().map(|p| (p.message, p.place.unwrap()))
    }

    fn check(text: &str) -> Option<TemplateProblem> {
        read(text).err()
    }

    #[test]
    fn a_tag_with_no_inside_is_unclosed_not_a_crash() {
        for text in ["{%}", "{{}", "{#}", "x {%-%", "{%}%"] {
            let (words, place) = message(text).unwrap_or_else(|| panic!("{text:?} passed"));
            assert!(words.contains("is not closed"), "{text:?}: {words}");
            assert_eq!(place.0, 1, "{text:?}");
        }
    }

    #[test]
    fn refused_tags_are_named_at_their_place() {
        let (words, place) = message("One\n\nSee {% include \"x.html\" %}\n").unwrap();
        assert!(words.contains("`{% include %}` is not allowed"), "{words}");
        assert_eq!(place, (3, 5));
        let (words, _) = message("{%- macro f(n) -%}{%- endmacro -%}").unwrap();
        assert!(words.contains("cannot define macros"), "{words}");
    }

    #[test]
    fn deep_nesting_is_refused_where_it_goes_too_deep() {
        let text = "{% if a %}\n".repeat(MAX_NESTED_BLOCKS + 1);
        let (words, place) = message(&text).unwrap();
        assert!(
            words.contains("blocks are open inside one another"),
            "{words}"
        );
        assert_eq!(place, (MAX_NESTED_BLOCKS + 1, 1));
    }

    #[test]
    fn long_chains_of_operators_are_refused_but_quoted_text_is_not_counted() {
        let chain = vec!["1"; MAX_TAG_OPERATORS + 2].join(" + ");
        let (words, place) = message(&format!("Intro\n{{{{ {chain} }}}}")).unwrap();
        assert!(words.contains("operators, brackets and commas"), "{words}");
        assert_eq!(place, (2, 1));
        let long_label = format!("{{{{ field(label=\"{}\") }}}}", "a + (b), | ".repeat(100));
        assert!(check(&long_label).is_none());
        let words = vec!["a"; MAX_TAG_OPERATORS + 2].join(" or ");
        assert!(check(&format!("{{% if {words} %}}{{% endif %}}")).is_some());
    }

    #[test]
    fn odd_text_never_panics() {
        let odd = [
            "{",
            "{{",
            "{%",
            "{#",
            "}",
            "%}",
            "{%-%}",
            "{{-}}",
            "{% %}",
            "{% if %}",
            "é{%é",
            "{%\u{E000}%}",
            "{% endraw",
            "{% raw %}{% endraw %}",
            "{%end%}",
            "{{ {{ }}",
            "{# {% if %} #}",
            "\u{1F600}{{\u{1F600}}}",
        ];
        for a in odd {
            for b in odd {
                let _ = check(&format!("{a}{b}"));
                let _ = check(&format!("{a}\n{b}x"));
            }
        }
        let _ = check(&"{".repeat(100_000));
        let _ = check(&format!("{{{{ {} }}}}", "x".repeat(100_000)));
        let _ = check(&format!("{{{{ \"{}", "(".repeat(100_000)));
    }
}
