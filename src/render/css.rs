//! A theme's `style.css`: its style sheets checked, joined and minified
//! with lightningcss.

use super::theme::{Theme, STYLE_SHEETS};
use crate::diagnostic::{Diagnostic, Diagnostics};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};

/// The minified style sheet of a theme, with `first` (the highlighting
/// classes) before the theme's own sheets.
pub(crate) fn bundle(theme: &Theme, first: &str) -> Result<String, Vec<Diagnostic>> {
    let mut problems = Diagnostics::default();
    // The theme's own sheets come last, so they can override what comes first.
    let mut joined = format!("{first}\n");
    for name in STYLE_SHEETS {
        let Some(file) = theme.files.get(name) else {
            continue;
        };
        let text = String::from_utf8_lossy(&file.bytes);
        // Parse each file alone, so that an error names its own file and line.
        if let Err(error) = StyleSheet::parse(&text, ParserOptions::default()) {
            let mut diagnostic =
                Diagnostic::error(&file.shown, format!("CSS error: {}", error.kind));
            if let Some(loc) = &error.loc {
                diagnostic = diagnostic.at(loc.line as usize + 1, loc.column as usize);
            }
            problems.push(diagnostic);
            continue;
        }
        joined.push_str(&text);
        joined.push('\n');
    }
    if problems.has_errors() {
        return Err(problems.into_sorted());
    }
    let minified = StyleSheet::parse(&joined, ParserOptions::default())
        .map_err(|e| e.to_string())
        .and_then(|mut sheet| {
            sheet
                .minify(MinifyOptions::default())
                .map_err(|e| e.to_string())?;
            sheet
                .to_css(PrinterOptions {
                    minify: true,
                    ..PrinterOptions::default()
                })
                .map(|out| out.code)
                .map_err(|e| e.to_string())
        });
    minified.map_err(|message| {
        vec![Diagnostic::error(
            format!("themes/{}", theme.name),
            format!("the theme's style sheets cannot be joined: {message}"),
        )]
    })
}
