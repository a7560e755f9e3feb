//! The Tera pass over a page's body, before it is read as Markdown: values
//! (`{{ params.sessions_min }}`), conditions on the audience, and the fill-in
//! shortcodes. Errors are placed at their line in the Markdown file.
//!
//! Bodies are Tera 2 templates, like the themes, run by one engine made
//! once for the whole build ([`engine`]). A body is untrusted (CI builds
//! pull requests): [`tags`] refuses the tags a page may not use before
//! Tera parses it, [`prepare`] writes the [`sandbox`]'s counters in beside
//! the tags they watch, and [`filters`] bounds Tera's filters that can make
//! far more than they are given.

mod filters;
mod prepare;
mod sandbox;
mod tags;
mod tokens;
mod version1;
mod wording;

use super::shortcodes::{self, Made};
use crate::diagnostic::{line_column, Diagnostic};
use prepare::{heading_id_open, Prepared};
use sandbox::Watch;
use std::cell::Cell;
use std::panic::AssertUnwindSafe;
use std::sync::{Once, OnceLock};

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

/// The engine that expands every page's body: the shortcodes, the
/// sandbox's functions and the bounded filters, registered once.
fn engine() -> &'static tera::Tera {
    static ENGINE: OnceLock<tera::Tera> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut tera = tera::Tera::new();
        shortcodes::register(&mut tera, Made::Placeholder);
        sandbox::install(&mut tera);
        filters::install(&mut tera);
        version1::install(&mut tera);
        tera
    })
}

/// Whether `body` has Tera syntax (values, tags or comments), so that it
/// may come out differently for each version. A heading id (`{#id}`) is
/// not Tera syntax.
pub(crate) fn needs_tera(body: &str) -> bool {
    if body.contains("{{") || body.contains("{%") {
        return true;
    }
    body.contains("{#")
        && tags::read(body).map_or(true, |tags| {
            tags.iter().any(|tag| tag.kind != tags::TagKind::HeadingId)
        })
}

/// Runs the Tera pass over `body`; a body with no Tera syntax is returned as
/// it is, without starting Tera. The body may use only what docs/content.md
/// lists, within the limits in [`sandbox`] and [`tags`].
pub(crate) fn expand(body: &str, values: &tera::Context) -> Result<String, TemplateProblem> {
    let prepared = prepare::prepare(body)?;
    if !prepared.has_template {
        return Ok(body.to_string());
    }
    let watch = Watch::start();
    let rendered = without_panics(|| engine().render_str(&prepared.text, values, false))
        .unwrap_or_else(|()| {
            Err(tera::Error::message(
                "signpost could not expand this page's template: the template engine failed on one of its `{{ }}` or `{% %}` tags",
            ))
        });
    match rendered {
        Ok(text) => Ok(restore_heading_ids(&text)),
        Err(error) => Err(match watch.refusal() {
            Some(refusal) => {
                let offset = error_offset(&error, &prepared);
                let near = offset.and_then(|at| {
                    let argument = refusal.argument?;
                    let tag_end = body[at..].find(['}', '%']).map_or(body.len(), |i| at + i);
                    body[at..tag_end].find(argument).map(|i| at + i)
                });
                TemplateProblem {
                    place: near.or(offset).map(|at| line_column(body, at)),
                    message: refusal.message,
                    hint: refusal.hint,
                }
            }
            None => problem(&error, &prepared, body),
        }),
    }
}

thread_local! {
    /// Whether this thread is inside [`without_panics`], so that the panic
    /// hook stays quiet: the panic becomes an error naming the page.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `work`, turning a panic inside it into `Err`: a safety net for
/// panics inside Tera, so that one odd page is an error naming it, not a
/// crash. The panic hook stays quiet meanwhile: the panic's own text is
/// Rust's, not words for a page's author.
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

/// Puts back the `{#` of the heading ids [`prepare`] hid.
fn restore_heading_ids(text: &str) -> String {
    if !text.contains(heading_id_open()) {
        return text.to_string();
    }
    text.replace(heading_id_open(), "{#")
}

/// The offset in the prepared text that Tera gives for `error`: the span
/// of a syntax or rendering error, or the `--> name:line:column` of the
/// report it writes for an unknown filter, test or function.
fn prepared_offset(error: &tera::Error, prepared: &str) -> Option<usize> {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report.span().range.start)
        }
        tera::ErrorKind::Msg(text) => {
            let (_, rest) = text.split_once("--> ")?;
            let rest = rest.lines().next()?;
            let mut numbers = rest.rsplitn(3, ':');
            let column: usize = numbers.next()?.trim().parse().ok()?;
            let line: usize = numbers.next()?.trim().parse().ok()?;
            let line_start = prepared
                .split_inclusive('\n')
                .take(line.checked_sub(1)?)
                .map(str::len)
                .sum::<usize>();
            let in_line = prepared[line_start..]
                .char_indices()
                .nth(column.checked_sub(1)?)
                .map_or(0, |(i, _)| i);
            Some(line_start + in_line)
        }
        _ => None,
    }
}

/// Where in the body `error` is, as an offset.
fn error_offset(error: &tera::Error, prepared: &Prepared) -> Option<usize> {
    prepared_offset(error, &prepared.text).map(|at| prepared.body_offset(at))
}

/// What Tera says went wrong, without its report's drawing of the source.
fn tera_message(error: &tera::Error) -> String {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            report.message().to_string()
        }
        tera::ErrorKind::Msg(text) => text
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ")
            .to_string(),
        _ => error.to_string(),
    }
}

/// A Tera error as a problem for the page's author.
fn problem(error: &tera::Error, prepared: &Prepared, body: &str) -> TemplateProblem {
    let detail = tera_message(error);
    let offset = error_offset(error, prepared);
    let place = offset.map(|at| line_column(body, at));
    let syntax = matches!(error.kind(), tera::ErrorKind::SyntaxError(_));
    if let Some(plain) = wording::plain(&detail, syntax, body, offset) {
        return TemplateProblem {
            place: plain.at.map(|at| line_column(body, at)).or(place),
            message: plain.message,
            hint: plain.hint,
        };
    }
    let detail = wording::plain_kinds(&detail);
    if syntax {
        return TemplateProblem {
            message: format!("template syntax error: {detail}"),
            place,
            hint: "check the `{{ }}` and `{% %}` tags here; to show braces as they are, put them between {% raw %} and {% endraw %}".to_string(),
        };
    }
    TemplateProblem {
        message: detail,
        place,
        hint: "see docs/content.md for what a page may use".to_string(),
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
