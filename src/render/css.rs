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
        // CSS closes at the end of a file whatever is still open, so a
        // missing `}` is no parse error: the rules after it would quietly
        // apply only inside the block (say, only in print).
        if let Some((line, column)) = unclosed_block(&text) {
            problems.push(
                Diagnostic::error(&file.shown, "this `{` is never closed")
                    .at(line, column)
                    .with_hint(
                        "add the missing `}`: every rule after this one is inside its block",
                    ),
            );
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

/// Where the first `{` that is still open at the end of `css` is (line and
/// column, from 1), if one is; braces in comments and strings do not count.
fn unclosed_block(css: &str) -> Option<(usize, usize)> {
    let mut open: Vec<(usize, usize)> = Vec::new();
    let (mut line, mut column) = (1, 0);
    let mut chars = css.chars().peekable();
    let mut in_comment = false;
    let mut in_string: Option<char> = None;
    while let Some(c) = chars.next() {
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
        }
        if in_comment {
            if c == '*' && chars.peek() == Some(&'/') {
                chars.next();
                column += 1;
                in_comment = false;
            }
            continue;
        }
        if let Some(quote) = in_string {
            if c == '\\' {
                chars.next();
                column += 1;
            } else if c == quote || c == '\n' {
                in_string = None;
            }
            continue;
        }
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                column += 1;
                in_comment = true;
            }
            '"' | '\'' => in_string = Some(c),
            '{' => open.push((line, column)),
            '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.first().copied()
}

#[cfg(test)]
mod tests {
    use super::unclosed_block;

    #[test]
    fn a_block_left_open_is_found_where_it_opens() {
        let css =
            "a { color: red; }\n@media print {\n  .x { display: none; }\n.y { color: blue; }\n";
        assert_eq!(unclosed_block(css), Some((2, 14)));
    }

    #[test]
    fn braces_in_comments_and_strings_do_not_count() {
        let css = "/* { */ a::before { content: \"{\"; }\nb { content: '\\'{'; }\n";
        assert_eq!(unclosed_block(css), None);
        assert_eq!(unclosed_block("a { }\n"), None);
    }
}
