//! The Tera pass over a page's body, before it is read as Markdown: values
//! (`{{ params.sessions_min }}`), conditions on the audience, and the fill-in
//! shortcodes. Errors are placed at their line in the Markdown file.
//!
//! A body is untrusted (CI builds pull requests): [`tags`] refuses the tags
//! a page may not use before Tera parses it, and [`sandbox`] keeps Tera from
//! reading the build machine and bounds the work a page can ask for.

mod arithmetic;
mod sandbox;
mod tags;
mod wording;

use crate::diagnostic::{locate, Diagnostic};
use sandbox::{BoundedOutput, Refusal, Sandbox};
use std::cell::Cell;
use std::error::Error as _;
use std::panic::AssertUnwindSafe;
use std::sync::Once;

/// What stands for the `{#` of a heading id while Tera runs: the build's
/// secret token and a digit (a shortcode's placeholder has a letter there).
/// The token cannot be in the body or in any value Tera puts in it, so
/// only the ids hidden here are put back; a marker character could have
/// been typed into the body, and been put back as `{#` too.
fn heading_id_open() -> &'static str {
    static OPEN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    OPEN.get_or_init(|| format!("{}0", super::token::token()))
}

/// A problem in the body's template, placed at a line of the body.
#[derive(Debug)]
pub(crate) struct TemplateProblem {
    /// What is wrong.
    pub message: String,
    /// The 1-based line and column in the body, where known.
    pub place: Option<(usize, usize)>,
    /// How to fix it.
    pub hint: String,
}

