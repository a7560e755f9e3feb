//! Problems found in a site: one type for every error and warning, each
//! naming the file, line and column where it was found, what is wrong and,
//! where we can tell, how to fix it.
//!
//! What a problem is about beyond its words lives in fields, never in the
//! message: the check rule that found it ([`Diagnostic::rule`]), what was
//! being rendered ([`Diagnostic::context`]), a second place
//! ([`Diagnostic::related`]), and no file at all (`file` is `None`, made
//! by `Diagnostic::general`). Code can then group, merge and show
//! problems without reading their text.
//!
//! Problems are gathered in one way: code that finds problems as it goes
//! pushes them into a `Diagnostics` (taking `&mut Diagnostics` when its
//! caller gathers them); a `Vec<Diagnostic>` is only ever a result handed
//! back, such as the `Err` of a step that failed, and is made with
//! `Diagnostics::into_sorted` or holds the one problem that stopped it.

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
    /// The name of the `signpost check` rule that found it, if one did
    /// (`easy-read/numbers`), so that reports can sort and filter by rule
    /// without reading it out of the message.
    pub rule: Option<String>,
    /// What was being rendered when the problem came up (`the generated
    /// home page`), kept apart from the message so that problems alike
    /// but for it can be told and merged.
    pub context: Option<String>,
    /// A second place the problem involves, such as the other file of a
    /// clash.
    pub related: Option<Place>,
}

/// A second place a problem involves, with a short label saying what is
/// there.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Place {
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line in that file, where known.
    pub line: Option<usize>,
    /// 1-based column (in characters) in that line, where known.
    pub column: Option<usize>,
    /// What is there, in a few words (`the other page with this address`).
    pub label: String,
}

impl Place {
    /// A place in `file`, labelled; placed at a line and column by
    /// [`Place::at`].
    pub(crate) fn new(file: impl Into<PathBuf>, label: impl Into<String>) -> Self {
        Place {
            file: file.into(),
            line: None,
            column: None,
            label: label.into(),
        }
    }

    /// `file:line:column`, as far as it is known.
    pub(crate) fn location(&self) -> String {
        location(&self.file, self.line, self.column)
    }
}

/// `file:line:column`, as far as it is known.
fn location(file: &Path, line: Option<usize>, column: Option<usize>) -> String {
    let file = file.display();
    match (line, column) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
        (Some(l), None) => format!("{file}:{l}"),
        _ => file.to_string(),
    }
}

impl Diagnostic {
    /// An error about a whole file. `file` must name one: an empty path is
    /// a bug in the caller (it would be shown as a place that is nowhere),
    /// and panics in debug builds; a problem with no file is made by
    /// [`Diagnostic::general`].
    pub(crate) fn error(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        let file = file.as_ref();
        debug_assert!(
            !file.as_os_str().is_empty(),
            "a problem with no file is made by Diagnostic::general"
        );
        Diagnostic {
            file: Some(file.to_path_buf()),
            ..Diagnostic::general(message)
        }
    }

    /// An error about no file in particular (the output folder cannot be
    /// written, no browser to print PDFs with).
    pub(crate) fn general(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            rule: None,
            context: None,
            related: None,
        }
    }

    /// A warning about a whole file; `file` must name one, as for
    /// [`Diagnostic::error`].
    pub(crate) fn warning(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Places the problem at a line and column.
    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Places the problem at a line and column when they are known.
    pub(crate) fn at_opt(self, place: Option<(usize, usize)>) -> Self {
        match place {
            Some((line, column)) => self.at(line, column),
            None => self,
        }
    }

    /// Adds a hint on how to fix the problem.
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Names the `signpost check` rule that found the problem.
    pub(crate) fn with_rule(mut self, rule: impl Into<String>) -> Self {
        self.rule = Some(rule.into());
        self
    }

    /// Says what was being rendered when the problem came up.
    pub(crate) fn with_context(mut self, context: impl Into<String>) -> Self {
        self.context = Some(context.into());
        self
    }

    /// Adds a second place the problem involves.
    pub(crate) fn with_related(mut self, related: Place) -> Self {
        self.related = Some(related);
        self
    }

    /// Whether this problem stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, as far as it is known.
    pub(crate) fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        Some(location(file, self.line, self.column))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", escape_controls(&self.message, true))?;
        if let Some(context) = &self.context {
            write!(f, " (while rendering {})", escape_controls(context, false))?;
        }
        if let Some(rule) = &self.rule {
            write!(f, " [{}]", escape_controls(rule, false))?;
        }
        writeln!(f)?;
        if let Some(location) = self.location() {
            writeln!(f, "  --> {}", escape_controls(&location, false))?;
        }
        if let Some(related) = &self.related {
            writeln!(
                f,
                "  --> {} ({})",
                escape_controls(&related.location(), false),
                escape_controls(&related.label, false)
            )?;
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
pub(crate) struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Records one problem.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Records many problems.
    pub(crate) fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(diagnostics);
    }

    /// Whether any problem stops the build.
    pub(crate) fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The problems, errors first, then by file and place.
    pub(crate) fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            (
                a.severity, &a.file, a.line, a.column, &a.message, &a.rule, &a.context,
            )
                .cmp(&(
                    b.severity, &b.file, b.line, b.column, &b.message, &b.rule, &b.context,
                ))
        });
        self.0.dedup();
        self.0
    }
}

