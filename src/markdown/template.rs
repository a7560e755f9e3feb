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
            .at_opt(self.place.map(|(line, column)| (line + first_line - 1, column)))
            .with_hint(self.hint)
    }
}

/// Runs the Tera pass over `body`; a body with no Tera syntax is returned as
/// it is, without starting Tera.
pub fn expand(body: &str, context: &tera::Context) -> Result<String, TemplateProblem> {
    let protected = protect_heading_ids(body);
    if !(protected.contains("{{") || protected.contains("{%") || protected.contains("{#")) {
        return Ok(restore_heading_ids(&protected));
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
        && inner.chars().next().is_some_and(|c| !c.is_whitespace() && c != '}')
        && !inner[..inner.len() - 1].contains(['{', '}'])
}

fn restore_heading_ids(text: &str) -> String {
    if !text.contains(ID_OPEN) {
        return text.to_string();
    }
    text.replace(ID_OPEN, "{#").replace(ID_CLOSE, "}")
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

/// A syntax error: Tera gives the place as `--> line:column`.
fn parse_problem(error: &tera::Error) -> TemplateProblem {
    let all = messages(error).join("\n");
    let place = all.split_once("--> ").and_then(|(_, rest)| {
        let (line, rest) = rest.split_once(':')?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.trim().parse().ok()?, column.parse().ok()?))
    });
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
    let detail = detail.split(" while rendering").next().unwrap_or(&detail).to_string();
    let named: Vec<&str> = detail.split('`').skip(1).step_by(2).collect();
    let place = named
        .iter()
        .flat_map(|name| [format!("{name}="), format!("{name}(")])
        .chain(named.iter().map(|name| name.to_string()))
        .find_map(|needle| locate(body, &needle));
    let hint = if detail.contains("not found in context") {
        "the values a page can use are `site`, `params`, `page` and `audience`; check the name against site.yaml"
    } else if detail.contains("Function") && detail.contains("not found") {
        "the shortcodes are field, date, signature and checkbox"
    } else {
        "see the content guide (docs/content.md) for what a page may use"
    };
    TemplateProblem { message: detail, place, hint: hint.to_string() }
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
        assert_eq!(expand(body, &context()).unwrap(), "At least 4 sessions.\nEasy\n");
    }

    #[test]
    fn heading_ids_are_not_comments() {
        let body = "## Matching {#matching}\n{# a comment #}Text\n";
        assert_eq!(expand(body, &context()).unwrap(), "## Matching {#matching}\nText\n");
    }

    #[test]
    fn unknown_variable_is_placed_at_its_line() {
        let problem = expand("One\n\nTwo {{ params.sesions }}\n", &context()).unwrap_err();
        assert!(problem.message.contains("params.sesions"), "{}", problem.message);
        assert_eq!(problem.place, Some((3, 8)));
    }

    #[test]
    fn syntax_error_is_placed_at_its_line() {
        let problem = expand("One\n{% if audience %}\nno end\n", &context()).unwrap_err();
        assert!(problem.message.starts_with("template syntax error"), "{}", problem.message);
        assert!(problem.place.is_some());
    }
}