impl TemplateProblem {
    /// As a diagnostic in `file`, whose body starts at line `first_line`.
    pub(crate) fn into_diagnostic(self, file: &std::path::Path, first_line: usize) -> Diagnostic {
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
pub(crate) fn needs_tera(body: &str) -> bool {
    has_tera_syntax(&protect_heading_ids(body))
}

/// Whether a body whose heading ids are hidden has Tera syntax.
fn has_tera_syntax(protected: &str) -> bool {
    protected.contains("{{") || protected.contains("{%") || protected.contains("{#")
}

/// Runs the Tera pass over `body`; a body with no Tera syntax is returned as
/// it is, without starting Tera. The body may use only what docs/content.md
/// lists, within the limits in [`sandbox`] and [`tags`].
pub(crate) fn expand(body: &str, context: &tera::Context) -> Result<String, TemplateProblem> {
    let protected = protect_heading_ids(body);
    if !has_tera_syntax(&protected) {
        return Ok(body.to_string());
    }
    if let Some(problem) = tags::check(&protected) {
        return Err(problem);
    }
    let sandbox = Sandbox::new();
    let rendered = without_panics(|| render(&protected, context, &sandbox)).unwrap_or_else(|()| {
        Err(RenderError::Placed(TemplateProblem {
            message: "signpost could not expand this page's template: the template engine failed on one of its `{{ }}` or `{% %}` tags".to_string(),
            place: None,
            hint: "change the tags you last edited until the page builds; this is a fault in signpost, so please report it with the page".to_string(),
        }))
    });
    match rendered {
        Ok(text) => Ok(restore_heading_ids(&text)),
        Err(RenderError::Placed(problem)) => Err(problem),
        Err(RenderError::Tera(error)) => Err(match sandbox.refusal() {
            Some(refusal) => refusal_problem(refusal, body),
            None => render_problem(&error, body),
        }),
    }
}

/// Why [`render`] failed.
enum RenderError {
    /// The body is not a valid template, or Tera panicked: a problem
    /// ready to report.
    Placed(TemplateProblem),
    /// Tera stopped while rendering, perhaps because the sandbox refused.
    Tera(tera::Error),
}

/// Parses the body (heading ids hidden), puts it in the sandbox and renders
/// it.
fn render(
    protected: &str,
    context: &tera::Context,
    sandbox: &Sandbox,
) -> Result<String, RenderError> {
    let mut tera = tera::Tera::default();
    super::shortcodes::register(&mut tera);
    sandbox.install(&mut tera);
    if let Err(error) = tera.add_raw_template(PAGE, protected) {
        return Err(RenderError::Placed(parse_problem(&error, protected)));
    }
    if let Some(template) = tera.templates.get_mut(PAGE) {
        sandbox::instrument(&mut template.ast);
    }
    let mut output = BoundedOutput::new(sandbox);
    tera.render_to(PAGE, context, &mut output)
        .map_err(RenderError::Tera)?;
    Ok(String::from_utf8_lossy(&output.bytes).into_owned())
}

/// The name the body has inside its Tera instance.
const PAGE: &str = "page";

thread_local! {
    /// Whether this thread is inside [`without_panics`], so that the panic
    /// hook stays quiet: the panic becomes an error naming the page.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `work`, turning a panic inside it into `Err`: a safety net for
/// panics inside Tera (a float it read as infinite was one, before the
/// sandbox), so that one odd page is an error naming it, not a crash. The
/// panic hook stays quiet meanwhile: the panic's own text is Rust's, not
/// words for a page's author.
fn without_panics<T>(work: impl FnOnce() -> T) -> Result<T, ()> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CATCHING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    CATCHING.with(|catching| catching.set(true));
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(work));
    CATCHING.with(|catching| catching.set(false));
    outcome.map_err(|_| ())
}

/// A sandbox refusal, placed at the first of its `near` texts found in the
/// body, or at the page when none is.
fn refusal_problem(refusal: Refusal, body: &str) -> TemplateProblem {
    let place = refusal.near.iter().find_map(|needle| locate(body, needle));
    TemplateProblem {
        message: refusal.message,
        place,
        hint: refusal.hint,
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
                out.push_str(heading_id_open());
                out.push_str(&line[at + 2..]);
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
    if !text.contains(heading_id_open()) {
        return text.to_string();
    }
    text.replace(heading_id_open(), "{#")
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
fn parse_problem(error: &tera::Error, body: &str) -> TemplateProblem {
    let all = messages(error).join("\n");
    let place = syntax_error_place(&all);
    if let Some(plain) = messages(error).last().and_then(|last| wording::plain(last)) {
        return plain_problem(plain, body);
    }
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

/// A Tera message said plainly, placed at what it names.
fn plain_problem(plain: wording::Plain, body: &str) -> TemplateProblem {
    TemplateProblem {
        place: plain.near.and_then(|near| locate(body, &near)),
        message: plain.message,
        hint: plain.hint,
    }
}

/// The function Tera names as failing (`Function call 'throw' failed`).
fn failed_function(chain: &[String]) -> Option<&str> {
    chain.iter().find_map(|message| {
        message
            .strip_prefix("Function call '")?
            .split_once("' failed")
            .map(|(name, _)| name)
    })
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
    if let Some(plain) = wording::plain(&detail) {
        return plain_problem(plain, body);
    }
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
    let called = failed_function(&chain);
    let place = needles
        .into_iter()
        .find_map(|needle| locate(body, &needle))
        .or_else(|| called.and_then(|name| locate(body, &format!("{name}("))));
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
    } else if called == Some("throw") {
        (
            detail.clone(),
            "the page stops the build on purpose with throw(…): do what it says, then remove the throw".to_string(),
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
    fn private_use_characters_come_through_as_written() {
        // U+E000 and U+E001 once hid heading ids from Tera.
        let body = "## A \u{E000}x\u{E001} {#a}\n\u{E000}b\u{E001} {{ params.sessions_min }}\n";
        assert_eq!(
            expand(body, &context()).unwrap(),
            "## A \u{E000}x\u{E001} {#a}\n\u{E000}b\u{E001} 4\n"
        );
    }

    #[test]
    fn heading_ids_survive_a_filter() {
        let body = "{% filter upper %}\n## Matching {#matching}\n{% endfilter %}\n";
        assert_eq!(
            expand(body, &context()).unwrap(),
            "\n## MATCHING {#MATCHING}\n\n"
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
    fn odd_bodies_never_panic_nor_reach_a_fault_in_tera() {
        let odd = [
            "{%}",
            "{{}}",
            "{#",
            "{% if %}",
            "{",
            "{%-%}",
            "{{-}}",
            "é",
            "\u{1F600}",
            "{% for x in y %}",
            "{% endfor %}",
            "{{ 1 / }}",
            "{{ x | }}",
            "#}",
            "%}",
            "}}",
            "{% raw %}",
            "{{ \"a\" ~ }}",
            "{{ [ }}",
            "## H {#id}",
            "\n",
        ];
        for a in odd {
            for b in odd {
                for body in [
                    format!("{a}{b}"),
                    format!("{a} x\n{b}"),
                    format!("{a}{}{b}", "y".repeat(5_000)),
                ] {
                    if let Err(problem) = expand(&body, &context()) {
                        assert!(
                            !problem.message.contains("could not expand"),
                            "{body:?}: {}",
                            problem.message
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_panic_while_expanding_is_caught() {
        assert_eq!(without_panics(|| 2 + 2), Ok(4));
        assert_eq!(without_panics(|| -> u8 { panic!("inside Tera") }), Err(()));
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
