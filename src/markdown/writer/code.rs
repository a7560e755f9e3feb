//! Code blocks: gathered whole, highlighted when their language is known,
//! with any fill-in field in them kept a field.

use super::BodyWriter;
use crate::markdown::shortcodes::find_field;
use crate::markdown::{highlight, token};
use pulldown_cmark::{CodeBlockKind, Event};

impl BodyWriter<'_> {
    /// Opens a code block; its text is gathered until it ends, to be
    /// highlighted whole.
    pub(super) fn start_code_block(&mut self, kind: CodeBlockKind) {
        let language = match kind {
            CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        self.code = Some((language, String::new()));
    }

    /// Writes the code block that ends here.
    pub(super) fn end_code_block(&mut self) {
        let Some((language, text)) = self.code.take() else {
            return;
        };
        if !(self.has_placeholders && text.contains(token())) {
            let label = self.phrases.get("code_label");
            self.push(Event::Html(code_block(&language, &text, label).into()));
            return;
        }
        // A field in code is a field still, between stretches of code.
        let (open, close) = code_block_tags(&language, self.phrases.get("code_label"));
        self.push(Event::Html(open.into()));
        let mut rest = text.as_str();
        while let Some((range, field)) = find_field(rest) {
            let before = code_html(&rest[..range.start], &language);
            self.push(Event::Html(before.into()));
            self.push_field(field);
            rest = &rest[range.end..];
        }
        self.push(Event::Html(code_html(rest, &language).into()));
        self.push(Event::Html(close.into()));
    }
}

/// A code block, highlighted when its language is known.
fn code_block(language: &str, code: &str, label: &str) -> String {
    let (open, close) = code_block_tags(language, label);
    format!("{open}{}{close}", code_html(code, language))
}

/// The tags around a code block. It can take focus, so keyboard users can
/// scroll it.
fn code_block_tags(language: &str, label: &str) -> (String, &'static str) {
    let class = if language.is_empty() {
        String::new()
    } else {
        format!(
            " class=\"language-{}\"",
            crate::util::html::escape_html(language)
        )
    };
    (
        format!(
            "<pre class=\"code\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><code{class}>",
            crate::util::html::escape_html(label)
        ),
        "</code></pre>\n",
    )
}

/// Code as HTML, highlighted when its language is known.
fn code_html(code: &str, language: &str) -> String {
    (!language.is_empty())
        .then(|| highlight::highlight(code, language))
        .flatten()
        .unwrap_or_else(|| crate::util::html::escape_html(code))
}
