//! Problems found in a site: one type for every error and warning, each
//! naming the file, line and column where it was found, what is wrong and,
//! where we can tell, how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

/// Whether a problem stops the build.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the build; the output folder is left as it was.
    Error,
    /// Printed, but the build goes on and exits 0.
    Warning,
}

/// One problem in a site, with where it was found.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub file: Option<PathBuf>,
    /// 1-based line in that file, where known.
    pub line: Option<usize>,
    /// 1-based column (in characters) in that line, where known.
    pub column: Option<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, where we can tell.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error about a whole file (or about no file when `file` is empty).
    pub fn error(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        let file = file.as_ref();
        Diagnostic {
            severity: Severity::Error,
            file: (!file.as_os_str().is_empty()).then(|| file.to_path_buf()),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning about a whole file (or about no file when `file` is empty).
    pub fn warning(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Places the problem at a line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Places the problem at a line and column when they are known.
    pub fn at_opt(self, place: Option<(usize, usize)>) -> Self {
        match place {
            Some((line, column)) => self.at(line, column),
            None => self,
        }
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this problem stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, as far as it is known.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?.display().to_string();
        Some(match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file,
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", escape_controls(&self.message, true))?;
        if let Some(location) = self.location() {
            writeln!(f, "  --> {}", escape_controls(&location, false))?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "   = hint: {}", escape_controls(hint, true))?;
        }
        Ok(())
    }
}

/// `text` with every character that could drive a terminal written out as
/// `\u{1b}`: a file name or key from the site may hold an escape sequence
/// that would otherwise recolour, move or retitle the reader's terminal.
/// Newlines stay when `newlines` is set (multi-line messages).
fn escape_controls(text: &str, newlines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| is_terminal_control(c) && !(newlines && c == '\n');
    if !text.contains(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Control characters (C0, DEL, C1) and the invisible marks that reverse
/// the direction of text, which can make a name read as another.
fn is_terminal_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Problems gathered across a whole build, so that all are reported at once.
#[derive(Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Records one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Records many problems.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(diagnostics);
    }

    /// Whether any problem stops the build.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The problems, errors first, then by file and place.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            (a.severity, &a.file, a.line, a.column, &a.message)
                .cmp(&(b.severity, &b.file, b.line, b.column, &b.message))
        });
        self.0.dedup();
        self.0
    }
}

/// An I/O error in words, without the operating system's error number.
pub fn io_words(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::InvalidData => "it is not UTF-8 text; save it as UTF-8".to_string(),
        std::io::ErrorKind::NotFound => "it does not exist".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

/// The 1-based line and column of a byte offset in a text.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The start of every line of a text, to turn many byte offsets into
/// lines and columns without counting from the top each time.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The 1-based line and column (in characters) of byte `offset`; the
    /// same as [`line_column`].
    pub fn place(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

/// Where `needle` first stands in `text`, as a 1-based line and column.
pub fn locate(text: &str, needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    text.find(needle).map(|offset| line_column(text, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_index_places_every_offset_as_line_column_does() {
        for text in ["first\nsé cond\nthird", "", "\n\nx\n", "no newline"] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    index.place(offset),
                    line_column(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn line_and_column_count_from_one_in_characters() {
        let text = "first\nsé cond\nthird";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, text.find("cond").unwrap()), (2, 4));
        assert_eq!(locate(text, "third"), Some((3, 1)));
        assert_eq!(locate(text, "absent"), None);
    }

    #[test]
    fn display_escapes_control_characters_but_keeps_newlines_in_messages() {
        let d = Diagnostic::error("content/\u{1b}[2Jx\n.md", "one\ntwo \u{9b}31m")
            .with_hint("a\u{7}b\u{202e}c");
        assert_eq!(
            d.to_string(),
            "error: one\ntwo \\u{9b}31m\n  --> content/\\u{1b}[2Jx\\u{a}.md\n   = hint: a\\u{7}b\\u{202e}c\n"
        );
    }

    #[test]
    fn display_names_file_line_column_and_hint() {
        let d = Diagnostic::error("content/a.md", "unknown key `titel`")
            .at(3, 1)
            .with_hint("did you mean `title`?");
        assert_eq!(
            d.to_string(),
            "error: unknown key `titel`\n  --> content/a.md:3:1\n   = hint: did you mean `title`?\n"
        );
    }
}
