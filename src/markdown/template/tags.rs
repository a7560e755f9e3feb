//! A first reading of a body's tags, before Tera parses it. It finds what
//! Tera would report at the end of the file, or not at all: a tag that is
//! never closed, blocks closed in the wrong order, tags a page may not use,
//! and nesting so deep that parsing it would exhaust the stack.

use super::TemplateProblem;
use crate::diagnostic::line_column;

/// How many blocks (`if`, `for`, `filter`) may be open inside one another.
/// Tera parses and renders nested blocks by recursion, so without a bound a
/// body of a few thousand `{% if %}` would overflow the stack and end the
/// build with a signal instead of an error.
pub(super) const MAX_NESTED_BLOCKS: usize = 32;

/// The most operators and brackets one tag may hold. Tera reads a chain of
/// operators (`1 + 1 + 1 …`) or brackets into a tree as deep as the chain is
/// long, and evaluates it by recursion: a few hundred overflow the stack.
/// A tag a page needs has a handful.
pub(super) const MAX_TAG_OPERATORS: usize = 100;

/// The block tags a page may open, each closed by `end` and its name.
const BLOCKS: [&str; 3] = ["if", "for", "filter"];

/// Tags a page may not use, why, and what to do instead.
const REFUSED: [(&str, &str, &str); 5] = [
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
];

/// A tag's opening, the close it needs, and what the tag is called in
/// messages.
const OPENINGS: [(&str, &str, &str); 3] = [
    ("{{", "}}", "`{{`"),
    ("{%", "%}", "`{%`"),
    ("{#", "#}", "`{#`"),
];

/// Reads every tag of `text` (a body whose heading ids are hidden) and
/// returns the first problem, placed at the tag it is about.
pub(super) fn check(text: &str) -> Option<TemplateProblem> {
    let problem = |offset: usize, message: String, hint: String| TemplateProblem {
        message,
        place: Some(line_column(text, offset)),
        hint,
    };
    let mut open: Vec<(&str, usize)> = Vec::new();
    let mut at = 0;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        let rest = &text[start..];
        let Some((opening, closing, called)) =
            OPENINGS.into_iter().find(|(o, _, _)| rest.starts_with(o))
        else {
            at = start + 1;
            continue;
        };
        // The close is looked for after the opening, so that `{%}` is an
        // unclosed `{%` and not an empty tag.
        let Some(inner_len) = rest[2..].find(closing) else {
            return Some(problem(
                start,
                format!("{called} is not closed with `{closing}`"),
                close_hint(opening),
            ));
        };
        let inside = &rest[2..2 + inner_len];
        if opening == "{{" && inside.contains("{{") {
            return Some(problem(
                start,
                "`{{` is not closed with `}}`".to_string(),
                close_hint(opening),
            ));
        }
        if opening != "{#" && operators(inside) > MAX_TAG_OPERATORS {
            return Some(problem(
                start,
                format!("this tag has more than {MAX_TAG_OPERATORS} operators and brackets"),
                "split it into shorter tags, keeping parts with {% set part = … %}".to_string(),
            ));
        }
        at = start + 2 + inner_len + 2;
        if opening != "{%" {
            continue;
        }
        let name = tag_name(inside);
        if let Some((_, message, hint)) = REFUSED.iter().find(|(refused, _, _)| name == *refused) {
            return Some(problem(
                start,
                format!("`{{% {name} %}}` is not allowed in a page: {message}"),
                hint.to_string(),
            ));
        }
        if BLOCKS.contains(&name) {
            if open.len() == MAX_NESTED_BLOCKS {
                return Some(problem(
                    start,
                    format!("more than {MAX_NESTED_BLOCKS} blocks are open inside one another here"),
                    "close some of the `{% if %}`, `{% for %}` or `{% filter %}` tags before opening another".to_string(),
                ));
            }
            open.push((name, start));
        } else if name == "raw" {
            match text[at..].find("endraw") {
                Some(end) => at += end,
                None => {
                    return Some(problem(
                        start,
                        "`{% raw %}` is never closed".to_string(),
                        "add `{% endraw %}` where the text to show as it is ends".to_string(),
                    ))
                }
            }
        } else if let Some(wanted) = name.strip_prefix("end") {
            if let Some(problem) = close_block(text, &mut open, wanted, start) {
                return Some(problem);
            }
        }
    }
    open.pop().map(|(name, opened)| {
        problem(
            opened,
            format!("`{{% {name} %}}` is never closed"),
            format!("add `{{% end{name} %}}` where it should end"),
        )
    })
}

/// The first word of a `{% … %}` tag's inside: `if`, `endfor`, `set`.
fn tag_name(inside: &str) -> &str {
    let word = inside.trim_start_matches('-').trim_start();
    let end = word
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .unwrap_or(word.len());
    &word[..end]
}

/// Counts the operators and brackets in a tag's inside, outside quotes:
/// each symbol (`+`, `(`, `|`, `==` counts twice) and each of the words
/// `and`, `or`, `not`, `in` and `is`.
fn operators(inside: &str) -> usize {
    let mut count = 0;
    let mut quote: Option<char> = None;
    let mut word = String::new();
    for c in inside.chars() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        if ["and", "or", "not", "in", "is"].contains(&word.as_str()) {
            count += 1;
        }
        word.clear();
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '+' | '-' | '*' | '/' | '%' | '~' | '(' | '[' | '|' | '<' | '>' | '=' | '!' => {
                count += 1
            }
            _ => {}
        }
    }
    count + usize::from(["and", "or", "not", "in", "is"].contains(&word.as_str()))
}

/// How to close a tag that opens with `opening`.
fn close_hint(opening: &str) -> String {
    match opening {
        "{{" => "close it, as in {{ params.sessions_min }}; to show braces as they are, put them between {% raw %} and {% endraw %}",
        "{%" => "close the tag, as in {% if audience == \"easy-read\" %}; to show braces as they are, put them between {% raw %} and {% endraw %}",
        _ => "close the comment with `#}`; a heading id goes at the end of a heading line, as in ## Matching {#matching}",
    }
    .to_string()
}

/// Closes the innermost open block with `{% end<wanted> %}` at `offset`, or
/// says why it cannot.
fn close_block(
    text: &str,
    open: &mut Vec<(&str, usize)>,
    wanted: &str,
    offset: usize,
) -> Option<TemplateProblem> {
    let place = Some(line_column(text, offset));
    match open.pop() {
        Some((name, _)) if name == wanted => None,
        Some((name, opened)) => {
            let (line, _) = line_column(text, opened);
            Some(TemplateProblem {
                message: format!(
                    "`{{% end{wanted} %}}` here does not match the `{{% {name} %}}` on line {line}"
                ),
                place,
                hint: format!("close the `{name}` with `{{% end{name} %}}` first"),
            })
        }
        None => Some(TemplateProblem {
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
        check(text).map(|p| (p.message, p.place.unwrap()))
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
        assert!(words.contains("operators and brackets"), "{words}");
        assert_eq!(place, (2, 1));
        let long_label = format!("{{{{ field(label=\"{}\") }}}}", "a + (b) | ".repeat(100));
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
