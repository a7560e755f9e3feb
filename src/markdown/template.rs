//! The Tera pass over a page's body, before it is read as Markdown: values
//! (`{{ params.sessions_min }}`), conditions on the audience, and the fill-in
//! shortcodes. Errors are placed at their line in the Markdown file.

use crate::diagnostic::{locate, Diagnostic};
use std::error::Error as _;

const ID_OPEN: char = '\u{E000}';
const ID_CLOSE: char = '\u{E001}';

/// A problem in the body's template, placed at a line of the body.
#[derive(Debug)]
pub struct TemplateProblem {
    /// What is wrong.
    pub message: String,
    /// The 1-based line and column in the body, where known.
    pub place: Option<(usize, usize)>,
    /// How to fix it.
    pub hint: String,
}

impl TemplateProblem {
    /// As a diagnostic in `file`, whose body starts at line `first_line`.
    pub fn into_diagnostic(self, file: &std::path::Path, first_line: usize) -> Diagnostic {
        Diagnostic::error(file, self.message)
            .at_opt(
                self.place
                    .map(|(line, column)| (line + first_line - 1, column)),
            )
            .with_hint(self.hint)
    }
}

/// Whether `body` has Tera syntax (values, tags or comments), so that it
/// may come out differently for each version.
pub fn needs_tera(body: &str) -> bool {
    has_tera_syntax(&protect_heading_ids(body))
}

/// Whether a body whose heading ids are hidden has Tera syntax.
fn has_tera_syntax(protected: &str) -> bool {
    protected.contains("{{") || protected.contains("{%") || protected.contains("{#")
}

/// Runs the Tera pass over `body`; a body with no Tera syntax is returned as
/// it is, without starting Tera.
pub fn expand(body: &str, context: &tera::Context) -> Result<String, TemplateProblem> {
    let protected = protect_heading_ids(body);
    if !has_tera_syntax(&protected) {
        return Ok(body.to_string());
    }
    if let Some(problem) = unclosed(&protected) {
        return Err(problem);
    }
    let mut tera = tera::Tera::default();
    super::shortcodes::register(&mut tera);
    if let Err(error) = tera.add_raw_template("page", &protected) {
        return Err(parse_problem(&error));
    }
    match tera.render("page", context) {
        Ok(text) => Ok(restore_heading_ids(&text)),
        Err(error) => Err(render_problem(&error, body)),
    }
}

/// Hides a `{#id}` at the end of a heading line from Tera, which would read
/// it as the start of a comment.
fn protect_heading_ids(body: &str) -> String {
    if !body.contains("{#") {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        let content = line.trim_end();
        let is_heading = content.trim_start().starts_with('#');
        match content.rfind("{#") {
            Some(at) if is_heading && is_heading_id(&content[at..]) => {
                out.push_str(&content[..at]);
                out.push(ID_OPEN);
                out.push_str(&content[at + 2..content.len() - 1]);
                out.push(ID_CLOSE);
                out.push_str(&line[content.len()..]);
            }
            _ => out.push_str(line),
        }
    }
    out
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

fn restore_heading_ids(text: &str) -> String {
    if !text.contains(ID_OPEN) {
        return text.to_string();
    }
    text.replace(ID_OPEN, "{#").replace(ID_CLOSE, "}")
}

/// Finds a `{{` with no `}}`, or a block tag (`{% if %}`, `{% for %}`…)
/// that is never closed or closed by the wrong tag, and names its line:
/// Tera's own message for these points at the end of the file.
fn unclosed(text: &str) -> Option<TemplateProblem> {
    let place = |offset: usize| Some(crate::diagnostic::line_column(text, offset));
    let mut open: Vec<(&str, usize)> = Vec::new();
    let mut at = 0;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        let rest = &text[start..];
        if let Some(inside) = rest.strip_prefix("{{") {
            let close = rest.find("}}");
            let reopen = inside.find("{{").map(|i| i + 2);
            if close.is_none() || reopen.is_some_and(|r| close.is_some_and(|c| r < c)) {
                return Some(TemplateProblem {
                    message: "`{{` is not closed with `}}`".to_string(),
                    place: place(start),
                    hint: "close it, as in {{ params.sessions_min }}; to show braces as they are, put them between {% raw %} and {% endraw %}".to_string(),
                });
            }
            at = start + close.unwrap_or(2) + 2;
        } else if rest.starts_with("{%") {
            let Some(close) = rest.find("%}") else {
                return Some(TemplateProblem {
                    message: "`{%` is not closed with `%}`".to_string(),
                    place: place(start),
                    hint: "close the tag, as in {% if audience == \"easy-read\" %}".to_string(),
                });
            };
            let tag = rest[2..close]
                .trim_start_matches('-')
                .split_whitespace()
                .next()
                .unwrap_or("");
            at = start + close + 2;
            match tag {
                "if" | "for" | "filter" | "macro" | "block" => open.push((tag, start)),
                "raw" => match text[at..].find("endraw") {
                    Some(end) => at += end,
                    None => open.push((tag, start)),
                },
                _ if tag.starts_with("end") => {
                    let wanted = &tag[3..];
                    match open.pop() {
                        Some((name, _)) if name == wanted => {}
                        Some((name, opened)) => {
                            let (line, _) = crate::diagnostic::line_column(text, opened);
                            return Some(TemplateProblem {
                                message: format!("`{{% {tag} %}}` here does not match the `{{% {name} %}}` on line {line}"),
                                place: place(start),
                                hint: format!("close the `{name}` with `{{% end{name} %}}` first"),
                            });
                        }
                        None => {
                            return Some(TemplateProblem {
                                message: format!("`{{% {tag} %}}` here closes nothing"),
                                place: place(start),
                                hint: format!(
                                    "remove it, or add the `{{% {wanted} ... %}}` it closes"
                                ),
                            });
                        }
                    }
                }
                _ => {}
            }
        } else {
            at = start + 1;
        }
    }
    open.pop().map(|(name, opened)| TemplateProblem {
        message: format!("`{{% {name} %}}` is never closed"),
        place: place(opened),
        hint: format!("add `{{% end{name} %}}` where it should end"),
    })
}