/// An I/O error in words, without the operating system's error number.
pub(crate) fn io_words(error: &std::io::Error) -> String {
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
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
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

/// Where `needle` first stands in `text`, as a 1-based line and column.
pub(crate) fn locate(text: &str, needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    text.find(needle).map(|offset| line_column(text, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_general_problem_has_no_file_and_no_location_line() {
        let d = Diagnostic::general("the output folder cannot be written");
        assert_eq!(d.file, None);
        assert!(d.is_error());
        assert_eq!(
            d.to_string(),
            "error: the output folder cannot be written\n"
        );
    }

    /// An empty path is a caller's mistake, not a way to say "no file":
    /// that is what `general` is for.
    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "Diagnostic::general")]
    fn an_error_about_an_empty_path_is_a_bug() {
        let _ = Diagnostic::error("", "the output folder cannot be written");
    }

    #[test]
    fn display_ends_the_message_with_the_rule() {
        let d = Diagnostic::warning("content/a.md", "`two` is a number written in words")
            .at(4, 9)
            .with_rule("easy-read/numbers")
            .with_hint("write numbers as digits: 2");
        assert_eq!(d.rule.as_deref(), Some("easy-read/numbers"));
        assert_eq!(d.message, "`two` is a number written in words");
        assert_eq!(
            d.to_string(),
            "warning: `two` is a number written in words [easy-read/numbers]\n  --> content/a.md:4:9\n   = hint: write numbers as digits: 2\n"
        );
    }

    #[test]
    fn display_says_what_was_being_rendered() {
        let d = Diagnostic::error("themes/t/page.html", "unknown variable `titel`")
            .at(2, 5)
            .with_context("content/a.md");
        assert_eq!(d.context.as_deref(), Some("content/a.md"));
        assert_eq!(d.message, "unknown variable `titel`");
        assert_eq!(
            d.to_string(),
            "error: unknown variable `titel` (while rendering content/a.md)\n  --> themes/t/page.html:2:5\n"
        );
    }

    #[test]
    fn display_gives_the_related_place_a_line_of_its_own() {
        let d = Diagnostic::error("content/a.md", "two pages have the address `/a/`")
            .at(1, 1)
            .with_related(Place {
                line: Some(3),
                column: Some(7),
                ..Place::new("content/b.md", "the other page")
            })
            .with_hint("give one a different `slug`");
        assert_eq!(
            d.to_string(),
            "error: two pages have the address `/a/`\n  --> content/a.md:1:1\n  --> content/b.md:3:7 (the other page)\n   = hint: give one a different `slug`\n"
        );
        let unplaced = Place::new("content/\u{1b}b.md", "other\nfile");
        assert_eq!(unplaced.location(), "content/\u{1b}b.md");
        let shown = Diagnostic::general("clash")
            .with_related(unplaced)
            .to_string();
        assert_eq!(
            shown,
            "error: clash\n  --> content/\\u{1b}b.md (other\\u{a}file)\n"
        );
    }

    #[test]
    fn problems_alike_but_for_their_rule_are_both_kept() {
        let mut all = Diagnostics::default();
        let base = Diagnostic::warning("content/a.md", "same words").at(1, 1);
        all.push(base.clone().with_rule("easy-read/numbers"));
        all.push(base.clone().with_rule("easy-read/capitals"));
        all.push(base.clone().with_rule("easy-read/numbers"));
        let rules: Vec<_> = all.into_sorted().into_iter().map(|d| d.rule).collect();
        assert_eq!(
            rules,
            [
                Some("easy-read/capitals".to_string()),
                Some("easy-read/numbers".to_string())
            ]
        );
    }
}
