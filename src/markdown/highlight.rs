//! Syntax highlighting for fenced code blocks that name a language, with
//! CSS classes (`hl-…`) so that each theme's style sheet sets the colours.

use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The code as highlighted HTML (without the `<pre>`), or `None` when the
/// language is not known.
pub(crate) fn highlight(code: &str, language: &str) -> Option<String> {
    let syntaxes = syntaxes();
    let syntax = syntaxes.find_syntax_by_token(language)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// The CSS for the highlighting classes from syntect's InspiredGitHub
/// theme. Some of its colours are too pale for WCAG AA, so the base theme's
/// style sheet, which comes after it, sets darker ones.
pub(crate) fn css() -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(|| {
        let themes = syntect::highlighting::ThemeSet::load_defaults();
        themes
            .themes
            .get("InspiredGitHub")
            .and_then(|theme| syntect::html::css_for_theme_with_class_style(theme, STYLE).ok())
            .unwrap_or_default()
    })
}