/// The whole chain of messages in a Tera error.
fn messages(error: &tera::Error) -> Vec<String> {
    let mut out = vec![error.to_string()];
    let mut source = error.source();
    while let Some(inner) = source {
        out.push(inner.to_string());
        source = inner.source();
    }
    out
}

/// The place Tera gives a syntax error, as `--> line:column`.
fn syntax_error_place(text: &str) -> Option<(usize, usize)> {
    let (_, rest) = text.split_once("--> ")?;
    let (line, rest) = rest.split_once(':')?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// A syntax error: Tera gives the place as `--> line:column`.
fn parse_problem(error: &tera::Error) -> TemplateProblem {
    let all = messages(error).join("\n");
    let place = syntax_error_place(&all);
    let expected = all
        .lines()
        .find_map(|l| l.trim().strip_prefix("= "))
        .unwrap_or("the template syntax is not valid");
    TemplateProblem {
        message: format!("template syntax error: {expected}"),
        place,
        hint: "check the `{{ }}` and `{% %}` tags here; to show braces as they are, put them between {% raw %} and {% endraw %}".to_string(),
    }
}

/// An error while rendering: Tera gives no place, so we look for what the
/// message names (the variable, the function) in the body.
fn render_problem(error: &tera::Error, body: &str) -> TemplateProblem {
    let chain = messages(error);
    let detail = chain.last().cloned().unwrap_or_default();
    let detail = detail
        .split(" while rendering")
        .next()
        .unwrap_or(&detail)
        .to_string();
    // Tera quotes names with backticks or single quotes.
    let named: Vec<&str> = detail
        .split(['`', '\''])
        .skip(1)
        .step_by(2)
        .filter(|name| !name.is_empty())
        .collect();
    // An argument (`colour=`) is a surer place than its function's name.
    let needles = named
        .iter()
        .map(|name| format!("{name}="))
        .chain(named.iter().map(|name| format!("{name}(")))
        .chain(named.iter().map(|name| name.to_string()));
    let place = needles.into_iter().find_map(|needle| locate(body, &needle));
    let first = named.first().copied().unwrap_or_default();
    let (message, hint) = if detail.contains("not found in context") {
        let hint = if first.starts_with("params.") {
            "add it under `params:` in site.yaml, or check its spelling there".to_string()
        } else {
            "a page can use `site`, `params`, `page` and `audience`; check the name".to_string()
        };
        (format!("`{first}` is not set"), hint)
    } else if detail.starts_with("Function") && detail.contains("not found") {
        let nearest = ["field", "date", "signature", "checkbox"]
            .into_iter()
            .min_by_key(|known| strsim::levenshtein(first, known))
            .filter(|known| strsim::levenshtein(first, known) <= 2);
        let hint = match nearest {
            Some(known) => format!("did you mean `{known}`?"),
            None => "the shortcodes are field, date, signature and checkbox".to_string(),
        };
        (format!("there is no shortcode or function `{first}`"), hint)
    } else if named
        .first()
        .is_some_and(|n| ["field", "date", "signature", "checkbox"].contains(n))
    {
        (
            detail.clone(),
            "see the list of shortcodes and their arguments in docs/content.md".to_string(),
        )
    } else {
        (
            detail.clone(),
            "see docs/content.md for what a page may use".to_string(),
        )
    };
    TemplateProblem {
        message,
        place,
        hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> tera::Context {
        let mut context = tera::Context::new();
        context.insert("params", &serde_json::json!({ "sessions_min": 4 }));
        context.insert("audience", "easy-read");
        context
    }

    #[test]
    fn values_and_conditions_are_filled_in() {
        let body = "At least {{ params.sessions_min }} sessions.\n{% if audience == \"easy-read\" %}Easy{% endif %}\n";
        assert_eq!(
            expand(body, &context()).unwrap(),
            "At least 4 sessions.\nEasy\n"
        );
    }

    #[test]
    fn heading_ids_are_not_comments() {
        let body = "## Matching {#matching}\n{# a comment #}Text\n";
        assert_eq!(
            expand(body, &context()).unwrap(),
            "## Matching {#matching}\nText\n"
        );
    }

    #[test]
    fn unknown_variable_is_placed_at_its_line() {
        let problem = expand("One\n\nTwo {{ params.sesions }}\n", &context()).unwrap_err();
        assert_eq!(problem.message, "`params.sesions` is not set");
        assert_eq!(problem.place, Some((3, 8)));
    }

    #[test]
    fn unclosed_tags_are_placed_where_they_open() {
        let problem = expand("One\n{% if audience %}\nno end\n", &context()).unwrap_err();
        assert_eq!(problem.message, "`{% if %}` is never closed");
        assert_eq!(problem.place, Some((2, 1)));
        let problem = expand("One\nTwo {{ params.x\n", &context()).unwrap_err();
        assert_eq!(problem.place, Some((2, 5)));
        let problem = expand("{% for x in y %}{% endif %}", &context()).unwrap_err();
        assert!(
            problem.message.contains("does not match"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn syntax_error_is_placed_at_its_line() {
        let problem = expand("One\n{{ 1 + }}\n", &context()).unwrap_err();
        assert!(
            problem.message.starts_with("template syntax error"),
            "{}",
            problem.message
        );
        assert_eq!(problem.place.map(|p| p.0), Some(2));
    }
}
